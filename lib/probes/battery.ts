/**
 * The probe battery: the registry of probes and the order they run in, as phases. Probes within a
 * phase run concurrently on the same session, so their requests are pipelined on the wire (one
 * padding hold on ElectrumX >= 1.18 instead of one per probe).
 *
 * @module
 */
import { banner } from "./banner.ts";
import { donation } from "./donation.ts";
import { features } from "./features.ts";
import { latency } from "./latency.ts";
import { peers } from "./peers.ts";
import type { Probe, ProbeContext, ProbeOutput } from "./probe.ts";
import { reach } from "./reach.ts";
import { tip } from "./tip.ts";
import { version } from "./version.ts";

/** Every probe, by name. */
export const PROBES: Readonly<Record<string, Probe>> = Object.fromEntries(
  [reach, version, features, banner, donation, tip, peers, latency].map((p) => [p.name, p]),
);

/** The default battery as phases of probe names. `peers` runs after `features` (it reads its hosts). */
export const DEFAULT_BATTERY: readonly (readonly string[])[] = [
  ["reach"],
  ["version"],
  ["features", "banner", "donation", "tip"],
  ["peers", "latency"],
];

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
      if (!p) throw new RangeError(`Unknown probe ${JSON.stringify(name)}; known: ${Object.keys(PROBES).join(", ")}`);
      return p;
    });
    const done = await Promise.all(probes.map(async (p) => {
      const t0 = performance.now();
      let out: ProbeOutput;
      try {
        out = await p.run(ctx);
      } catch (err) {
        out = { status: "protocol-error", op: "parse", message: `probe ${p.name} failed on server data: ${(err as Error).message}`.slice(0, 500), data: {} };
      }
      const r: ProbeResult = { ...out, probe: p.name, probe_version: p.version, duration_ms: Math.round((performance.now() - t0) * 100) / 100 };
      await onResult(r);
      return r;
    }));
    results.push(...done);
    if (phase.includes("reach") && done.some((r) => r.probe === "reach" && r.status !== "success")) break;
    if (ctx.session?.ended && !phase.includes("reach")) {
      // The server closed the main session; later probes that need it will record `closed`.
    }
  }
  return results;
}
