/**
 * Numeric encoding of mixed-type feature rows, for methods that need numbers (isolation forest,
 * PCA), from the same feature specification as the Gower distance.
 *
 * @module
 */
import { type GowerFeature, type GowerValue } from "./gower.ts";

/** Result of {@link encodeFeatures}. */
export interface EncodedFeatures {
  /** Column names: `name` for numeric, ordinal and binary features, `name=value` for each
   * category, `name∋member` for each set member (in first-seen order). */
  readonly columns: string[];
  /** One row of `columns.length` finite numbers per input row. */
  readonly rows: number[][];
}

function missing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Encodes mixed-type rows as numbers, column by column, each multiplied by its feature's weight:
 * numeric values min-max scaled to [0, 1] (by `range` when given, from the observed minimum);
 * ordinal ranks scaled to [0, 1] as in Gower; binary as 0/1; categorical one-hot; set-valued as
 * one 0/1 column per member. A missing numeric, ordinal or binary value becomes the column's
 * median of observed values (0 if none), a missing category or set all zeros; so missingness
 * itself never looks anomalous. Deterministic; columns in feature order, categories and members
 * in first-seen order. Features with weight 0 are dropped.
 *
 * @param rows One record per item.
 * @param features The same specification as {@link gowerDistances}.
 * @throws {RangeError} on a value outside its feature's domain or a bad weight or range.
 *
 * @example
 * ```ts
 * encodeFeatures(
 *   [{ impl: "a", rtt: 10 }, { impl: "b", rtt: 30 }],
 *   { impl: { kind: "categorical" }, rtt: { kind: "numeric" } },
 * ); // columns ["impl=a", "impl=b", "rtt"], rows [[1, 0, 0], [0, 1, 1]]
 * ```
 */
export function encodeFeatures(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  features: Readonly<Record<string, GowerFeature>>,
): EncodedFeatures {
  const columns: string[] = [];
  const cols: number[][] = [];
  const n = rows.length;
  const bad = (name: string, r: number, v: unknown, want: string) =>
    new RangeError(`feature "${name}", row ${r}: value ${String(v)} ${want}`);
  for (const [name, f] of Object.entries(features)) {
    const w = f.weight ?? 1;
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`feature "${name}": weight ${w} must be a finite number >= 0`);
    }
    if (w === 0) continue;
    if (f.kind === "numeric" || f.kind === "ordinal" || f.kind === "binary") {
      const raw: (number | null)[] = [];
      let rank: Map<unknown, number> | null = null;
      if (f.kind === "ordinal") {
        rank = new Map();
        if (f.levels) f.levels.forEach((l, i) => rank!.set(l, i));
        else {
          const nums = new Set<number>();
          for (let r = 0; r < n; r++) {
            const v = rows[r][name];
            if (missing(v)) continue;
            if (typeof v !== "number" || !Number.isFinite(v)) {
              throw bad(name, r, v, "must be a finite number without levels");
            }
            nums.add(v);
          }
          [...nums].sort((a, b) => a - b).forEach((v, i) => rank!.set(v, i));
        }
      }
      for (let r = 0; r < n; r++) {
        const v = rows[r][name];
        if (missing(v)) {
          raw.push(null);
        } else if (f.kind === "numeric") {
          if (typeof v !== "number" || !Number.isFinite(v)) throw bad(name, r, v, "not finite");
          raw.push(v);
        } else if (f.kind === "binary") {
          if (typeof v !== "boolean") throw bad(name, r, v, "must be a boolean");
          raw.push(v ? 1 : 0);
        } else {
          const k = rank!.get(v);
          if (k === undefined) throw bad(name, r, v, "is not a listed level");
          raw.push(k / Math.max(rank!.size - 1, 1));
        }
      }
      const seen = raw.filter((v): v is number => v !== null);
      let lo = 0, span = 1;
      if (f.kind === "numeric") {
        if (f.range !== undefined && !(Number.isFinite(f.range) && f.range > 0)) {
          throw new RangeError(`feature "${name}": range ${f.range} must be a finite number > 0`);
        }
        lo = seen.length ? Math.min(...seen) : 0;
        const hi = seen.length ? Math.max(...seen) : 0;
        span = f.range ?? (hi > lo ? hi - lo : 1);
      }
      const fill = median(seen);
      columns.push(name);
      cols.push(raw.map((v) => (w * ((v ?? fill) - lo)) / span));
    } else if (f.kind === "categorical" || f.kind === "set") {
      const index = new Map<unknown, number>();
      const hits: number[][] = [];
      for (let r = 0; r < n; r++) {
        const v = rows[r][name];
        const members: unknown[] = [];
        if (!missing(v)) {
          if (f.kind === "categorical") {
            if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
              throw bad(name, r, v, "must be a string, number or boolean");
            }
            members.push(v);
          } else {
            if (!Array.isArray(v) && !(v instanceof Set)) {
              throw bad(name, r, v, "must be an array or Set");
            }
            for (const e of v as Iterable<unknown>) {
              if (typeof e !== "string" && typeof e !== "number") {
                throw bad(name, r, e, "is not a string or number set member");
              }
              members.push(e);
            }
          }
        }
        const h: number[] = [];
        for (const m of members) {
          let c = index.get(m);
          if (c === undefined) index.set(m, c = index.size);
          h.push(c);
        }
        hits.push(h);
      }
      const sep = f.kind === "categorical" ? "=" : "∋";
      for (const [value, c] of index) {
        columns.push(`${name}${sep}${String(value)}`);
        cols.push(hits.map((h) => (h.includes(c) ? w : 0)));
      }
    } else {
      const kind = String((f as { kind: unknown }).kind);
      throw new RangeError(`feature "${name}": unknown kind ${kind}`);
    }
  }
  const out = Array.from({ length: n }, (_, r) => cols.map((c) => c[r] + 0));
  return { columns, rows: out };
}
