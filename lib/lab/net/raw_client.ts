/**
 * A byte-level test client for lab servers: writes exactly the bytes given and records exactly the
 * bytes received, with their arrival times, so tests can check a personality's wire behaviour byte
 * for byte (line endings, key order, padding, send holds, disconnects).
 *
 * @module
 */

/** One chunk as it arrived. */
export interface RawChunk {
  /** Arrival, ms after the connection opened. */
  atMs: number;
  bytes: Uint8Array;
}

/** A raw TCP connection to a lab server (tests only). */
export class RawClient {
  readonly chunks: RawChunk[] = [];
  /** True once the server closed the connection. */
  closedByServer = false;
  #conn: Deno.TcpConn;
  #opened: number;
  #reader: Promise<void>;
  #wake: (() => void) | null = null;
  #done = false;

  private constructor(conn: Deno.TcpConn) {
    this.#conn = conn;
    this.#opened = performance.now();
    this.#reader = this.#read();
  }

  /** Connect to `ip:port`. */
  static async connect(ip: string, port: number): Promise<RawClient> {
    return new RawClient(await Deno.connect({ hostname: ip, port }));
  }

  /** Everything received so far, as text. */
  get text(): string {
    return new TextDecoder().decode(this.bytes);
  }

  /** Everything received so far. */
  get bytes(): Uint8Array {
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.bytes.length, 0));
    let o = 0;
    for (const c of this.chunks) out.set(c.bytes, (o += c.bytes.length) - c.bytes.length);
    return out;
  }

  /** Write these bytes (a string is UTF-8 encoded). */
  async write(data: string | Uint8Array): Promise<void> {
    let b = typeof data === "string" ? new TextEncoder().encode(data) : data;
    while (b.length) b = b.subarray(await this.#conn.write(b));
  }

  /**
   * Wait until `done(text)` holds, the server closes, or `timeoutMs` passes.
   *
   * @returns The text received so far.
   */
  async until(done: (text: string) => boolean, timeoutMs = 3000): Promise<string> {
    const end = performance.now() + timeoutMs;
    while (!done(this.text) && !this.closedByServer && !this.#done) {
      const left = end - performance.now();
      if (left <= 0) break;
      let timer: ReturnType<typeof setTimeout> | undefined;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        timer = setTimeout(resolve, left);
      });
      clearTimeout(timer);
    }
    return this.text;
  }

  /** Wait for `n` bytes (or close/timeout). */
  untilBytes(n: number, timeoutMs = 3000): Promise<string> {
    return this.until(() => this.bytes.length >= n, timeoutMs);
  }

  /** Wait for the server to close (or timeout); returns whether it did. */
  async untilClosed(timeoutMs = 3000): Promise<boolean> {
    await this.until(() => false, timeoutMs);
    return this.closedByServer;
  }

  /** Close our side and wait for the reader to stop. */
  async close(): Promise<void> {
    if (!this.#done) {
      this.#done = true;
      try {
        this.#conn.close();
      } catch { /* already closed */ }
    }
    await this.#reader;
  }

  async #read() {
    const buf = new Uint8Array(65536);
    try {
      while (true) {
        const n = await this.#conn.read(buf);
        if (n === null) {
          this.closedByServer = true;
          break;
        }
        this.chunks.push({ atMs: performance.now() - this.#opened, bytes: buf.slice(0, n) });
        this.#wake?.();
      }
    } catch {
      if (!this.#done) this.closedByServer = true;
    } finally {
      this.#wake?.();
      if (!this.#done) {
        this.#done = true;
        try {
          this.#conn.close();
        } catch { /* already closed */ }
      }
    }
  }
}

/**
 * Open a connection, write `data`, collect until `done` or close or timeout, then close.
 *
 * @example
 * ```ts
 * const r = await exchange("127.10.0.1", 50001, '{"id":1,"method":"server.ping"}\n', (t) => t.includes("\n"));
 * ```
 */
export async function exchange(
  ip: string,
  port: number,
  data: string,
  done: (text: string) => boolean,
  timeoutMs = 3000,
): Promise<{ text: string; closed: boolean; chunks: RawChunk[] }> {
  const c = await RawClient.connect(ip, port);
  try {
    await c.write(data);
    const text = await c.until(done, timeoutMs);
    return { text, closed: c.closedByServer, chunks: c.chunks };
  } finally {
    await c.close();
  }
}
