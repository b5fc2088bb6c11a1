/**
 * Probe `batch`: a 2-element JSON-RPC batch (`server.ping` twice) on the main session, run last
 * on it because servers without batch support (esplora's 2021 build, EPS) disconnect. Records
 * whether a batch reply came, and how its elements are joined: ElectrumX writes `, ` between
 * elements, Fulcrum and electrs a bare `,` (checked against running servers, reference header).
 *
 * @module
 */
import { bytesField } from "../records/records.ts";
import { decodeLenient } from "../electrum/message.ts";
import type { Probe } from "./probe.ts";

/** How a batch reply joins its elements: `comma-space`, `comma`, or `single` (one element). */
export function batchJoin(raw: Uint8Array): "comma-space" | "comma" | "single" | null {
  const t = decodeLenient(raw).trim();
  if (!t.startsWith("[")) return null;
  if (/\}\s*,\s+\{/.test(t) && /\},\s\{/.test(t)) return "comma-space";
  if (/\},\{/.test(t)) return "comma";
  return "single";
}

export const batch: Probe = {
  name: "batch",
  version: "1",
  async run(ctx) {
    const s = ctx.session;
    if (!s || s.ended) return { status: "closed", op: "rpc", message: "no session", data: {} };
    const r = await s.batch([["server.ping", []], ["server.ping", []]]);
    if (r.status === "success") {
      const ok = r.replies.filter((x) => x.status === "success").length;
      return {
        status: "success",
        data: {
          supported: true,
          outcome: "reply",
          join: batchJoin(r.raw),
          elements_ok: ok,
          raw: bytesField(r.raw, 2048),
          rtt_ms: r.rttMs,
        },
      };
    }
    if (r.status === "closed" || r.status === "reset") {
      return { status: "success", data: { supported: false, outcome: "closed", join: null } };
    }
    if (r.status === "timeout") {
      return { status: "success", data: { supported: false, outcome: "silent", join: null } };
    }
    return { status: r.status, op: r.op, message: r.message, data: { supported: null } };
  },
};
