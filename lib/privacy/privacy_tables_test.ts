/**
 * The risk and recommendation tables on the committed transcripts and the committed lab scan
 * (`data/`): every risk is measured, the real-wallet numbers are the transcripts' facts, and each
 * verdict follows from its numbers.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { projectPath } from "../data/paths.ts";
import { loadPrivacyInputs } from "./load_privacy_inputs.ts";
import { riskTable } from "./risk_table.ts";
import { recommendationTable } from "./recommendation_table.ts";

const inputs = () => loadPrivacyInputs({ dataDir: projectPath("data") });

Deno.test("riskTable measures all six risks, with the real wallet's facts", async () => {
  const rows = riskTable(await inputs(), { clients: 2_000, random: seededRandom(1) });
  assertEquals(new Set(rows.map((r) => r.risk)).size, 6);
  const v = (m: string) => rows.find((r) => r.measure.startsWith(m))!.value;
  assertEquals(v("share of the wallet's addresses the main server learns"), 1);
  assertEquals(v("unused (gap-window) addresses"), 28);
  assertEquals(v("requests carrying an extended public key"), 0);
  assertEquals(v("addresses the main learns differently for the watch-only"), 0);
  assertEquals(v("servers that learn the whole wallet in one session"), 1);
  assertEquals(v("servers that learn the whole wallet when the main dies"), 2);
  assertEquals(v("servers that saw the client's own address over Tor"), 0);
  assertEquals(v("clients whose address reaches any group through Tor"), 0);
  assertEquals(v("servers that received the payment's broadcast"), 1);
  assertEquals(v("connections whose release class is read"), 1);
  assertEquals(v("broadcasts on the connection carrying the wallet's addresses"), 1);
  // Two wallets of 30 and 44 addresses merged into one group: (435 + 946) / 2701 pairs.
  assert(Math.abs(v("two wallets in one daemon") - 1381 / 2701) < 1e-4);
  for (const r of rows.filter((r) => r.unit === "share")) {
    assert(r.value >= 0 && r.value <= 1, `${r.measure}: ${r.value}`);
  }
});

Deno.test("recommendationTable: Tor hides the address but not the wallet; rotation and failover backfire", async () => {
  const rows = recommendationTable(await inputs(), { clients: 2_000, random: seededRandom(2) });
  const find = (rec: string, m: string) =>
    rows.find((r) => r.recommendation.startsWith(rec) && r.measure.startsWith(m))!;
  assertEquals(find("Use Tor", "clients whose address").after, 0);
  assertEquals(find("Use Tor", "clients whose address").verdict, "helps");
  assertEquals(find("Use Tor", "share of the wallet").verdict, "no effect");
  assertEquals(find("Rotate servers", "servers that learn").verdict, "backfires");
  assertEquals(find("Multi-server redundancy", "servers").after, 2);
  assertEquals(find("Batch subscriptions", "linker precision").verdict, "backfires");
  for (const r of rows) {
    const expected = r.verdict === "cost" ? "cost" : r.after === r.before ? "no effect" : r.verdict;
    assertEquals(r.verdict, expected, r.measure);
  }
});

Deno.test("loadPrivacyInputs without clusters.csv (notebook 03 not run) puts every server in its own group", async () => {
  const dir = await Deno.makeTempDir({ prefix: "privacy-inputs-" });
  try {
    for (const f of ["servers.csv", "geo.csv", "peers.csv", "tls.csv", "manifest.json"]) {
      await Deno.copyFile(projectPath("data", f), `${dir}/${f}`);
    }
    const i = await loadPrivacyInputs({ dataDir: dir });
    assert(i.candidates.length > 0);
    assert(i.candidates.every((c) => c.operator === `solo:${c.server}`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("riskTable: exposure to the HSS high and medium-or-high tiers, from hss.csv read with its schema", async () => {
  const i = await inputs();
  assert(i.hss !== null && i.hss.length > 0);
  const high = i.candidates.filter((c) => c.hssTier === "high");
  assert(high.length > 0);
  const rows = riskTable(i, { clients: 2_000, random: seededRandom(1) });
  const row = (m: string) => rows.find((r) => r.measure === m)!;
  for (const name of ["high tier", "medium or high tier"]) {
    const main = row(`main server in the HSS ${name}`);
    const any = row(`any connection to a server in the HSS ${name}`);
    assertEquals([main.risk, main.unit, any.unit], ["centralization", "share", "share"]);
    assert(main.value > 0 && main.value <= any.value && any.value <= 1, `${name}`);
    assert(main.denominator.startsWith("2000 simulated clients; "), main.denominator);
  }
  assert(!rows.some((r) => r.measure.includes("not measured")));
});

Deno.test("loadPrivacyInputs and riskTable without hss.csv: the tier exposure is not measured", async () => {
  const dir = await Deno.makeTempDir({ prefix: "privacy-inputs-" });
  try {
    for (
      const f of ["servers.csv", "geo.csv", "peers.csv", "tls.csv", "clusters.csv", "manifest.json"]
    ) {
      await Deno.copyFile(projectPath("data", f), `${dir}/${f}`);
    }
    const i = await loadPrivacyInputs({ dataDir: dir });
    assertEquals(i.hss, null);
    assert(i.candidates.every((c) => c.hssTier === null));
    const rows = riskTable(i, { clients: 500, random: seededRandom(1) });
    const tier = rows.filter((r) => r.measure.includes("HSS"));
    assertEquals(tier.length, 1);
    assert(tier[0].measure.endsWith("not measured"), tier[0].measure);
    assert(tier[0].denominator.startsWith("0 servers scored"), tier[0].denominator);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("riskTable: the medium-or-high tier's exposure is never below the high tier's (one simulation)", async () => {
  const i = await inputs();
  for (const seed of [1, 2, 3]) {
    const rows = riskTable(i, { clients: 500, random: seededRandom(seed) });
    const v = (m: string) => rows.find((r) => r.measure === m)!.value;
    for (const m of ["main server in the HSS", "any connection to a server in the HSS"]) {
      const high = v(`${m} high tier`);
      const wider = v(`${m} medium or high tier`);
      assert(wider >= high, `seed ${seed}: ${m}: medium or high ${wider} < high ${high}`);
    }
  }
});
