/**
 * A client session for Electrum's newline-delimited JSON-RPC 2.0 over an open socket (TCP or TLS):
 * pipelined requests matched by id, batch requests, server notifications, a deadline per request,
 * an abort signal for the whole session, bounds on line length and total bytes, and the raw bytes
 * of every received line kept with its arrival time.
 *
 * Every outcome is a record with a status; nothing a server sends makes a method throw.
 *
 * @module
 */
import type net from "node:net";
import { LineFramer } from "./framing.ts";
import { parseMessage } from "./message.ts";
import { boundMessage, type FailureStatus, type Operation } from "../net/status.ts";

/** Options of {@linkcode ElectrumSession}. */
export interface SessionOptions {
  /** Longest line accepted, in bytes. Default: 2 MiB. */
  maxLineBytes?: number;
  /** Most bytes received over the session before it is cut. Default: 16 MiB. */
  maxTotalBytes?: number;
  /** Deadline of one request, in ms. Default: 10,000. */
  requestTimeoutMs?: number;
  /** Most notifications kept (later ones are counted, not kept). Default: 256. */
  maxNotifications?: number;
  /** Most received lines kept in {@linkcode ElectrumSession.received}. Default: 1,024. */
  maxKeptLines?: number;
  /** Deepest JSON nesting accepted. Default: 64. */
  maxDepth?: number;
  /** Aborting it ends the session: pending requests end `aborted`. */
  signal?: AbortSignal;
}

/** A received line with its arrival time (ms since the session started). */
export interface ReceivedLine {
  atMs: number;
  raw: Uint8Array;
}

/** A successful reply (`result`). */
export interface ReplySuccess {
  status: "success";
  result: unknown;
  /** The raw bytes of the line that carried the reply. */
  raw: Uint8Array;
  /** From the request's write to the reply's arrival, in ms. */
  rttMs: number;
}

/** An error reply (`error`). */
export interface ReplyError {
  status: "rpc-error";
  /** The `error` member as sent: usually `{code, message}`, sometimes a bare string. */
  error: unknown;
  raw: Uint8Array;
  rttMs: number;
}

/** No usable reply. */
export interface ReplyFailure {
  status: Exclude<FailureStatus, "rpc-error">;
  op: Operation;
  message: string;
  rttMs: number | null;
}

/** The outcome of one request. */
export type Reply = ReplySuccess | ReplyError | ReplyFailure;

/** The outcome of a batch: the raw line and one reply per call, in call order. */
export type BatchReply =
  | { status: "success"; raw: Uint8Array; rttMs: number; replies: Reply[] }
  | ReplyFailure;

/** What arrived after {@linkcode ElectrumSession.sendRaw}. */
export interface RawExchange {
  /** Lines that matched no pending request, in arrival order. */
  lines: ReceivedLine[];
  /** Whether the server closed the connection before the wait ended. */
  closed: boolean;
  /** Why the session ended, if it did. */
  endStatus: FailureStatus | null;
}

/** A server notification. */
export interface Notification {
  atMs: number;
  method: string;
  params: unknown;
}

interface Pending {
  resolve: (r: Reply) => void;
  sentAt: number;
  timer: ReturnType<typeof setTimeout>;
  batch?: { ids: number[]; resolve: (r: BatchReply) => void };
}

const encoder = new TextEncoder();

/**
 * One Electrum session over a socket the caller dialled.
 *
 * @example
 * ```ts
 * const s = new ElectrumSession(socket, { requestTimeoutMs: 5000 });
 * const r = await s.request("server.version", ["probe", ["1.4", "1.6"]]);
 * s.close();
 * ```
 */
