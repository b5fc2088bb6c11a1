/**
 * `deno task lab`: run the lab on its own, so anyone can point their own tools at it.
 *
 * ```text
 * deno task lab [--size N] [--onion N] [--seed S] [--latency X] [--tip-interval MS]
 *               [--request-log FILE] [--vantage LAT,LON] [--no-adversaries]
 *               [--run-dir DIR] [--ground-truth FILE]
 * ```
 *
 * It prints the seed servers (their lab names, simulated public addresses and the loopback
 * addresses to dial), the SOCKS5 gateway standing in for Tor, where the ground truth and the
 * address map went and the request log, then serves until Ctrl-C (SIGINT) or SIGTERM. The ground
 * truth and the address map go to this run's own folder (default
 * `data/lab-runs/lab-<start time>/`), never over the report's `data/lab/ground_truth.json`; `deno
 * task collect --lab-map <run folder>/address_map.json` crawls the running lab whole.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { dataDir } from "../data/paths.ts";
import { type Lab, type LabOptions, startLab } from "./lab.ts";
import { writeGroundTruth } from "./ground_truth.ts";
import { labAddressMap } from "./net/address_map.ts";
import { writeFileAtomic } from "../data/atomic_write.ts";

/** Parsed command line. */
export interface LabCli {
  options: LabOptions;
  /** Where the ground truth is written. */
  groundTruth: string;
  /** Where the address map is written (beside the ground truth). */
  addressMap: string;
  help: boolean;
}

/** Usage text. */
export const USAGE = `deno task lab [options]
  --size N            reachable clearnet servers (default 350; 1..5,000, and 10 or more with onion)
  --onion N           onion-only servers (default 45, scaled with --size)
  --seed S            seed: the same seed builds the same network (default electrum-observatory)
  --latency X         simulated latency scale: 0 none, 1 realistic (default 1)
  --tip-interval MS   a new block every MS milliseconds, 0 = never (default 30000)
  --request-log FILE  append every request the lab receives to FILE (JSON Lines)
  --vantage LAT,LON   vantage point for simulated latency (default 50.11,8.68: Frankfurt)
  --no-adversaries    leave out the planted adversaries and look-alikes
  --run-dir DIR       this run's folder: ground_truth.json and address_map.json
                      (default <data>/lab-runs/lab-<start time>/; never the report's data/lab/)
  --ground-truth FILE where the ground truth goes instead (the address map goes beside it)
  --help              this text`;

/**
 * Parse `deno task lab` arguments.
 *
 * @throws {TypeError} For an unknown option. {RangeError} For a malformed number or vantage.
 * @example
 * ```ts
 * parseLabCli(["--size", "100", "--latency", "0"]).options; // { size: 100, latency: 0, ... }
 * ```
 */
