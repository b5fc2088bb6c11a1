/**
 * Evaluation of the clustering against the lab's reference labels, on two lab seeds: `runScan`
 * on a 150-server lab (latency 0, no timing phase) writes `clusters.csv`; the notebook's loader
 * reads it back (recomputing the methods and checking their labels), and `evaluateRun` scores it
 * against what the lab wrote. The figures per scenario kind are printed; methodology section 9.5
 * records them. Asserted: the targets where they hold on the lab; where one is missed, what does
 * hold instead (section 9.5 says why the target is missed), never a silently lowered target.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { loadClusterData } from "../lib/cluster/load_cluster_data.ts";
import {
  evaluateRun,
  EVALUATION_TARGETS as T,
  evaluationRows,
  loadReferenceLabels,
} from "../lib/cluster/reference_labels.ts";

/** Kinds whose true operators are found whole (recall target asserted per kind). */
const GROUPED_WHOLE = ["honest-operators", "benign-operator", "sybil-spread"];

for (const seed of ["cluster-eval-1", "cluster-eval-2"]) {
  Deno.test(`clustering vs the lab's reference labels, seed ${seed}`, async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "cluster-eval-" });
    try {
      const r = await runScan({
        params: runParams({ OBS_LAB_SIZE: "150", OBS_SEED: seed, OBS_LATENCY: "0" }),
        dataDir,
        timing: false,
      });
      const d = await loadClusterData(dataDir);
      const truth = await loadReferenceLabels(r.files.labTruth!);
      const { evaluation: e, unobserved } = evaluateRun(truth, d.clusters);
      console.table(evaluationRows(e));
      const o = e.overall;
      assertEquals(unobserved, [], "every lab host observed");
      assert(o.servers >= 150, `${o.servers} servers evaluated`);
      const row = new Map(d.clusters.map((c) => [String(c.server), c]));

      // Behaviour: the clusters are implementation families (release features left out,
      // section 9.1): ARI >= 0.9 against the true families, and every cluster is one family.
      assert(o.ari >= T.ari, `ARI ${o.ari}`);
      const families = new Map<string, Set<string>>();
      for (const t of truth) {
        const c = row.get(t.server)!.behaviour_cluster;
        if (c === null) continue;
        families.set(
          String(c),
          (families.get(String(c)) ?? new Set()).add(t.cluster_truth.split("+")[0]),
        );
      }
      assert(families.size >= 2, `${families.size} behaviour clusters`);
      for (const [c, f] of families) assertEquals(f.size, 1, `cluster ${c}: ${[...f].join(", ")}`);

      // Operators: precision meets its target; recall meets it for the kinds grouped whole. The
      // overall recall misses (section 9.5): a regional-template fleet splits by template, the
      // copycat fleet shares nothing rare.
      assert(o.precision !== null && o.precision >= T.pairwise, `precision ${o.precision}`);
      for (const k of GROUPED_WHOLE) {
        const f = e.byKind[k];
        assert(f, `kind ${k} planted`);
        assert(f.recall !== null && f.recall >= T.pairwise, `${k} recall ${f.recall}`);
        assert(f.precision !== null && f.precision >= T.pairwise, `${k} precision ${f.precision}`);
      }
      const sybil = e.byKind["sybil"];
      assert(sybil.precision === 1, `sybil groups mix operators: ${sybil.precision}`);
      for (const t of truth.filter((x) => x.kind === "sybil")) {
        assert(row.get(t.server)!.operator_group !== null, `sybil ${t.server} in no group`);
      }

      // Singles: the share target (<= 2%) is missed only through relays, which present the
      // certificate of the server they front: every one-server operator put in a group shares
      // it with a relay. Without the relays' groups the share is 0.
      const size = new Map<string, number>();
      for (const t of truth) size.set(t.operator, (size.get(t.operator) ?? 0) + 1);
      const relayGroups = new Set(
        truth.filter((t) => t.kind.startsWith("relay")).map((t) =>
          row.get(t.server)!.operator_group
        ).filter((g) => g !== null),
      );
      for (const t of truth) {
        const g = row.get(t.server)!.operator_group;
        if (size.get(t.operator) === 1 && g !== null) {
          assert(relayGroups.has(g), `single ${t.server} (${t.kind}) in ${g}`);
        }
      }

      // Modified: every planted modified server is found, the one whose only tell is a
      // missing blockchain.transaction.id_from_pos included (methods probe, section 3.2).
      for (const k of ["modified", "modified-subtle", "phishing"]) {
        const f = e.byKind[k];
        assert(f, `kind ${k} planted`);
        assertEquals(
          f.modifiedFound,
          f.modifiedPlanted,
          `${k}: ${f.modifiedFound} of ${f.modifiedPlanted}`,
        );
      }
      assertEquals(
        o.modifiedFound,
        o.modifiedPlanted,
        `${o.modifiedFound} of ${o.modifiedPlanted}`,
      );
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  });
}
