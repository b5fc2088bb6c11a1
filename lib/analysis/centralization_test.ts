import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import {
  gini,
  hhi,
  lorenz,
  minGroupsForShare,
  prefixBucket,
  shareTable,
} from "./centralization.ts";

const close = (a: number | null, b: number, msg?: string) =>
  assert(a !== null && Math.abs(a - b) < 1e-9, `${msg ?? ""} expected ${b}, got ${a}`);

Deno.test("shareTable counts, sorts by count and keeps null keys as an unknown group", () => {
  const rows = [
    { p: "A" },
    { p: "B" },
    { p: "A" },
    { p: null },
    { p: "A" },
    { p: "B" },
    { p: undefined },
    { p: "" },
  ] as { p: string | null | undefined }[];
  const t = shareTable(rows, "p");
  assertEquals(t.map((r) => [r.key, r.label, r.count]), [["A", "A", 3], [null, "unknown", 3], [
    "B",
    "B",
    2,
  ]]);
  close(t[0].share, 3 / 8);
  close(t[1].cumulative_share, 6 / 8);
  close(t[2].cumulative_share, 1);
});

Deno.test("shareTable breaks ties by label with unknown after known groups, accepts a key function", () => {
  const rows = [{ asn: 2 }, { asn: 1 }, { asn: null }, { asn: 3 }, { asn: 3 }];
  const t = shareTable(rows, (r) => r.asn, { unknownLabel: "(no ASN)" });
  assertEquals(t.map((r) => r.label), ["3", "1", "2", "(no ASN)"]);
  assertEquals(t[0].key, 3);
  assertEquals(shareTable([], "x" as never), []);
});

Deno.test("hhi gives the 0..10,000 index, the normalised index and the equivalent group count", () => {
  const r = hhi([50, 30, 20]); // shares .5 .3 .2 -> 2500 + 900 + 400
  close(r.hhi, 3800);
  close(r.normalized, (0.38 - 1 / 3) / (1 - 1 / 3)); // 0.07
  close(r.equivalent_groups, 1 / 0.38);
  assertEquals(r.groups, 3);
  assertEquals(hhi([7]), { hhi: 10000, normalized: 1, groups: 1, equivalent_groups: 1 });
  close(hhi([1, 1, 1, 1]).hhi, 2500);
  close(hhi([1, 1, 1, 1]).normalized, 0);
  close(hhi([5, 0, 5]).hhi, 5000, "zero groups ignored");
  assertEquals(hhi([]), { hhi: null, normalized: null, groups: 0, equivalent_groups: null });
  assertEquals(hhi([0, 0]).hhi, null);
});

Deno.test("hhi accepts shareTable rows and rejects negative counts", () => {
  const t = shareTable([{ k: "a" }, { k: "a" }, { k: null }, { k: "b" }], "k");
  close(hhi(t).hhi, 10000 * (0.25 + 0.0625 + 0.0625));
  assertThrows(() => hhi([1, -1]), RangeError, "-1");
  assertThrows(() => hhi([1, NaN]), RangeError);
});

Deno.test("minGroupsForShare counts the largest groups needed to reach the share", () => {
  assertEquals(minGroupsForShare([50, 30, 20]), 1); // 50% is half
  assertEquals(minGroupsForShare([20, 40, 10, 30], 0.5), 2);
  assertEquals(minGroupsForShare([10, 10, 10, 10]), 2);
  assertEquals(minGroupsForShare([10, 10, 10, 10], 0.51), 3);
  assertEquals(minGroupsForShare([1, 2, 7], 1), 3);
  assertEquals(minGroupsForShare([]), null);
  assertThrows(() => minGroupsForShare([1], 0), RangeError, "share");
  assertThrows(() => minGroupsForShare([1], 1.5), RangeError, "1.5");
});

Deno.test("lorenz sorts smallest first and runs from (0,0) to (1,1)", () => {
  assertEquals(lorenz([3, 1]), [{ x: 0, y: 0 }, { x: 0.5, y: 0.25 }, { x: 1, y: 1 }]);
  assertEquals(lorenz([0, 0, 0, 4]), [
    { x: 0, y: 0 },
    { x: 0.25, y: 0 },
    { x: 0.5, y: 0 },
    { x: 0.75, y: 0 },
    { x: 1, y: 1 },
  ]);
  assertEquals(lorenz([]), []);
});

Deno.test("gini matches the mean-absolute-difference formula on hand-computed cases", () => {
  close(gini([1, 1, 1, 1]), 0);
  close(gini([0, 0, 0, 4]), 0.75); // sum|xi-xj| = 24, 2 n^2 mean = 32
  close(gini([1, 3]), 0.25); // sum|xi-xj| = 4, 2 * 4 * 2 = 16
  close(gini([5]), 0);
  assertEquals(gini([]), null);
});

Deno.test("prefixBucket gives the Electrum client's /16 and /48 buckets", () => {
  assertEquals(prefixBucket("8.8.4.4"), "8.8.0.0/16");
  assertEquals(prefixBucket("95.217.1.2"), "95.217.0.0/16");
  assertEquals(prefixBucket("2a01:4f8:10a:1::2"), "2a01:4f8:10a::/48");
  assertEquals(prefixBucket("2001:4860:4860::8888"), "2001:4860:4860::/48");
  assertEquals(prefixBucket("2600:1f18:0:1::1"), "2600:1f18::/48");
  assertEquals(prefixBucket("::ffff:1.2.3.4"), "1.2.0.0/16");
  assertEquals(prefixBucket("abcdefghijklmnop.onion"), "onion");
  assertEquals(prefixBucket("127.0.0.1"), null);
  assertEquals(prefixBucket("::1"), null);
  assertThrows(() => prefixBucket("electrum.example.org"), TypeError, "electrum.example.org");
  assertThrows(() => prefixBucket("1.2.3"), TypeError);
});
