import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { deriveClusters } from "./derive_clusters.ts";
import { clusterFindings, clusterTables } from "./cluster_tables.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";

const pop = syntheticPopulation(3, { singles: 60, multiOperators: 3, fleet: 8, copycats: 4 });
const d = deriveClusters(
  { scanId: "t", features: pop.rows, specs: TEST_SPECS, claims: pop.claims, peers: pop.peers },
  seededRandom(1),
);

Deno.test("clusterTables: every server in one cluster row; groups, modified and outliers as derived", () => {
  const t = clusterTables(d, pop.claims, 5);
  assertEquals(t.clusters.reduce((s, c) => s + Number(c.servers), 0), pop.rows.length);
  const noise = t.clusters.findIndex((c) => c.cluster === "noise");
  assert(noise === -1 || noise === t.clusters.length - 1, "noise is last");
  assertEquals(t.groups.length, d.operators.groups.length);
  for (const g of t.groups) assert(String(g.evidence).length > 0, `${g.group} without evidence`);
  assertEquals(t.modified.length, d.modified.filter((m) => m.flagged).length);
  assertEquals(t.outliers.map((o) => o.rank), [1, 2, 3, 4, 5]);
});

Deno.test("clusterFindings: the counts of the derived output", () => {
  const text = clusterFindings(d).join(" ");
  assert(text.startsWith(`${pop.rows.length} servers were clustered`), text);
  assert(text.includes(`${d.operators.groups.length} operator groups`), text);
});
