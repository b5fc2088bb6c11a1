/**
 * Pair counts of two labelings of the same items, the contingency-table sums behind the
 * adjusted Rand index and pairwise precision/recall.
 *
 * @module
 */

/** A cluster label; `null` (or `undefined`) puts the item in no group (a singleton). */
export type ClusterLabel = string | number | boolean | null | undefined;

/** Sums over the contingency table n_ij of labelings A (rows) and B (columns). */
export interface PairCounts {
  /** Number of items n. */
  readonly n: number;
  /** Σ_ij C(n_ij, 2): pairs together in both A and B. */
  readonly together: number;
  /** Σ_i C(a_i, 2): pairs together in A. */
  readonly pairsA: number;
  /** Σ_j C(b_j, 2): pairs together in B. */
  readonly pairsB: number;
  /** C(n, 2): all pairs. */
  readonly total: number;
}

function choose2(k: number): number {
  return (k * (k - 1)) / 2;
}

function codes(labels: readonly ClusterLabel[], name: string): Int32Array {
  const map = new Map<string | number | boolean, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === null || l === undefined) {
      out[i] = -1;
      continue;
    }
    if (
      (typeof l !== "string" && typeof l !== "number" && typeof l !== "boolean") ||
      (typeof l === "number" && Number.isNaN(l))
    ) {
      throw new RangeError(`${name}[${i}]: label ${String(l)} is not a string, number or boolean`);
    }
    let c = map.get(l);
    if (c === undefined) map.set(l, c = map.size);
    out[i] = c;
  }
  return out;
}

/**
 * Contingency-table pair sums of two labelings of the same items.
 *
 * @throws {RangeError} when the lengths differ or a label is not a string, number or boolean.
 */
export function pairCounts(
  a: readonly ClusterLabel[],
  b: readonly ClusterLabel[],
  names: readonly [string, string] = ["a", "b"],
): PairCounts {
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) {
    throw new RangeError(
      `${names[0]} and ${names[1]} must be arrays of equal length, got ${a?.length} and ` +
        `${b?.length}`,
    );
  }
  const ca = codes(a, names[0]);
  const cb = codes(b, names[1]);
  const sizeA = new Map<number, number>();
  const sizeB = new Map<number, number>();
  const cell = new Map<string, number>();
  for (let i = 0; i < ca.length; i++) {
    if (ca[i] >= 0) sizeA.set(ca[i], (sizeA.get(ca[i]) ?? 0) + 1);
    if (cb[i] >= 0) sizeB.set(cb[i], (sizeB.get(cb[i]) ?? 0) + 1);
    if (ca[i] >= 0 && cb[i] >= 0) {
      const key = `${ca[i]},${cb[i]}`;
      cell.set(key, (cell.get(key) ?? 0) + 1);
    }
  }
  let together = 0, pairsA = 0, pairsB = 0;
  for (const v of cell.values()) together += choose2(v);
  for (const v of sizeA.values()) pairsA += choose2(v);
  for (const v of sizeB.values()) pairsB += choose2(v);
  return { n: ca.length, together, pairsA, pairsB, total: choose2(ca.length) };
}
