/**
 * `deno task collect`: one collecting run from the command line.
 *
 * ```text
 * deno task collect [--target lab|live|local] [--size N] [--seed S] [--latency X] [--lab-clock DATE]
 *                   [--seeds 127.0.0.5:50001:t,127.0.0.5:50002:s] [--concurrency N]
 *                   [--rate CONNECTIONS_PER_S] [--out DIR] [--i-know] [--lab-map FILE] [--help]
 *                   [--lab-clock ISO] [--deny CIDR,...] [--allow CIDR,...] [--exclude-file FILE|none]
 * ```
 *
 * `lab` (default) starts the emulated network and crawls it; `local` crawls the given seeds on
 * this machine (127.0.0.0/8 and ::1 only); `live` crawls the public network from the committed
 * seed list and needs `--i-know` or `OBS_LIVE=1` (never used by tests). `--lab-map FILE` crawls
 * a lab already running in another process (`deno task lab` prints the file) whole. `--out` is the data
 * directory (default `data/`): `servers.csv`, `fingerprints.csv`, `tls.csv`, `peers.csv`, `features.csv`, `manifest.json` and
 * `scans/<scan id>/records.jsonl`. Exit codes: `exit_codes.ts`.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { dirname, join } from "node:path";
import { type RunParams, runParams } from "../crawl/params.ts";
import { runScan } from "./scan.ts";
import { EXIT_CODES, UsageError } from "./exit_codes.ts";
import { NothingAnsweredError } from "./nothing_answered.ts";
import { renderProgress } from "./render_progress.ts";
import { type AddressMap, readAddressMap } from "../crawl/address_map.ts";
import { writableFolderProblem } from "../data/writable_folder.ts";
import { dataDir } from "../data/paths.ts";

/** Usage of `deno task collect`. */
export const COLLECT_USAGE = `deno task collect [options]

Crawls an Electrum network into data/ (servers.csv, fingerprints.csv, tls.csv, geo.csv,
peers.csv, features.csv, manifest.json; the raw records in data/scans/<scan id>/). Without --target it crawls the lab.

  --target T        lab (default: emulated servers on loopback), local (your servers on
                    127.0.0.0/8 or ::1, needs --seeds) or live (the public network, needs --i-know)
  --size N          lab: reachable clearnet servers, 10..5000 (default 350)         OBS_LAB_SIZE
  --seed S          lab: seed; the same seed builds the same network                OBS_SEED
  --latency X       lab: simulated latency scale, 0..10, 0 = none (default 1)       OBS_LATENCY
  --seeds LIST      servers to start from, host:port:t or host:port:s, comma-separated  OBS_SEEDS
  --concurrency N   servers probed at once, 1..1000 (default 256 lab, 64 else)       OBS_CONCURRENCY
  --lab-clock ISO   lab: pin the lab's clock (dates its certificates), ISO 8601 UTC  OBS_LAB_CLOCK
  --lab-week N      lab: weeks it has evolved since built (new fleet, retirements, ...)  OBS_LAB_WEEK
  --timing T        timing phase after the crawl: on, off, or most samples per server
                    1..32 (default on: up to 8)                                     OBS_TIMING
  --deny LIST       address blocks never dialled, CIDR, comma-separated              OBS_DENY
  --allow LIST      dial only these address blocks, CIDR, comma-separated           OBS_ALLOW
  --exclude-file F  exclusion file loaded in live runs (default the committed one;
                    none for no file)                                               OBS_EXCLUDE_FILE
  --rate R          connections per second, >= 0 (default 2000; 100 live)
  --out DIR         data folder (default data/)                                     OBS_DATA_DIR
  --i-know          confirm the live target contacts servers on the internet        OBS_LIVE=1
  --lab-map FILE    crawl a lab running in another process (deno task lab) whole, through
                    the address map it writes and prints; with --target local, --seeds is then
                    not needed. Without it, --target local reaches only the servers in --seeds.
  --help            this text

A flag wins over its environment variable. Exit codes: 0 servers answered; 1 the run broke;
2 a bad flag or value, or an output folder that cannot be written (nothing run or written); 3 not one server answered (data/ left as it was).`;

