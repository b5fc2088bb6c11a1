/**
 * Framing with the personality's bound: ElectrumX drops an oversized line silently and resyncs
 * on the next newline; Fulcrum sends code 3 and disconnects; the others are unbounded in reality
 * and bounded here at 8 MB (a lab safety bound). electrs <= 0.8 closes a connection whose first
 * bytes look like a TLS ClientHello (§7.3).
 *
 * @module
 */
import { concat } from "../../../electrum/framing.ts";
import type { Connection } from "./connection.ts";

/** Splits received chunks into lines for one connection. */
export class LineReader {
  #c: Connection;
  #maxLine: number;
  #onLine: (line: string) => void;
  #decoder = new TextDecoder();
  #buf: Uint8Array[] = [];
  #bufBytes = 0;
  #skipping = false;
  #dropsTlsHello: boolean;
  #firstChunk = true;
  #floodSince: number | null = null;

  /**
   * @param c The connection.
   * @param maxLine Longest request line buffered, bytes.
   * @param onLine Called with each complete line (with its newline).
   */
  constructor(c: Connection, maxLine: number, onLine: (line: string) => void) {
    this.#c = c;
    this.#maxLine = maxLine;
    this.#onLine = onLine;
    this.#dropsTlsHello = c.p.family === "electrs" && c.p.version.startsWith("0.8.");
  }

  /** Read one received chunk: every complete line in it is handled in order. */
  read(chunk: Uint8Array): void {
    const { p, queue } = this.#c;
    if (queue.closed) return;
    if (
      this.#firstChunk && this.#dropsTlsHello && chunk[0] === 22 && chunk[1] === 3 && chunk[2] === 1
    ) {
      return queue.close();
    }
    this.#firstChunk = false;
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(10, start);
      const end = nl < 0 ? chunk.length : nl + 1;
      const piece = chunk.subarray(start, end);
      start = end;
      if (this.#skipping) {
        if (nl >= 0) this.#skipping = false;
        continue;
      }
      if (this.#bufBytes + piece.length > this.#maxLine) {
        this.#buf = [];
        this.#bufBytes = 0;
        if (p.family === "electrumx") {
          this.#skipping = nl < 0;
          continue;
        }
        this.#overflow();
        return;
      }
      if (nl < 0) {
        this.#buf.push(piece.slice());
        this.#bufBytes += piece.length;
        break;
      }
      const line = this.#buf.length
        ? this.#decoder.decode(concat([...this.#buf, piece]))
        : this.#decoder.decode(piece);
      this.#buf = [];
      this.#bufBytes = 0;
      this.#onLine(line);
      queue.deferring = false;
      if (queue.closed) return;
    }
  }

  /** A line over the bound (not ElectrumX): Fulcrum's flood error, else a plain disconnect. */
  #overflow(): void {
    const c = this.#c;
    if (c.p.family === "fulcrum") {
      this.#floodSince ??= performance.now();
      c.queue.send(
        c.encError(null, {
          code: 3,
          message: "Excessive flood, please throttle your client implementation to not do this",
        }),
        c.queue.closeGraceful,
      );
    } else c.queue.closeAfterSend();
  }
}
