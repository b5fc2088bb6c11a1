/**
 * The small interface the clustering methods read: a list of feature declarations and rows of
 * values, shaped like `features.csv` (`lib/data/schemas/features.ts` declares each feature once
 * with its kind, group and Gower weight; this folder accepts any list of that shape), and its
 * conversion into the inputs of `lib/stats/` (Gower distance, numeric encoding).
 *
 * @module
 */
import type { GowerFeature, GowerValue } from "../stats/gower.ts";

/** How a feature enters a mixed-type distance (the kinds of `features.csv`). */
export type ClusterFeatureKind = "numeric" | "ordinal" | "categorical" | "set" | "boolean";

/** What a feature speaks about; behavioural clusters read `behaviour` only. */
export type ClusterFeatureGroup = "behaviour" | "operator" | "hosting" | "certificate" | "latency";

/**
 * One declared feature. A `FeatureSpec` of `lib/data/schemas/features.ts` fits this shape (the
 * extra fields are ignored).
 */
export interface ClusterFeatureSpec {
  /** Column name in the rows. */
  readonly name: string;
  readonly kind: ClusterFeatureKind;
  readonly group: ClusterFeatureGroup;
  /** Gower weight (finite, >= 0; 0 drops the feature). */
  readonly weight: number;
  /** CSV type: `timestamp` values are ISO strings compared as milliseconds, `version` values
   * are compared by version order. Other types are read as they are. Default: as they are. */
  readonly type?: string;
  /** Numeric features: compare `log1p(max(0, value))`. Default: false. */
  readonly log?: boolean;
  /** Behaviour features: the value follows the protocol release a build implements, not its
   * code base (the behavioural clusters group families without it and report releases as
   * sub-clusters). Default: false. */
  readonly release?: boolean;
}

/** A value of one feature in one row (a row of `features.csv` as derived or read back). */
export type FeatureCell = string | number | boolean | null | undefined;

/** One server's row: its key in `server`, one value per declared feature (unknown is null). */
export type FeatureRow = Readonly<Record<string, FeatureCell>> & { readonly server: string };

/** Rows and feature specification ready for `gowerDistances` / `encodeFeatures`. */
export interface GowerInput {
  readonly rows: Record<string, GowerValue>[];
  readonly features: Record<string, GowerFeature>;
}

/**
 * A version as a number that orders like it (`1.4.2` -> 1.004002; up to three parts below
 * 1,000 each), or null when the text is not such a version.
 *
 * @example
 * ```ts
 * versionOrder("1.10") > versionOrder("1.9")!; // true
 * ```
 */
