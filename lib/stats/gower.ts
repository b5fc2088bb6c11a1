/**
 * Gower's general dissimilarity for rows of mixed-type features.
 *
 * @module
 */
import { type DistanceMatrix } from "./distance_matrix.ts";

/** A value of one feature in one row; `null`, `undefined` and `NaN` mean missing. */
export type GowerValue =
  | number
  | string
  | boolean
  | readonly (string | number)[]
  | ReadonlySet<string | number>
  | null
  | undefined;

/** How one feature is compared. `weight` (default 1, finite, >= 0) scales its contribution. */
export type GowerFeature =
  /** Interval scale: |x_i - x_j| / range. `range` defaults to the observed max - min; with a
   * fixed range a larger difference counts as 1. */
  | { readonly kind: "numeric"; readonly weight?: number; readonly range?: number }
  /** Ordered levels (Kaufman & Rousseeuw 1990, §1.2.5): rank r in 0..M-1 becomes r/(M-1),
   * then compared as numeric. `levels` lists the order; without it values must be numbers,
   * ranked among the distinct observed values. */
  | {
    readonly kind: "ordinal";
    readonly weight?: number;
    readonly levels?: readonly (string | number)[];
  }
  /** Nominal: 0 if equal, else 1. Strings, numbers or booleans. */
  | { readonly kind: "categorical"; readonly weight?: number }
  /** Boolean. Symmetric (default): 0 if equal, else 1. Asymmetric (Gower 1971): a pair where
   * both are false is not compared (the feature is skipped for that pair, as if missing). */
  | { readonly kind: "binary"; readonly weight?: number; readonly asymmetric?: boolean }
  /** Set of strings or numbers (array or Set): Jaccard distance 1 - |A∩B| / |A∪B|; two empty
   * sets are identical (0). */
  | { readonly kind: "set"; readonly weight?: number };

/** Options of {@link gowerDistances}. */
export interface GowerOptions {
  /** Shape of the result. Default `"condensed"` (n(n-1)/2 values). */
  form?: "condensed" | "square";
  /** Pairs whose weight sums (the denominators) are held at once, an integer >= 1; a block of
   * rows takes up to this many pairs, or one row's. The result does not depend on it.
   * Default 1,048,576 (8 MB). */
  blockPairs?: number;
}

/** Preprocessed column: one typed array per feature so the pair loop stays monomorphic. */
type Column =
  | { type: "scaled"; weight: number; z: Float64Array } // NaN = missing
  | { type: "code"; weight: number; code: Int32Array } // -1 = missing
  | { type: "asym"; weight: number; code: Int8Array } // -1 missing, 0 false, 1 true
  | { type: "set"; weight: number; sets: (Int32Array | null)[] }; // sorted distinct codes

function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

function where(name: string, row: number): string {
  return `feature "${name}", row ${row}`;
}

