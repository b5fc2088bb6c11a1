import { assertEquals, assertThrows } from "../testing/assert.ts";
import { parseHss } from "./read_hss.ts";
import { readPrivacy, textRows } from "./read_privacy.ts";

Deno.test("parseHss reads server, score, tier, evidence and group tier by loose column names", () => {
  const rows = parseHss(
    "server,hss,tier,top evidence,operator_group,group tier\n" +
      'a.lab,0.91,HIGH,"shared key; burst",g1,High\n' +
      "b.lab,,benign,,,\n",
  );
  assertEquals(rows, [
    {
      server: "a.lab",
      hss: 0.91,
      tier: "high",
      evidence: "shared key; burst",
      group: "g1",
      groupTier: "high",
    },
    { server: "b.lab", hss: null, tier: "benign", evidence: "", group: null, groupTier: null },
  ]);
  assertThrows(() => parseHss("server,score\na,1\n"), TypeError, "no hss column");
});

Deno.test("textRows snake-cases the header and decodes cells; readPrivacy is null without the risk table", async () => {
  assertEquals(textRows('Risk,What it means\nxpub leakage,"a, b"\n'), [
    { risk: "xpub leakage", what_it_means: "a, b" },
  ]);
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(await readPrivacy(dir), null);
    await Deno.writeTextFile(`${dir}/privacy_risks.csv`, "risk,value\ntiming leaks,3 s\n");
    assertEquals(await readPrivacy(dir), {
      risks: [{ risk: "timing leaks", value: "3 s" }],
      recommendations: null,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
