/**
 * Probe `version`: `server.version` with a single protocol string, "1.4", the form every
 * implementation accepts (Electrum Personal Server crashes on a `[min, max]` range, reference
 * §2.1), on the main session; records the software string, the protocol, and the reply's raw
 * bytes and wire style.
 *
 * @module
 */
import { bytesField, clip } from "../records/records.ts";
import { failed, type Probe } from "./probe.ts";
import { readWireStyle } from "./wire_style.ts";
import { flushPadding } from "./adaptive.ts";

export const version: Probe = {
  name: "version",
  version: "2",
  async run(ctx) {
    if (!ctx.session) return { status: "closed", op: "rpc", message: "no session", data: {} };
    const pending = ctx.session.request("server.version", [ctx.clientName, "1.4"]);
    // `preversion` saw padding: release the first reply now, not after the 1 s hold.
    if (ctx.facts.padded) flushPadding(ctx.session);
    const r = await pending;
    if (r.status === "rpc-error") {
      return {
        status: "rpc-error",
        op: "rpc",
        message: clip(JSON.stringify(r.error), 500),
        data: { error: r.error, raw: bytesField(r.raw), rtt_ms: r.rttMs },
      };
    }
    if (r.status !== "success") return failed(r);
    const res = r.result;
    const style = readWireStyle(r.raw);
    if (!Array.isArray(res) || typeof res[0] !== "string" || typeof res[1] !== "string") {
      return {
        status: "protocol-error",
        op: "parse",
        message: "server.version result is not [software, protocol]",
        data: { result: clip(JSON.stringify(res) ?? "", 1000), raw: bytesField(r.raw) },
      };
    }
    ctx.facts.software = clip(res[0], 256);
    ctx.facts.protocol = clip(res[1], 32);
    ctx.facts.versionRttMs = r.rttMs;
    ctx.facts.lineEnding = style.lineEnding === "none" ? undefined : style.lineEnding;
    if (style.paddingSpaces >= 16) ctx.facts.padded = true;
    return {
      status: "success",
      data: {
        software: ctx.facts.software,
        protocol: ctx.facts.protocol,
        rtt_ms: r.rttMs,
        style,
        raw: bytesField(r.raw),
      },
    };
  },
};
