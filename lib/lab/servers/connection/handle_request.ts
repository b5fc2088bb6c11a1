/**
 * One request object, served: validation in the personality's dialect (no method, extra keys,
 * JSON-RPC version, the version-first rule, unsupported methods), the method call, and the
 * reply or error it produces, under the connection's anti-abuse accounting.
 *
 * @module
 */
import { compareVersions } from "../../../electrum/compare_versions.ts";
import type { ErrorReply } from "../errors.ts";
import { callMethod, RpcFailure } from "../methods.ts";
import { encodeNotification } from "../wire.ts";
import type { Connection } from "./connection.ts";

/** What one request produced: the serialized reply (or null for none), and how to go on. */
export interface RequestOutcome {
  line: string | null;
  /** Close the connection after the reply. */
  disconnect?: boolean;
  /** The request failed parameter validation (-32602). */
  validation?: boolean;
}

/**
 * Handle one request object.
 *
 * @param c The connection.
 * @param req The request, a JSON object.
 * @param inBatch Whether it came inside a batch (a notification then still gets its reply).
 */
export function handleRequest(
  c: Connection,
  req: Record<string, unknown>,
  inBatch: boolean,
): RequestOutcome {
  const { p, errors, host } = c;
  const id = req.id;
  const method = req.method;
  if (typeof method !== "string") return noMethod(c, req);
  // Fulcrum rejects any extra top-level key (checked against a running Fulcrum).
  const extra = Object.keys(req).some((k) => !["jsonrpc", "method", "params", "id"].includes(k));
  if (extra) {
    const r = errors.extraKey();
    if (r) {
      c.countError();
      return {
        line: r.error === null ? null : c.encError(id ?? null, r.error),
        disconnect: r.disconnect,
      };
    }
  }
  if (p.family === "electrumx" && c.firstDeclaredV2 && req.jsonrpc !== "2.0") {
    return {
      line: c.encError(id ?? null, { code: -32600, message: '"jsonrpc" is not "2.0"' }),
    };
  }
  const params = req.params === undefined ? [] : req.params;
  const isNotification = !("id" in req);
  const { clientIp, conn } = c.options;
  host.log({ t: Date.now(), host: host.id, client: clientIp, conn, method, params });

  if (p.versionFirst && !c.versionSeen && method !== "server.version") {
    return versionFirst(c, id);
  }
  if (!supported(c, method)) return unsupported(c, id, method, params);
  if (p.limits.cost && !c.charge(1)) return { line: null };
  try {
    const result = callMethod(c.ctx, method, req.params);
    c.countSuccess();
    if (isNotification && !inBatch) return { line: null };
    return { line: c.encResult(id ?? null, result) };
  } catch (err) {
    return failed(c, id, err);
  }
}

/** A request without a method name. */
function noMethod(c: Connection, req: Record<string, unknown>): RequestOutcome {
  const { p, errors } = c;
  // Fulcrum disconnects a client that sends an error object (reference §4.2).
  const r = p.family === "fulcrum" && "error" in req
    ? { error: { code: -32600, message: "Not a valid request object" }, disconnect: true }
    : errors.noMethod();
  if (!c.countError()) return { line: null };
  if (p.limits.cost && !c.charge(p.limits.cost.perError)) return { line: null };
  return r.error === null
    ? { line: null, disconnect: r.disconnect }
    : { line: c.encError(req.id ?? null, r.error), disconnect: r.disconnect };
}

/** ElectrumX >= 1.19: two "crash old Electrum" notifications, an error, then close (§2.2). */
function versionFirst(c: Connection, id: unknown): RequestOutcome {
  const { p, queue } = c;
  queue.send(encodeNotification(p, "blockchain.relayfee", []));
  queue.send(encodeNotification(p, "blockchain.estimatefee", []));
  queue.send(
    c.encError(id ?? null, { code: 1, message: "use server.version to identify client" }),
    queue.closeGraceful,
  );
  return { line: null };
}

/** Whether the personality answers this method at the negotiated protocol version. */
function supported(c: Connection, method: string): boolean {
  const { p, negotiated } = c;
  return c.methods.has(method) &&
    !(method === "blockchain.relayfee" && negotiated !== null && p.family === "electrumx" &&
      compareVersions(negotiated, "1.6") >= 0) &&
    !(method === "mempool.get_info" && p.family === "electrumx" &&
      (negotiated === null || compareVersions(negotiated, "1.6") < 0));
}

/** A method the personality does not answer. */
function unsupported(c: Connection, id: unknown, method: string, params: unknown): RequestOutcome {
  const { p } = c;
  const r = c.errors.unknownMethod(method, params);
  if (!c.countError()) return { line: null };
  if (p.limits.cost && !c.charge(p.limits.cost.perError)) return { line: null };
  if (r.crash) {
    c.queue.crashAfterSend();
    return { line: null };
  }
  return {
    line: r.error === null ? null : c.encError(id ?? null, r.error),
    disconnect: r.disconnect,
  };
}

/**
 * A method that threw. A lab bug answers as each implementation answers a handler exception
 * (reference §4.2), instead of taking the whole lab down.
 */
function failed(c: Connection, id: unknown, err: unknown): RequestOutcome {
  const { p } = c;
  const r: ErrorReply = err instanceof RpcFailure ? err.reply : {
    error: {
      code: -32603,
      message: p.family === "fulcrum"
        ? `internal error: ${String((err as Error)?.message ?? err).slice(0, 100)}`
        : "internal server error",
    },
  };
  if (r.crash) {
    c.queue.crashAfterSend();
    return { line: null };
  }
  if (!c.countError()) return { line: null };
  if (p.limits.cost && !c.charge(p.limits.cost.perError)) return { line: null };
  return {
    line: r.error === null ? null : c.encError(id ?? null, r.error),
    disconnect: r.disconnect,
    // Fulcrum checks the parameter count before dispatching (`RPC.cpp processObject`).
    validation: (r.error as { code?: unknown } | null)?.code === -32602,
  };
}
