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

/** Kinds whose true operators are found whole (recall target asserted per kind). The honest
 * trio (`benign-operator`) is not among them: at 150 servers its one shared identifier (a name
 * template held by 3 of 169 servers) is not rare enough (section 9.5). */
const GROUPED_WHOLE = ["honest-operators", "sybil", "sybil-spread", "copycat-fleet"];

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

      // Operators: precision and recall meet their targets overall and for every fleet and
      // honest multi-server operator kind.
      assert(o.precision !== null && o.precision >= T.pairwise, `precision ${o.precision}`);
      assert(o.recall !== null && o.recall >= T.pairwise, `recall ${o.recall}`);
      for (const k of GROUPED_WHOLE) {
        const f = e.byKind[k];
        assert(f, `kind ${k} planted`);
        assert(f.recall !== null && f.recall >= T.pairwise, `${k} recall ${f.recall}`);
        assert(f.precision !== null && f.precision >= T.pairwise, `${k} precision ${f.precision}`);
      }
      // The trio is missed, but never merged with anyone else.
      const trio = truth.filter((t) => t.kind === "benign-operator").map((t) => t.server);
      for (const s of trio) {
        const g = row.get(s)!.operator_group;
        if (g === null) continue;
        for (const [other, c] of row) {
          if (c.operator_group === g) assert(trio.includes(other), `${other} in the trio's ${g}`);
        }
      }

      // Singles: the share meets its target (<= 2%), and every relay is a front of the server
      // whose certificate it presents, in no group.
      assert(
        o.singlesGroupedShare !== null && o.singlesGroupedShare <= T.singlesGrouped,
        `${o.singlesGrouped} singles grouped (${o.singlesGroupedShare})`,
      );
      for (const t of truth.filter((x) => x.kind.startsWith("relay"))) {
        const c = row.get(t.server)!;
        assertEquals(c.operator_group, null, `relay ${t.server} grouped`);
        assert(String(c.operator_evidence ?? "").startsWith("fronts "), `relay ${t.server}`);
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
