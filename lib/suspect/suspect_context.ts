/**
 * The tables the suspicion score reads, indexed once by server: `servers.csv`,
 * `fingerprints.csv`, `tls.csv` (leaf rows), `geo.csv` (main addresses), `peers.csv`,
 * `features.csv` and `clusters.csv` as read back through their schemas.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import type { IndicatorName } from "./indicator_specs.ts";

/** The rows the score reads; each a table of `data/` as `readCsv` gives it. */
export interface SuspectTables {
  readonly servers: readonly Row[];
  readonly fingerprints: readonly Row[];
  readonly tls: readonly Row[];
  readonly geo: readonly Row[];
  readonly peers: readonly Row[];
  readonly features: readonly Row[];
  /** Rows of `clusters.csv` (operator groups, modified flags); empty when the table is. */
  readonly clusters: readonly Row[];
}

/** One indicator hit on one server. */
export interface IndicatorHit {
  readonly indicator: IndicatorName;
  /** The measured value, short and plain (server text is quoted and clipped). */
  readonly value: string;
  /** The rows that show it: `table.csv[server] column=value`, at most 5. */
  readonly evidence: readonly string[];
}

/** The tables indexed by server. */
export interface SuspectContext {
  /** Servers scored: those of `features.csv`, in its order. */
  readonly scored: readonly string[];
  readonly server: ReadonlyMap<string, Row>;
  readonly fingerprint: ReadonlyMap<string, Row>;
  readonly feature: ReadonlyMap<string, Row>;
  readonly cluster: ReadonlyMap<string, Row>;
  /** Leaf certificate rows (chain position 0) by server. */
  readonly leaves: ReadonlyMap<string, readonly Row[]>;
  /** The main address's `geo.csv` row by server. */
  readonly geo: ReadonlyMap<string, Row>;
  /** `peers.csv` rows by advertiser. */
  readonly peers: ReadonlyMap<string, readonly Row[]>;
  /** Operator group by server (servers in no group absent). */
  readonly group: ReadonlyMap<string, string>;
  /** Members of each operator group. */
  readonly members: ReadonlyMap<string, readonly string[]>;
  /** Every leaf row, for population-wide rules. */
  readonly allLeaves: readonly Row[];
  readonly geoRows: readonly Row[];
}

/** The text of a cell, or null for unknown and empty. */
export function text(v: unknown): string | null {
  return v === null || v === undefined || v === "" ? null : String(v);
}

/** The number of a cell, or null. */
export function num(v: unknown): number | null {
  if (v === null || v === undefined || v === "") return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** Server text for a value or sentence: JSON-quoted, clipped to `max` characters. */
export function quote(v: unknown, max = 48): string {
  const s = String(v ?? "");
  return JSON.stringify(s.length > max ? s.slice(0, max) + "…" : s);
}

/** An evidence reference: `table.csv[server] column=value` (value quoted, clipped). */
export function ref(table: string, server: string, column: string, value: unknown): string {
  return `${table}[${server}] ${column}=${quote(value, 80)}`;
}

function byServer(rows: readonly Row[]): Map<string, Row> {
  const m = new Map<string, Row>();
  for (const r of rows) if (!m.has(String(r.server))) m.set(String(r.server), r);
  return m;
}

function listBy(rows: readonly Row[], key = "server"): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const k = String(r[key]);
    const l = m.get(k);
    if (l) l.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * Index the tables by server.
 *
 * @example
 * ```ts
 * const ctx = suspectContext(tables);
 * ctx.scored.length; // servers of features.csv
 * ```
 */
export function suspectContext(t: SuspectTables): SuspectContext {
  const allLeaves = t.tls.filter((r) => Number(r.chain_position ?? 0) === 0 && text(r.sha256));
  const mainGeo = t.geo.filter((g) => g.main === true);
  const group = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const c of t.clusters) {
    const g = text(c.operator_group);
    if (!g) continue;
    group.set(String(c.server), g);
    members.set(g, [...(members.get(g) ?? []), String(c.server)]);
  }
  return {
    scored: t.features.map((r) => String(r.server)),
    server: byServer(t.servers),
    fingerprint: byServer(t.fingerprints),
    feature: byServer(t.features),
    cluster: byServer(t.clusters),
    leaves: listBy(allLeaves),
    geo: byServer(mainGeo.length ? mainGeo : t.geo),
    peers: listBy(t.peers),
    group,
    members,
    allLeaves,
    geoRows: t.geo,
  };
}
