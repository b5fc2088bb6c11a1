import { assertEquals, assertThrows } from "../testing/assert.ts";
import { tableCsv } from "../data/table_csv.ts";
import { HSS_SCHEMA } from "../data/schemas/hss.ts";
import { PRIVACY_RISKS_SCHEMA } from "../data/schemas/privacy_risks.ts";
import { parseHss } from "./read_hss.ts";
import { readPrivacy } from "./read_privacy.ts";

Deno.test("parseHss reads hss.csv with its schema: typed score, tier, indicators, group tier", () => {
  const rows = parseHss(tableCsv([
    {
      server: "a.lab",
      hss: 91.5,
      tier: "high",
      indicators: "shared-key;burst",
      top_evidence: "shared key; burst",
      operator_group: "g1",
      group_tier: "high",
    },
    {
      server: "b.lab",
      hss: 0,
      tier: "benign",
      indicators: "",
      top_evidence: "no indicator",
      operator_group: null,
      group_tier: null,
    },
  ], HSS_SCHEMA));
  assertEquals(rows, [
    {
      server: "a.lab",
      hss: 91.5,
      tier: "high",
      indicators: ["shared-key", "burst"],
      evidence: "shared key; burst",
      group: "g1",
      groupTier: "high",
    },
    {
      server: "b.lab",
      hss: 0,
      tier: "benign",
      indicators: [],
      evidence: "no indicator",
      group: null,
      groupTier: null,
    },
  ]);
  // A header that is not the schema's, or a tier outside the closed set, is refused.
  assertThrows(() => parseHss("server,score\na,1\n"), TypeError, "header does not match");
  assertThrows(
    () =>
      parseHss(
        "server,hss,tier,indicators,top_evidence,operator_group,group_tier\na,1,HIGH,,x,,\n",
      ),
    TypeError,
    "tier",
  );
});

Deno.test("readPrivacy is null without the risk table and reads the tables with their schemas", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assertEquals(await readPrivacy(dir), null);
    await Deno.writeTextFile(
      `${dir}/privacy_risks.csv`,
      tableCsv([{
        risk: "timing leaks",
        measure: "payment to server",
        value: 5,
        unit: "ms",
        denominator: "1 payment",
        measured_on: "real wallet",
        meaning: "first seen is the payment",
      }], PRIVACY_RISKS_SCHEMA),
    );
    assertEquals(await readPrivacy(dir), {
      risks: [{
        risk: "timing leaks",
        measure: "payment to server",
        value: 5,
        unit: "ms",
        denominator: "1 payment",
        measuredOn: "real wallet",
        meaning: "first seen is the payment",
      }],
      recommendations: null,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
