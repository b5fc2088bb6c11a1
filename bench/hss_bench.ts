/**
 * Benchmark of the Honeypot Suspicion Score (issue 12): scoring the servers of a 1,000-server
 * lab (`deriveHss` on the tables as read back: indicators, two-pass score, group tiers) and the
 * pipeline's whole step (`writeSuspicion`: read the seven tables, score, write `hss.csv`,
 * `risk-feed.json` and its schema). Requirement: under 5 s. The lab is scanned once (latency 0,
 * no timing phase), then each measure is repeated; medians are printed.
 *
 * Usage: `deno run -A bench/hss_bench.ts [--runs N] [--size N]` (defaults 5 runs, 1,000 servers).
 *
 * @module
 */
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";
import { deriveHss, readSuspectTables, writeSuspicion } from "../lib/suspect/mod.ts";

const arg = (name: string, d: number) => {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Number(Deno.args[i + 1]) : d;
};
const runs = arg("--runs", 5), size = arg("--size", 1000);
const median = (xs: number[]) => medianOrNull(xs) ?? NaN;
const dataDir = await Deno.makeTempDir({ prefix: "hss-bench-" });
try {
  const t0 = performance.now();
  const r = await runScan({
    params: runParams({ OBS_LAB_SIZE: String(size), OBS_SEED: "hss-bench", OBS_LATENCY: "0" }),
    dataDir,
    timing: false,
  });
  console.log(`scan of a ${size}-server lab: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const tables = await readSuspectTables(dataDir);
  const derive: number[] = [], step: number[] = [];
  let tiers = "";
  for (let i = 0; i < runs; i++) {
    const a = performance.now();
    const d = deriveHss(tables);
    derive.push(performance.now() - a);
    tiers = ["high", "medium", "benign"].map((t) =>
      `${d.rows.filter((x) => x.tier === t).length} ${t}`
    ).join(", ");
    const b = performance.now();
    await writeSuspicion(dataDir, r.files.manifest);
    step.push(performance.now() - b);
  }
  console.log(`servers scored: ${tables.features.length} (${tiers})`);
  console.log(`deriveHss: median ${median(derive).toFixed(0)} ms over ${runs} runs`);
  console.log(
    `writeSuspicion (read tables, score, write hss.csv and the feed): median ${
      median(step).toFixed(0)
    } ms; requirement < 5,000 ms: ${median(step) < 5000 ? "met" : "MISSED"}`,
  );
} finally {
  await Deno.remove(dataDir, { recursive: true });
}
