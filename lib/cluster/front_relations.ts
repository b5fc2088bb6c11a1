/**
 * Front relations: a server that serves another server's identity (its certificate, and the
 * host names it announces) from an address of its own, as a relay, a logging proxy or a TLS
 * front does. Sharing a certificate with the server it fronts says nothing about who runs the
 * front, so the relation is reported apart and is not an operator edge.
 *
 * @module
 */
import { cellText, type FeatureRow } from "./feature_input.ts";
import type { PeerLink } from "./operator_identifiers.ts";

/** Why a server is taken for a front of another. */
export type FrontEvidence =
  /** Its `server.features` `hosts` names the other server and never itself. */
  | "announces-its-hosts"
  /** Its application round trip exceeds its TCP handshake by at least the margin more than the
   * other's does (the replies come from further away than its address). */
  | "slower-application";

/** One front relation. */
export interface FrontRelation {
  /** The front. */
  readonly server: string;
  /** The server whose certificate it presents. */
  readonly fronts: string;
  readonly evidence: FrontEvidence[];
}

/** Options of {@link frontRelations}. */
export interface FrontOptions {
  /** Certificate fingerprint column. Default `cert_fingerprint`. */
  certificate?: string;
  /** Application round trip minus TCP handshake column, ms. Default `lat_app_over_tcp_ms`. */
  appOverTcp?: string;
  /** Every host each server announces in `server.features` `hosts`, itself included (peers.csv
   * rows of source `server.features`). Default: none (no `announces-its-hosts` evidence). */
  announced?: readonly PeerLink[];
  /** The margin of `slower-application`, ms. Default 50. */
  slowerByMs?: number;
}

/**
 * Finds the servers that front another server of the scan. For every certificate presented by
 * two or more servers, a holder X fronts another holder Y when:
 *
 * - `announces-its-hosts`: X's `server.features` `hosts` names Y and not X (a relay passes the
 *   upstream's reply through unchanged; an operator's own server announces itself); or
 * - `slower-application` (only for a certificate held by exactly two servers, and only when X
 *   does not announce itself): X's application round trip minus its TCP handshake exceeds Y's by
 *   `slowerByMs` or more (the handshake ends at X, the replies come from further away). Timing is
 *   noisy on a loaded vantage point, so this alone is the weaker of the two.
 *
 * @param rows Feature rows (`server` and the two columns of the options).
 * @param options See {@link FrontOptions}.
 * @returns The relations, in row order of the front.
 * @throws {RangeError} on a negative or non-finite margin.
 *
 * @example
 * ```ts
 * frontRelations(rows, { announced });
 * // [{ server: "52.94.26.154", fronts: "electrum.example.lab", evidence: ["announces-its-hosts"] }]
 * ```
 */
export function frontRelations(
  rows: readonly FeatureRow[],
  options: FrontOptions = {},
): FrontRelation[] {
  const certCol = options.certificate ?? "cert_fingerprint";
  const latCol = options.appOverTcp ?? "lat_app_over_tcp_ms";
  const margin = options.slowerByMs ?? 50;
  if (!(margin >= 0) || !Number.isFinite(margin)) {
    throw new RangeError(`slowerByMs ${margin} invalid`);
  }
  const announces = new Map<string, Set<string>>();
  for (const l of options.announced ?? []) {
    const s = l.server.toLowerCase();
    let set = announces.get(s);
    if (!set) announces.set(s, set = new Set());
    set.add(l.peer.toLowerCase());
  }
  const holders = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const c = cellText(r[certCol]);
    if (c !== null) holders.set(c, [...(holders.get(c) ?? []), i]);
  });
  const found = new Map<number, FrontRelation>();
  for (const list of holders.values()) {
    if (list.length < 2) continue;
    for (const x of list) {
      const key = rows[x].server.toLowerCase();
      const names = announces.get(key);
      const self = names?.has(key) ?? false;
      const evidence: FrontEvidence[] = [];
      let target: number | null = null;
      if (names && !self) {
        target = list.find((y) => y !== x && names.has(rows[y].server.toLowerCase())) ?? null;
        if (target !== null) evidence.push("announces-its-hosts");
      }
      if (list.length === 2 && !self) {
        const y = list[0] === x ? list[1] : list[0];
        const a = rows[x][latCol], b = rows[y][latCol];
        if (typeof a === "number" && typeof b === "number" && a - b >= margin) {
          if (target === null || target === y) {
            target = y;
            evidence.push("slower-application");
          }
        }
      }
      if (target !== null) {
        found.set(x, { server: rows[x].server, fronts: rows[target].server, evidence });
      }
    }
  }
  // Two servers cannot front each other: keep the direction with more evidence, else neither.
  const index = new Map(rows.map((r, i) => [r.server, i]));
  const drop = new Set<number>();
  for (const [x, rel] of found) {
    const back = found.get(index.get(rel.fronts)!);
    if (back?.fronts === rel.server && back.evidence.length >= rel.evidence.length) drop.add(x);
  }
  for (const x of drop) found.delete(x);
  return [...found.keys()].sort((a, b) => a - b).map((x) => found.get(x)!);
}
