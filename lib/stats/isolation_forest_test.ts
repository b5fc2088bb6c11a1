import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { averagePathLength, isolationForest } from "./isolation_forest.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

/** 200 points of a 3-D blob around the origin plus one far point (index 200). */
function blobWithOutlier(seed: number): number[][] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows = Array.from({ length: 200 }, () => [gauss(), gauss(), gauss()]);
  rows.push([6, -6, 6]);
  return rows;
}

function ranks(v: ArrayLike<number>): number[] {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Array<number>(v.length);
  idx.forEach((i, k) => (r[i] = k));
  return r;
}

function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ra = ranks(a), rb = ranks(b);
  const n = ra.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (ra[i] - rb[i]) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}

Deno.test("averagePathLength: c(1) = 0, c(2) = 1, c(256) from the paper's formula", () => {
  assertEquals(averagePathLength(1), 0);
  assertEquals(averagePathLength(2), 1);
  // 2 (ln 255 + 0.5772156649) - 2 * 255/256 = 10.2447709...
  assertClose(averagePathLength(256), 10.2447709, 1e-6);
});

Deno.test("isolationForest: an obvious outlier scores highest, the blob about 0.5 or less", () => {
  const rows = blobWithOutlier(1);
  const s = isolationForest(rows, seededRandom(42)).trainingScores;
  const top = s.indexOf(Math.max(...s));
  assertEquals(top, 200);
  assert(s[200] > 0.7, `outlier score ${s[200]}`);
  const blob = Array.from(s.slice(0, 200));
  assert(blob.reduce((a, b) => a + b, 0) / 200 < 0.5, "mean blob score below 0.5");
  for (const v of s) assert(v > 0 && v <= 1, `score ${v} outside (0, 1]`);
});

Deno.test("isolationForest: the same seed gives identical scores", () => {
  const rows = blobWithOutlier(2);
  const a = isolationForest(rows, seededRandom(9), { trees: 50, sampleSize: 64 });
  const b = isolationForest(rows, seededRandom(9), { trees: 50, sampleSize: 64 });
  assertEquals(Array.from(a.trainingScores), Array.from(b.trainingScores));
});

Deno.test("isolationForest: different seeds give a similar ranking", () => {
  const rows = blobWithOutlier(3);
  const a = isolationForest(rows, seededRandom(1)).trainingScores;
  const b = isolationForest(rows, seededRandom(2)).trainingScores;
  assert(Array.from(a).some((v, i) => v !== b[i]), "different seeds must differ somewhere");
  const rho = spearman(a, b);
  assert(rho > 0.85, `Spearman rank correlation ${rho}`);
  assertEquals(a.indexOf(Math.max(...a)), b.indexOf(Math.max(...b)));
});

Deno.test("isolationForest: score() agrees with the training scores and ranks new rows", () => {
  const rows = blobWithOutlier(4);
  const forest = isolationForest(rows, seededRandom(5), { trees: 80 });
  assertEquals(forest.score(rows[17]), forest.trainingScores[17]);
  assert(forest.score([8, 8, -8]) > forest.score([0, 0, 0]), "far point above the centre");
  assertEquals(forest.sampleSize, 201); // psi capped at the 201 rows
});

Deno.test("isolationForest: constant features never split and identical rows tie", () => {
  const rows = [[1, 5], [1, 5], [1, 5], [1, 5], [1, 9]];
  const s = isolationForest(rows, seededRandom(8), { trees: 30 }).trainingScores;
  assertEquals(new Set(Array.from(s.slice(0, 4))).size, 1);
  assert(s[4] > s[0], "the odd row is more isolated");
});

Deno.test("isolationForest: bad inputs throw RangeError naming the value", () => {
  const r = seededRandom(1);
  assertThrows(() => isolationForest([], r), RangeError, "non-empty");
  assertThrows(() => isolationForest([[1, 2], [3]], r), RangeError, "rows[1] has 1");
  assertThrows(() => isolationForest([[1, NaN]], r), RangeError, "rows[0][1] = NaN");
  assertThrows(() => isolationForest([[1], [2]], r, { trees: 0 }), RangeError, "got 0");
  assertThrows(() => isolationForest([[1], [2]], r, { sampleSize: 1.5 }), RangeError, "1.5");
  assertThrows(() => isolationForest([[1], [2]], () => 1), RangeError, "returned 1");
  const f = isolationForest([[1], [2]], r);
  assertThrows(() => f.score([1, 2]), RangeError, "2 features");
});
