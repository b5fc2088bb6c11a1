import { assert, assertEquals } from "../testing/assert.ts";
import { NETNS_MARKER, testArgs, testEnv } from "./test_runner.ts";

Deno.test("testArgs enables the op and resource sanitizers and tests lib/ by default", () => {
  const args = testArgs([]);
  assertEquals(args.slice(0, 4), ["test", "-A", "--sanitize-ops", "--sanitize-resources"]);
  assert(args.includes("lib/"), args.join(" "));
});

Deno.test("testArgs keeps the default folders for a filter and replaces them for a path", () => {
  const filtered = testArgs(["--filter", "dial"]);
  assert(
    filtered.includes("--filter") && filtered.includes("dial") && filtered.includes("lib/"),
    filtered.join(" "),
  );
  const pathed = testArgs(["lib/report/"]);
  assertEquals(pathed.at(-1), "lib/report/");
  assert(!pathed.includes("lib/"));
});

Deno.test("testEnv fixes the time zone and forbids live network mode", () => {
  assertEquals(testEnv(false).TZ, "UTC");
  assertEquals(testEnv(false).OBS_FORBID_LIVE, "1");
  assertEquals(testEnv(true)[NETNS_MARKER], "1");
  assertEquals(testEnv(false)[NETNS_MARKER], undefined);
});

Deno.test({
  name: "tests in the private network namespace see only loopback interfaces",
  ignore: !Deno.env.get(NETNS_MARKER),
  fn() {
    const interfaces = Deno.networkInterfaces();
    assertEquals(interfaces.filter((i) => i.name !== "lo"), []);
  },
});
