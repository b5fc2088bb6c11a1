/**
 * Benchmark of the network overview (issue 5).
 *
 * Measures: (1) enriching 10,000 server addresses into `geo.csv` rows (`deriveGeo`: database
 * look-ups, Electrum bucket, reachability per address) after the databases are open, and the
 * bare `lookup` calls for comparison (requirement: at most 2 s); (2) the overview's analysis
 * and all its figures in-process (load, tables, concentration, certificate reuse, SVG + PNG
 * export); (3) the whole notebook 02, headless on the Deno kernel, on a default lab (350
 * clearnet + 45 onion servers; requirement: at most 20 s). Medians of several runs.
 *
 * Usage: `deno run -A bench/overview_bench.ts [--runs N]` (default 5 runs; the notebook runs
 * 3 times).
 *
 * @module
 */
import type { ProbeRecord } from "../lib/records/records.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { projectPath, projectRoot } from "../lib/data/paths.ts";
import { sharedGeo } from "../lib/geo/shared_geo.ts";
import { deriveGeo } from "../lib/tables/derive_geo.ts";
import {
  certificateReuse,
  concentrationSummary,
  loadOverviewData,
  lorenzSeries,
  overviewTables,
} from "../lib/analysis/mod.ts";
import {
  certificateReuseChart,
  exportFigure,
  lorenzChart,
  reuseGroupRows,
  serverMap,
  shareBars,
} from "../lib/plots/mod.ts";
import { runNotebooks } from "../lib/report/run_notebooks.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";
import { makeRng } from "../lib/lab/rng.ts";

/** Median of a run's timings (NaN for none; the one definition is lib/analysis/median.ts). */
const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

/** 10,000 servers with one address each (80% IPv4 in provider space, 20% IPv6). */
function syntheticRecords(n: number): ProbeRecord[] {
  const r = makeRng(42);
  const v4Prefixes = [
    [34, 0],
    [35, 0],
    [52, 0],
    [54, 0],
    [88, 99],
    [95, 216],
    [135, 181],
    [159, 89],
    [165, 227],
    [51, 75],
  ];
  const v6Prefixes = ["2a01:4f8", "2604:a880", "2600:1f18", "2a03:b0c0", "2001:41d0"];
  const out: ProbeRecord[] = [];
  let seq = 0;
  const base = {
    scan_id: "bench",
    t: "2026-11-24T00:00:00.000Z",
    attempt: 1,
    network: "clearnet" as const,
    probe_version: "1",
    status: "success" as const,
    op: null,
    message: null,
    duration_ms: 0,
  };
  for (let i = 0; i < n; i++) {
    const ip = r() < 0.8
      ? (() => {
        const p = v4Prefixes[Math.floor(r() * v4Prefixes.length)];
        return `${p[0]}.${p[1] || Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${
          1 + Math.floor(r() * 254)
        }`;
      })()
      : `${v6Prefixes[Math.floor(r() * v6Prefixes.length)]}:${
        Math.floor(r() * 65536).toString(16)
      }::${Math.floor(r() * 65536).toString(16)}`;
    const server = `s${i}.bench`;
    out.push({
      ...base,
      seq: seq++,
      server,
      host: server,
      ip: null,
      port: null,
      transport: null,
      probe: "resolve",
      data: { addresses: [ip] },
    });
    out.push({
      ...base,
      seq: seq++,
      server,
      host: server,
      ip,
      port: 50002,
      transport: "tls",
      probe: "reach",
      data: {},
    });
    out.push({
      ...base,
      seq: seq++,
      server,
      host: server,
      ip: null,
      port: null,
      transport: null,
      probe: "done",
      data: {},
    });
  }
  return out;
}

