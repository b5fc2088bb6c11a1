import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { parseCsv } from "../data/read_csv.ts";
import { validateRow } from "../data/schema.ts";
import { CLUSTERS_SCHEMA } from "../data/schemas/clusters.ts";
import { tableCsv } from "../data/table_csv.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { deriveClusters } from "./derive_clusters.ts";
import { evaluateClusters } from "./evaluate_clusters.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";

function run(seed: number) {
  const pop = syntheticPopulation(seed);
  const d = deriveClusters(
    {
      scanId: `scan-${seed}`,
      features: pop.rows,
      specs: TEST_SPECS,
      claims: pop.claims,
      peers: pop.peers,
    },
    seededRandom(seed),
    { behaviour: { embed: false } },
  );
  return { pop, d };
}

Deno.test("deriveClusters: the evaluation targets hold overall on two seeds", () => {
  for (const seed of [1, 2]) {
    const { pop, d } = run(seed);
    const e = evaluateClusters(
      pop.truth,
      d.rows.map((r) => ({
        server: r.server as string,
        behaviour_cluster: r.behaviour_cluster as string | null,
        operator_group: r.operator_group as string | null,
        modified: r.modified as boolean,
      })),
    );
    const o = e.overall;
    assert(o.ari >= 0.9, `seed ${seed}: ARI ${o.ari}`);
    assert(o.precision! >= 0.9 && o.recall! >= 0.9, `seed ${seed}: P ${o.precision} R ${o.recall}`);
    assert(o.singlesGroupedShare! <= 0.02, `seed ${seed}: singles ${o.singlesGroupedShare}`);
    assertEquals(o.modifiedFound, o.modifiedPlanted, `seed ${seed}`);
    // Per kind: the fleets are whole, honest operators are found.
    for (const kind of ["fleet", "copycat", "multi"]) {
      assert(e.byKind[kind].recall! >= 0.9, `seed ${seed} ${kind}: R ${e.byKind[kind].recall}`);
    }
  }
});

Deno.test("deriveClusters: rows fit the schema and survive a CSV round trip", () => {
  const { d } = run(1);
  d.rows.forEach((r, i) => validateRow(CLUSTERS_SCHEMA, r, i));
  // The release sub-cluster sits inside the behavioural cluster (both empty for noise).
  for (const r of d.rows) {
    if (r.behaviour_cluster === null) assertEquals(r.behaviour_release, null, String(r.server));
    else {assert(
        String(r.behaviour_release).startsWith(`${r.behaviour_cluster}.`),
        String(r.server),
      );}
  }
  const back = parseCsv(tableCsv(d.rows, CLUSTERS_SCHEMA), CLUSTERS_SCHEMA);
  assertEquals(back.length, d.rows.length);
  const fleet = d.rows.find((r) => String(r.operator_evidence ?? "").includes("peer-community"))!;
  assertEquals(
    back.find((r) => r.server === fleet.server)!.operator_evidence,
    fleet.operator_evidence,
  );
  assertEquals(back[0].explanation, d.rows[0].explanation);
});

Deno.test("deriveClusters: the same seed gives the same table", () => {
  assertEquals(run(2).d.rows, run(2).d.rows);
});

Deno.test("deriveClusters: rows read back from CSV are accepted; a row without a server is not", () => {
  const pop = syntheticPopulation(3, { singles: 30, multiOperators: 2, fleet: 5, copycats: 3 });
  // The shape of the feature table's own rows (`server` typed like any cell).
  const loose = pop.rows.map((r) => ({ ...r }) as Record<string, string | number | boolean | null>);
  // A server whose every behaviour probe failed is still explained and scored.
  for (const s of TEST_SPECS) if (s.group === "behaviour") loose[0][s.name] = null;
  const d = deriveClusters(
    { scanId: "s", features: loose, specs: TEST_SPECS, claims: pop.claims },
    seededRandom(3),
  );
  assertEquals(d.rows[0].behaviour_cluster, null);
  assertEquals(d.rows[0].cluster_distance, null);
  assert(typeof d.rows[0].explanation === "string" && (d.rows[0].outlier_score as number) > 0);
  loose[1].server = null;
  assertThrows(
    () =>
      deriveClusters(
        { scanId: "s", features: loose, specs: TEST_SPECS, claims: pop.claims },
        seededRandom(3),
      ),
    RangeError,
    "row 1: server null",
  );
  const claims = pop.claims.map((c, i) => (i === 2 ? { ...c, claim_agrees: "yes" } : c));
  assertThrows(
    () =>
      deriveClusters(
        { scanId: "s", features: pop.rows, specs: TEST_SPECS, claims },
        seededRandom(3),
      ),
    RangeError,
    "claims row 2: claim_agrees yes not boolean",
  );
});
