/**
 * The lab's connection engine: serves one Electrum connection as a personality would, over the
 * shared chain. Personalities are data (`personalities.ts`); this file interprets them: request
 * validation, version negotiation and the version-first rule, batches, the error matrix, the
 * anti-abuse limits, padding and line endings, latency, and the request log.
 *
 * @module
 */
import type net from "node:net";
import { compareVersions } from "../../electrum/compare_versions.ts";
import { concat } from "../../electrum/framing.ts";
import { jsonDepth } from "../../electrum/message.ts";
import type { ErrorReply } from "./errors.ts";
import { errorsOf } from "./errors.ts";
import { callMethod, type MethodContext, RpcFailure } from "./methods.ts";
import { FULCRUM_DEFERRED_METHODS, methodsOf, type Personality } from "./personalities.ts";
import {
  asciiEscape,
  encodeError,
  encodeNotification,
  encodeResult,
  joinBatch,
  PaddedWriter,
} from "./wire.ts";
import type { HostRuntime } from "./host_runtime.ts";

export type { Behaviour, HostRuntime, RequestLogEntry } from "./host_runtime.ts";

let connSeq = 0;

/** Options of {@linkcode serveConnection}. */
export interface ServeOptions {
  transport: "tcp" | "tls";
  /** Client address as seen by the server. */
  clientIp: string;
  /** Longest request line buffered, bytes. Default: the personality's, else 8,000,000. */
  maxLineBytes?: number;
  /** Per-reply delay for this connection, ms. Default: the host's (from the vantage point). */
  latencyMs?: () => number;
}

/**
 * Serve one accepted connection until it closes.
 *
 * @param socket The accepted (TCP or already-wrapped TLS) socket.
 * @param host The host's runtime.
 * @param options Transport and client address.
 */
