import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import { chooseDbscanParams } from "./choose_dbscan_params.ts";
import { euclideanDistances } from "./euclidean_distances.ts";
import { toSquare } from "./distance_matrix.ts";
import { seededRandom } from "./test_helpers.ts";

function blobs(seed: number): { pts: number[][]; truth: number[] } {
  const random = seededRandom(seed);
  const centres = [[0, 0], [10, 0], [0, 10]];
  const pts: number[][] = [], truth: number[] = [];
  centres.forEach(([cx, cy], c) => {
    for (let i = 0; i < 15; i++) {
      pts.push([cx + random(), cy + random()]);
      truth.push(c);
    }
  });
  return { pts, truth };
}

Deno.test("chooseDbscanParams: noise excluded takes the best eligible silhouette", () => {
  const { pts, truth } = blobs(5);
  const chosen = chooseDbscanParams(euclideanDistances(pts), {
    noise: "excluded",
    maxNoiseShare: 0.1,
  });
  assert(chosen.best !== null && chosen.result !== null, "a candidate is chosen");
  assertEquals(chosen.best.clusterCount, 3);
  assert(chosen.best.noiseCount <= 0.1 * 45, "noise share within the default cap");
  assert(adjustedRandIndex(truth, chosen.result.labels) > 0.9, "near the true blobs");
  for (const c of chosen.candidates) {
    assertEquals(c.score, c.silhouette);
    if (c.eligible) assert(c.score! <= chosen.best.score!, `eps ${c.eps} beats best`);
    else assert(c.silhouette === null || c.noiseCount > 4.5, `eps ${c.eps} wrongly ineligible`);
  }
  // Without the cap, leaving half the points out as noise wins on the excluded mean.
  const uncapped = chooseDbscanParams(euclideanDistances(pts), {
    noise: "excluded",
    maxNoiseShare: 1,
  });
  assert(uncapped.best!.noiseCount > 10, `uncapped noise ${uncapped.best!.noiseCount}`);
});

Deno.test("chooseDbscanParams: default (noise scored 0) recovers the blobs with no noise", () => {
  const { pts, truth } = blobs(5);
  const d = euclideanDistances(pts);
  const chosen = chooseDbscanParams(d);
  assertEquals(adjustedRandIndex(truth, chosen.result!.labels), 1);
  assertEquals([chosen.best!.clusterCount, chosen.best!.noiseCount], [3, 0]);
  for (const c of chosen.candidates) {
    if (c.silhouette !== null) assertEquals(c.score, (c.silhouette * (45 - c.noiseCount)) / 45);
  }
});

Deno.test("chooseDbscanParams: equal scores go to the smaller eps, then the smaller minPts", () => {
  const { pts } = blobs(6);
  // Every eps between the blob diameter (< 1.5) and the gap (> 8) gives the same 3 clusters.
  const chosen = chooseDbscanParams(euclideanDistances(pts), {
    epsValues: [6, 4, 2, 3],
    minPtsValues: [4, 2],
  });
  assertEquals([chosen.best?.eps, chosen.best?.minPts], [2, 2]);
  assertEquals(
    chosen.candidates.map((c) => [c.eps, c.minPts]),
    [[2, 2], [2, 4], [3, 2], [3, 4], [4, 2], [4, 4], [6, 2], [6, 4]],
  );
  const s = new Set(chosen.candidates.map((c) => c.silhouette));
  assertEquals(s.size, 1);
});

Deno.test("chooseDbscanParams: too much noise or one cluster is not eligible", () => {
  const { pts } = blobs(7);
  const d = euclideanDistances(pts);
  // minPts 20 > blob size: everything is noise.
  const none = chooseDbscanParams(d, { epsValues: [2], minPtsValues: [20] });
  assertEquals([none.best, none.result, none.candidates[0].eligible], [null, null, false]);
  // eps 30 joins all blobs into one cluster: no silhouette.
  const one = chooseDbscanParams(d, { epsValues: [30], minPtsValues: [3] });
  assertEquals([one.best, one.candidates[0].silhouette], [null, null]);
  // With maxNoiseShare 0, a grid whose candidates all leave noise picks nothing.
  const strict = chooseDbscanParams(d, {
    epsValues: [0.3],
    minPtsValues: [3],
    maxNoiseShare: 0,
  });
  assert(strict.candidates[0].noiseCount > 0, "eps 0.3 leaves noise");
  assertEquals(strict.best, null);
});

Deno.test("chooseDbscanParams: the same input gives the same choice", () => {
  const { pts } = blobs(8);
  const d = euclideanDistances(pts);
  assertEquals(chooseDbscanParams(d), chooseDbscanParams(d));
});

Deno.test("chooseDbscanParams: bad options throw RangeError naming the value", () => {
  const d = euclideanDistances([[0], [1]]);
  assertThrows(() => chooseDbscanParams(d, { epsValues: [-0.5] }), RangeError, "-0.5");
  assertThrows(() => chooseDbscanParams(d, { minPtsValues: [2.5] }), RangeError, "2.5");
  assertThrows(() => chooseDbscanParams(d, { maxNoiseShare: 2 }), RangeError, "got 2");
  assertThrows(
    () => chooseDbscanParams(d, { noise: "drop" as "zero" }),
    RangeError,
    "drop",
  );
});

Deno.test("chooseDbscanParams: a condensed matrix (searched without a square copy) gives the square's choice", () => {
  const { pts } = blobs(7);
  const d = euclideanDistances(pts);
  const sq = toSquare(d);
  const a = chooseDbscanParams(d), b = chooseDbscanParams(sq);
  assertEquals(a, b);
  assert(a.best !== null);
});
