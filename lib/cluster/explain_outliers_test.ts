import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { behaviourClusters } from "./behaviour_clusters.ts";
import { explainOutliers } from "./explain_outliers.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";

function explain(seed: number, rows = syntheticPopulation(seed).rows) {
  const pop = syntheticPopulation(seed);
  const b = behaviourClusters(rows, TEST_SPECS, { embed: false });
  const ex = explainOutliers(rows, {
    specs: TEST_SPECS,
    clusters: b.labels,
    claims: pop.claims,
    random: seededRandom(7),
  });
  return { pop, ex };
}

Deno.test("explainOutliers: the one-wording modified servers score highest, on two seeds", () => {
  for (const seed of [1, 2]) {
    const { pop, ex } = explain(seed);
    const planted = pop.truth.flatMap((
      t,
      i,
    ) => (t.kind === "modified" && t.operator !== "modified-claim" ? [i] : []));
    for (const i of planted) {
      assert(ex[i].rank <= planted.length, `seed ${seed}: rank ${ex[i].rank}`);
    }
  }
});

Deno.test("explainOutliers: sentences name the feature, the claim and the counts", () => {
  const { pop, ex } = explain(1);
  const i = pop.truth.findIndex((t) => t.operator === "modified-0");
  // Counted among the servers of the claim whose reply was recorded (a probe may not have run).
  const claimers =
    pop.claims.filter((c, k) =>
      c.software_claimed === "ElectrumX 1.19.0" && pop.rows[k].wording_unknown_method !== null
    ).length;
  assertEquals(
    ex[i].sentence.split(";").slice(0, 2).join(";"),
    `wording_unknown_method is "method not found: <q> (patched 0)"; it claims "ElectrumX 1.19.0": 1 of ${claimers} servers claiming that have it`,
  );
  const liar = pop.truth.findIndex((t) => t.operator === "modified-claim");
  assertMatch(
    ex[liar].sentence,
    /as fulcrum servers have it \(\d+ of \d+ other holders claim fulcrum\) but it claims "ElectrumX 1\.19\.0": 1 of \d+ servers claiming that have it/,
  );
  const honest = pop.truth.findIndex((t) =>
    t.kind === "single" && pop.rows[pop.truth.indexOf(t)].wording_unknown_method !== null
  );
  assertMatch(
    ex[honest].sentence,
    /^typical of cluster c\d \(\d+ of \d+ servers\) and of the \d+ servers? claiming /,
  );
});

Deno.test("explainOutliers: noise is compared with its nearest cluster; a rare claim with its claimed family", () => {
  const pop = syntheticPopulation(1);
  const i = pop.truth.findIndex((t) => t.operator === "modified-0");
  // The planted server, claiming a version nobody else claims, and set aside as noise.
  const claims = pop.claims.map((c, k) =>
    k === i ? { ...c, software_claimed: "ElectrumX 1.19.9" } : c
  );
  const b = behaviourClusters(pop.rows, TEST_SPECS, { embed: false });
  const clusters = b.labels.map((l, k) => (k === i ? null : l));
  const ex = explainOutliers(pop.rows, {
    specs: TEST_SPECS,
    clusters,
    claims,
    random: seededRandom(7),
  });
  const near = b.labels[i]!;
  const size = clusters.filter((l) => l === near).length;
  const family =
    claims.filter((c, k) =>
      c.family_claimed === "electrumx" && pop.rows[k].wording_unknown_method !== null
    ).length;
  assertMatch(
    ex[i].sentence,
    new RegExp(
      `^in no behavioural cluster \\(nearest: ${near}, ${size} servers, mean distance 0\\.\\d\\d\\): ` +
        `wording_unknown_method is "method not found: <q> \\(patched 0\\)"; it claims "ElectrumX 1\\.19\\.9": ` +
        `1 of ${family} servers claiming electrumx \\(any version\\) have it; 0 of \\d+ in the nearest cluster ${near}`,
    ),
  );
  assertEquals(ex[i].unusual[0].claimGroup, "electrumx (any version)");
  assertEquals(ex[i].unusual[0].cluster, near);
});

Deno.test("explainOutliers: reproducible with the same seed; known limit: a pure liar is not isolated", () => {
  const a = explain(1).ex, b = explain(1).ex;
  assertEquals(a.map((e) => e.score), b.map((e) => e.score));
  // A Fulcrum claiming ElectrumX behaves exactly like Fulcrum: the forest sees nothing odd
  // (its claim is not a behaviour feature); modifiedImplementations finds it by the claim.
  const { pop, ex } = explain(1);
  const liar = pop.truth.findIndex((t) => t.operator === "modified-claim");
  assert(ex[liar].rank > 20, `rank ${ex[liar].rank}`);
});

Deno.test("explainOutliers: hostile server text is quoted and clipped in the sentence", () => {
  const pop = syntheticPopulation(1);
  const i = pop.truth.findIndex((t) => t.operator === "modified-0");
  const rows = pop.rows.map((r, k) =>
    k === i
      ? { ...r, wording_unknown_method: "<script>alert(1)</script>\n\u0007" + "x".repeat(500) }
      : r
  );
  const { ex } = explain(1, rows);
  assert(!ex[i].sentence.includes("\n") && !ex[i].sentence.includes("\u0007"), ex[i].sentence);
  assert(ex[i].sentence.length < 400, `${ex[i].sentence.length} characters`);
  assertMatch(ex[i].sentence, /is "<script>alert\(1\)<\/script>\\n\\u0007x+…"/);
});