export function parseLabCli(args: string[]): LabCli {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      size: { type: "string" },
      onion: { type: "string" },
      seed: { type: "string" },
      latency: { type: "string" },
      "tip-interval": { type: "string" },
      "request-log": { type: "string" },
      vantage: { type: "string" },
      "no-adversaries": { type: "boolean" },
      "ground-truth": { type: "string" },
      "run-dir": { type: "string" },
      help: { type: "boolean" },
    },
  });
  const num = (name: string, v: string | undefined, integer: boolean): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === "" || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) {
      throw new RangeError(
        `--${name} must be a non-negative ${integer ? "integer" : "number"}, got ${
          JSON.stringify(v)
        }`,
      );
    }
    return n;
  };
  const options: LabOptions = {};
  const size = num("size", values.size, true);
  if (size !== undefined) options.size = size;
  const onion = num("onion", values.onion, true);
  if (onion !== undefined) options.onion = onion;
  if (values.seed !== undefined) options.seed = values.seed;
  const latency = num("latency", values.latency, false);
  if (latency !== undefined) options.latency = latency;
  const tip = num("tip-interval", values["tip-interval"], true);
  if (tip !== undefined) options.tipIntervalMs = tip;
  if (values["request-log"]) options.requestLogPath = values["request-log"];
  if (values["no-adversaries"]) options.adversaries = false;
  if (values.vantage !== undefined) {
    const [latitude, longitude] = values.vantage.split(",").map(Number);
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
      throw new RangeError(
        `--vantage must be LAT,LON in degrees, got ${JSON.stringify(values.vantage)}`,
      );
    }
    options.vantage = { latitude, longitude };
  }
  const runDir = values["run-dir"] ??
    `${dataDir()}/lab-runs/lab-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  const groundTruth = values["ground-truth"] ?? `${runDir}/ground_truth.json`;
  const folder = groundTruth.includes("/") ? groundTruth.replace(/\/[^/]*$/, "") || "/" : ".";
  return {
    options,
    groundTruth,
    addressMap: `${folder}/address_map.json`,
    help: values.help === true,
  };
}

/** What the command prints once the lab is up. */
export function describeLab(lab: Lab, cli: LabCli): string {
  const onion = lab.hosts.filter((h) => h.onion).length;
  const tip = cli.options.tipIntervalMs ?? 30_000;
  const out = [
    `Electrum Observatory lab: ${lab.hosts.length} servers (${
      lab.hosts.length - onion
    } clearnet, ${onion} onion-only), seed ${
      JSON.stringify(String(cli.options.seed ?? "electrum-observatory"))
    }, latency x${cli.options.latency ?? 1}, ${
      tip > 0 ? `a block every ${tip / 1000} s` : "tip fixed"
    } (height ${lab.chain.tip().height}, regtest)`,
    "",
    "Seed servers (the first reaches every server through server.peers.subscribe):",
    "  name                                   simulated address  dial            ports",
  ];
  for (const s of lab.seeds) {
    const sim = lab.resolver.resolve(s.host)[0] ?? s.host;
    const dial = lab.resolver.dialAddress(sim) ?? "?";
    const ports = [s.t ? `t${s.t}` : null, s.s ? `s${s.s}` : null].filter(Boolean).join(" ");
    out.push(`  ${s.host.padEnd(38)} ${sim.padEnd(18)} ${dial.padEnd(15)} ${ports}`);
  }
  const first = lab.seeds.find((x) => x.t) ?? lab.seeds[0];
  if (first) {
    const dial = lab.resolver.dialAddress(lab.resolver.resolve(first.host)[0] ?? first.host);
    out.push(
      "",
      `Example: electrum --regtest --oneserver --server ${dial}:${first.t ?? first.s}:${
        first.t ? "t" : "s"
      }`,
    );
  }
  out.push(
    "",
    "Names and simulated addresses exist only in the lab: dial the loopback address shown (the lab's",
    "address book maps them, as DNS and routing would).",
    `SOCKS5 gateway (Tor stand-in; .onion names and lab names): ${lab.socks.ip}:${lab.socks.port}`,
    `Lab CA (stand-in for Let's Encrypt) is Lab.caPem; certificates are mostly self-signed.`,
    `Ground truth: ${cli.groundTruth} (never read by detectors)`,
    `Address map: ${cli.addressMap} (deno task collect --lab-map ${cli.addressMap} crawls this lab whole)`,
    `Request log: ${
      cli.options.requestLogPath ?? "in memory only (--request-log FILE to keep it)"
    }`,
    "",
    "Serving. Press Ctrl-C to stop.",
  );
  return out.join("\n");
}

async function main() {
  let cli: LabCli;
  try {
    cli = parseLabCli(Deno.args);
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : err}\n\n${USAGE}`);
    Deno.exit(2);
  }
  if (cli.help) {
    console.log(USAGE);
    return;
  }
  const lab = await startLab(cli.options);
  for (const path of [cli.groundTruth, cli.addressMap]) {
    const dir = path.replace(/\/[^/]*$/, "");
    if (dir && dir !== path) await Deno.mkdir(dir, { recursive: true });
  }
  await writeGroundTruth(lab, cli.groundTruth, { scanId: `lab-${new Date().toISOString()}` });
  const meta = {
    seed: String(cli.options.seed ?? "electrum-observatory"),
    latency: cli.options.latency ?? 1,
  };
  await writeFileAtomic(cli.addressMap, JSON.stringify(labAddressMap(lab, meta)) + "\n");
  console.log(describeLab(lab, cli));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping the lab.");
    await lab.stop();
    Deno.exit(0);
  };
  Deno.addSignalListener("SIGINT", stop);
  Deno.addSignalListener("SIGTERM", stop);
}

if (import.meta.main) await main();
