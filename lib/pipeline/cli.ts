/**
 * `deno task collect`: one collecting run from the command line.
 *
 * ```text
 * deno task collect [--target lab|live|local] [--size N] [--seed S] [--latency X] [--lab-clock DATE]
 *                   [--seeds 127.0.0.5:50001:t,127.0.0.5:50002:s] [--concurrency N]
 *                   [--rate CONNECTIONS_PER_S] [--out DIR] [--i-know]
 *                   [--deny CIDR,...] [--allow CIDR,...] [--exclude-file FILE|none]
 * ```
 *
 * `lab` (default) starts the emulated network and crawls it; `local` crawls the given seeds on
 * this machine (127.0.0.0/8 and ::1 only); `live` crawls the public network from the committed
 * seed list and needs `--i-know` or `OBS_LIVE=1` (never used by tests). `--out` is the data
 * directory (default `data/`): `servers.csv`, `fingerprints.csv`, `tls.csv`, `peers.csv`, `manifest.json` and
 * `scans/<scan id>/records.jsonl`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { runParams } from "../crawl/params.ts";
import { runScan } from "./scan.ts";

/** Parsed command line. */
export interface CliOptions {
  env: Record<string, string>;
  out: string | undefined;
  rate: number | undefined;
}

/**
 * Turn command-line arguments into run parameters (as the environment variables `runParams`
 * reads) and output options.
 *
 * @throws {TypeError} For an unknown option. {RangeError} For live without `--i-know`.
 * @example
 * ```ts
 * parseCli(["--target", "local", "--seeds", "127.0.0.5:50001:t"]).env.OBS_TARGET; // "local"
 * ```
 */
export function parseCli(args: string[], env: Record<string, string | undefined> = {}): CliOptions {
  const { values } = parseArgs({
    args,
    options: {
      target: { type: "string" },
      size: { type: "string" },
      seed: { type: "string" },
      latency: { type: "string" },
      "lab-clock": { type: "string" },
      deny: { type: "string" },
      allow: { type: "string" },
      "exclude-file": { type: "string" },
      seeds: { type: "string" },
      concurrency: { type: "string" },
      rate: { type: "string" },
      out: { type: "string" },
      "i-know": { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  });
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  if (values.target) out.OBS_TARGET = values.target;
  if (values.size) out.OBS_LAB_SIZE = values.size;
  if (values.seed) out.OBS_SEED = values.seed;
  if (values.latency) out.OBS_LATENCY = values.latency;
  if (values["lab-clock"]) out.OBS_LAB_CLOCK = values["lab-clock"];
  if (values.deny) out.OBS_DENY = values.deny;
  if (values.allow) out.OBS_ALLOW = values.allow;
  if (values["exclude-file"]) out.OBS_EXCLUDE_FILE = values["exclude-file"];
  if (values.seeds) out.OBS_SEEDS = values.seeds;
  if (values.concurrency) out.OBS_CONCURRENCY = values.concurrency;
  if (values["i-know"]) out.OBS_LIVE = "1";
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate >= 0)) throw new RangeError(`--rate must be a number >= 0, got ${values.rate}`);
  return { env: out, out: values.out, rate };
}

if (import.meta.main) {
  try {
    const cli = parseCli(Deno.args, Deno.env.toObject());
    const params = runParams(cli.env);
    const t0 = performance.now();
    let last = 0;
    const r = await runScan({
      params,
      dataDir: cli.out,
      politeness: cli.rate === undefined ? undefined : { connectionsPerSecond: cli.rate },
      onProgress: (p) => {
        const now = performance.now();
        if (now - last < 1000) return;
        last = now;
        console.error(`discovered ${p.discovered}, done ${p.done}, in flight ${p.inFlight}, records ${p.records}`);
      },
    });
    console.log(JSON.stringify({
      scan_id: r.manifest.scan_id,
      target: r.manifest.target,
      servers: r.manifest.servers,
      records: r.manifest.records,
      counts_by_status: r.manifest.counts_by_status,
      timing: r.manifest.timing,
      wall_ms: Math.round(performance.now() - t0),
      files: r.files,
    }, null, 2));
  } catch (err) {
    console.error(`collect: ${(err as Error).message}`);
    Deno.exitCode = 2;
  }
}
