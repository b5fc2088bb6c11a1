import { assertEquals, assertThrows } from "../testing/assert.ts";
import { pairwisePrecisionRecall } from "./pairwise_precision_recall.ts";
import { assertClose } from "./test_helpers.ts";

Deno.test("pairwisePrecisionRecall: hand-computed pairs with singletons", () => {
  const r = pairwisePrecisionRecall(["op1", "op1", "op1", null], ["g", "g", null, null]);
  assertEquals([r.truePositivePairs, r.predictedPairs, r.truePairs], [1, 1, 3]);
  assertEquals(r.precision, 1);
  assertClose(r.recall!, 1 / 3);
  assertClose(r.f1!, 0.5);
});

Deno.test("pairwisePrecisionRecall: a merge of two operators costs precision, not recall", () => {
  // Truth: {0,1} {2,3} {4}; prediction merges the two pairs: 6 predicted pairs, 2 true.
  const r = pairwisePrecisionRecall(["A", "A", "B", "B", "C"], [1, 1, 1, 1, 2]);
  assertClose(r.precision!, 2 / 6);
  assertEquals(r.recall, 1);
});

Deno.test("pairwisePrecisionRecall: a split costs recall, not precision", () => {
  const r = pairwisePrecisionRecall(["A", "A", "A", "A"], [1, 1, 2, 2]);
  assertEquals(r.precision, 1);
  assertClose(r.recall!, 2 / 6);
});

Deno.test("pairwisePrecisionRecall: ungrouped items form no pair; empty ratios are null", () => {
  const r = pairwisePrecisionRecall([null, null, null], [null, undefined, null]);
  assertEquals(r, {
    precision: null,
    recall: null,
    f1: null,
    truePositivePairs: 0,
    predictedPairs: 0,
    truePairs: 0,
  });
  const wrong = pairwisePrecisionRecall([null, null, "A", "A"], ["g", "g", null, null]);
  assertEquals([wrong.precision, wrong.recall, wrong.f1], [0, 0, null]);
});

Deno.test("pairwisePrecisionRecall: bad inputs throw RangeError", () => {
  assertThrows(() => pairwisePrecisionRecall(["a"], []), RangeError, "1 and 0");
});
