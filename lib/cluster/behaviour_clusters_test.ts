import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { adjustedRandIndex } from "../stats/adjusted_rand_index.ts";
import { behaviourClusters } from "./behaviour_clusters.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";
import type { FeatureRow } from "./feature_input.ts";

Deno.test("behaviourClusters: ARI >= 0.9 against the true families on two seeds", () => {
  for (const seed of [1, 2]) {
    const pop = syntheticPopulation(seed);
    const b = behaviourClusters(pop.rows, TEST_SPECS, { embed: false });
    const ari = adjustedRandIndex(pop.truth.map((t) => t.cluster_truth), b.labels);
    assert(ari >= 0.9, `seed ${seed}: ARI ${ari}, chosen ${JSON.stringify(b.chosen)}`);
    const behaviour = TEST_SPECS.filter((s) => s.group === "behaviour");
    assertEquals(b.features.length, behaviour.filter((s) => !s.release).length);
    assertEquals(b.releaseFeatures.length, behaviour.filter((s) => s.release).length);
  }
});

Deno.test("behaviourClusters: reproducible; labels ordered by size; embedding per row", () => {
  const pop = syntheticPopulation(3, { singles: 60, multiOperators: 3, fleet: 8, copycats: 4 });
  const a = behaviourClusters(pop.rows, TEST_SPECS);
  const b = behaviourClusters(pop.rows, TEST_SPECS);
  assertEquals(a.labels, b.labels);
  assertEquals(a.embedding, b.embedding);
  assertEquals(a.embedding!.length, pop.rows.length);
  const count = (l: string) => a.labels.filter((x) => x === l).length;
  assert(count("c1") >= count("c2"), "c1 is the largest");
});

Deno.test("behaviourClusters: known failure: on hosting features alone families do not appear", () => {
  const pop = syntheticPopulation(1);
  const b = behaviourClusters(pop.rows, TEST_SPECS, { groups: ["hosting"], embed: false });
  const ari = adjustedRandIndex(pop.truth.map((t) => t.cluster_truth), b.labels);
  assert(ari < 0.2, `ARI ${ari} on hosting features`);
});

Deno.test("behaviourClusters: throws on a single row", () => {
  const pop = syntheticPopulation(1, {
    singles: 1,
    multiOperators: 0,
    fleet: 0,
    copycats: 0,
    modified: 0,
  });
  assertThrows(() => behaviourClusters(pop.rows.slice(0, 1), TEST_SPECS), RangeError, ">= 2 rows");
});

Deno.test("behaviourClusters: a server whose probes mostly failed is set aside, not a crash", () => {
  const pop = syntheticPopulation(1, { singles: 40, multiOperators: 2, fleet: 6, copycats: 3 });
  const behaviour = TEST_SPECS.filter((s) => s.group === "behaviour").map((s) => s.name);
  // Row 0 knows nothing; row 1 knows only the wording features, row 2 only the wire ones:
  // rows 1 and 2 share no known feature, so Gower has no distance between them.
  const rows = pop.rows.map((r, i) => {
    if (i > 2) return r;
    const keep = i === 1
      ? (k: string) => k.startsWith("wording_")
      : (k: string) => i === 2 && k.startsWith("wire_");
    return { ...r, ...Object.fromEntries(behaviour.filter((k) => !keep(k)).map((k) => [k, null])) };
  });
  const b = behaviourClusters(rows, TEST_SPECS);
  assertEquals(b.labels.slice(0, 3), [null, null, null]);
  assertEquals(
    b.clustered.includes(0) || b.clustered.includes(1) || b.clustered.includes(2),
    false,
  );
  assertEquals(b.distances.n, rows.length - 3);
  assertEquals(b.embedding!.slice(0, 3), [null, null, null]);
  assert(b.labels.slice(3).every((l) => l !== null), "the rest are clustered");
});

Deno.test("behaviourClusters: an old version differing on two features stays in its family", () => {
  for (const seed of [1, 2]) {
    const pop = syntheticPopulation(seed, { versionDrift: true });
    const b = behaviourClusters(pop.rows, TEST_SPECS, { embed: false });
    const ari = adjustedRandIndex(pop.truth.map((t) => t.cluster_truth), b.labels);
    assert(ari >= 0.9, `seed ${seed}: ARI ${ari}`);
    assertEquals(b.chosen!.clusterCount, 3);
  }
});

Deno.test("behaviourClusters: releases of one family are one cluster, reported as release sub-clusters", () => {
  // Three families, each seen in two releases that differ only on the features declared
  // `release` (protocol max, version-first, `server.features` keys), as ElectrumX 1.18 and
  // 1.19 or Fulcrum 2.0 and 2.1 do on the lab.
  const specs = [
    { name: "line", kind: "categorical", group: "behaviour", weight: 1 },
    { name: "spacing", kind: "categorical", group: "behaviour", weight: 1 },
    { name: "wording", kind: "categorical", group: "behaviour", weight: 0.5 },
    { name: "histogram", kind: "categorical", group: "behaviour", weight: 1 },
    {
      name: "pmax",
      kind: "ordinal",
      group: "behaviour",
      weight: 1,
      type: "version",
      release: true,
    },
    { name: "first", kind: "boolean", group: "behaviour", weight: 1, release: true },
    { name: "keys", kind: "categorical", group: "behaviour", weight: 1, release: true },
  ] as const;
  const family = {
    a: { line: "lf", spacing: "compact", wording: "unknown method", histogram: "decimal" },
    b: { line: "crlf", spacing: "compact", wording: "Unknown method", histogram: "integer" },
    c: { line: "lf", spacing: "python", wording: "method not found", histogram: "pow2" },
  };
  const rows: FeatureRow[] = [], truth: string[] = [], release: string[] = [];
  for (const [f, base] of Object.entries(family)) {
    for (
      const [r, pmax, first, keys] of [["old", "1.4.2", false, "k1"], ["new", "1.6", true, "k2"]]
    ) {
      for (let k = 0; k < 6; k++) {
        // One server per release words one error its own way (a build option), so that not
        // every distance within a family is 0.
        const wording = k === 0 ? `${base.wording} (${r})` : base.wording;
        rows.push({ server: `${f}-${r}-${k}`, ...base, wording, pmax, first, keys } as FeatureRow);
        truth.push(f);
        release.push(`${f}-${r}`);
      }
    }
  }
  const b = behaviourClusters(rows, specs, { embed: false });
  assertEquals(adjustedRandIndex(truth, b.labels), 1);
  assertEquals(adjustedRandIndex(release, b.releaseLabels), 1);
  assertEquals(b.releaseFeatures, ["pmax", "first", "keys"]);
  assertEquals(b.features, ["line", "spacing", "wording", "histogram"]);
  assert(b.releaseLabels.every((l, i) => l!.startsWith(`${b.labels[i]}.`)), "c1.1 is in c1");
  // Clustering on the release features as well splits every family by release.
  const all = behaviourClusters(rows, specs, { embed: false, releaseFeatures: "include" });
  assertEquals(adjustedRandIndex(release, all.labels), 1);
  assertEquals(all.releaseLabels, all.labels);
});
