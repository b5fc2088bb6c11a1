/**
 * Benchmark of the clustering (issue 11): from a 1,000-server lab's tables (`features.csv`,
 * `fingerprints.csv`, `peers.csv` as read back) to the rows of `clusters.csv` written to disk,
 * i.e. `deriveClusters` (behavioural clusters, operator groups, modified implementations,
 * explained outliers) plus the CSV. Requirement: under 10 s. The crawl that makes the tables is
 * not timed, nor is reading them. Also timed apart: the operator grouping alone. Medians of
 * several runs, with the spread and the machine's load average before each run.
 *
 * Usage: `deno run -A bench/cluster_bench.ts [--runs N] [--data DIR]` (default 5 runs; `--data`
 * reuses a data folder a 1,000-server lab scan already wrote, else one is collected into a
 * temporary folder first: size 1000, seed `cluster-bench`, latency 0, no timing phase).
 *
 * @module
 */
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { FEATURE_SPECS } from "../lib/data/schemas/features.ts";
import { CLUSTERS_SCHEMA } from "../lib/data/schemas/clusters.ts";
import { tableCsv } from "../lib/data/table_csv.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";
import {
  advertisedPeers,
  announcedHosts,
  asFeatureRows,
  clusterRandom,
  deriveClusters,
  operatorGroups,
} from "../lib/cluster/mod.ts";

const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

async function loadAverage(): Promise<string> {
  try {
    return (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
  } catch {
    return "?";
  }
}

if (import.meta.main) {
  const runs = Number(arg("--runs") ?? 5);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`--runs must be a positive integer, got ${arg("--runs")}`);
  }
  let dir = arg("--data");
  let temporary = false;
  if (!dir) {
    dir = await Deno.makeTempDir({ prefix: "cluster-bench-" });
    temporary = true;
    const t0 = performance.now();
    await runScan({
      params: runParams({ OBS_LAB_SIZE: "1000", OBS_SEED: "cluster-bench", OBS_LATENCY: "0" }),
      dataDir: dir,
      timing: false,
    });
    console.log(`collect (not timed): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  try {
    const [features, claims, peerRows] = await Promise.all(
      ["features.csv", "fingerprints.csv", "peers.csv"].map((f) => readCsv(`${dir}/${f}`)),
    );
    const peers = advertisedPeers(peerRows);
    const announced = announcedHosts(peerRows);
    console.log(`${features.length} servers, ${peers.length} advertised peer links`);
    const whole: number[] = [], groups: number[] = [], loads: string[] = [];
    const out = `${dir}/clusters.bench.csv`;
    for (let k = 0; k < runs; k++) {
      loads.push(await loadAverage());
      const t0 = performance.now();
      const d = deriveClusters({
        scanId: "bench",
        features,
        specs: FEATURE_SPECS,
        claims,
        peers,
        announced,
      }, clusterRandom());
      await Deno.writeTextFile(out, tableCsv(d.rows, CLUSTERS_SCHEMA));
      whole.push(performance.now() - t0);
      const t1 = performance.now();
      operatorGroups(asFeatureRows(features), { peers, announced });
      groups.push(performance.now() - t1);
    }
    const fmt = (xs: number[]) =>
      `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${
        Math.max(...xs).toFixed(0)
      }) over ${xs.length} runs`;
    console.log(`features -> clusters.csv (deriveClusters + write): ${fmt(whole)}`);
    console.log(`operatorGroups alone: ${fmt(groups)}`);
    console.log(`load average (1, 5, 15 min) before each run: ${loads.join(" | ")}`);
    console.log(`requirement: under 10,000 ms: ${median(whole) < 10_000 ? "met" : "MISSED"}`);
  } finally {
    if (temporary) await Deno.remove(dir, { recursive: true });
  }
}
