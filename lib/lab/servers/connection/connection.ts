/**
 * The state of one served connection: the personality it answers as, what was negotiated, its
 * subscriptions, the reply encoders of its dialect, and the anti-abuse accounting (ElectrumX's
 * cost model, Fulcrum's error budget). The steps that serve it (`handle_line.ts`,
 * `handle_request.ts`, `line_reader.ts`, `tip_notifier.ts`) read and update this object.
 *
 * @module
 */
import type net from "node:net";
import { type ErrorReply, type ErrorSituations, errorsOf } from "../errors.ts";
import type { MethodContext } from "../methods.ts";
import { methodsOf, type Personality } from "../personalities.ts";
import { asciiEscape, encodeError, encodeResult } from "../wire.ts";
import type { HostRuntime } from "../host_runtime.ts";
import { ReplyQueue } from "./reply_queue.ts";
import type { CostSession } from "./cost_accounts.ts";

/** What a connection is served with (see `ServeOptions` in `server.ts`). */
export interface ConnectionOptions {
  transport: "tcp" | "tls";
  /** Client address as seen by the server. */
  clientIp: string;
  /** Client group (ElectrumX's /24 or /48) the cost model charges; null when exempt. */
  group: string | null;
  /** Sequence number of the connection in this process (the request log's `conn`). */
  conn: number;
  /** Per-reply delay for this connection, ms. */
  pathLatency: () => number;
}

/** One served connection. */
export class Connection {
  readonly host: HostRuntime;
  readonly p: Personality;
  readonly errors: ErrorSituations;
  readonly methods: Set<string>;
  readonly options: ConnectionOptions;
  readonly queue: ReplyQueue;
  /** The protocol version negotiated by `server.version`, if any. */
  negotiated: string | null = null;
  versionSeen = false;
  /** The first message declared `"jsonrpc":"2.0"` (ElectrumX then requires it of every request). */
  firstDeclaredV2 = false;
  /**
   * aiorpcX: a first message declaring "jsonrpc":"1.0" switches ElectrumX to JSON-RPC 1.0
   * replies, `{"result":R,"error":null,"id":N}` (reference §1).
   */
  v1 = false;
  /** Non-empty lines received. */
  messages = 0;
  readonly subs = { headers: false, scripthashes: new Map<string, string | null>() };
  /** What a method sees of this connection. */
  readonly ctx: MethodContext;
  #netErrors = 0;
  #cost: CostSession;

  constructor(socket: net.Socket, host: HostRuntime, options: ConnectionOptions) {
    this.host = host;
    this.p = host.personality;
    this.errors = errorsOf(this.p);
    this.methods = methodsOf(this.p);
    this.options = options;
    this.#cost = host.costs.open(options.group);
    this.queue = new ReplyQueue(socket, this.p, {
      pathLatency: options.pathLatency,
      extraLatencyMs: () => host.behaviour.extraLatencyMs,
      crashHost: () => host.crash(),
    });
    // deno-lint-ignore no-this-alias
    const conn = this;
    this.ctx = {
      host,
      transport: options.transport,
      get negotiated() {
        return conn.negotiated;
      },
      setNegotiated(v: string) {
        conn.negotiated = v;
        conn.versionSeen = true;
      },
      get versionSeen() {
        return conn.versionSeen;
      },
      subs: this.subs,
      errors: this.errors,
    };
  }

  /** A `result` reply in this connection's dialect. */
  encResult(id: unknown, result: unknown): string {
    return this.v1
      ? asciiEscape(JSON.stringify({ result, error: null, id }))
      : encodeResult(this.p, id, result);
  }

  /** An `error` reply in this connection's dialect. */
  encError(id: unknown, error: unknown): string {
    return this.v1
      ? asciiEscape(JSON.stringify({ result: null, error, id }))
      : encodeError(this.p, id, error);
  }

  /** Send an error situation's reply: an error, a disconnect, both, or a crash. */
  sendError(id: unknown, r: ErrorReply | null): void {
    if (!r) return;
    if (r.crash) {
      this.queue.crashAfterSend();
      return;
    }
    if (r.error !== null) {
      this.queue.send(
        this.encError(id, r.error),
        r.disconnect ? this.queue.closeGraceful : undefined,
      );
    } else if (r.disconnect) this.queue.closeAfterSend();
  }

  /** ElectrumX's cost model: returns false (after replying -101) when the hard limit is hit. */
  charge(units: number): boolean {
    const c = this.p.limits.cost;
    if (!c) return true;
    if (this.#cost.charge(units) >= c.hard) {
      this.queue.send(
        this.encError(null, { code: -101, message: "excessive resource usage" }),
        this.queue.closeGraceful,
      );
      return false;
    }
    return true;
  }

  /** The connection closed: its cost stays with its client group (ElectrumX). Idempotent. */
  closeCost(): void {
    this.#cost.close();
  }

  /** Fulcrum's error budget: disconnect once errors - good requests reach the limit (no reply). */
  countError(): boolean {
    this.#netErrors++;
    if (this.p.limits.errorBudget && this.#netErrors >= this.p.limits.errorBudget) {
      this.queue.closeAfterSend();
      return false;
    }
    return true;
  }

  /** A request answered without error pays one error back. */
  countSuccess(): void {
    this.#netErrors = Math.max(0, this.#netErrors - 1);
  }
}
