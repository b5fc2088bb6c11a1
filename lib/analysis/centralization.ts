/**
 * Concentration measures over server rows: share tables, Herfindahl-Hirschman index, the
 * fewest groups holding a given share, Lorenz curve and Gini coefficient, and the network
 * bucket (IPv4 /16, IPv6 /48) that the Electrum client uses to spread its connections.
 *
 * All functions are pure. Rows whose key is null, undefined, "" or NaN form their own
 * "unknown" group: it is reported, never dropped. Measures over an empty population (or
 * one whose counts sum to 0) are null, not 0.
 *
 * @module
 */
import { formatV4, formatV6, parseIp } from "../geo/_ip.ts";

/** A grouping key value; null means unknown. */
export type GroupKey = string | number | boolean | null;

/** One row of {@linkcode shareTable}. */
export interface ShareRow {
  /** The group's key; null for the unknown group. */
  key: GroupKey;
  /** Display label: the key as text, or the unknown label. */
  label: string;
  /** Number of rows in the group. */
  count: number;
  /** count / total, 0..1. */
  share: number;
  /** Sum of the shares of this row and all rows above it, 0..1. */
  cumulative_share: number;
}

/** Options of {@linkcode shareTable}. */
export interface ShareTableOptions {
  /** Label of the group of rows with no key. Default: "unknown". */
  unknownLabel?: string;
}

function normaliseKey(v: unknown): GroupKey {
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "number") return Number.isNaN(v) ? null : v;
  if (typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/**
 * Count rows per group and give each group's share and the cumulative share, largest group
 * first (ties: by label, the unknown group after known groups of the same count).
 *
 * @param rows The population, one row per server (or per whatever is counted).
 * @param key A column name, or a function from row to key.
 * @param options See {@linkcode ShareTableOptions}.
 * @returns One row per group; empty for no rows.
 * @example
 * ```ts
 * shareTable([{ p: "A" }, { p: "A" }, { p: "B" }, { p: null }], "p");
 * // [{ key: "A", label: "A", count: 2, share: 0.5, cumulative_share: 0.5 },
 * //  { key: "B", label: "B", count: 1, share: 0.25, cumulative_share: 0.75 },
 * //  { key: null, label: "unknown", count: 1, share: 0.25, cumulative_share: 1 }]
 * ```
 */
export function shareTable<T>(
  rows: readonly T[],
  key: keyof T | ((row: T) => unknown),
  options: ShareTableOptions = {},
): ShareRow[] {
  const unknownLabel = options.unknownLabel ?? "unknown";
  const get = typeof key === "function" ? key : (row: T) => row[key];
  const counts = new Map<GroupKey, number>();
  for (const row of rows) {
    const k = normaliseKey(get(row));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const total = rows.length;
  const out = [...counts].map(([k, count]) => ({
    key: k,
    label: k === null ? unknownLabel : String(k),
    count,
    share: count / total,
    cumulative_share: 0,
  }));
  out.sort((a, b) =>
    b.count - a.count || (a.key === null ? 1 : 0) - (b.key === null ? 1 : 0) ||
    (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)
  );
  let running = 0;
  for (const r of out) {
    running += r.count;
    r.cumulative_share = running / total;
  }
  return out;
}

/** Group sizes: numbers, or rows carrying a `count` (such as {@linkcode shareTable} output). */
export type Counts = Iterable<number> | Iterable<{ readonly count: number }>;

function toCounts(counts: Counts, fn: string): number[] {
  const out: number[] = [];
  for (const c of counts as Iterable<unknown>) {
    const v = typeof c === "number" ? c : (c as { count?: unknown })?.count;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`${fn}: counts must be finite numbers >= 0, got ${JSON.stringify(v)}`);
    }
    out.push(v);
  }
  return out;
}

/** Result of {@linkcode hhi}. */
export interface HhiResult {
  /** Sum of squared percentage shares, 0..10,000 (null for an empty population). */
  hhi: number | null;
  /** (H - 1/N) / (1 - 1/N) on 0..1 shares, 0 = even split, 1 = one group; 1 when N = 1. */
  normalized: number | null;
  /** Number of groups with a non-zero count. */
  groups: number;
  /** 1 / H: the number of equal groups with the same concentration. */
  equivalent_groups: number | null;
}

/**
 * Herfindahl-Hirschman index of group sizes. Zero counts are ignored. (US merger guidelines
 * call a market above 1,800 highly concentrated.) Given {@linkcode shareTable} rows, the
 * unknown group counts as one group; filter it out first to measure known groups only.
 *
 * @param counts Group sizes.
 * @returns The index on the 0..10,000 scale, normalised, and the equivalent number of groups.
 * @throws {RangeError} If a count is negative or not finite.
 * @example
 * ```ts
 * hhi([50, 30, 20]); // { hhi: 3800, normalized: 0.07, groups: 3, equivalent_groups: 2.63... }
 * ```
 */
