/**
 * Probe `latency`: application round trips, several `server.ping` samples. ElectrumX >= 1.18
 * holds small replies up to 1 s (its padding transport, reference §1); pairing each ping with a
 * request whose reply exceeds 1,024 bytes (13 headers) makes it flush at once, so the hold is not
 * mistaken for slowness. The record keeps both the samples and whether pairing was used.
 *
 * @module
 */
import type { Probe } from "./probe.ts";

/** Samples per server. */
export const LATENCY_SAMPLES = 3;

export const latency: Probe = {
  name: "latency",
  version: "1",
  async run(ctx) {
    const s = ctx.session;
    if (!s) return { status: "closed", op: "rpc", message: "no session", data: {} };
    const samples: number[] = [];
    const paired = (ctx.facts.tipHeight ?? 0) >= 13;
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const ping = s.request("server.ping", []);
      if (paired) void s.request("blockchain.block.headers", [0, 13]);
      const r = await ping;
      if (r.status === "success") samples.push(Math.round(r.rttMs * 100) / 100);
      else if (samples.length === 0) {
        const message = r.status === "rpc-error"
          ? JSON.stringify(r.error).slice(0, 500)
          : r.message;
        return { status: r.status, op: "rpc", message, data: { samples } };
      }
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      status: "success",
      data: {
        samples,
        median_ms: sorted[Math.floor(sorted.length / 2)] ?? null,
        min_ms: sorted[0] ?? null,
        paired_flush: paired,
      },
    };
  },
};
