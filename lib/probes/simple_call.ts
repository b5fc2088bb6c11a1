/**
 * Shared shape of the probes that make one call on the main session and keep its result.
 *
 * @module
 */
import { bytesField, clip } from "../records/records.ts";
import type { Reply } from "../electrum/session.ts";
import { failed, type ProbeContext, type ProbeOutput } from "./probe.ts";
import { readWireStyle } from "./wire_style.ts";

/**
 * Call `method` on the main session and turn the reply into a probe output. `keep` turns a
 * successful result into the record's data (and may update facts).
 */
export async function simpleCall(
  ctx: ProbeContext,
  method: string,
  params: unknown[],
  keep: (
    result: unknown,
    reply: Reply & { status: "success" },
  ) => Record<string, unknown> | ProbeOutput | Promise<Record<string, unknown> | ProbeOutput>,
  options: { timeoutMs?: number } = {},
): Promise<ProbeOutput> {
  if (!ctx.session) return { status: "closed", op: "rpc", message: "no session", data: {} };
  const r = await ctx.session.request(method, params, options);
  if (r.status === "rpc-error") {
    return {
      status: "rpc-error",
      op: "rpc",
      message: clip(JSON.stringify(r.error) ?? "", 500),
      data: {
        error: boundJson(r.error),
        raw: bytesField(r.raw, 4096),
        rtt_ms: r.rttMs,
        style: readWireStyle(r.raw),
      },
    };
  }
  if (r.status !== "success") return failed(r);
  const kept = await keep(r.result, r);
  if ("status" in kept && "data" in kept) return kept as ProbeOutput;
  return { status: "success", data: { ...kept, rtt_ms: r.rttMs, style: readWireStyle(r.raw) } };
}

/** A JSON value bounded for a record: strings clipped, arrays and objects cut. */
export function boundJson(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return clip(v, 2048);
  if (v === null || typeof v !== "object") return v;
  if (depth > 6) return "[nested too deep]";
  if (Array.isArray(v)) return v.slice(0, 200).map((x) => boundJson(x, depth + 1));
  return Object.fromEntries(
    Object.entries(v as Record<string, unknown>).slice(0, 50).map((
      [k, x],
    ) => [clip(k, 256), boundJson(x, depth + 1)]),
  );
}
