/**
 * Probe `version_range`: on its own connection, `server.version [client, ["1.4", "1.6"]]`, the
 * range negotiation Electrum >= 4.7 uses (reference §2.1, §9 step 3). The negotiated protocol
 * tells versions apart (which builds spoke which, tagged or not: `lib/classify/build_history.ts`):
 * "1.6" ElectrumX >= 1.18 or Fulcrum >= 2.0; "1.4.3" ElectrumX 1.16-1.18 (and Fulcrum 1.0.5-1.1.1);
 * "1.4.2" ElectrumX 1.10-1.16 (kyuupichan's to 1.20.2); "1.5.x" Fulcrum 1.9-2.0; an error naming
 * `Range(` electrs 0.9.0-0.9.13. Never sent to an EPS-like server: a range crashes Electrum
 * Personal Server.
 *
 * The request opens the `errors` probe's connection when that probe runs (it shares the reply
 * through `facts.rangeExchange`); otherwise this probe opens a connection of its own.
 *
 * @module
 */
import { bytesField, clip } from "../records/records.ts";
import { flushPadding } from "./adaptive.ts";
import { boundJson } from "./simple_call.ts";
import { epsVerdict, type Probe, type ProbeOutput, skipped } from "./probe.ts";
import type { Reply } from "../electrum/session.ts";
import { readWireStyle } from "./wire_style.ts";

/** The range offered. */
export const OFFERED_RANGE = ["1.4", "1.6"] as const;

/** The range negotiation's reply, as shared by the `errors` probe. */
export interface RangeExchange {
  reply: Reply;
  closedByServer: boolean;
}

export const versionRange: Probe = {
  name: "version_range",
  version: "3",
  async run(ctx) {
    if (await epsVerdict(ctx)) {
      return skipped("EPS-like server (a version range crashes Electrum Personal Server)");
    }
    const shared = await (ctx.facts.rangeExchange as Promise<RangeExchange | null> | undefined);
    if (shared) return outputOf(shared.reply, shared.closedByServer, "errors-connection");
    const c = await ctx.open({ preferPlain: true });
    if (c.status !== "success") return { status: c.status, op: c.op, message: c.message, data: {} };
    const s = c.session;
    try {
      const pending = s.request("server.version", [ctx.clientName, [...OFFERED_RANGE]]);
      if (ctx.facts.padded) flushPadding(s);
      const r = await pending;
      if (r.status === "rpc-error") await s.waitFor(() => s.ended, 300);
      return outputOf(r, s.ended, "own-connection");
    } finally {
      s.close();
    }
  },
};

function outputOf(r: Reply, closedByServer: boolean, via: string): ProbeOutput {
  if (r.status === "success") {
    const res = r.result;
    const ok = Array.isArray(res) && typeof res[0] === "string" && typeof res[1] === "string";
    return {
      status: ok ? "success" : "protocol-error",
      op: ok ? null : "parse",
      message: ok ? null : "server.version result is not [software, protocol]",
      data: {
        offered: [...OFFERED_RANGE],
        software: ok ? clip(res[0] as string, 256) : null,
        protocol: ok ? clip(res[1] as string, 32) : null,
        result: ok ? null : boundJson(res),
        rtt_ms: r.rttMs,
        style: readWireStyle(r.raw),
        via,
      },
    };
  }
  if (r.status === "rpc-error") {
    return {
      status: "rpc-error",
      op: "rpc",
      message: clip(JSON.stringify(r.error) ?? "", 500),
      data: {
        offered: [...OFFERED_RANGE],
        error: boundJson(r.error),
        closed_by_server: closedByServer,
        raw: bytesField(r.raw, 2048),
        via,
      },
    };
  }
  return {
    status: r.status,
    op: r.op,
    message: r.message,
    data: { offered: [...OFFERED_RANGE], via },
  };
}
