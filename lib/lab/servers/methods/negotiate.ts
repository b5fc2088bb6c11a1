/**
 * `server.version`: protocol negotiation in each implementation's dialect (reference §2).
 *
 * @module
 */
import { compareVersions } from "../../../electrum/compare_versions.ts";
import { fail, type MethodContext } from "./context.ts";

/**
 * Negotiate the protocol version for `server.version` and record it on the connection.
 *
 * @returns `[software, protocol]` as the implementation answers.
 * @throws {RpcFailure} With the dialect's error reply.
 */
export function negotiate(ctx: MethodContext, params: unknown[]): [string, string] {
  const p = ctx.host.personality;
  const client = typeof params[0] === "string" ? params[0] : "Unknown";
  const requested = params.length > 1 ? params[1] : undefined;
  if (p.negotiation === "ignore") return [p.software, "1.4"];
  if (p.negotiation === "eps") return negotiateEps(ctx, requested);
  if (p.negotiation === "electrs-exact" || p.negotiation === "electrs-range") {
    return negotiateElectrs(ctx, client, requested);
  }
  return negotiateRange(ctx, requested);
}

/** EPS: 1.1 to 1.4 as a number, else it disconnects (a malformed version crashes it). */
function negotiateEps(ctx: MethodContext, requested: unknown): [string, string] {
  const p = ctx.host.personality;
  if (requested === undefined) return (ctx.setNegotiated("1.4"), [p.software, "1.4"]);
  if (
    Array.isArray(requested) || typeof requested !== "string" || !/^\d+(\.\d+)?$/.test(requested)
  ) fail({ error: null, crash: true });
  const v = parseFloat(requested as string);
  if (v < 1.1 || v > 1.4) fail({ error: null, disconnect: true });
  ctx.setNegotiated("1.4");
  return [p.software, String(Math.min(v, 1.4))];
}

/** electrs: exactly 1.4, or a range containing it (`electrs-range`); else error code 1. */
function negotiateElectrs(
  ctx: MethodContext,
  client: string,
  requested: unknown,
): [string, string] {
  const p = ctx.host.personality;
  const ok = p.negotiation === "electrs-exact"
    ? requested === "1.4"
    : (typeof requested === "string" && requested === "1.4") ||
      (Array.isArray(requested) && requested.length === 2 &&
        requested.every((x) => typeof x === "string") &&
        compareVersions(requested[0], "1.4") <= 0 && compareVersions(requested[1], "1.4") >= 0);
  if (!ok) {
    const desc = Array.isArray(requested)
      ? `Range(${requested.map((x) => JSON.stringify(x)).join(", ")})`
      : `Single(${JSON.stringify(requested ?? null)})`;
    const message = p.version.startsWith("0.8")
      ? `${client} requested protocol version ${
        JSON.stringify(requested ?? null)
      }, server supports 1.4`
      : p.negotiation === "electrs-exact"
      ? `${client} requested ${desc}, server supports 1.4`
      : `unsupported request ${desc} by ${client}`;
    fail({ error: { code: 1, message } });
  }
  ctx.setNegotiated("1.4");
  return [p.software, "1.4"];
}

/**
 * ElectrumX and Fulcrum: a version or `[min, max]` range, answered with the highest version both
 * sides support; a second `server.version`, a malformed or disjoint range is an error.
 */
function negotiateRange(ctx: MethodContext, requested: unknown): [string, string] {
  const p = ctx.host.personality;
  const errors = ctx.errors;
  if (ctx.versionSeen) fail(errors.versionAlreadySent());
  let min: string, max: string;
  if (requested === undefined) min = max = "1.4";
  else if (typeof requested === "string") min = max = requested;
  else if (
    Array.isArray(requested) && requested.length === 2 &&
    requested.every((x) => typeof x === "string")
  ) [min, max] = requested as [string, string];
  else {
    if (p.negotiation === "fulcrum") {
      fail({
        error: {
          code: 1,
          message: `Bad version tuple: ${
            Array.isArray(requested) ? requested.join(", ") : String(requested)
          }`,
        },
        disconnect: true,
      });
    }
    fail({
      error: { code: 1, message: `unsupported protocol version: ${pyRepr(requested)}` },
      disconnect: true,
    });
  }
  if (p.negotiation === "fulcrum") [min, max] = [fulcrumVersion(min!), fulcrumVersion(max!)];
  if (!/^\d+(\.\d+){0,2}$/.test(min!) || !/^\d+(\.\d+){0,2}$/.test(max!)) {
    if (p.negotiation === "fulcrum") {
      fail({
        error: { code: 1, message: `Bad version tuple: ${min!}, ${max!}` },
        disconnect: true,
      });
    }
    fail({
      error: { code: 1, message: `unsupported protocol version: ${pyRepr(requested)}` },
      disconnect: true,
    });
  }
  const chosen = compareVersions(max!, p.protocolMax) < 0 ? max! : p.protocolMax;
  const floor = compareVersions(min!, p.protocolMin) > 0 ? min! : p.protocolMin;
  if (compareVersions(chosen, floor) < 0) {
    const message = p.negotiation === "fulcrum"
      ? "Unsupported protocol version"
      : `unsupported protocol version: ${pyRepr(requested)}`;
    fail({ error: { code: 1, message }, disconnect: true });
  }
  const out = chosen.replace(/(\.\d+)\.0$/, "$1");
  ctx.setNegotiated(out);
  return [p.software, out];
}

/**
 * Fulcrum's lenient `Version` parser (reference §2.1): at most 80 characters, everything up to
 * the first `/` dropped, a leading `v` dropped, and a non-numeric tail of the third part dropped.
 */
function fulcrumVersion(v: string): string {
  let s = v.slice(0, 80);
  if (s.includes("/")) s = s.slice(s.indexOf("/") + 1);
  s = s.replace(/^v/i, "");
  const parts = s.split(".");
  // The third part keeps its leading digits ("3rc1" -> "3"; inferred from the reference's wording).
  if (parts.length === 3) parts[2] = parts[2].match(/^\d*/)![0] || "0";
  return parts.join(".");
}

/** What Python's f-string shows for a JSON value: a top-level string as is, else its repr. */
function pyRepr(v: unknown, top = true): string {
  if (typeof v === "string") return top ? v : `'${v}'`;
  if (Array.isArray(v)) return "[" + v.map((x) => pyRepr(x, false)).join(", ") + "]";
  if (v === null || v === undefined) return "None";
  if (v === true || v === false) return v ? "True" : "False";
  return JSON.stringify(v);
}