export function serveConnection(
  socket: net.Socket,
  host: HostRuntime,
  options: ServeOptions,
): void {
  const p = host.personality;
  const errors = errorsOf(p);
  const methods = methodsOf(p);
  const conn = ++connSeq;
  const group = clientGroup(options.clientIp);
  let closed = false;
  let negotiated: string | null = null;
  let versionSeen = false;
  let firstDeclaredV2 = false;
  // aiorpcX: a first message declaring "jsonrpc":"1.0" switches ElectrumX to JSON-RPC 1.0
  // replies, `{"result":R,"error":null,"id":N}` (reference §1).
  let v1 = false;
  const encResult = (id: unknown, result: unknown) =>
    v1 ? asciiEscape(JSON.stringify({ result, error: null, id })) : encodeResult(p, id, result);
  const encError = (id: unknown, error: unknown) =>
    v1 ? asciiEscape(JSON.stringify({ result: null, error, id })) : encodeError(p, id, error);
  let messages = 0;
  let netErrors = 0;
  let floodSince: number | null = null;
  const subs = { headers: false, scripthashes: new Map<string, string | null>() };
  const maxLine = options.maxLineBytes ?? p.limits.maxRecv ?? 8_000_000;

  // Replies leave in order, each after the host's latency; ElectrumX >= 1.18 pads them.
  let nextAt = 0;
  const padded = p.padding !== "none"
    ? new PaddedWriter((t) => rawWrite(t), { warmup: p.padding === "padded-warmup" })
    : null;
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const rawWrite = (text: string) => {
    if (!closed) socket.write(text);
  };
  // Once a reply-and-disconnect is queued, later requests are not served.
  let closing = false;
  // One ordered outbox drained by one timer: replies, notifications and closes leave in the
  // order they were queued, each not before its due time (simulated latency).
  const outbox: { at: number; line: string | null; then?: () => void }[] = [];
  let outboxTimer: ReturnType<typeof setTimeout> | null = null;
  const pump = () => {
    outboxTimer = null;
    while (!closed && outbox.length && outbox[0].at <= performance.now() + 0.5) {
      const item = outbox.shift()!;
      if (item.line !== null) {
        const framed = item.line + p.lineEnding;
        if (padded) padded.send(framed);
        else rawWrite(framed);
      }
      item.then?.();
    }
    if (!closed && outbox.length) schedule();
  };
  const schedule = () => {
    if (outboxTimer === null && outbox.length) {
      outboxTimer = setTimeout(pump, Math.max(0, outbox[0].at - performance.now()));
    }
  };
  // Replies a concurrent server writes only after it has read what arrived (`replyOrder`): held
  // here while one received chunk is processed, then queued in the order they were produced.
  let deferring = false;
  const deferred: { delayMs: number; line: string | null; then?: () => void }[] = [];
  const enqueue = (delayMs: number, line: string | null, then?: () => void) => {
    if (deferring) {
      deferred.push({ delayMs, line, then });
      return;
    }
    const at = Math.max(performance.now() + delayMs, nextAt);
    nextAt = at;
    outbox.push({ at, line, then });
    schedule();
  };
  const pathLatency = options.latencyMs ?? host.latencyMs;
  // Replies queued together leave together and share the path's state: one jitter draw per
  // burst, not per reply (else a ping paired with a padding flush waits for the worse of two).
  let draw = { at: -Infinity, ms: 0 };
  const burstLatency = () => {
    const now = performance.now();
    if (now - draw.at > 5) draw = { at: now, ms: pathLatency() };
    return draw.ms;
  };
  const send = (line: string, then?: () => void) => {
    if (then) closing = true;
    enqueue(burstLatency() + (host.behaviour.extraLatencyMs ?? 0), line, then);
  };
  const stopTimers = () => {
    for (const t of timers) clearTimeout(t);
    if (outboxTimer !== null) clearTimeout(outboxTimer);
    outboxTimer = null;
    outbox.length = 0;
  };
  const close = () => {
    if (closed) return;
    closed = true;
    stopTimers();
    padded?.close();
    socket.destroy();
  };
  /** Reply-and-disconnect: flush what is queued (ElectrumX pads it), then close after the bytes leave. */
  const closeGraceful = () => {
    if (closed) return;
    padded?.flush();
    closed = true;
    stopTimers();
    socket.end(() => socket.destroy());
  };
  /** Disconnect without a reply, after what is already queued has left. */
  const closeAfterSend = () => {
    closing = true;
    enqueue(0, null, closeGraceful);
  };

  /** EPS's uncaught exceptions: what was already answered leaves, then the whole server goes down. */
  const crashAfterSend = () => {
    closing = true;
    enqueue(0, null, () => {
      close();
      host.crash();
    });
  };

  const sendError = (id: unknown, r: ErrorReply | null) => {
    if (!r) return;
    if (r.crash) {
      crashAfterSend();
      return;
    }
    if (r.error !== null) {
      send(encError(id, r.error), r.disconnect ? closeGraceful : undefined);
    } else if (r.disconnect) closeAfterSend();
  };

  /** ElectrumX's cost model: returns false (after replying -101) when the hard limit is hit. */
  const charge = (units: number): boolean => {
    const c = p.limits.cost;
    if (!c) return true;
    const now = performance.now();
    const entry = host.costs.get(group) ?? { cost: 0, at: now };
    entry.cost = Math.max(0, entry.cost - ((now - entry.at) / 1000) * (c.hard / 10_000)) + units;
    entry.at = now;
    host.costs.set(group, entry);
    if (entry.cost >= c.hard) {
      send(
        encError(null, { code: -101, message: "excessive resource usage" }),
        closeGraceful,
      );
      return false;
    }
    return true;
  };

  /** Fulcrum's error budget: disconnect once errors - good requests reach the limit (no reply). */
  const countError = (): boolean => {
    netErrors++;
    if (p.limits.errorBudget && netErrors >= p.limits.errorBudget) {
      closeAfterSend();
      return false;
    }
    return true;
  };

  const ctx: MethodContext = {
    host,
    transport: options.transport,
    get negotiated() {
      return negotiated;
    },
    setNegotiated(v: string) {
      negotiated = v;
      versionSeen = true;
    },
    get versionSeen() {
      return versionSeen;
    },
    subs,
    errors,
  };

  /** Handle one request object; returns the serialized reply (or null for none). */
  const handleRequest = (
    req: Record<string, unknown>,
    inBatch: boolean,
  ): { line: string | null; disconnect?: boolean; validation?: boolean } => {
    const id = req.id;
    const method = req.method;
    if (typeof method !== "string") {
      // Fulcrum disconnects a client that sends an error object (reference §4.2).
      const r = p.family === "fulcrum" && "error" in req
        ? { error: { code: -32600, message: "Not a valid request object" }, disconnect: true }
        : errors.noMethod();
      if (!countError()) return { line: null };
      if (p.limits.cost && !charge(p.limits.cost.perError)) return { line: null };
      return r.error === null
        ? { line: null, disconnect: r.disconnect }
        : { line: encError(id ?? null, r.error), disconnect: r.disconnect };
    }
    // Fulcrum rejects any extra top-level key (checked against a running Fulcrum).
    const extra = Object.keys(req).some((k) => !["jsonrpc", "method", "params", "id"].includes(k));
    if (extra) {
      const r = errors.extraKey();
      if (r) {
        countError();
        return {
          line: r.error === null ? null : encError(id ?? null, r.error),
          disconnect: r.disconnect,
        };
      }
    }
    if (p.family === "electrumx" && firstDeclaredV2 && req.jsonrpc !== "2.0") {
      return {
        line: encError(id ?? null, { code: -32600, message: '"jsonrpc" is not "2.0"' }),
      };
    }
    const params = req.params === undefined ? [] : req.params;
    const isNotification = !("id" in req);
    host.log({ t: Date.now(), host: host.id, client: options.clientIp, conn, method, params });

    if (p.versionFirst && !versionSeen && method !== "server.version") {
      // ElectrumX >= 1.19: two "crash old Electrum" notifications, an error, then close (§2.2).
      send(encodeNotification(p, "blockchain.relayfee", []));
      send(encodeNotification(p, "blockchain.estimatefee", []));
      send(
        encError(id ?? null, { code: 1, message: "use server.version to identify client" }),
        closeGraceful,
      );
      return { line: null };
    }
    const supported = methods.has(method) &&
      !(method === "blockchain.relayfee" && negotiated !== null && p.family === "electrumx" &&
        compareVersions(negotiated, "1.6") >= 0) &&
      !(method === "mempool.get_info" && p.family === "electrumx" &&
        (negotiated === null || compareVersions(negotiated, "1.6") < 0));
    if (!supported) {
      const r = errors.unknownMethod(method, params);
      if (!countError()) return { line: null };
      if (p.limits.cost && !charge(p.limits.cost.perError)) return { line: null };
      if (r.crash) {
        crashAfterSend();
        return { line: null };
      }
      return {
        line: r.error === null ? null : encError(id ?? null, r.error),
        disconnect: r.disconnect,
      };
    }
    if (p.limits.cost && !charge(1)) return { line: null };
    try {
      const result = callMethod(ctx, method, req.params);
      netErrors = Math.max(0, netErrors - 1);
      if (isNotification && !inBatch) return { line: null };
      return { line: encResult(id ?? null, result) };
    } catch (err) {
      // A lab bug answers as each implementation answers a handler exception (reference §4.2),
      // instead of taking the whole lab down.
      const r: ErrorReply = err instanceof RpcFailure ? err.reply : {
        error: {
          code: -32603,
          message: p.family === "fulcrum"
            ? `internal error: ${String((err as Error)?.message ?? err).slice(0, 100)}`
            : "internal server error",
        },
      };
      if (r.crash) {
        crashAfterSend();
        return { line: null };
      }
      if (!countError()) return { line: null };
      if (p.limits.cost && !charge(p.limits.cost.perError)) return { line: null };
      return {
        line: r.error === null ? null : encError(id ?? null, r.error),
        disconnect: r.disconnect,
        // Fulcrum checks the parameter count before dispatching (`RPC.cpp processObject`).
        validation: (r.error as { code?: unknown } | null)?.code === -32602,
      };
    }
  };

  const handleLine = (rawLine: string) => {
    const text = rawLine.replace(/\r?\n$/, "");
    if (closed || closing) return;
    if (text.trim() === "") return;
    messages++;
    let value: unknown;
    const parsed = jsonDepth(text, 512) <= 512 && tryParse(text);
    if (parsed === false) {
      if (p.limits.cost && !charge(p.limits.cost.perParseError)) return;
      if (!countError()) return;
      return sendError(null, errors.parseError(rawLine));
    } else value = parsed.value;
    if (
      messages === 1 && value && typeof value === "object" &&
      (value as Record<string, unknown>).jsonrpc === "2.0"
    ) firstDeclaredV2 = true;
    if (
      messages === 1 && p.family === "electrumx" && value && typeof value === "object" &&
      (value as Record<string, unknown>).jsonrpc === "1.0"
    ) v1 = true;
    if (Array.isArray(value)) {
      if (p.batch === "no") return sendError(null, errors.batchUnsupported());
      if (value.length === 0) {
        const r = errors.emptyBatch();
        if (r.error === null && !r.disconnect) return send("[]");
        return sendError(null, r);
      }
      if (p.batch === "max20" && value.length > 20) return closeAfterSend();
      // Fulcrum's max_batch (345 requests per batch by default): code 4 (reference §4.2, §7.2).
      if (p.family === "fulcrum" && value.length > 345) {
        if (!countError()) return;
        return sendError(null, { error: { code: 4, message: "Batch limit exceeded" } });
      }
      // Both concurrent servers answer a batch after the current read (aiorpcX's tasks; Fulcrum's
      // `enqueueNewBatch` starts the batch from the event loop).
      deferring = p.replyOrder !== "in-order";
      const out: string[] = [];
      for (const item of value) {
        if (!item || typeof item !== "object" || Array.isArray(item)) {
          const r = errors.notObject();
          if (r.error !== null) out.push(encError(null, r.error));
          continue;
        }
        const { line } = handleRequest(item as Record<string, unknown>, true);
        if (closed) return;
        if (line) out.push(line);
      }
      if (out.length) send(joinBatch(p, out));
      return;
    }
    if (!value || typeof value !== "object") {
      if (!countError()) return;
      return sendError(null, errors.notObject());
    }
    const req = value as Record<string, unknown>;
    if (p.replyOrder === "aiorpcx") deferring = true;
    const { line, disconnect, validation } = handleRequest(req, false);
    if (
      p.replyOrder === "fulcrum" && !validation && typeof req.method === "string" &&
      FULCRUM_DEFERRED_METHODS.has(req.method)
    ) deferring = true;
    if (line !== null) send(line, disconnect ? closeGraceful : undefined);
    else if (disconnect) closeAfterSend();
  };

  // Framing with the personality's bound: ElectrumX drops an oversized line silently and resyncs
  // on the next newline; Fulcrum sends code 3 and disconnects; the others are unbounded in reality
  // and bounded here at 8 MB (a lab safety bound).
  const decoder = new TextDecoder();
  let buf: Uint8Array[] = [];
  let bufBytes = 0;
  let skipping = false;
  // electrs <= 0.8 closed a connection whose first bytes look like a TLS ClientHello (§7.3).
  const dropsTlsHello = p.family === "electrs" && p.version.startsWith("0.8.");
  let firstChunk = true;
  const flushDeferred = () => {
    deferring = false;
    for (const d of deferred.splice(0)) {
      if (closed) break;
      enqueue(d.delayMs, d.line, d.then);
    }
  };
  socket.on("data", (chunk: Uint8Array) => {
    readChunk(chunk);
    flushDeferred();
  });
  const readChunk = (chunk: Uint8Array) => {
    if (closed) return;
    if (firstChunk && dropsTlsHello && chunk[0] === 22 && chunk[1] === 3 && chunk[2] === 1) {
      return close();
    }
    firstChunk = false;
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl + 1;
      const piece = chunk.subarray(start, end);
      start = end;
      if (skipping) {
        if (nl >= 0) skipping = false;
        continue;
      }
      if (bufBytes + piece.length > maxLine) {
        buf = [];
        bufBytes = 0;
        if (p.family === "electrumx") {
          skipping = nl < 0;
          continue;
        }
        if (p.family === "fulcrum") {
          floodSince ??= performance.now();
          send(
            encError(null, {
              code: 3,
              message: "Excessive flood, please throttle your client implementation to not do this",
            }),
            closeGraceful,
          );
        } else closeAfterSend();
        return;
      }
      if (nl < 0) {
        buf.push(piece.slice());
        bufBytes += piece.length;
        break;
      }
      const line = buf.length
        ? decoder.decode(concat([...buf, piece]))
        : decoder.decode(piece);
      buf = [];
      bufBytes = 0;
      handleLine(line);
      deferring = false;
      if (closed) return;
    }
  };
  // New blocks: push header and changed scripthash statuses to subscribers, after the
  // implementation's polling delay (ElectrumX polls its node every few seconds, reference header).
  const pollMs = p.family === "electrumx" ? 2500 : p.family === "electrs" ? 1500 : 500;
  const onTip = () => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (closed) return;
      const chain = host.chain();
      if (subs.headers) {
        const tip = chain.tip();
        send(
          encodeNotification(p, "blockchain.headers.subscribe", [{
            hex: tip.hex,
            height: tip.height,
          }]),
        );
      }
      for (const [sh, old] of subs.scripthashes) {
        const now = host.behaviour.withholdHistory ? null : chain.status(sh);
        if (now !== old) {
          subs.scripthashes.set(sh, now);
          send(encodeNotification(p, "blockchain.scripthash.subscribe", [sh, now]));
        }
      }
    }, pollMs);
    timers.add(t);
  };
  host.tipListeners.add(onTip);
  const cleanup = () => {
    host.tipListeners.delete(onTip);
    close();
  };
  socket.on("error", cleanup);
  socket.on("close", cleanup);
  socket.on("end", cleanup);
  if (p.limits.cost) charge(p.limits.cost.perConnection);
}

function tryParse(text: string): { value: unknown } | false {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return false;
  }
}

/** ElectrumX groups sessions by IPv4 /24 or IPv6 /48 (§7.1). */
export function clientGroup(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 3).join(":") + "::/48";
  return ip.split(".").slice(0, 3).join(".") + ".0/24";
}
