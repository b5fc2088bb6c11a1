/**
 * The probe battery: the registry of probes and the order they run in, as phases. Probes within a
 * phase run concurrently on the same session, so their requests are pipelined on the wire (one
 * padding hold on ElectrumX >= 1.18 instead of one per probe).
 *
 * Phases of the default battery, and why in this order:
 * 1. `preversion` on its own short connection (it tells ElectrumX >= 1.19 and EPS apart before
 *    anything else is sent) beside `reach`, which opens the main session. A single-client server
 *    (EPS) queues `reach`'s handshake until `preversion` hangs up; that handshake's deadline
 *    counts from then (`ProbeContext.open`, option `main`).
 * 2. `version` (a single "1.4", safe everywhere) and `tls` (reads the handshake).
 * 3. Everything that needs only a negotiated session, pipelined: `features`, `banner`,
 *    `donation`, `tip`, `fees`, `methods`, `broadcast`, `peers`; beside them `errors` on a second
 *    connection (at most two connections per address at once, in every phase), which opens with
 *    the range negotiation `version_range` records. When `preversion` was silent, `methods`,
 *    `errors`, `version_range` and `fees`' `mempool.get_info` wait for `features` (listed first)
 *    to settle whether the server is EPS-like (`epsVerdict`).
 * 4. `latency` (pings paired with a large reply so the padding hold does not count) beside
 *    `jarm` (extra handshakes, one at a time).
 * 5. `proofs` (checkpoint and transaction merkle proofs below the tip `tip` read), after the
 *    latency samples so its replies do not delay them; beside it `history` (a script the chain
 *    says was paid at that height, and its history) on a connection of its own, whose replies
 *    are capped apart from the main session's.
 * 6. `batch`, last on the main session (servers without batch support disconnect).
 * 7. `wire` (reads every line the main session received).
 *
 * @module
 */
import { banner } from "./banner.ts";
import { batch } from "./batch.ts";
import { broadcast } from "./broadcast.ts";
import { donation } from "./donation.ts";
import { errors } from "./errors.ts";
import { features } from "./features.ts";
import { fees } from "./fees.ts";
import { history } from "./history.ts";
import { jarm } from "./jarm.ts";
import { latency } from "./latency.ts";
import { methods } from "./methods.ts";
import { peers } from "./peers.ts";
import { preversion } from "./preversion.ts";
import { proofs } from "./proofs.ts";
import { flushPadding } from "./adaptive.ts";
import type { Probe, ProbeContext, ProbeOutput } from "./probe.ts";
import { reach } from "./reach.ts";
import { tip } from "./tip.ts";
import { tls } from "./tls.ts";
import { version } from "./version.ts";
import { versionRange } from "./version_range.ts";
import { wire } from "./wire.ts";

/** Every probe, by name. */
export const PROBES: Readonly<Record<string, Probe>> = Object.fromEntries(
  [
    preversion,
    reach,
    version,
    tls,
    features,
    banner,
    donation,
    tip,
    fees,
    methods,
    broadcast,
    peers,
    errors,
    latency,
    versionRange,
    batch,
    wire,
    jarm,
    proofs,
    history,
  ]
    .map((p) => [p.name, p]),
);

/** The default battery as phases of probe names (see the module comment for the order). */
export const DEFAULT_BATTERY: readonly (readonly string[])[] = [
  ["preversion", "reach"],
  ["version", "tls"],
  [
    "features",
    "banner",
    "donation",
    "tip",
    "fees",
    "methods",
    "broadcast",
    "peers",
    "errors",
    "version_range",
  ],
  ["latency", "jarm"],
  ["proofs", "history"],
  ["batch"],
  ["wire"],
];

/** The battery of a server's further endpoints: reach, version and the certificate. */
export const SECONDARY_BATTERY: readonly (readonly string[])[] = [["reach"], ["version", "tls"]];

/** A finished probe: its output plus the probe's name, version and duration. */
export interface ProbeResult extends ProbeOutput {
  probe: string;
  probe_version: string;
  duration_ms: number;
}

/**
 * Run a battery against one endpoint. `reach` failing stops the battery; later probes run even if
 * one fails. A probe that throws (a server's data broke our code) is recorded as `protocol-error`.
 *
 * @param ctx The probe context.
 * @param phases Phases of probe names. Default: {@linkcode DEFAULT_BATTERY}.
 * @param onResult Called with each result as it finishes.
 * @throws {RangeError} If a phase names an unknown probe.
 */
export async function runBattery(
  ctx: ProbeContext,
  phases: readonly (readonly string[])[] = DEFAULT_BATTERY,
  onResult: (r: ProbeResult) => Promise<void> | void = () => {},
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = [];
  for (const phase of phases) {
    const probes = phase.map((name) => {
      const p = PROBES[name];
      if (!p) {
        throw new RangeError(
          `Unknown probe ${JSON.stringify(name)}; known: ${Object.keys(PROBES).join(", ")}`,
        );
      }
      return p;
    });
    const running = Promise.all(probes.map(async (p) => {
      const t0 = performance.now();
      let out: ProbeOutput;
      try {
        out = await p.run(ctx);
      } catch (err) {
        out = {
          status: "protocol-error",
          op: "parse",
          message: `probe ${p.name} failed on server data: ${(err as Error).message}`.slice(0, 500),
          data: {},
        };
      }
      const r: ProbeResult = {
        ...out,
        probe: p.name,
        probe_version: p.version,
        duration_ms: Math.round((performance.now() - t0) * 100) / 100,
      };
      await onResult(r);
      return r;
    }));
    // The probes have sent their first requests: on a padded server, one large reply releases
    // them all now rather than after the 1 s padding hold.
    if (ctx.facts.padded && !phase.includes("reach")) flushPadding(ctx.session);
    const done = await running;
    results.push(...done);
    if (
      phase.includes("reach") && done.some((r) => r.probe === "reach" && r.status !== "success")
    ) break;
  }
  return results;
}
