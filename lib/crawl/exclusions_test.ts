import { assertEquals, assertThrows } from "../testing/assert.ts";
import { listedRefusal } from "../net/dial.ts";
import { checkBlock, LIVE_EXCLUSIONS_URL, loadExclusions, parseExclusions } from "./exclusions.ts";

Deno.test("parseExclusions: one block per line, comments and blank lines skipped, a bad line named by number", () => {
  const text = "# opt-outs\n\n192.0.2.0/24   # asked by mail\n  2001:db8::/32\r\n198.51.100.7\n";
  assertEquals(parseExclusions(text), ["192.0.2.0/24", "2001:db8::/32", "198.51.100.7"]);
  assertThrows(
    () => parseExclusions("192.0.2.0/24\n192.0.2.0/33\n", "x.conf"),
    RangeError,
    'x.conf:2: "192.0.2.0/33"',
  );
  assertThrows(() => parseExclusions("example.com\n", "x.conf"), RangeError, "x.conf:1");
  assertThrows(
    () => parseExclusions("192.0.2.0/24 198.51.100.0/24\n", "x.conf"),
    RangeError,
    "one address or CIDR block per line",
  );
  assertThrows(() => checkBlock("10.0.0.0/8x", "OBS_DENY"), RangeError, 'OBS_DENY: "10.0.0.0/8x"');
});

Deno.test("live_exclusions.conf: parses; the lists refuse an address of each block and leave a public one", async () => {
  const blocks = await loadExclusions(LIVE_EXCLUSIONS_URL);
  assertEquals(blocks.length > 20, true);
  for (const b of blocks) {
    const reason = listedRefusal(b.split("/")[0], { mode: "live", deny: blocks });
    assertEquals(reason?.includes("deny list"), true, b);
  }
  assertEquals(listedRefusal("8.8.8.8", { mode: "live", deny: blocks }), null);
  assertEquals(listedRefusal("2a01:4f8::1", { mode: "live", deny: blocks }), null);
});
