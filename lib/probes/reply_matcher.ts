/**
 * Attribution of replies to requests on one connection whose server may answer out of order
 * (reference §7.1: aiorpcX handles a connection's requests concurrently and writes errors that
 * carry no id at once, ahead of method replies still being computed; Fulcrum answers its
 * thread-pool methods after later requests).
 *
 * Rules, each provable from the wire alone given that a server answers a request at most once
 * and never before it arrived:
 * - A reply whose id names an outstanding request belongs to that request.
 * - A line without a usable id (`"id":null`, a bare batch `[]`, text that is not JSON) belongs
 *   to the only request outstanding when it arrived; with several outstanding it is held, and
 *   attributed once all but one of those have been answered by id (elimination). What is still
 *   held at the end is ambiguous and attributed to nothing.
 * - Notifications are nobody's reply.
 *
 * Feed events in the order they happened: {@linkcode ReplyMatcher.sent} before writing a
 * request, {@linkcode ReplyMatcher.line} for every received line in arrival order.
 *
 * @module
 */
import { parseMessage } from "../electrum/message.ts";

/**
 * Matches received lines to sent requests, by id when there is one and by elimination otherwise.
 *
 * @example
 * ```ts
 * const m = new ReplyMatcher();
 * m.sent("version", 0);
 * m.sent("not_object", null);
 * m.line(new TextEncoder().encode('{"jsonrpc":"2.0","error":{"code":-32600,"message":"x"},"id":null}'));
 * m.line(new TextEncoder().encode('{"jsonrpc":"2.0","result":["S","1.4"],"id":0}'));
 * m.reply("not_object"); // the error line: the version was answered by id
 * ```
 */
export class ReplyMatcher {
  #outstanding = new Set<string>();
  #byId = new Map<number, string>();
  #replies = new Map<string, Uint8Array>();
  #held: { raw: Uint8Array; candidates: Set<string> }[] = [];
  /** Lines that arrived while nothing was outstanding (nobody's reply). */
  readonly unattributed: Uint8Array[] = [];
  /** Replies whose id was already answered. */
  duplicates = 0;

  /**
   * Record a request about to be written.
   *
   * @param key A name unique on this connection.
   * @param id The request's JSON-RPC id, or null when it has none (malformed lines).
   * @throws {RangeError} If the key or the id was already used.
   */
  sent(key: string, id: number | null): void {
    if (this.#outstanding.has(key) || this.#replies.has(key)) {
      throw new RangeError(`Request key ${JSON.stringify(key)} already sent`);
    }
    if (id !== null) {
      if (this.#byId.has(id)) throw new RangeError(`Request id ${id} already sent`);
      this.#byId.set(id, key);
    }
    this.#outstanding.add(key);
  }

  /** Feed one received line (raw bytes, no terminator needed). */
  line(raw: Uint8Array): void {
    const m = parseMessage(raw);
    if (m.kind === "notification") return;
    if (m.kind === "response" && typeof m.id === "number" && this.#byId.has(m.id)) {
      const key = this.#byId.get(m.id)!;
      if (this.#outstanding.has(key)) this.#resolve(key, raw);
      else this.duplicates++;
      return;
    }
    const candidates = new Set(this.#outstanding);
    if (candidates.size === 1) this.#resolve([...candidates][0], raw);
    else if (candidates.size === 0) this.unattributed.push(raw);
    else this.#held.push({ raw, candidates });
  }

  /** The line attributed to `key`, if any. */
  reply(key: string): Uint8Array | null {
    return this.#replies.get(key) ?? null;
  }

  /** Whether `key` was answered (by id or by elimination). */
  answered(key: string): boolean {
    return this.#replies.has(key);
  }

  /** Whether `key` may own a line that could not be attributed (held lines name it). */
  ambiguous(key: string): boolean {
    return this.#held.some((h) => h.candidates.has(key));
  }

  /** Keys sent and not answered. */
  outstanding(): string[] {
    return [...this.#outstanding];
  }

  /** Lines still held for want of a unique owner. */
  get heldLines(): number {
    return this.#held.length;
  }

  #resolve(key: string, raw: Uint8Array) {
    this.#replies.set(key, raw);
    this.#outstanding.delete(key);
    // Elimination: a request answered here answers no held line.
    for (const h of [...this.#held]) {
      if (!h.candidates.delete(key)) continue;
      const left = [...h.candidates].filter((k) => this.#outstanding.has(k));
      if (left.length > 1) continue;
      this.#held.splice(this.#held.indexOf(h), 1);
      if (left.length === 1) this.#resolve(left[0], h.raw);
      else this.unattributed.push(h.raw);
    }
  }
}
