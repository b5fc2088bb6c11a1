import { assert, assertEquals } from "../../testing/assert.ts";
import { backgroundMempool, compactFeeHistogram, estimateFeeRate } from "./fee_market.ts";

Deno.test("backgroundMempool is deterministic in (seed, height)", () => {
  assertEquals(backgroundMempool("s", 5, { count: 50 }), backgroundMempool("s", 5, { count: 50 }));
  assert(
    JSON.stringify(backgroundMempool("s", 5, { count: 50 })) !==
      JSON.stringify(backgroundMempool("s", 6, { count: 50 })),
  );
});

Deno.test("compactFeeHistogram has strictly decreasing fee rates and bins above the growing bin size", () => {
  const hist = compactFeeHistogram(backgroundMempool("s", 1));
  assert(hist.length > 10, `only ${hist.length} bins`);
  let bin = 100_000;
  for (let i = 0; i < hist.length; i++) {
    if (i > 0) assert(hist[i][0] < hist[i - 1][0], `rate ${hist[i][0]} after ${hist[i - 1][0]}`);
    assert(hist[i][1] > bin, `bin ${i} holds ${hist[i][1]} <= ${bin}`);
    bin *= 1.1;
  }
  assertEquals(compactFeeHistogram([{ feeRate: 2, vsize: 200_000 }]), [[2, 200_000]]);
  assertEquals(compactFeeHistogram([{ feeRate: 2, vsize: 2_000 }]), []);
});

Deno.test("estimateFeeRate falls with the target, floors at the relay fee, and is -1 for bad targets", () => {
  const entries = backgroundMempool("s", 1);
  const est = [1, 2, 3, 6, 25, 1008, 5000].map((b) => estimateFeeRate(entries, b));
  for (let i = 1; i < est.length; i++) assert(est[i] <= est[i - 1], `estimates ${est}`);
  assert(est[0] > 0.00001, `estimate for 1 block ${est[0]}`);
  assertEquals(est[est.length - 1], 0.00001);
  assertEquals(estimateFeeRate(entries, 0), -1);
  assertEquals(estimateFeeRate(entries, NaN), -1);
  assertEquals(estimateFeeRate([], 1), 0.00001);
});