function numericColumn(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  name: string,
  range: number | undefined,
  weight: number,
): Column {
  const n = rows.length;
  const x = new Float64Array(n);
  let lo = Infinity, hi = -Infinity;
  for (let r = 0; r < n; r++) {
    const v = rows[r][name];
    if (isMissing(v)) {
      x[r] = NaN;
      continue;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${where(name, r)}: numeric value ${String(v)} is not a finite number`);
    }
    x[r] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  let span = range ?? (hi > lo ? hi - lo : 0);
  if (range !== undefined && !(Number.isFinite(range) && range > 0)) {
    throw new RangeError(`feature "${name}": range ${range} must be a finite number > 0`);
  }
  if (span === 0) span = 1; // every value equal: all differences are 0 anyway
  const z = new Float64Array(n);
  for (let r = 0; r < n; r++) z[r] = x[r] / span;
  return { type: "scaled", weight, z };
}

function ordinalColumn(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  name: string,
  levels: readonly (string | number)[] | undefined,
  weight: number,
): Column {
  const n = rows.length;
  const rank = new Map<string | number, number>();
  if (levels !== undefined) {
    levels.forEach((l, i) => {
      if (rank.has(l)) throw new RangeError(`feature "${name}": level ${String(l)} listed twice`);
      rank.set(l, i);
    });
  } else {
    const distinct = new Set<number>();
    for (let r = 0; r < n; r++) {
      const v = rows[r][name];
      if (isMissing(v)) continue;
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new RangeError(
          `${where(name, r)}: ordinal value ${String(v)} without levels must be a finite number`,
        );
      }
      distinct.add(v);
    }
    [...distinct].sort((a, b) => a - b).forEach((v, i) => rank.set(v, i));
  }
  const top = Math.max(rank.size - 1, 1);
  const z = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const v = rows[r][name];
    if (isMissing(v)) {
      z[r] = NaN;
      continue;
    }
    const k = rank.get(v as string | number);
    if (k === undefined) {
      throw new RangeError(`${where(name, r)}: ordinal value ${String(v)} is not a listed level`);
    }
    z[r] = k / top;
  }
  return { type: "scaled", weight, z };
}

function categoricalColumn(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  name: string,
  weight: number,
): Column {
  const codes = new Map<unknown, number>();
  const code = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][name];
    if (isMissing(v)) {
      code[r] = -1;
      continue;
    }
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") {
      throw new RangeError(
        `${where(name, r)}: categorical value ${String(v)} must be a string, number or boolean`,
      );
    }
    let c = codes.get(v);
    if (c === undefined) codes.set(v, c = codes.size);
    code[r] = c;
  }
  return { type: "code", weight, code };
}

function binaryColumn(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  name: string,
  asymmetric: boolean,
  weight: number,
): Column {
  const n = rows.length;
  const bits = new Int8Array(n);
  for (let r = 0; r < n; r++) {
    const v = rows[r][name];
    if (isMissing(v)) {
      bits[r] = -1;
      continue;
    }
    if (typeof v !== "boolean") {
      throw new RangeError(`${where(name, r)}: binary value ${String(v)} must be a boolean`);
    }
    bits[r] = v ? 1 : 0;
  }
  if (asymmetric) return { type: "asym", weight, code: bits };
  return { type: "code", weight, code: Int32Array.from(bits) };
}

function setColumn(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  name: string,
  weight: number,
): Column {
  const codes = new Map<string | number, number>();
  const sets: (Int32Array | null)[] = [];
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][name];
    if (isMissing(v)) {
      sets.push(null);
      continue;
    }
    if (!Array.isArray(v) && !(v instanceof Set)) {
      throw new RangeError(`${where(name, r)}: set value ${String(v)} must be an array or Set`);
    }
    const members = new Set<number>();
    for (const e of v as Iterable<unknown>) {
      if (typeof e !== "string" && typeof e !== "number") {
        throw new RangeError(
          `${where(name, r)}: set member ${String(e)} must be a string or number`,
        );
      }
      let c = codes.get(e);
      if (c === undefined) codes.set(e, c = codes.size);
      members.add(c);
    }
    sets.push(Int32Array.from(members).sort());
  }
  return { type: "set", weight, sets };
}

function jaccardDistance(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      inter++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return 1 - inter / (a.length + b.length - inter);
}

/**
 * Gower's (1971) dissimilarity between every pair of rows:
 *
 * d(i,j) = Σ_f w_f δ_ijf d_ijf / Σ_f w_f δ_ijf
 *
 * where d_ijf ∈ [0, 1] is the per-feature distance (numeric |x_i - x_j| / R_f; ordinal the same
 * on ranks scaled to [0, 1]; categorical and symmetric binary 0/1 mismatch; set-valued Jaccard
 * distance), w_f the feature's weight, and δ_ijf = 0 when either value is missing or, for an
 * asymmetric binary feature, when both are false (else 1). Missing values thus drop the
 * feature from that pair and the remaining weights are renormalised.
 *
 * Reference: J. C. Gower, "A general coefficient of similarity and some of its properties",
 * Biometrics 27(4):857-871, 1971; ordinal handling after Kaufman & Rousseeuw, "Finding Groups in
 * Data", 1990, §1.2.5. Cost O(n² p) time, O(n²) memory: the n(n-1)/2 distances, and the
 * weight sums a block of about a million pairs at a time.
 *
 * @param rows One record per item; each feature is read by name, absent keys are missing.
 * @param features Feature name -> how it is compared (the order fixes the summation order).
 * @param options See {@link GowerOptions}.
 * @returns Distances in [0, 1], condensed (default) or square.
 * @throws {RangeError} on a value outside its feature's domain, a bad weight or range, no
 *   features with positive weight, or a pair of rows with no feature to compare (all missing).
 *
 * @example
 * ```ts
 * const d = gowerDistances(
 *   [{ rtt: 10, impl: "electrumx" }, { rtt: 30, impl: "fulcrum" }, { rtt: 20, impl: null }],
 *   { rtt: { kind: "numeric" }, impl: { kind: "categorical" } },
 * );
 * d.values; // [1, 0.5, 0.5]: (0,1) differs fully on both; the others on rtt only (impl missing)
 * ```
 */
export function gowerDistances(
  rows: readonly Readonly<Record<string, GowerValue>>[],
  features: Readonly<Record<string, GowerFeature>>,
  options: GowerOptions = {},
): DistanceMatrix {
  const form = options.form ?? "condensed";
  if (form !== "condensed" && form !== "square") {
    throw new RangeError(`form must be "condensed" or "square", got ${String(form)}`);
  }
  const block = options.blockPairs ?? 1 << 20;
  if (!Number.isInteger(block) || block < 1) {
    throw new RangeError(`blockPairs must be an integer >= 1, got ${block}`);
  }
  if (!Array.isArray(rows)) throw new RangeError(`rows must be an array, got ${String(rows)}`);
  const columns: Column[] = [];
  for (const [name, f] of Object.entries(features)) {
    const w = f.weight ?? 1;
    if (!Number.isFinite(w) || w < 0) {
      throw new RangeError(`feature "${name}": weight ${w} must be a finite number >= 0`);
    }
    if (w === 0) continue;
    switch (f.kind) {
      case "numeric":
        columns.push(numericColumn(rows, name, f.range, w));
        break;
      case "ordinal":
        columns.push(ordinalColumn(rows, name, f.levels, w));
        break;
      case "categorical":
        columns.push(categoricalColumn(rows, name, w));
        break;
      case "binary":
        columns.push(binaryColumn(rows, name, f.asymmetric ?? false, w));
        break;
      case "set":
        columns.push(setColumn(rows, name, w));
        break;
      default:
        throw new RangeError(
          `feature "${name}": unknown kind ${String((f as { kind: unknown }).kind)}`,
        );
    }
  }
  if (columns.length === 0) throw new RangeError("no feature with a weight > 0");

  const n = rows.length;
  const pairs = (n * (n - 1)) / 2;
  const num = new Float64Array(pairs);
  // The weights' sums (the denominators) are taken one block of rows at a time: the pairs of
  // rows i0..i1-1 with every later row, at most `blockPairs` of them (or one row's), so
  // they never take a second n²/2 array. Each pair still adds its features in their order.
  const den = new Float64Array(Math.min(pairs, Math.max(block, n - 1)));
  for (let i0 = 0, k0 = 0; i0 < n;) {
    let i1 = i0 + 1, k1 = k0 + (n - i0 - 1);
    while (i1 < n && k1 - k0 + (n - i1 - 1) <= block) k1 += n - i1++ - 1;
    den.fill(0, 0, k1 - k0);
    // Feature-outer, pair-inner: each loop touches one typed column and the two accumulators.
    for (const c of columns) {
      const w = c.weight;
      let k = k0;
      if (c.type === "scaled") {
        const z = c.z;
        for (let i = i0; i < i1; i++) {
          const zi = z[i];
          if (zi !== zi) {
            k += n - i - 1;
            continue;
          }
          for (let j = i + 1; j < n; j++, k++) {
            const zj = z[j];
            if (zj !== zj) continue;
            const d = zi > zj ? zi - zj : zj - zi;
            num[k] += w * (d > 1 ? 1 : d);
            den[k - k0] += w;
          }
        }
      } else if (c.type === "code") {
        const code = c.code;
        for (let i = i0; i < i1; i++) {
          const ci = code[i];
          if (ci < 0) {
            k += n - i - 1;
            continue;
          }
          for (let j = i + 1; j < n; j++, k++) {
            const cj = code[j];
            if (cj < 0) continue;
            if (ci !== cj) num[k] += w;
            den[k - k0] += w;
          }
        }
      } else if (c.type === "asym") {
        const code = c.code;
        for (let i = i0; i < i1; i++) {
          const ci = code[i];
          for (let j = i + 1; j < n; j++, k++) {
            const cj = code[j];
            if (ci < 0 || cj < 0 || (ci === 0 && cj === 0)) continue;
            if (ci !== cj) num[k] += w;
            den[k - k0] += w;
          }
        }
      } else {
        const sets = c.sets;
        for (let i = i0; i < i1; i++) {
          const si = sets[i];
          if (si === null) {
            k += n - i - 1;
            continue;
          }
          for (let j = i + 1; j < n; j++, k++) {
            const sj = sets[j];
            if (sj === null) continue;
            num[k] += w * jaccardDistance(si, sj);
            den[k - k0] += w;
          }
        }
      }
    }

    let k = k0;
    for (let i = i0; i < i1; i++) {
      for (let j = i + 1; j < n; j++, k++) {
        if (den[k - k0] === 0) {
          throw new RangeError(`rows ${i} and ${j} have no feature both can be compared on`);
        }
        num[k] /= den[k - k0];
      }
    }
    i0 = i1;
    k0 = k1;
  }
  if (form === "condensed") return { form, n, values: num };
  const sq = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      sq[i * n + j] = num[k];
      sq[j * n + i] = num[k];
    }
  }
  return { form, n, values: sq };
}
