/**
 * Which client release a server is talking to, from one connection's requests alone: the
 * `server.version` protocol parameter (a single "1.4" up to 4.5, a range from 4.6), the fee
 * targets of one `blockchain.estimatefee` round (four up to 4.x before the 1008/144 targets, six
 * after), and the client string when it is honest. A timing leak: the cadence and shape of the
 * polling identify the release even when the client string is changed.
 *
 * @module
 */

/** One request of a connection (time and method, params as sent). */
export interface ConnectionRequest {
  tMs: number;
  method: string;
  params: unknown;
}

/** The release class the requests point to. */
export type ReleaseClass = "single-1.4 / 4 fee targets" | "range / 6 fee targets" | "unknown";

/**
 * Classify a connection by its protocol request and first fee round (ignoring the client string).
 *
 * @example
 * ```ts
 * fingerprintRelease([{ tMs: 0, method: "server.version", params: ["x", "1.4"] }, ...]);
 * ```
 */
export function fingerprintRelease(requests: readonly ConnectionRequest[]): ReleaseClass {
  const version = requests.find((r) => r.method === "server.version");
  const fees = requests.filter((r) => r.method === "blockchain.estimatefee");
  if (!version || !fees.length) return "unknown";
  const first = Math.min(...fees.map((r) => r.tMs));
  const round = new Set(
    fees.filter((r) => r.tMs - first < 2_000).map((r) => JSON.stringify(r.params)),
  ).size;
  const p = Array.isArray(version.params) ? version.params[1] : undefined;
  const single = typeof p === "string" && !p.includes("-") && !p.includes(",");
  if (single && round === 4) return "single-1.4 / 4 fee targets";
  if (!single && round === 6) return "range / 6 fee targets";
  return "unknown";
}
