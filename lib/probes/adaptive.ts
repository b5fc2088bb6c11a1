/**
 * Adaptive waits. Silence is an answer from some servers (Electrum Personal Server never answers
 * `server.features`; ElectrumX ignores an object without a method), so the collector waits for it
 * only as long as the server's own round trip suggests, not the full request deadline:
 * max(`floorMs`, 4 x the measured round trip), plus ElectrumX's 1 s padding hold when replies were
 * padded (reference §1), capped at the request deadline.
 *
 * @module
 */
import type { ProbeContext } from "./probe.ts";

/** Options of {@linkcode silenceWaitMs}. */
export interface SilenceWaitOptions {
  /** Shortest wait, ms. Default: 1,500. */
  floorMs?: number;
  /** Round trips to wait. Default: 4. */
  rtts?: number;
}

/**
 * How long to wait for a reply that may never come.
 *
 * @param ctx The probe context: `facts.versionRttMs` (else the dial's connect/TLS time) and
 *   `facts.padded`.
 * @returns Milliseconds, at most `ctx.requestTimeoutMs`.
 * @example
 * ```ts
 * silenceWaitMs(ctx); // 1500 on a fast unpadded server
 * ```
 */
export function silenceWaitMs(ctx: ProbeContext, options: SilenceWaitOptions = {}): number {
  const floor = options.floorMs ?? 1500;
  const t = ctx.dial?.timings;
  const rtt = typeof ctx.facts.versionRttMs === "number"
    ? ctx.facts.versionRttMs
    : Math.max(t?.connectMs ?? 0, t?.tlsMs ?? 0, t?.proxyMs ?? 0);
  const hold = ctx.facts.padded ? 1000 : 0;
  return Math.round(
    Math.min(ctx.requestTimeoutMs, Math.max(floor, (options.rtts ?? 4) * rtt) + hold),
  );
}

/**
 * A request whose reply exceeds 1,024 bytes (13 headers of 160 hex digits), so that ElectrumX >=
 * 1.18's padded transport sends what it holds at once instead of after its 1 s hold (reference
 * §1). Probes pipeline it after their own requests on padded servers; its reply is not recorded.
 */
export const PADDING_FLUSH: readonly [string, unknown[]] = ["blockchain.block.headers", [0, 13]];

/** Send {@linkcode PADDING_FLUSH} on a session (fire and forget; bounded by the session's deadline). */
export function flushPadding(
  session: { request(method: string, params: unknown[]): Promise<unknown>; ended: boolean } | null,
): void {
  if (session && !session.ended) void session.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
}