/** Flags that set a run parameter, and the environment variable each sets. */
const FLAG_VARS: Record<string, string> = {
  target: "OBS_TARGET",
  size: "OBS_LAB_SIZE",
  seed: "OBS_SEED",
  latency: "OBS_LATENCY",
  seeds: "OBS_SEEDS",
  concurrency: "OBS_CONCURRENCY",
  "lab-clock": "OBS_LAB_CLOCK",
  "lab-week": "OBS_LAB_WEEK",
  timing: "OBS_TIMING",
  deny: "OBS_DENY",
  allow: "OBS_ALLOW",
  "exclude-file": "OBS_EXCLUDE_FILE",
};

/** Parsed command line. */
export interface CliOptions {
  env: Record<string, string>;
  out: string | undefined;
  rate: number | undefined;
  /** `--lab-map`: the address map of a running lab. */
  labMap: string | undefined;
  /** `--help` was given. */
  help: boolean;
  /** Environment variables set from flags, by variable: the flag that set it (`--size`). */
  fromFlags: Record<string, string>;
}

/** Options that take a value; `--concurrency -1` reads as a value, not as a flag `-1`. */
const VALUE_OPTIONS = new Set([...Object.keys(FLAG_VARS), "rate", "out", "lab-map"]);

/** Join `--name -1` into `--name=-1` so a negative number is a value (then refused by name). */
function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith("--") && !args[i].includes("=") ? args[i].slice(2) : null;
    if (name !== null && VALUE_OPTIONS.has(name) && /^-[0-9.]/.test(args[i + 1] ?? "")) {
      out.push(`${args[i]}=${args[i + 1]}`);
      i++;
    } else out.push(args[i]);
  }
  return out;
}

/**
 * Turn command-line arguments into run parameters (as the environment variables `runParams`
 * reads) and output options.
 *
 * @throws {UsageError} For an unknown option, a missing value or a bad `--rate`.
 * @example
 * ```ts
 * parseCli(["--target", "local", "--seeds", "127.0.0.5:50001:t"]).env.OBS_TARGET; // "local"
 * ```
 */
export function parseCli(args: string[], env: Record<string, string | undefined> = {}): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args),
      options: {
        target: { type: "string" },
        size: { type: "string" },
        seed: { type: "string" },
        latency: { type: "string" },
        seeds: { type: "string" },
        concurrency: { type: "string" },
        rate: { type: "string" },
        out: { type: "string" },
        "i-know": { type: "boolean" },
        "lab-clock": { type: "string" },
        "lab-week": { type: "string" },
        timing: { type: "string" },
        deny: { type: "string" },
        allow: { type: "string" },
        "exclude-file": { type: "string" },
        "lab-map": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`collect: ${(err as Error).message} (--help for usage)`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  const fromFlags: Record<string, string> = {};
  for (const [flag, name] of Object.entries(FLAG_VARS)) {
    const v = values[flag];
    if (typeof v === "string") {
      out[name] = v;
      fromFlags[name] = `--${flag}`;
    }
  }
  if (values["i-know"]) out.OBS_LIVE = "1";
  const rateText = values.rate as string | undefined;
  const rate = rateText === undefined ? undefined : Number(rateText);
  if (rate !== undefined && !(rateText!.trim() !== "" && rate >= 0)) {
    throw new UsageError(`collect: --rate must be a number >= 0, got ${JSON.stringify(rateText)}`);
  }
  const labMap = values["lab-map"] as string | undefined;
  if (labMap !== undefined) {
    if (out.OBS_TARGET === "live") {
      throw new UsageError(
        "collect: --lab-map crawls a running lab; it cannot go with --target live",
      );
    }
    // A running lab is crawled as the lab: its names and simulated addresses route through the map.
    out.OBS_TARGET = "lab";
    delete fromFlags.OBS_TARGET;
  }
  return {
    env: out,
    out: values.out as string | undefined,
    rate,
    help: values.help === true,
    fromFlags,
    labMap,
  };
}

