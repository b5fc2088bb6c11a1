import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { projectPath } from "../data/paths.ts";
import { readCsv } from "../data/read_csv.ts";
import { PRIVACY_RISKS_SCHEMA } from "../data/schemas/privacy_risks.ts";
import { PRIVACY_RECOMMENDATIONS_SCHEMA } from "../data/schemas/privacy_recommendations.ts";
import { loadPrivacyInputs } from "./load_privacy_inputs.ts";
import { riskTable } from "./risk_table.ts";
import { recommendationTable } from "./recommendation_table.ts";
import { writePrivacyTables } from "./write_privacy_tables.ts";

Deno.test("writePrivacyTables writes both tables by their schemas; each number reads back with its unit and denominator", async () => {
  const inputs = await loadPrivacyInputs({ dataDir: projectPath("data") });
  const risks = riskTable(inputs, { clients: 1_000, random: seededRandom(1) });
  const recs = recommendationTable(inputs, { clients: 1_000, random: seededRandom(2) });
  const dir = await Deno.makeTempDir({ prefix: "privacy-tables-" });
  try {
    const files = await writePrivacyTables(risks, recs, { dir });
    assertEquals(files.risks, `${dir}/privacy_risks.csv`);
    const r = await readCsv(files.risks, PRIVACY_RISKS_SCHEMA);
    assertEquals(r.length, risks.length);
    assertEquals(r.map((x) => x.value), risks.map((x) => x.value));
    assertEquals(r.map((x) => x.measured_on), risks.map((x) => x.source));
    const c = await readCsv(files.recommendations, PRIVACY_RECOMMENDATIONS_SCHEMA);
    assertEquals(
      c.map((x) => [x.before, x.after, x.verdict]),
      recs.map((x) => [x.before, x.after, x.verdict]),
    );
    for (const row of [...r, ...c]) {
      assert(typeof row.unit === "string" && row.unit !== "", `no unit: ${JSON.stringify(row)}`);
      assert(
        typeof row.denominator === "string" && row.denominator !== "",
        `no denominator: ${JSON.stringify(row)}`,
      );
      // A share measured on something counted (not a rule read from the client's source).
      const counted = row.measured_on !== "client source";
      if (counted && ["share", "precision", "recall"].includes(String(row.unit))) {
        assert(/\d/.test(String(row.denominator)), `a share out of no count: ${row.measure}`);
      }
    }
    // The simulated-client rows name the clients the table was computed for.
    assert(r.some((x) => x.denominator === "1000 simulated clients"));
    // A value that is not a number is refused, naming the column.
    await assertRejects(
      () => writePrivacyTables([{ ...risks[0], value: NaN }], recs, { dir }),
      TypeError,
      "value",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
