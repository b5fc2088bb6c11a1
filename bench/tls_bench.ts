/**
 * Benchmark of lab certificate generation (lib/tls): the time to make 1,000 certificates with
 * fresh seeded keys, per key type and issuer, as a 1,000-server lab does at start-up (budget:
 * the whole lab in 5 s). Also parse and chain-verify throughput for the collector.
 *
 * Workloads (each 1,000 certificates, number seeds 0..999, one SAN each):
 * - RSA-2048 self-signed (each signs itself: one RSA signature per certificate);
 * - EC P-256 self-signed;
 * - EC P-256 leaves issued by the lab CA's EC intermediate (Let's Encrypt style);
 * - RSA-2048 leaves issued by the lab CA's RSA intermediate;
 * - parseCertificate and verifyChain over the EC issued leaves.
 *
 * Usage: `deno run -A bench/tls_bench.ts [--runs N]` (default 3 runs; the median is reported).
 *
 * @module
 */
import { parseCertificate, verifyChain } from "../lib/tls/mod.ts";
import {
  type LabCertificate,
  type LabKeyType,
  makeCertificate,
  makeLabCa,
  makeLabKey,
} from "../lib/lab/certs/mod.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";

/** Median of a run's timings (NaN for none; the one definition is lib/analysis/median.ts). */
const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

const N = 1000;

function makeMany(type: LabKeyType, issuer?: LabCertificate): LabCertificate[] {
  const out: LabCertificate[] = [];
  for (let i = 0; i < N; i++) {
    out.push(makeCertificate(makeLabKey(i, { type }), {
      subject: { CN: `s${i}.lab.invalid` },
      dnsNames: [`s${i}.lab.invalid`],
      issuer,
    }));
  }
  return out;
}

function main(): void {
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 3;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`--runs must be a positive integer, got ${Deno.args[runsArg + 1]}`);
  }
  const t0 = performance.now();
  const ca = makeLabCa("bench");
  const caMs = performance.now() - t0;
  makeMany("ec-p256").length; // warm-up

  const rows: [string, () => unknown][] = [
    ["RSA-2048 self-signed", () => makeMany("rsa-2048")],
    ["EC P-256 self-signed", () => makeMany("ec-p256")],
    ["EC P-256 issued by lab E1", () => makeMany("ec-p256", ca.intermediate)],
    ["RSA-2048 issued by lab R1", () => makeMany("rsa-2048", ca.rsaIntermediate)],
  ];
  const issued = makeMany("ec-p256", ca.intermediate);
  rows.push(["parseCertificate (EC leaves)", () => issued.map((c) => parseCertificate(c.der))]);
  rows.push([
    "verifyChain (EC leaves, lab CA)",
    () =>
      issued.map((c, i) =>
        verifyChain(c.chainDer, `s${i}.lab.invalid`, { trustAnchorsPem: ca.trustAnchorsPem })
      ),
  ]);

  console.log(`lab CA (root + 2 intermediates): ${caMs.toFixed(0)} ms`);
  console.log(`${N} items per row, median of ${runs} runs`);
  for (const [name, fn] of rows) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      fn();
      times.push(performance.now() - t);
    }
    const ms = median(times);
    console.log(
      `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${
        (N / (ms / 1000)).toFixed(0).padStart(6)
      } /s`,
    );
  }
}

if (import.meta.main) main();
