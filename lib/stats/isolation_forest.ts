/**
 * A seedable isolation forest for anomaly scores on numeric rows.
 *
 * @module
 */

/** Options of {@link isolationForest}. */
export interface IsolationForestOptions {
  /** Number of isolation trees t. Default 100 (the paper's recommendation). */
  trees?: number;
  /** Rows drawn without replacement per tree, ψ; capped at the number of rows. Default 256. */
  sampleSize?: number;
  /** Depth limit per tree. Default ceil(log2 ψ), the average depth of a balanced tree. */
  maxDepth?: number;
}

/** A fitted forest. */
export interface IsolationForestModel {
  /** Anomaly score of each training row, in input order, in (0, 1]; higher = more isolated. */
  readonly trainingScores: Float64Array;
  /** Sub-sample size ψ actually used (the c(ψ) normaliser). */
  readonly sampleSize: number;
  /** Score a row with the same number of features as the training rows. */
  score(row: readonly number[]): number;
}

interface Tree {
  /** Per node: split feature, or -1 for a leaf. */
  feature: number[];
  split: number[];
  left: number[];
  right: number[];
  /** Per leaf: number of training rows that reached it. */
  size: number[];
}

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n): the average path length of an unsuccessful search in a binary search tree of n items,
 * 2 H(n-1) - 2 (n-1)/n with H(i) ≈ ln i + γ; c(1) = 0 and c(2) = 1 exactly.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

function checkedRandom(random: () => number): () => number {
  if (typeof random !== "function") {
    throw new RangeError(`random must be a function returning [0, 1), got ${String(random)}`);
  }
  return () => {
    const r = random();
    if (!(r >= 0 && r < 1)) throw new RangeError(`random() returned ${r}, outside [0, 1)`);
    return r;
  };
}

function positiveInteger(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
  }
  return v;
}

function buildTree(
  rows: readonly (readonly number[])[],
  sample: number[],
  p: number,
  maxDepth: number,
  random: () => number,
): Tree {
  const t: Tree = { feature: [], split: [], left: [], right: [], size: [] };
  const lo = new Float64Array(p), hi = new Float64Array(p);
  const grow = (idx: number[], depth: number): number => {
    const node = t.feature.length;
    t.feature.push(-1);
    t.split.push(0);
    t.left.push(-1);
    t.right.push(-1);
    t.size.push(idx.length);
    if (depth >= maxDepth || idx.length <= 1) return node;
    // Draw the split feature among those not constant in this node, so no draw is wasted.
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (const r of idx) {
      const row = rows[r];
      for (let f = 0; f < p; f++) {
        const v = row[f];
        if (v < lo[f]) lo[f] = v;
        if (v > hi[f]) hi[f] = v;
      }
    }
    const varying: number[] = [];
    for (let f = 0; f < p; f++) if (hi[f] > lo[f]) varying.push(f);
    if (varying.length === 0) return node;
    const f = varying[Math.floor(random() * varying.length)];
    const a = lo[f], b = hi[f];
    let s = a + random() * (b - a);
    if (!(s < b)) s = a; // rounding can reach b; both sides must stay non-empty
    const leftIdx: number[] = [], rightIdx: number[] = [];
    for (const r of idx) (rows[r][f] <= s ? leftIdx : rightIdx).push(r);
    t.feature[node] = f;
    t.split[node] = s;
    const l = grow(leftIdx, depth + 1);
    const rr = grow(rightIdx, depth + 1);
    t.left[node] = l;
    t.right[node] = rr;
    return node;
  };
  grow(sample, 0);
  return t;
}

function pathLength(t: Tree, row: readonly number[]): number {
  let node = 0, depth = 0;
  while (t.feature[node] >= 0) {
    node = row[t.feature[node]] <= t.split[node] ? t.left[node] : t.right[node];
    depth++;
  }
  return depth + averagePathLength(t.size[node]);
}

