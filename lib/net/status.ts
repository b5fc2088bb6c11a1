/**
 * The closed set of outcome statuses for every network operation, and the one function that maps
 * low-level errors onto it (after zgrab2's `status.go` and OONI's error wrapper).
 *
 * A server's misbehaviour never escapes as an exception: it becomes a {@linkcode Failure} naming the
 * operation that failed and the message.
 *
 * @module
 */

/** Every outcome a probe, a dial or a request can end in. */
export const STATUSES = [
  "success",
  "refused",
  "timeout",
  "tls-error",
  "protocol-error",
  "rpc-error",
  "closed",
  "reset",
  "blocklisted",
  "unreachable",
  "dns-error",
  "proxy-error",
  "oversize",
  "aborted",
  "unsupported",
] as const;

/** One of {@linkcode STATUSES}. */
export type Status = typeof STATUSES[number];

/** A status other than `success`. */
export type FailureStatus = Exclude<Status, "success">;

/** The operation during which an outcome happened. */
export type Operation =
  | "resolve"
  | "connect"
  | "proxy"
  | "tls"
  | "write"
  | "read"
  | "rpc"
  | "parse";

/** A failed operation, as recorded. */
export interface Failure {
  /** What went wrong, from the closed set. */
  status: FailureStatus;
  /** Which operation failed. */
  op: Operation;
  /** A human-readable message (bounded to 500 characters). */
  message: string;
}

/** Error thrown internally for our own deadlines, so classification can tell it apart. */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} exceeded its ${ms} ms deadline`);
    this.name = "DeadlineError";
  }
}

const CODE_MAP: Record<string, FailureStatus> = {
  ECONNREFUSED: "refused",
  ETIMEDOUT: "timeout",
  ECONNRESET: "reset",
  EPIPE: "reset",
  ECONNABORTED: "reset",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ENOTFOUND: "dns-error",
  EAI_AGAIN: "dns-error",
  EAI_NONAME: "dns-error",
  ABORT_ERR: "aborted",
};

/**
 * Map any thrown value onto a {@linkcode Failure}.
 *
 * @param err The error (anything thrown).
 * @param op The operation that was running.
 * @returns The failure record; never throws.
 * @example
 * ```ts
 * classifyError(Object.assign(new Error("x"), { code: "ECONNREFUSED" }), "connect").status; // "refused"
 * ```
 */
export function classifyError(err: unknown, op: Operation): Failure {
  const e = err as { code?: unknown; name?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  const name = typeof e?.name === "string" ? e.name : "";
  const message = boundMessage(
    typeof e?.message === "string" ? e.message : String(err),
  );
  let status: FailureStatus;
  if (name === "DeadlineError" || name === "TimeoutError") status = "timeout";
  else if (name === "AbortError") status = "aborted";
  else if (code in CODE_MAP) status = CODE_MAP[code];
  else if (
    op === "tls" || code.startsWith("ERR_SSL") || code === "EPROTO" || /ssl|tls/i.test(code)
  ) {
    status = "tls-error";
  } else if (op === "proxy") status = "proxy-error";
  else if (op === "parse") status = "protocol-error";
  else if (op === "resolve") status = "dns-error";
  else status = "closed";
  return { status, op, message: code && !message.includes(code) ? `${code}: ${message}` : message };
}

/** Bound a message to 500 characters so a hostile error text cannot bloat records. */
export function boundMessage(message: string, max = 500): string {
  return message.length > max ? `${message.slice(0, max)}…[${message.length - max} more]` : message;
}