export class ElectrumSession {
  readonly options: Required<Omit<SessionOptions, "signal">>;
  /** Lines received that matched no pending request (errors with id null, stray ids, garbage). */
  readonly unmatched: ReceivedLine[] = [];
  /** Every line received, up to `maxKeptLines`. */
  readonly received: ReceivedLine[] = [];
  /** Notifications received, up to `maxNotifications`. */
  readonly notifications: Notification[] = [];
  /** Notifications beyond the kept ones. */
  droppedNotifications = 0;
  /** Replies whose id had already been answered (duplicates). */
  duplicateReplies = 0;
  /** Total bytes received. */
  bytesReceived = 0;
  /** Lines that were not JSON (or nested too deep); the last reason is kept. */
  invalidLines = 0;
  lastInvalidReason = "";
  /** Why the session ended; null while open. */
  endStatus: Exclude<FailureStatus, "rpc-error"> | null = null;
  endMessage = "";

  #socket: net.Socket;
  #framer: LineFramer;
  #nextId = 0;
  #pending = new Map<number, Pending>();
  #answered = new Set<number>();
  #t0 = performance.now();
  #waiters = new Set<() => void>();
  #lastInvalidAt = -1;
  // A deadline (abort reason named TimeoutError) ends the session as a timeout, not an abort.
  #onAbort = () => {
    const reason = this.#signal?.reason as { name?: unknown; message?: unknown } | undefined;
    const timeout = reason?.name === "TimeoutError";
    this.#end(
      timeout ? "timeout" : "aborted",
      "rpc",
      timeout && typeof reason?.message === "string" ? reason.message : "session aborted",
    );
  };
  #signal?: AbortSignal;

  constructor(socket: net.Socket, options: SessionOptions = {}) {
    this.options = {
      maxLineBytes: options.maxLineBytes ?? 2 * 1024 * 1024,
      maxTotalBytes: options.maxTotalBytes ?? 16 * 1024 * 1024,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      maxNotifications: options.maxNotifications ?? 256,
      maxKeptLines: options.maxKeptLines ?? 1024,
      maxDepth: options.maxDepth ?? 64,
    };
    this.#socket = socket;
    this.#framer = new LineFramer({ maxLineBytes: this.options.maxLineBytes });
    socket.on("data", (chunk: Uint8Array) => this.#onData(chunk));
    socket.on("error", (err: Error & { code?: string }) => {
      const reset = err.code === "ECONNRESET" || err.code === "EPIPE";
      this.#end(reset ? "reset" : "closed", "read", err.message);
    });
    socket.on("close", () => this.#end("closed", "read", "connection closed by server"));
    socket.on("end", () => socket.end());
    this.#signal = options.signal;
    if (options.signal?.aborted) this.#onAbort();
    else options.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Milliseconds since the session started. */
  now(): number {
    return performance.now() - this.#t0;
  }

  /** Whether the session has ended. */
  get ended(): boolean {
    return this.endStatus !== null;
  }

  /**
   * Send one request and wait for its reply.
   *
   * @param method Method name.
   * @param params Positional parameters. Default: `[]`.
   * @param options `timeoutMs` overrides the session's request deadline.
   */
  request(
    method: string,
    params: unknown[] = [],
    options: { timeoutMs?: number } = {},
  ): Promise<Reply> {
    const id = this.#nextId++;
    const line = JSON.stringify({ jsonrpc: "2.0", method, params, id });
    return new Promise<Reply>((resolve) => {
      if (this.ended) return resolve(this.#failure(null));
      const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
      const pending: Pending = {
        resolve,
        sentAt: this.now(),
        timer: setTimeout(() => {
          this.#pending.delete(id);
          resolve(this.#noReply(`no reply to ${method} within ${timeoutMs} ms`, pending.sentAt));
        }, timeoutMs),
      };
      this.#pending.set(id, pending);
      this.#write(line + "\n");
    });
  }

  /**
   * Send a batch (a JSON array of requests) and wait for the batch reply.
   *
   * @param calls `[method, params]` pairs; at least one.
   * @param options `timeoutMs` overrides the session's request deadline.
   * @throws {RangeError} If `calls` is empty (send `[]` with {@linkcode sendRaw} to probe that).
   */
  batch(calls: [string, unknown[]][], options: { timeoutMs?: number } = {}): Promise<BatchReply> {
    if (calls.length === 0) throw new RangeError("A batch needs at least one call");
    const ids = calls.map(() => this.#nextId++);
    const body = calls.map(([method, params], i) => ({
      jsonrpc: "2.0",
      method,
      params,
      id: ids[i],
    }));
    return new Promise<BatchReply>((resolve) => {
      if (this.ended) return resolve(this.#failure(null));
      const timeoutMs = options.timeoutMs ?? this.options.requestTimeoutMs;
      const pending: Pending = {
        resolve: () => {},
        sentAt: this.now(),
        timer: setTimeout(() => {
          for (const id of ids) this.#pending.delete(id);
          resolve(this.#noReply(`no batch reply within ${timeoutMs} ms`, pending.sentAt));
        }, timeoutMs),
        batch: { ids, resolve },
      };
      for (const id of ids) this.#pending.set(id, pending);
      this.#write(JSON.stringify(body) + "\n");
    });
  }

  /**
   * Send bytes as they are (for malformed-input probes) and collect the unmatched lines that
   * arrive until `replies` of them came, the server closed, or `timeoutMs` passed.
   *
   * @param data Bytes or text to send (no terminator is added).
   * @param options `replies` to wait for (default 1), `timeoutMs` (default the request deadline).
   */
  async sendRaw(
    data: string | Uint8Array,
    options: { replies?: number; timeoutMs?: number } = {},
  ): Promise<RawExchange> {
    const from = this.unmatched.length;
    if (!this.ended) this.#write(data);
    await this.waitFor(
      () => this.unmatched.length - from >= (options.replies ?? 1),
      options.timeoutMs,
    );
    return { lines: this.unmatched.slice(from), closed: this.ended, endStatus: this.endStatus };
  }

  /**
   * Wait until `predicate` holds, the session ends, or `timeoutMs` passes.
   *
   * @returns Whether the predicate held.
   */
  waitFor(predicate: () => boolean, timeoutMs = this.options.requestTimeoutMs): Promise<boolean> {
    if (predicate()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (predicate() || this.ended) finish(predicate());
      };
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve(ok);
      };
      const timer = setTimeout(() => finish(predicate()), timeoutMs);
      this.#waiters.add(check);
    });
  }

  /** Close the session and its socket; pending requests end `closed`. */
  close(): void {
    this.#end("closed", "rpc", "closed by client");
  }

  #write(data: string | Uint8Array) {
    try {
      this.#socket.write(typeof data === "string" ? encoder.encode(data) : data);
    } catch (err) {
      this.#end("closed", "write", (err as Error).message);
    }
  }

  #onData(chunk: Uint8Array) {
    if (this.ended) return;
    this.bytesReceived += chunk.length;
    if (this.bytesReceived > this.options.maxTotalBytes) {
      return this.#end(
        "oversize",
        "read",
        `server sent more than ${this.options.maxTotalBytes} bytes`,
      );
    }
    const { lines, overflow } = this.#framer.push(chunk);
    for (const raw of lines) this.#onLine(raw);
    if (overflow) {
      this.#end("oversize", "read", `a line exceeded ${this.options.maxLineBytes} bytes`);
    }
    for (const w of [...this.#waiters]) w();
  }

  #onLine(raw: Uint8Array) {
    const line: ReceivedLine = { atMs: this.now(), raw };
    if (this.received.length < this.options.maxKeptLines) this.received.push(line);
    const msg = parseMessage(raw, { maxDepth: this.options.maxDepth });
    if (msg.kind === "invalid") {
      this.invalidLines++;
      this.lastInvalidReason = msg.reason;
      this.#lastInvalidAt = line.atMs;
    }
    if (msg.kind === "response") {
      if (typeof msg.id === "number" && this.#settle(msg.id, msg, raw)) return;
      if (typeof msg.id === "number" && this.#answered.has(msg.id)) this.duplicateReplies++;
    } else if (msg.kind === "notification") {
      if (this.notifications.length < this.options.maxNotifications) {
        this.notifications.push({ atMs: line.atMs, method: msg.method, params: msg.params });
      } else this.droppedNotifications++;
      return;
    } else if (msg.kind === "batch" && this.#settleBatch(msg.items, raw)) return;
    if (this.unmatched.length < this.options.maxKeptLines) this.unmatched.push(line);
  }

  #settle(
    id: number,
    msg: { result?: unknown; error?: unknown; value: Record<string, unknown> },
    raw: Uint8Array,
  ): boolean {
    const p = this.#pending.get(id);
    if (!p || p.batch) return false;
    this.#pending.delete(id);
    this.#answered.add(id);
    clearTimeout(p.timer);
    p.resolve(replyOf(msg, raw, this.now() - p.sentAt));
    return true;
  }

  #settleBatch(items: unknown[], raw: Uint8Array): boolean {
    const first = items.find((x) =>
      x && typeof x === "object" && typeof (x as { id?: unknown }).id === "number"
    ) as
      | { id: number }
      | undefined;
    const p = first && this.#pending.get(first.id);
    if (!p?.batch) return false;
    const rtt = this.now() - p.sentAt;
    const byId = new Map<number, Record<string, unknown>>();
    for (const it of items) {
      if (it && typeof it === "object" && typeof (it as { id?: unknown }).id === "number") {
        byId.set((it as { id: number }).id, it as Record<string, unknown>);
      }
    }
    for (const id of p.batch.ids) {
      this.#pending.delete(id);
      this.#answered.add(id);
    }
    clearTimeout(p.timer);
    const replies: Reply[] = p.batch.ids.map((id) => {
      const it = byId.get(id);
      if (!it) {
        return {
          status: "protocol-error",
          op: "parse",
          message: `batch reply lacks id ${id}`,
          rttMs: rtt,
        };
      }
      return replyOf({ result: it.result, error: it.error, value: it }, raw, rtt);
    });
    p.batch.resolve({ status: "success", raw, rttMs: rtt, replies });
    return true;
  }

  /** A request got no reply: a timeout, or a protocol error when unparseable lines came meanwhile. */
  #noReply(message: string, sentAt: number): ReplyFailure {
    if (this.#lastInvalidAt >= sentAt) {
      return {
        status: "protocol-error",
        op: "parse",
        message: boundMessage(
          `${message}; ${this.invalidLines} unparseable line(s) received, last: ${this.lastInvalidReason}`,
        ),
        rttMs: null,
      };
    }
    return { status: "timeout", op: "rpc", message, rttMs: null };
  }

  #failure(rttMs: number | null): ReplyFailure {
    return {
      status: this.endStatus ?? "closed",
      op: "rpc",
      message: this.endMessage || "session ended",
      rttMs,
    };
  }

  #end(status: Exclude<FailureStatus, "rpc-error">, op: Operation, message: string) {
    if (this.ended) return;
    this.endStatus = status;
    this.endMessage = boundMessage(message);
    this.#signal?.removeEventListener("abort", this.#onAbort);
    const seen = new Set<Pending>();
    for (const p of this.#pending.values()) {
      if (seen.has(p)) continue;
      seen.add(p);
      clearTimeout(p.timer);
      const f: ReplyFailure = { status, op, message: this.endMessage, rttMs: null };
      if (p.batch) p.batch.resolve(f);
      else p.resolve(f);
    }
    this.#pending.clear();
    this.#socket.destroy();
    for (const w of [...this.#waiters]) w();
  }
}

function replyOf(
  msg: { result?: unknown; error?: unknown; value: Record<string, unknown> },
  raw: Uint8Array,
  rttMs: number,
): Reply {
  if ("error" in msg.value && msg.value.error !== null && msg.value.error !== undefined) {
    return { status: "rpc-error", error: msg.error, raw, rttMs };
  }
  if (!("result" in msg.value)) {
    return {
      status: "protocol-error",
      op: "parse",
      message: "reply has neither result nor error",
      rttMs,
    };
  }
  return { status: "success", result: msg.result, raw, rttMs };
}
