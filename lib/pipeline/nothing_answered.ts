/**
 * The error a scan ends with when not one server answered: the tables in `data/` are then left
 * as they were, and the message says which servers were tried and what each did.
 *
 * @module
 */

/** One server that was tried: its address, port and the status it ended with. */
export interface TriedServer {
  server: string;
  port: number | null;
  status: string;
}

/** How many tried servers the message names before it says "and N more". */
const NAMED = 5;

/**
 * Thrown by `runScan` when no server answered (every seed refused, timed out or was refused by
 * the address guard). Its `name` is `NothingAnswered`, so a notebook runner can tell it from a
 * bug; its message is one line: `0 of 1 servers answered: 127.0.0.99:50001 refused`.
 *
 * @example
 * ```ts
 * throw new NothingAnsweredError([{ server: "127.0.0.99", port: 50001, status: "refused" }], "data/scans/x");
 * ```
 */
export class NothingAnsweredError extends Error {
  override readonly name = "NothingAnswered";
  /** The servers tried, as given. */
  readonly tried: readonly TriedServer[];
  /** The scan's folder (its raw records are kept there). */
  readonly scanDir: string;

  constructor(tried: readonly TriedServer[], scanDir: string) {
    const named = tried.slice(0, NAMED).map((t) =>
      `${t.server.includes(":") ? `[${t.server}]` : t.server}${
        t.port === null ? "" : `:${t.port}`
      } ${t.status}`
    );
    if (tried.length > NAMED) named.push(`and ${tried.length - NAMED} more`);
    super(
      `0 of ${tried.length} servers answered${named.length ? `: ${named.join(", ")}` : ""}` +
        ` (the tables were not replaced; raw records in ${scanDir})`,
    );
    this.tried = tried;
    this.scanDir = scanDir;
  }
}