/**
 * The run parameters of a parsed command line; an error names the flag when a flag gave the bad
 * value (`--concurrency must be in 1..1000, got -1`), else the environment variable.
 *
 * @throws {UsageError} For a bad value.
 */
export function cliParams(cli: CliOptions): RunParams {
  try {
    return runParams(cli.env);
  } catch (err) {
    let message = (err as Error).message;
    for (const [name, flag] of Object.entries(cli.fromFlags)) {
      message = message.replaceAll(name, flag);
    }
    throw new UsageError(`collect: ${message}`);
  }
}

async function main(): Promise<number> {
  let cli: CliOptions;
  let params: RunParams;
  let addressMap: AddressMap | undefined;
  try {
    cli = parseCli(Deno.args, Deno.env.toObject());
    if (cli.help) {
      console.log(COLLECT_USAGE);
      return EXIT_CODES.ok;
    }
    params = cliParams(cli);
    const out = cli.out ?? dataDir();
    const problem = writableFolderProblem(out);
    if (problem) {
      throw new UsageError(
        `collect: ${cli.out === undefined ? "data folder" : "--out"}: ${problem}`,
      );
    }
    addressMap = cli.labMap === undefined
      ? undefined
      : await readAddressMap(cli.labMap).catch((err) => {
        throw new UsageError(`collect: --lab-map: ${(err as Error).message}`);
      });
  } catch (err) {
    console.error((err as Error).message);
    return err instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.failed;
  }
  if (addressMap) {
    console.error(
      `collect: crawling the running lab of ${cli.labMap} (seed ${
        JSON.stringify(addressMap.lab.seed)
      }, ${addressMap.lab.clearnet + addressMap.lab.onion} servers)`,
    );
  } else if (Deno.args.length === 0 && !Deno.env.get("OBS_TARGET")) {
    console.error(
      `collect: no --target given: crawling the lab (${params.labSize} servers, seed ${
        JSON.stringify(params.seed)
      }); --help for options`,
    );
  }
  const tty = Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  let last = 0;
  const t0 = performance.now();
  try {
    const r = await runScan({
      params,
      addressMap,
      dataDir: cli.out,
      // A running lab remembers earlier crawls' costs as real servers do: the ledger lives with it.
      ...(cli.labMap === undefined
        ? {}
        : { politenessLedger: join(dirname(cli.labMap), "politeness_ledger.json") }),
      politeness: cli.rate === undefined ? undefined : { connectionsPerSecond: cli.rate },
      onProgress: (p) => {
        const now = performance.now();
        if (now - last < (tty ? 200 : 2000) && p.inFlight > 0) return;
        last = now;
        const text = renderProgress({ phase: "crawl", ...p }, { tty });
        Deno.stderr.writeSync(
          encoder.encode(tty ? `\r\x1b[2Kcollect: ${text}` : `collect: ${text}\n`),
        );
      },
    });
    if (tty) Deno.stderr.writeSync(encoder.encode("\n"));
    console.log(JSON.stringify(
      {
        scan_id: r.manifest.scan_id,
        target: r.manifest.target,
        servers: r.manifest.servers,
        records: r.manifest.records,
        counts_by_status: r.manifest.counts_by_status,
        timing: r.manifest.timing,
        wall_ms: Math.round(performance.now() - t0),
        files: r.files,
      },
      null,
      2,
    ));
    return EXIT_CODES.ok;
  } catch (err) {
    if (tty) Deno.stderr.writeSync(encoder.encode("\n"));
    console.error(`collect: ${(err as Error).message}`);
    return err instanceof NothingAnsweredError ? EXIT_CODES.nothingAnswered : EXIT_CODES.failed;
  }
}

if (import.meta.main) Deno.exitCode = await main();
