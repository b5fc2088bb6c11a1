/**
 * The lab's request log: every request any host received, oldest first and bounded in memory,
 * optionally appended as JSON Lines to a file (buffered, 256 entries a write).
 *
 * @module
 */
import type { RequestLogEntry } from "../servers/host_runtime.ts";

/** Options of {@linkcode RequestLog.open}. */
export interface RequestLogOptions {
  /** Most entries kept in memory. Default: 200,000. */
  maxEntries?: number;
  /** Append every entry as JSON Lines to this file. Default: none. */
  path?: string;
}

/** A bounded in-memory request log with an optional JSON Lines file behind it. */
export class RequestLog {
  /** Requests received, oldest first (bounded). */
  readonly requests: RequestLogEntry[] = [];
  #max: number;
  #file: Deno.FsFile | null;
  #buffer: string[] = [];

  private constructor(max: number, file: Deno.FsFile | null) {
    this.#max = max;
    this.#file = file;
  }

  /** Open a log (and its file, for appending, when `path` is given). */
  static async open(options: RequestLogOptions = {}): Promise<RequestLog> {
    const file = options.path
      ? await Deno.open(options.path, { append: true, create: true, write: true })
      : null;
    return new RequestLog(options.maxEntries ?? 200_000, file);
  }

  /** Record one request. */
  log = (e: RequestLogEntry): void => {
    if (this.requests.length >= this.#max) this.requests.shift();
    this.requests.push(e);
    if (this.#file) {
      this.#buffer.push(JSON.stringify(e) + "\n");
      if (this.#buffer.length >= 256) this.flush();
    }
  };

  /** Write what is buffered to the file. */
  flush(): void {
    if (!this.#file || !this.#buffer.length) return;
    this.#file.writeSync(new TextEncoder().encode(this.#buffer.join("")));
    this.#buffer = [];
  }

  /** Flush and close the file. */
  close(): void {
    this.flush();
    this.#file?.close();
  }
}
