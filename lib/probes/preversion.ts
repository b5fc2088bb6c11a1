/**
 * Probe `preversion`: on its own short connection, `server.features` sent BEFORE
 * `server.version` (reference §9 step 2). What comes back identifies the family before anything
 * else is sent:
 *
 * - two notifications (`blockchain.relayfee`, `blockchain.estimatefee`), code 1
 *   `use server.version to identify client`, then a close: ElectrumX >= 1.19 (`version-first`);
 * - silence: Electrum Personal Server (`silent`); later probes then avoid what crashes it;
 * - an error (`-32601`, or a bare string): esplora without discovery (`error`);
 * - a features object: the others (`answered`).
 *
 * Runs beside `reach`; a single-client server (EPS) queues `reach` until this connection closes
 * (`reach`'s handshake deadline counts from then).
 * The wait for silence is short and adaptive: max(1,500 ms, 4 x the connection's own round
 * trip), never the full request deadline.
 *
 * @module
 */
import { bytesField, clip } from "../records/records.ts";
import { parseMessage } from "../electrum/message.ts";
import { flushPadding } from "./adaptive.ts";
import { boundJson } from "./simple_call.ts";
import type { Probe } from "./probe.ts";
import { readWireStyle } from "./wire_style.ts";

/** How the server reacted to `server.features` before `server.version`. */
export type PreversionOutcome = "version-first" | "answered" | "error" | "silent" | "closed";

export const preversion: Probe = {
  name: "preversion",
  version: "2",
  async run(ctx) {
    const c = await ctx.open({ preferPlain: true });
    if (c.status !== "success") {
      return {
        status: c.status,
        op: c.op,
        message: c.message,
        data: { connect_ms: c.timings.connectMs, tls_ms: c.timings.tlsMs },
      };
    }
    const s = c.session;
    try {
      const t = c.dial.timings;
      const rtt = Math.max(t.connectMs ?? 0, t.tlsMs ?? 0, t.proxyMs ?? 0);
      const waitMs = Math.round(Math.min(ctx.requestTimeoutMs, Math.max(1500, 4 * rtt)));
      const pending = s.request("server.features", [], { timeoutMs: waitMs });
      // Padding is not known yet: a large second request flushes ElectrumX 1.18's hold at once.
      flushPadding(s);
      const r = await pending;
      // ElectrumX closes right after its error: give the close a moment to arrive.
      if (r.status === "rpc-error") await s.waitFor(() => s.ended, Math.min(500, waitMs));
      const notifications = s.notifications.map((n) => clip(n.method, 100)).slice(0, 10);
      const closed = s.ended && s.endMessage !== "closed by client";
      let outcome: PreversionOutcome;
      let error: unknown = null, featureKeys: string[] | null = null, raw: Uint8Array | null = null;
      if (r.status === "success") {
        outcome = "answered";
        raw = r.raw;
        featureKeys = resultKeys(r.raw);
      } else if (r.status === "rpc-error") {
        error = boundJson(r.error);
        raw = r.raw;
        const code = (r.error as { code?: unknown } | null)?.code;
        outcome = code === 1 && notifications.length > 0 && closed ? "version-first" : "error";
      } else if (r.status === "timeout") outcome = "silent";
      else outcome = "closed";
      if (outcome === "silent") ctx.facts.epsLike = true;
      if (outcome === "version-first") ctx.facts.versionFirst = true;
      if (s.received.some((l) => readWireStyle(l.raw).paddingSpaces >= 16)) ctx.facts.padded = true;
      return {
        status: "success",
        data: {
          outcome,
          wait_ms: waitMs,
          rtt_ms: r.rttMs,
          notifications,
          error,
          closed_by_server: closed,
          feature_keys: featureKeys,
          style: raw ? readWireStyle(raw) : null,
          raw: raw ? bytesField(raw, 4096) : null,
          // Every line but the padding flush's large reply (request id 1), bounded.
          lines: s.received.filter((l) =>
            parseMessage(l.raw, { maxDepth: 8 }).kind !== "response" ||
            (parseMessage(l.raw, { maxDepth: 8 }) as { id?: unknown }).id !== 1
          )
            .slice(0, 6).map((l) => bytesField(l.raw, 1024)),
        },
      };
    } finally {
      s.close();
    }
  },
};

/** Keys of the `result` object of a reply line, in wire order (JSON.parse keeps text order). */
export function resultKeys(raw: Uint8Array): string[] | null {
  const m = parseMessage(raw);
  if (m.kind !== "response") return null;
  const r = (m.value as { result?: unknown }).result;
  return r && typeof r === "object" && !Array.isArray(r) ? Object.keys(r).slice(0, 30) : null;
}