async function main(): Promise<void> {
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`--runs must be a positive integer, got ${Deno.args[runsArg + 1]}`);
  }

  let t0 = performance.now();
  const geo = await sharedGeo({});
  const openMs = performance.now() - t0;
  const records = syntheticRecords(10_000);
  const ips = records.filter((x) => x.probe === "reach").map((x) => x.ip!);
  const derive: number[] = [], lookups: number[] = [];
  for (let k = 0; k < runs; k++) {
    t0 = performance.now();
    const rows = deriveGeo(records, geo, "lab");
    derive.push(performance.now() - t0);
    if (rows.length !== 10_000) throw new Error(`expected 10,000 rows, got ${rows.length}`);
    t0 = performance.now();
    for (const ip of ips) geo.lookup(ip);
    lookups.push(performance.now() - t0);
  }
  console.log(`openGeo: ${openMs.toFixed(0)} ms`);
  console.log(
    `deriveGeo, 10,000 addresses (20% IPv6): median ${
      median(derive).toFixed(0)
    } ms over ${runs} runs (min ${Math.min(...derive).toFixed(0)}, max ${
      Math.max(...derive).toFixed(0)
    }) — requirement <= 2,000 ms`,
  );
  console.log(`lookup only, 10,000 addresses: median ${median(lookups).toFixed(0)} ms`);

  // A default lab, scanned once into a temporary project copy.
  const tmp = await Deno.makeTempDir({ prefix: "obs-bench-overview-" });
  try {
    t0 = performance.now();
    await runScan({
      params: runParams({ OBS_TARGET: "lab", OBS_LATENCY: "0" }),
      dataDir: `${tmp}/data`,
    });
    console.log(
      `default lab scan (latency off, for the data only): ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );

    const analysis: number[] = [];
    for (let k = 0; k < runs; k++) {
      t0 = performance.now();
      const d = await loadOverviewData(`${tmp}/data`);
      const t = overviewTables(d.population);
      concentrationSummary(d.population, d.geo);
      const lz = lorenzSeries(d.population);
      const reuse = certificateReuse(d.tls ?? [], { geo: d.geo, now: d.scanTime });
      const out = `${tmp}/figures-inproc`;
      await exportFigure(serverMap(d.reachable, { title: "map" }), out, "map");
      await exportFigure(shareBars(t.providers, { title: "providers" }), out, "providers");
      await exportFigure(lorenzChart(lz.rows, { gini: lz.gini }), out, "lorenz");
      await exportFigure(certificateReuseChart(reuseGroupRows(reuse)), out, "reuse");
      analysis.push(performance.now() - t0);
    }
    console.log(
      `overview analysis + 4 figures (SVG+PNG) in-process: median ${
        median(analysis).toFixed(0)
      } ms over ${runs} runs`,
    );

    await setup({ log: () => {} });
    for (const name of ["lib", "deno.json", "deno.lock", "node_modules"]) {
      await Deno.symlink(projectPath(name), `${tmp}/${name}`);
    }
    await Deno.mkdir(`${tmp}/notebooks`);
    const nb = `${tmp}/notebooks/02_network_overview.ipynb`;
    const notebook: number[] = [];
    for (let k = 0; k < 3; k++) {
      await Deno.copyFile(projectPath("notebooks", "02_network_overview.ipynb"), nb);
      t0 = performance.now();
      const r = await runNotebooks([nb], {
        jupyterDir: jupyterDir(projectRoot()),
        output: "piped",
        env: { OBS_DATA_DIR: `${tmp}/data`, OBS_FIGURES_DIR: `${tmp}/figures` },
      });
      notebook.push(performance.now() - t0);
      if (r.code !== 0) throw new Error(`notebook 02 failed:\n${r.stdout}\n${r.stderr}`);
    }
    console.log(
      `notebook 02, headless, default lab: median ${
        (median(notebook) / 1000).toFixed(1)
      } s over 3 runs (${
        notebook.map((x) => (x / 1000).toFixed(1)).join(", ")
      }) — requirement <= 20 s`,
    );
  } finally {
    await Deno.remove(tmp, { recursive: true });
  }
}

if (import.meta.main) await main();