/**
 * Fits an isolation forest (Liu, Ting & Zhou 2008) and scores the training rows. Each tree is
 * grown on ψ rows drawn without replacement: at each node a feature is drawn uniformly among
 * those not constant in the node and a split uniformly in [min, max); growth stops at depth
 * ceil(log2 ψ) or a single row. A row's path length h(x) is its depth at the leaf plus c(size)
 * for the rows left unsplit there, and its score is
 *
 * s(x) = 2^(-E[h(x)] / c(ψ)),  c(n) = 2 H(n-1) - 2 (n-1)/n,
 *
 * near 1 for anomalies, about 0.5 or less for ordinary rows. All randomness comes from
 * `random`, consumed in a fixed order, so a seeded source gives identical scores.
 *
 * Reference: F. T. Liu, K. M. Ting and Z.-H. Zhou, "Isolation Forest", ICDM 2008, 413-422.
 *
 * @param rows Numeric feature rows, all the same length >= 1, every value finite.
 * @param random Uniform source on [0, 1) (e.g. the project's seeded generator).
 * @param options See {@link IsolationForestOptions}.
 * @throws {RangeError} on no rows, ragged rows, a non-finite value, bad options, or a
 *   `random()` value outside [0, 1).
 *
 * @example
 * ```ts
 * const rows = [[0, 0], [0.1, 0], [0, 0.1], [0.1, 0.1], [5, 5]];
 * const forest = isolationForest(rows, random, { trees: 50 }); // random: a seeded () => number
 * forest.trainingScores; // the last is the largest
 * ```
 */
export function isolationForest(
  rows: readonly (readonly number[])[],
  random: () => number,
  options: IsolationForestOptions = {},
): IsolationForestModel {
  const rand = checkedRandom(random);
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new RangeError(`rows must be a non-empty array, got ${String(rows)}`);
  }
  const p = rows[0]?.length;
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`rows[0] has no features`);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length !== p) {
      throw new RangeError(`rows[${i}] has ${row?.length} features, expected ${p}`);
    }
    for (let f = 0; f < p; f++) {
      if (typeof row[f] !== "number" || !Number.isFinite(row[f])) {
        throw new RangeError(`rows[${i}][${f}] = ${row[f]} is not a finite number`);
      }
    }
  }
  const trees = positiveInteger("trees", options.trees ?? 100, 1);
  const psi = Math.min(positiveInteger("sampleSize", options.sampleSize ?? 256, 1), rows.length);
  const maxDepth = positiveInteger(
    "maxDepth",
    options.maxDepth ?? Math.max(1, Math.ceil(Math.log2(psi))),
    0,
  );

  const forest: Tree[] = [];
  const pool = Array.from({ length: rows.length }, (_, i) => i);
  for (let t = 0; t < trees; t++) {
    // Partial Fisher-Yates: the first psi entries become a uniform sample without replacement.
    for (let k = 0; k < psi; k++) {
      const j = k + Math.floor(rand() * (pool.length - k));
      const tmp = pool[k];
      pool[k] = pool[j];
      pool[j] = tmp;
    }
    forest.push(buildTree(rows, pool.slice(0, psi), p, maxDepth, rand));
  }

  const norm = averagePathLength(psi);
  const scoreRow = (row: readonly number[]): number => {
    let sum = 0;
    for (const t of forest) sum += pathLength(t, row);
    // With psi = 1 every path is 0 and c(1) = 0: no evidence either way.
    return norm === 0 ? 0.5 : Math.pow(2, -(sum / forest.length) / norm);
  };
  const trainingScores = Float64Array.from(rows, scoreRow);
  return {
    trainingScores,
    sampleSize: psi,
    score(row: readonly number[]): number {
      if (!Array.isArray(row) || row.length !== p) {
        throw new RangeError(`row has ${row?.length} features, expected ${p}`);
      }
      for (let f = 0; f < p; f++) {
        if (!Number.isFinite(row[f])) {
          throw new RangeError(`row[${f}] = ${row[f]} is not a finite number`);
        }
      }
      return scoreRow(row);
    },
  };
}
