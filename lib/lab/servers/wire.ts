/**
 * How each personality writes JSON-RPC on the wire (reference §1): key order, spacing, line
 * endings, ElectrumX's batch joining, and ElectrumX >= 1.18's padded transport.
 *
 * Replies (one line each):
 * ```
 * electrumx     {"jsonrpc":"2.0","result":R,"id":N}\n          (ASCII-escaped, compact)
 * alphabetical  {"id":N,"jsonrpc":"2.0","result":R}\r\n        (Fulcrum; electrs uses \n)
 * python        {"jsonrpc": "2.0", "result": R, "id": N}\n     (EPS: Python's default separators)
 * ```
 *
 * @module
 */
import type { Personality } from "./personalities.ts";

/** JSON with keys sorted at every level (Qt's QVariantMap, serde_json's BTreeMap). */
export function stringifySorted(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) return "[" + v.map(stringifySorted).join(",") + "]";
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + stringifySorted(o[k])).join(",") + "}";
}

/**
 * A number as Python's `repr(float)` writes it (what `json.dumps` sends): the shortest digits,
 * as in JavaScript, but in exponent form below 1e-4 and from 1e16, with a two-digit exponent:
 * `1e-05`, `4.1e-05` (JavaScript: `0.00001`, `0.000041`). Integral values stay integers (a
 * JavaScript number does not say whether Python held an int or a float).
 *
 * @example
 * ```ts
 * pythonNumber(0.00001); // "1e-05"
 * ```
 */
export function pythonNumber(n: number): string {
  if (!Number.isFinite(n) || Number.isInteger(n)) return JSON.stringify(n);
  const [mantissa, e] = n.toExponential().split("e");
  const exp = Number(e);
  if (exp >= -4 && exp < 16) return String(n);
  return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** Compact JSON in insertion order with Python's float repr (aiorpcX's `json.dumps`). */
export function stringifyCompactPython(v: unknown): string {
  if (typeof v === "number") return pythonNumber(v);
  if (v === null || typeof v !== "object") return JSON.stringify(v) ?? "null";
  if (Array.isArray(v)) {
    return "[" + v.map((x) => x === undefined ? "null" : stringifyCompactPython(x)).join(",") + "]";
  }
  const o = v as Record<string, unknown>;
  return "{" + Object.keys(o).filter((k) => o[k] !== undefined)
    .map((k) => JSON.stringify(k) + ":" + stringifyCompactPython(o[k])).join(",") +
    "}";
}

/** JSON as Python's `json.dumps` writes it by default: `", "`, `": "`, non-ASCII escaped. */
export function stringifyPython(v: unknown): string {
  if (typeof v === "number") return pythonNumber(v);
  if (v === null || typeof v !== "object") return asciiEscape(JSON.stringify(v) ?? "null");
  if (Array.isArray(v)) return "[" + v.map(stringifyPython).join(", ") + "]";
  const o = v as Record<string, unknown>;
  return "{" + Object.keys(o).filter((k) => o[k] !== undefined)
    .map((k) => asciiEscape(JSON.stringify(k)) + ": " + stringifyPython(o[k])).join(", ") +
    "}";
}

