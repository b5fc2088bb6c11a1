/**
 * Timing-phase benchmark: `runScan` on the default lab (350 clearnet servers, seed
 * `electrum-observatory`, simulated latency `OBS_LATENCY=1`, the lab in the collector's process as
 * in every `runScan`), `--runs` times. Per run: the phase's wall time (`timing.measured.duration_ms`
 * of the manifest), the samples it took, the whole `runScan` time, the load average (1 min) at
 * start and end, and how far the TCP and application figures lie from the lab's configured paths
 * (median error; figures above half, 0.9 of and above the bar of `tests/timing_e2e_test.ts`,
 * max(5 ms, 5 %); relays' extra delay off by more than 10 ms), and the same for the TLS handshake
 * figures, which that bar does not cover. Only loopback is dialled. Medians
 * over the runs at the end.
 *
 * Usage: `deno run -A bench/timing_bench.ts [--runs 3] [--size 350]` (a run takes about a minute
 * of both cores).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";
import { pathErrorStats, timingPathFigures } from "../tests/helpers/timing_paths.ts";

const SEED = "electrum-observatory";
const { values } = parseArgs({
  args: Deno.args,
  options: { runs: { type: "string" }, size: { type: "string" } },
});
const runs = Number(values.runs ?? 3);
const size = Number(values.size ?? 350);
if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs: ${values.runs}`);
if (!Number.isInteger(size) || size < 1) throw new RangeError(`--size: ${values.size}`);

const load1 = async () => Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
const median = (xs: number[]) => medianOrNull(xs) ?? NaN;
const rows: { phaseS: number; scanS: number; medErr: number; half: number }[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = await Deno.makeTempDir({ prefix: "obs-timing-bench-" });
  try {
    const loadStart = await load1();
    const t0 = performance.now();
    const r = await runScan({
      params: runParams({
        OBS_TARGET: "lab",
        OBS_LAB_SIZE: String(size),
        OBS_SEED: SEED,
        OBS_LATENCY: "1",
      }),
      dataDir,
    });
    const scanS = (performance.now() - t0) / 1000;
    const loadEnd = await load1();
    const t = r.manifest.timing;
    if (!t) throw new Error("the scan ran no timing phase");
    const { figures, relays, tls } = await timingPathFigures(r.files.servers, { size, seed: SEED });
    const s = pathErrorStats(figures);
    const st = pathErrorStats(tls);
    const relaysOff = relays.filter((x) => !(Math.abs(x.extra - x.want) <= 10)).length;
    const phaseS = t.measured.duration_ms / 1000;
    rows.push({ phaseS, scanS, medErr: s.medianErrorMs ?? NaN, half: s.aboveHalfBar });
    console.log(
      `run ${i + 1}: phase ${phaseS.toFixed(1)} s, ${t.measured.samples_taken} samples (${
        (t.measured.samples_taken / t.servers).toFixed(2)
      } per server, ${t.servers} servers, peak ${t.measured.concurrency_peak} at once), loop lag median ${t.measured.loop_lag_median_ms} / max ${t.measured.loop_lag_max_ms} ms; runScan ${
        scanS.toFixed(1)
      } s; load ${loadStart} -> ${loadEnd}; error over ${s.figures} figures: median ${
        s.medianErrorMs?.toFixed(2)
      } ms, above half the bar ${s.aboveHalfBar}, above 0.9 ${s.aboveNineTenthsBar}, above the bar ${s.aboveBar}, > 1 ms below ${s.belowPath}, missing ${s.missing}; relays off by > 10 ms ${relaysOff} of ${relays.length}; TLS handshakes (not under the bar): ${st.figures}, median error ${
        st.medianErrorMs?.toFixed(2)
      } ms, above half the bar ${st.aboveHalfBar}, above the bar ${st.aboveBar}, > 1 ms below ${st.belowPath}`,
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true }).catch(() => {});
  }
}
console.log(
  `medians of ${runs}: phase ${median(rows.map((r) => r.phaseS)).toFixed(1)} s, runScan ${
    median(rows.map((r) => r.scanS)).toFixed(1)
  } s, median error ${median(rows.map((r) => r.medErr)).toFixed(2)} ms, above half the bar ${
    median(rows.map((r) => r.half))
  }`,
);
