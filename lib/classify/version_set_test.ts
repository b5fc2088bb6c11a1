import { assertEquals, assertThrows } from "../testing/assert.ts";
import { satisfiesVersionSet, versionSet } from "./version_set.ts";

Deno.test("versionSet: merges overlapping and touching intervals, keeps gaps, writes inclusive bounds", () => {
  assertEquals(
    versionSet([{ first: "1.18.0", last: null }, { first: "1.17.0", last: "1.18.0" }]).text,
    ">=1.17.0",
  );
  assertEquals(
    versionSet([{ first: "1.10.1", last: "1.16.0" }, { first: "1.16.0", last: "1.20.2" }]).text,
    ">=1.10.1 <=1.20.2",
  );
  assertEquals(
    versionSet([{ first: "2.0", last: null }, { first: null, last: "1.0" }]).text,
    "<=1.0 || >=2.0",
  );
  assertEquals(
    versionSet([{ first: "1.9.0", last: "1.9.1" }, { first: "1.9.0", last: "1.9.0" }]).text,
    ">=1.9.0 <=1.9.1",
  );
});

Deno.test("versionSet: empty or unbounded on both sides says nothing", () => {
  assertEquals(versionSet([]).text, null);
  assertEquals(versionSet([{ first: null, last: null }, { first: "1.0", last: "2.0" }]).text, null);
});

Deno.test("satisfiesVersionSet: inclusive bounds, unions, the older `<` form; a bad bound throws", () => {
  assertEquals(satisfiesVersionSet("1.18.0", ">=1.17.0 <=1.18.0"), true);
  assertEquals(satisfiesVersionSet("1.18.1", ">=1.17.0 <=1.18.0"), false);
  assertEquals(satisfiesVersionSet("1.5", "<=1.0 || >=2.0"), false);
  assertEquals(satisfiesVersionSet("2.1", "<=1.0 || >=2.0"), true);
  assertEquals(satisfiesVersionSet("1.18.0", ">=1.17.0 <1.18.0"), false);
  assertThrows(() => satisfiesVersionSet("1.0", "~1.0"), RangeError, "~1.0");
});