export function hhi(counts: Counts): HhiResult {
  const xs = toCounts(counts, "hhi").filter((c) => c > 0);
  const total = xs.reduce((a, b) => a + b, 0);
  if (total === 0) return { hhi: null, normalized: null, groups: 0, equivalent_groups: null };
  const h = xs.reduce((a, c) => a + (c / total) ** 2, 0);
  const n = xs.length;
  return {
    hhi: h * 10_000,
    normalized: n === 1 ? 1 : (h - 1 / n) / (1 - 1 / n),
    groups: n,
    equivalent_groups: 1 / h,
  };
}

/**
 * The smallest number of groups that together hold at least `share` of the total (the
 * largest groups first); with 0.5, how many providers one would need to control half.
 *
 * @param counts Group sizes.
 * @param share Target share in (0, 1]. Default: 0.5.
 * @returns The number of groups, or null for an empty population.
 * @throws {RangeError} If `share` is outside (0, 1] or a count is invalid.
 * @example
 * ```ts
 * minGroupsForShare([40, 30, 20, 10], 0.5); // 2
 * ```
 */
export function minGroupsForShare(counts: Counts, share = 0.5): number | null {
  if (typeof share !== "number" || !(share > 0 && share <= 1)) {
    throw new RangeError(`minGroupsForShare: share must be in (0, 1], got ${share}`);
  }
  const xs = toCounts(counts, "minGroupsForShare").sort((a, b) => b - a);
  const total = xs.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let running = 0;
  for (let k = 0; k < xs.length; k++) {
    running += xs[k];
    // A small tolerance keeps 0.1 + 0.2 style rounding from needing an extra group.
    if (running / total >= share - 1e-12) return k + 1;
  }
  return xs.length;
}

/** One point of a Lorenz curve. */
export interface LorenzPoint {
  /** Cumulative share of groups (smallest first), 0..1. */
  x: number;
  /** Cumulative share of the total held by those groups, 0..1. */
  y: number;
}

/**
 * Lorenz curve of group sizes: groups sorted from smallest to largest, from (0, 0) to (1, 1).
 *
 * @param counts Group sizes.
 * @returns N + 1 points; empty for an empty population.
 * @throws {RangeError} If a count is invalid.
 * @example
 * ```ts
 * lorenz([3, 1]); // [{ x: 0, y: 0 }, { x: 0.5, y: 0.25 }, { x: 1, y: 1 }]
 * ```
 */
export function lorenz(counts: Counts): LorenzPoint[] {
  const xs = toCounts(counts, "lorenz").sort((a, b) => a - b);
  const total = xs.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const out: LorenzPoint[] = [{ x: 0, y: 0 }];
  let running = 0;
  xs.forEach((c, k) => {
    running += c;
    out.push({ x: (k + 1) / xs.length, y: running / total });
  });
  return out;
}

/**
 * Gini coefficient of group sizes: 0 when all groups are equal, approaching 1 when one group
 * holds everything (exactly 1 - 1/N then). Computed as 1 minus twice the area under the
 * Lorenz curve, which equals the mean absolute difference over twice the mean.
 *
 * @param counts Group sizes.
 * @returns The coefficient, or null for an empty population.
 * @throws {RangeError} If a count is invalid.
 * @example
 * ```ts
 * gini([0, 0, 0, 4]); // 0.75
 * ```
 */
export function gini(counts: Counts): number | null {
  const pts = lorenz(toCounts(counts, "gini"));
  if (pts.length === 0) return null;
  let area = 0;
  for (let k = 1; k < pts.length; k++) {
    area += (pts[k].x - pts[k - 1].x) * (pts[k].y + pts[k - 1].y) / 2;
  }
  return Math.max(0, 1 - 2 * area);
}

/**
 * The network bucket of a server address as the Electrum client computes it
 * (`bucket_based_on_ipaddress` in `electrum/interface.py`): the IPv4 /16 or IPv6 /48 that
 * contains it, written like Python's `ipaddress` network (`"8.8.0.0/16"`, `"2a01:4f8:1::/48"`);
 * `"onion"` for onion hosts; null for loopback addresses, which the client exempts. The client
 * keeps at most one non-main connection per bucket. One deliberate difference: an
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) gets its IPv4 /16, where Python would give
 * `"::/48"`.
 *
 * @param host An IP literal or an onion host name.
 * @returns The bucket, or null for loopback.
 * @throws {TypeError} If `host` is neither an IP literal nor an onion name.
 * @example
 * ```ts
 * prefixBucket("8.8.4.4"); // "8.8.0.0/16"
 * prefixBucket("2a01:4f8:10a:1::2"); // "2a01:4f8:10a::/48"
 * ```
 */
export function prefixBucket(host: string): string | null {
  // Electrum tests `host.endswith('.onion')`, not the name's validity.
  if (typeof host === "string" && /\.onion$/i.test(host)) return "onion";
  const p = parseIp(host);
  if (!p) {
    const shown = JSON.stringify(typeof host === "string" ? host.slice(0, 100) : host);
    throw new TypeError(`prefixBucket: not an IP address literal or onion name: ${shown}`);
  }
  if (p.version === 4) {
    if (p.v4 >>> 24 === 127) return null;
    return `${formatV4(p.v4 - (p.v4 % 65536))}/16`;
  }
  if (p.v6 === 1n) return null;
  return `${formatV6((p.v6 >> 80n) << 80n)}/48`;
}
