/**
 * Newline framing for Electrum's JSON-RPC transport, with a hard bound on line length.
 *
 * Wire format (Electrum protocol, "protocol-basics": each message is one line):
 *
 * ```
 * {"jsonrpc":"2.0","id":1,"result":...}\n          ElectrumX, electrs, esplora, EPS
 * {"id":1,"jsonrpc":"2.0","result":...}\r\n        Fulcrum (CRLF)
 * [{...}, {...}]\n                                  a batch reply
 * ```
 *
 * Lines are returned as raw bytes including their terminator, so probes can read line endings,
 * key order and padding from them.
 *
 * @module
 */

/** Options of {@linkcode LineFramer}. */
export interface LineFramerOptions {
  /** Longest line accepted, terminator included, in bytes. Default: 2 MiB. */
  maxLineBytes?: number;
}

/** The result of feeding bytes to a {@linkcode LineFramer}. */
export interface FramerOutput {
  /** Complete lines, each with its terminator. */
  lines: Uint8Array[];
  /** True once a line has exceeded the bound; the framer then refuses further input. */
  overflow: boolean;
}

/**
 * Splits a byte stream into `\n`-terminated lines, holding at most `maxLineBytes` of an unfinished
 * line.
 *
 * @example
 * ```ts
 * const f = new LineFramer({ maxLineBytes: 1024 });
 * f.push(new TextEncoder().encode('{"id":1}\n{"id"')).lines.length; // 1
 * ```
 */
export class LineFramer {
  readonly maxLineBytes: number;
  #parts: Uint8Array[] = [];
  #partBytes = 0;
  #overflow = false;

  constructor(options: LineFramerOptions = {}) {
    const max = options.maxLineBytes ?? 2 * 1024 * 1024;
    if (!Number.isInteger(max) || max < 16) {
      throw new RangeError(`maxLineBytes must be an integer >= 16, got ${max}`);
    }
    this.maxLineBytes = max;
  }

  /** Bytes of the unfinished line held so far. */
  get pendingBytes(): number {
    return this.#partBytes;
  }

  /** Feed a chunk; returns the lines it completed. */
  push(chunk: Uint8Array): FramerOutput {
    const lines: Uint8Array[] = [];
    if (this.#overflow) return { lines, overflow: true };
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl + 1;
      const piece = chunk.subarray(start, end);
      if (this.#partBytes + piece.length > this.maxLineBytes) {
        this.#overflow = true;
        this.#parts = [];
        this.#partBytes = 0;
        return { lines, overflow: true };
      }
      if (nl < 0) {
        this.#parts.push(piece.slice());
        this.#partBytes += piece.length;
        break;
      }
      lines.push(this.#parts.length ? concat([...this.#parts, piece]) : piece.slice());
      this.#parts = [];
      this.#partBytes = 0;
      start = end;
    }
    return { lines, overflow: false };
  }
}

/** Concatenate byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