export function versionOrder(v: string): number | null {
  const m = /^v?(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?$/.exec(v.trim());
  if (!m) return null;
  return Number(m[1]) + Number(m[2] ?? 0) / 1e3 + Number(m[3] ?? 0) / 1e6;
}

/**
 * The number a numeric or ordinal cell stands for, or null when unknown or not readable.
 *
 * @throws {RangeError} naming the feature when a value is of the wrong type (a string in a
 *   plain numeric column).
 */
export function featureNumber(spec: ClusterFeatureSpec, v: FeatureCell): number | null {
  if (v === null || v === undefined || v === "") return null;
  let n: number | null;
  if (spec.type === "timestamp") {
    n = typeof v === "string" ? Date.parse(v) : typeof v === "number" ? v : null;
  } else if (spec.type === "version" || typeof v === "string") {
    n = typeof v === "string" ? versionOrder(v) : typeof v === "number" ? v : null;
    if (n === null && spec.type !== "version") {
      throw new RangeError(`feature "${spec.name}": ${JSON.stringify(v)} is not a number`);
    }
  } else if (typeof v === "number") n = v;
  else throw new RangeError(`feature "${spec.name}": ${String(v)} is not a number`);
  if (n === null || !Number.isFinite(n)) return null;
  return spec.log ? Math.log1p(Math.max(0, n)) : n;
}

/** The members of a set-valued cell: a `;`-joined list (as in the CSV) or an array. */
export function featureSetMembers(v: FeatureCell | readonly string[]): string[] | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return [...v];
  if (typeof v !== "string") return [String(v)];
  return v === "" ? [] : v.split(";").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * Rows and features as `lib/stats/` takes them, for the features of the given groups: numeric
 * and ordinal cells become numbers ({@link featureNumber}; ordinal values, versions included,
 * are then ranked among the distinct values seen and compared over the rank range, as
 * `features.csv` declares), set cells arrays, booleans binary (symmetric), categories strings.
 *
 * @param rows One row per server.
 * @param specs The declared features (all groups; `groups` picks).
 * @param groups Groups to keep. Default: every group.
 * @throws {RangeError} when no declared feature of those groups has a weight > 0, or a value
 *   does not fit its feature.
 *
 * @example
 * ```ts
 * const { rows: g, features } = gowerInput(rows, specs, ["behaviour"]);
 * const d = gowerDistances(g, features);
 * ```
 */
export function gowerInput(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  groups?: readonly ClusterFeatureGroup[],
): GowerInput {
  const chosen = specs.filter((s) => (groups ? groups.includes(s.group) : true) && s.weight > 0);
  if (chosen.length === 0) {
    throw new RangeError(`no declared feature with weight > 0 in groups ${String(groups)}`);
  }
  const features: Record<string, GowerFeature> = {};
  for (const s of chosen) {
    if (!Number.isFinite(s.weight) || s.weight < 0) {
      throw new RangeError(`feature "${s.name}": weight ${s.weight} must be finite and >= 0`);
    }
    switch (s.kind) {
      case "numeric":
        features[s.name] = { kind: "numeric", weight: s.weight };
        break;
      case "ordinal":
        // Versions are mapped to numbers first, then ranked among the distinct values seen.
        features[s.name] = { kind: "ordinal", weight: s.weight };
        break;
      case "categorical":
        features[s.name] = { kind: "categorical", weight: s.weight };
        break;
      case "set":
        features[s.name] = { kind: "set", weight: s.weight };
        break;
      case "boolean":
        features[s.name] = { kind: "binary", weight: s.weight };
        break;
      default:
        throw new RangeError(`feature "${s.name}": unknown kind ${String(s.kind)}`);
    }
  }
  const out = rows.map((r) => {
    const g: Record<string, GowerValue> = {};
    for (const s of chosen) {
      const v = r[s.name];
      if (s.kind === "numeric" || s.kind === "ordinal") g[s.name] = featureNumber(s, v);
      else if (s.kind === "set") g[s.name] = featureSetMembers(v);
      else if (s.kind === "boolean") {
        if (v !== null && v !== undefined && typeof v !== "boolean") {
          throw new RangeError(`feature "${s.name}", server ${r.server}: ${String(v)} not boolean`);
        }
        g[s.name] = v ?? null;
      } else g[s.name] = v === undefined ? null : v;
    }
    return g;
  });
  return { rows: out, features };
}

/**
 * A cell as an identifier's value: its text, or null when unknown or empty.
 *
 * @example
 * ```ts
 * cellText(""); // null
 * cellText(50002); // "50002"
 * ```
 */
export function cellText(v: FeatureCell): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v);
  return s === "" ? null : s;
}

/** A cell as a short, readable, neutral string for explanations (quoted, at most `max`
 * characters, control characters escaped by JSON). */
export function showValue(v: FeatureCell, max = 48): string {
  if (v === null || v === undefined) return "unknown";
  if (typeof v !== "string") return String(v);
  const clipped = v.length > max ? v.slice(0, max - 1) + "…" : v;
  return JSON.stringify(clipped);
}

/**
 * Rows as read from a table (`features.csv` derived or read back), checked to carry a server
 * key, as {@link FeatureRow}s.
 *
 * @throws {RangeError} naming the row whose `server` is not a non-empty string.
 */
export function asFeatureRows(
  rows: readonly Readonly<Record<string, FeatureCell>>[],
): FeatureRow[] {
  return rows.map((r, i) => {
    if (typeof r.server !== "string" || r.server === "") {
      throw new RangeError(`row ${i}: server ${String(r.server)} is not a non-empty string`);
    }
    return r as FeatureRow;
  });
}

/**
 * Indices of the rows that know more than half of the features of the given groups (weight
 * > 0). Any two such rows share a known feature, so a Gower distance exists between them; a
 * server whose probes mostly failed is set aside instead of being compared on next to nothing.
 *
 * @example
 * ```ts
 * comparableRows(rows, specs, ["behaviour"]); // [0, 1, 3, ...]
 * ```
 */
export function comparableRows(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  groups: readonly ClusterFeatureGroup[],
): number[] {
  const chosen = specs.filter((s) => groups.includes(s.group) && s.weight > 0);
  return rows.flatMap((r, i) => {
    let known = 0;
    for (const s of chosen) if (r[s.name] !== null && r[s.name] !== undefined) known++;
    return 2 * known > chosen.length ? [i] : [];
  });
}