/** Escape non-ASCII characters as \uXXXX, as Python's json module does by default. */
export function asciiEscape(json: string): string {
  return json.replace(
    /[\u007f-\uffff]/g,
    (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
  );
}

function body(p: Personality, v: unknown): string {
  if (p.style === "alphabetical") return stringifySorted(v);
  if (p.style === "python") return stringifyPython(v);
  return asciiEscape(stringifyCompactPython(v));
}

/** Serialize a success reply (without terminator). */
export function encodeResult(p: Personality, id: unknown, result: unknown): string {
  if (p.style === "alphabetical") return stringifySorted({ id, jsonrpc: "2.0", result });
  if (p.style === "python") return stringifyPython({ jsonrpc: "2.0", result, id });
  return body(p, { jsonrpc: "2.0", result, id });
}

/**
 * Serialize an error reply (without terminator). `error` is `{code, message}`, a bare string
 * (esplora 2021), or an object without code (EPS's `txid not found`).
 */
export function encodeError(p: Personality, id: unknown, error: unknown): string {
  if (p.style === "alphabetical") return stringifySorted({ error, id, jsonrpc: "2.0" });
  if (p.style === "python") return stringifyPython({ error, jsonrpc: "2.0", id });
  return body(p, { jsonrpc: "2.0", error, id });
}

/** Serialize a notification (without terminator). */
export function encodeNotification(p: Personality, method: string, params: unknown[]): string {
  // aiorpcX (ElectrumX) leaves out an empty `params` member (`jsonrpc.py request_payload`).
  if (p.style === "electrumx" && params.length === 0) return body(p, { jsonrpc: "2.0", method });
  return body(p, { jsonrpc: "2.0", method, params });
}

/** Join the elements of a batch reply: ElectrumX uses `", "`, the others a bare comma (checked). */
export function joinBatch(p: Personality, items: string[]): string {
  return "[" + items.join(p.family === "electrumx" ? ", " : p.style === "python" ? ", " : ",") +
    "]";
}

/** Options of {@linkcode PaddedWriter}. */
export interface PaddedWriterOptions {
  /** ElectrumX 1.19+: the first 1,024 bytes go out at once. */
  warmup: boolean;
  /** Smallest packet, bytes. Default: 1,024 (`MIN_PACKET_SIZE`). */
  minPacket?: number;
  /** How long small messages are held, ms. Default: 1,000 (`WAIT_FOR_BUFFER_GROWTH_SECONDS`). */
  holdMs?: number;
}

/**
 * ElectrumX >= 1.18's padded transport (reference §1; behaviour of ElectrumX's
 * `server/transport.py PaddedRSTransport`): each packet is padded with spaces, inserted before the
 * final `}`/`]` of its last message, to max(1,024, next power of two) bytes ("lsize"), or to half
 * of that when sending only the messages that fit wastes less ("ssize"; the rest waits). A write
 * goes out at once when 1,024 bytes are buffered or the last packet left more than 1 s ago;
 * otherwise it is held until then. 1.19 adds a warm-up: while fewer than 1,024 unpadded bytes have
 * been sent on the session (counting the message being written), writes go out at once. Closing
 * flushes what is buffered as one lsize packet (so a reply-and-disconnect reply still arrives).
 */
export class PaddedWriter {
  #buf = "";
  #lastSend = performance.now();
  #sentPayload = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #write: (text: string) => void;
  #opts: Required<PaddedWriterOptions>;
  #closed = false;

  constructor(write: (text: string) => void, options: PaddedWriterOptions) {
    this.#write = write;
    this.#opts = { minPacket: 1024, holdMs: 1000, ...options };
  }

  /** Queue one framed message (ending in `}\n` or `]\n`). */
  send(line: string): void {
    if (this.#closed) return;
    this.#buf += line;
    this.#sentPayload += line.length;
    this.#consume(false);
    this.#poll();
  }

  /** Flush what is buffered as one packet, then stop (ElectrumX's `close`). */
  flush(): void {
    if (this.#closed) return;
    this.#consume(true);
    this.close();
  }

  /** Stop timers; drop what is buffered. */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#buf = "";
  }

  /** One `_maybe_consume_sbuffer` step: send at most one packet. */
  #consume(force: boolean) {
    if (this.#buf.length === 0) return;
    const { minPacket, holdMs } = this.#opts;
    const now = performance.now();
    const warm = this.#opts.warmup && this.#sentPayload < minPacket;
    if (!(force || this.#buf.length >= minPacket || this.#lastSend + holdMs < now || warm)) return;
    const payloadL = this.#buf.length;
    const totalL = Math.max(minPacket, 2 ** bitLength(payloadL));
    const padL = totalL - payloadL;
    const totalS = Math.max(minPacket, Math.floor(totalL / 2));
    const nl = this.#buf.lastIndexOf("\n", totalS - 1);
    const payloadS = nl >= 0 ? nl + 1 : -1;
    const padS = payloadS > 0 ? totalS - payloadS : Infinity;
    const [pad, cut] = force || padL <= padS ? [padL, payloadL] : [padS, payloadS];
    const packet = this.#buf.slice(0, cut - 2) + " ".repeat(pad) + this.#buf.slice(cut - 2, cut);
    this.#buf = this.#buf.slice(cut);
    this.#lastSend = now;
    this.#write(packet);
  }

  /** The `_poll_sbuffer` task: while data waits, wake when the hold expires and send. */
  #poll() {
    if (this.#buf.length === 0 || this.#timer || this.#closed) return;
    const wait = Math.max(0, this.#lastSend + this.#opts.holdMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#consume(false);
      this.#poll();
    }, wait + 1);
  }
}

function bitLength(n: number): number {
  return n === 0 ? 0 : Math.floor(Math.log2(n)) + 1;
}
