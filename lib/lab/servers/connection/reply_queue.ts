/**
 * A connection's way out: replies, notifications and closes leave in the order they were queued,
 * each not before its due time (the host's simulated latency), padded when the personality pads.
 *
 * @module
 */
import type net from "node:net";
import type { Personality } from "../personalities.ts";
import { PaddedWriter } from "../wire.ts";

/** Options of {@linkcode ReplyQueue}. */
export interface ReplyQueueOptions {
  /** One draw of the path's latency, ms. */
  pathLatency: () => number;
  /** Extra delay per reply (a planted behaviour), ms; read at each send. Default: 0. */
  extraLatencyMs: () => number | undefined;
  /** Takes the whole host down (EPS's uncaught exceptions). */
  crashHost: () => void;
}

interface Queued {
  at: number;
  line: string | null;
  then?: () => void;
}

/** The ordered outbox of one connection, and the ways it closes. */
export class ReplyQueue {
  /** The socket is closed: nothing more is written. */
  closed = false;
  /** A reply-and-disconnect is queued: later requests are not served. */
  closing = false;
  /**
   * Replies a concurrent server writes only after it has read what arrived (`replyOrder`) are held
   * while this is set, then queued by {@linkcode ReplyQueue.flushDeferred} in the order produced.
   */
  deferring = false;
  /** Timers owned by the connection (tip notifications), cleared when it closes. */
  readonly timers = new Set<ReturnType<typeof setTimeout>>();
  #socket: net.Socket;
  #p: Personality;
  #options: ReplyQueueOptions;
  #padded: PaddedWriter | null;
  #nextAt = 0;
  #outbox: Queued[] = [];
  #outboxTimer: ReturnType<typeof setTimeout> | null = null;
  #deferred: { delayMs: number; line: string | null; then?: () => void }[] = [];
  #draw = { at: -Infinity, ms: 0 };

  constructor(socket: net.Socket, p: Personality, options: ReplyQueueOptions) {
    this.#socket = socket;
    this.#p = p;
    this.#options = options;
    // ElectrumX >= 1.18 pads its replies.
    this.#padded = p.padding !== "none"
      ? new PaddedWriter((t) => this.#rawWrite(t), { warmup: p.padding === "padded-warmup" })
      : null;
  }

  #rawWrite(text: string): void {
    if (!this.closed) this.#socket.write(text);
  }

  #pump(): void {
    this.#outboxTimer = null;
    while (!this.closed && this.#outbox.length && this.#outbox[0].at <= performance.now() + 0.5) {
      const item = this.#outbox.shift()!;
      if (item.line !== null) {
        const framed = item.line + this.#p.lineEnding;
        if (this.#padded) this.#padded.send(framed);
        else this.#rawWrite(framed);
      }
      item.then?.();
    }
    if (!this.closed && this.#outbox.length) this.#schedule();
  }

  #schedule(): void {
    if (this.#outboxTimer === null && this.#outbox.length) {
      this.#outboxTimer = setTimeout(
        () => this.#pump(),
        Math.max(0, this.#outbox[0].at - performance.now()),
      );
    }
  }

  /** Queue a line (or, with `null`, only `then`) to leave `delayMs` from now, after the rest. */
  enqueue(delayMs: number, line: string | null, then?: () => void): void {
    if (this.deferring) {
      this.#deferred.push({ delayMs, line, then });
      return;
    }
    const at = Math.max(performance.now() + delayMs, this.#nextAt);
    this.#nextAt = at;
    this.#outbox.push({ at, line, then });
    this.#schedule();
  }

  /** Queue what a concurrent server held back while it read a chunk. */
  flushDeferred(): void {
    this.deferring = false;
    for (const d of this.#deferred.splice(0)) {
      if (this.closed) break;
      this.enqueue(d.delayMs, d.line, d.then);
    }
  }

  /**
   * Replies queued together leave together and share the path's state: one jitter draw per
   * burst, not per reply (else a ping paired with a padding flush waits for the worse of two).
   */
  #burstLatency(): number {
    const now = performance.now();
    if (now - this.#draw.at > 5) this.#draw = { at: now, ms: this.#options.pathLatency() };
    return this.#draw.ms;
  }

  /** Send a line after the host's latency; `then` runs once it has left (and ends serving). */
  send(line: string, then?: () => void): void {
    if (then) this.closing = true;
    this.enqueue(this.#burstLatency() + (this.#options.extraLatencyMs() ?? 0), line, then);
  }

  #stopTimers(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.#outboxTimer !== null) clearTimeout(this.#outboxTimer);
    this.#outboxTimer = null;
    this.#outbox.length = 0;
  }

  /** Close at once: nothing queued leaves. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#stopTimers();
    this.#padded?.close();
    this.#socket.destroy();
  }

  /**
   * Reply-and-disconnect: flush what is queued (ElectrumX pads it), then close after the bytes
   * leave.
   */
  closeGraceful = (): void => {
    if (this.closed) return;
    this.#padded?.flush();
    this.closed = true;
    this.#stopTimers();
    this.#socket.end(() => this.#socket.destroy());
  };

  /** Disconnect without a reply, after what is already queued has left. */
  closeAfterSend(): void {
    this.closing = true;
    this.enqueue(0, null, this.closeGraceful);
  }

  /**
   * EPS's uncaught exceptions: what was already answered leaves, then the whole server goes
   * down.
   */
  crashAfterSend(): void {
    this.closing = true;
    this.enqueue(0, null, () => {
      this.close();
      this.#options.crashHost();
    });
  }
}
