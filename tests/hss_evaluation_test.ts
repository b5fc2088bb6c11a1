/**
 * Evaluation of the Honeypot Suspicion Score against the lab's reference verdicts on two lab
 * seeds the weights were not calibrated on (the calibration run is the default lab, seed
 * `electrum-observatory`, with `copycat-fleet` held out: `lib/suspect/weights.ts`). `runScan`
 * writes `hss.csv` and the risk feed; `evaluateHss` scores `hss.csv` against what the lab wrote.
 * Asserted: high-tier precision >= 0.9 and recall >= 0.8 over all adversary kinds, the held-out
 * kind found, no honest multi-server operator in the high tier, every honest server in medium
 * or high carrying its evidence, and no adversary missed (the withholding server, once invisible
 * to the battery, is found by the `history` probe since it asks for a script's history).
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { evaluateHss, HSS_TARGETS, type ScoredRow } from "../lib/suspect/evaluate_hss.ts";
import { loadReferenceVerdicts } from "../lib/suspect/reference_verdicts.ts";
import { CALIBRATION_RUN } from "../lib/suspect/weights.ts";

for (const [seed, timing] of [["hss-eval-1", true], ["hss-eval-2", false]] as const) {
  Deno.test(`HSS vs the lab's reference verdicts, seed ${seed} (timing ${timing ? "on" : "off"})`, async () => {
    const dataDir = await Deno.makeTempDir({ prefix: "hss-eval-" });
    try {
      const r = await runScan({
        params: runParams({
          OBS_LAB_SIZE: "150",
          OBS_SEED: seed,
          OBS_LATENCY: timing ? "1" : "0",
          OBS_TIMING: timing ? "4" : "off",
        }),
        dataDir,
      });
      const rows = (await readCsv(r.files.hss)) as unknown as ScoredRow[];
      const verdicts = await loadReferenceVerdicts(r.files.labTruth!);
      const e = evaluateHss(rows, verdicts);
      console.table(e.byKind);
      console.log(
        `precision ${e.precision} recall ${e.recall} auc ${e.auc?.toFixed(3)}; missed`,
        e.missed,
        "honest flagged",
        e.honestFlagged,
      );
      assert(e.servers >= 150, `${e.servers} servers evaluated`);
      assert(
        e.precision !== null && e.precision >= HSS_TARGETS.precision,
        `precision ${e.precision}`,
      );
      assert(e.recall !== null && e.recall >= HSS_TARGETS.recall, `recall ${e.recall}`);
      assertEquals(e.honestOperatorsHigh, [], "no honest multi-server operator in high");
      for (const h of e.honestFlagged) assert(h.evidence.length > 0, `${h.server} unexplained`);
      assertEquals(e.missed, [], "every adversary in the high tier");
      const withholding = e.byKind.find((k) => k.kind === "withholding");
      assert(withholding && withholding.high === withholding.servers, JSON.stringify(withholding));
      const held = e.byKind.find((k) => k.kind === CALIBRATION_RUN.heldOut);
      assert(held && held.high === held.servers, `held-out ${JSON.stringify(held)}`);
      const feed = JSON.parse(await Deno.readTextFile(r.files.riskFeed!));
      assertEquals(feed.provenance.scan_id, r.manifest.scan_id);
      assertEquals(feed.servers.length, rows.length);
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  });
}
