import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { dbscan, dbscanCondensed, dbscanSquare } from "./dbscan.ts";
import { distanceAt, toSquare } from "./distance_matrix.ts";
import { euclideanDistances } from "./euclidean_distances.ts";
import { seededRandom } from "./test_helpers.ts";

Deno.test("dbscan: two dense runs, a border point and noise on a line, by hand", () => {
  // Points on a line: run A {0, 1, 2}, a border point at 3.5, run B {10, 11, 12}, noise at 20.
  const x = [0, 1, 2, 3.5, 10, 11, 12, 20];
  const d = euclideanDistances(x.map((v) => [v]));
  const r = dbscan(d, { eps: 1.2, minPts: 3 });
  // 1 has {0,1,2}: core; 0 and 2 have 2 neighbours: border; 3.5 has none within 1.2: noise.
  assertEquals(r.labels, [0, 0, 0, null, 1, 1, 1, null]);
  assertEquals(r.core, [false, true, false, false, false, true, false, false]);
  assertEquals([r.clusterCount, r.noiseCount], [2, 2]);
  // At eps 1.5, 2 has {1, 2, 3.5}: core, and pulls 3.5 (2 neighbours) in as a border point.
  const wider = dbscan(d, { eps: 1.5, minPts: 3 });
  assertEquals(wider.core.slice(0, 4), [false, true, true, false]);
  assertEquals(wider.labels, [0, 0, 0, 0, 1, 1, 1, null]);
});

Deno.test("dbscan: minPts 1 makes every point core; eps 0 groups exact duplicates only", () => {
  const d = euclideanDistances([[0], [0], [1], [5]]);
  assertEquals(dbscan(d, { eps: 0, minPts: 1 }).labels, [0, 0, 1, 2]);
  assertEquals(dbscan(d, { eps: 0, minPts: 2 }).labels, [0, 0, null, null]);
});

Deno.test("dbscan: labels satisfy the definition on random points (condensed = square)", () => {
  const random = seededRandom(21);
  const pts = Array.from({ length: 120 }, () => [random() * 10, random() * 10]);
  const d = euclideanDistances(pts);
  const eps = 0.9, minPts = 4;
  const r = dbscan(d, { eps, minPts });
  const n = pts.length;
  const nb = (i: number) => [...Array(n).keys()].filter((j) => distanceAt(d, i, j) <= eps);
  for (let i = 0; i < n; i++) {
    const core = nb(i).length >= minPts;
    assertEquals(r.core[i], core);
    if (core) {
      // A core point shares its cluster with every core neighbour, and has one.
      assert(r.labels[i] !== null, `core ${i} unlabelled`);
      for (const j of nb(i)) if (r.core[j]) assertEquals(r.labels[j], r.labels[i]);
    } else {
      const coreNb = nb(i).filter((j) => r.core[j]);
      if (coreNb.length === 0) assertEquals(r.labels[i], null);
      else assert(coreNb.some((j) => r.labels[j] === r.labels[i]), `border ${i} misplaced`);
    }
  }
  assert(r.clusterCount >= 2, `expected several clusters, got ${r.clusterCount}`);
  const sq = { form: "square" as const, n, values: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) sq.values[i * n + j] = distanceAt(d, i, j);
  }
  assertEquals(dbscan(sq, { eps, minPts }).labels, r.labels);
});

Deno.test("dbscan: bad inputs throw RangeError naming the value", () => {
  const d = euclideanDistances([[0], [1]]);
  assertThrows(() => dbscan(d, { eps: -1, minPts: 2 }), RangeError, "got -1");
  assertThrows(() => dbscan(d, { eps: NaN, minPts: 2 }), RangeError, "NaN");
  assertThrows(() => dbscan(d, { eps: 1, minPts: 0 }), RangeError, "got 0");
  assertThrows(
    () =>
      dbscan({ form: "condensed", n: 3, values: Float64Array.of(1, NaN, 1) }, {
        eps: 1,
        minPts: 1,
      }),
    RangeError,
    "NaN at index 1",
  );
  assertThrows(
    () => dbscan({ form: "condensed", n: 3, values: Float64Array.of(1) }, { eps: 1, minPts: 1 }),
    RangeError,
    "3 values",
  );
});

Deno.test("dbscan: the condensed passes give the square search's labels and cores, contested border points included", () => {
  // Small grids of integer points: many ties at ε, border points within ε of two clusters.
  for (let seed = 1; seed <= 40; seed++) {
    const random = seededRandom(seed);
    const pts = Array.from(
      { length: 60 },
      () => [Math.floor(random() * 12), Math.floor(random() * 4)],
    );
    const d = euclideanDistances(pts);
    const sq = toSquare(d);
    for (const eps of [0, 1, 1.5, 2]) {
      for (const minPts of [1, 3, 4, 6]) {
        const a = dbscanSquare(sq.values, sq.n, { eps, minPts });
        const b = dbscanCondensed(d.values, d.n, { eps, minPts });
        assertEquals(b, a, `seed ${seed}, eps ${eps}, minPts ${minPts}`);
      }
    }
  }
});
