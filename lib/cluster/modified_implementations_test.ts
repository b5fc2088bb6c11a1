import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { modifiedImplementations } from "./modified_implementations.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";

Deno.test("modifiedImplementations: every planted modified server is found on two seeds", () => {
  for (const seed of [1, 2]) {
    const pop = syntheticPopulation(seed);
    const v = modifiedImplementations(pop.rows, TEST_SPECS, pop.claims);
    const planted = pop.truth.filter((t) => t.modified).map((t) => t.server);
    const flagged = v.filter((x) => x.flagged).map((x) => x.server);
    for (const s of planted) assert(flagged.includes(s), `seed ${seed}: ${s} not flagged`);
    // Honest servers all behave as their claim: nothing else is flagged.
    assertEquals(flagged.sort(), [...planted].sort(), `seed ${seed}`);
  }
});

Deno.test("modifiedImplementations: names the one differing wording and the common one", () => {
  const pop = syntheticPopulation(1);
  const v = modifiedImplementations(pop.rows, TEST_SPECS, pop.claims);
  const i = pop.truth.findIndex((t) => t.operator === "modified-0");
  assertEquals(v[i].reasons, ["unlike-its-claim"]);
  assertEquals(v[i].differing.map((d) => d.feature), ["wording_unknown_method"]);
  assertEquals(v[i].differing[0].common, "unknown method <q>");
  assert(v[i].differing[0].others > 20);
  const liar = pop.truth.findIndex((t) => t.operator === "modified-claim");
  assertEquals(v[liar].reasons[0], "claim-family");
  assert(v[liar].differing.some((d) => d.feature === "wording_unknown_method"));
});

Deno.test("modifiedImplementations: known failure: a modified server copied by its fleet hides", () => {
  // Give the whole fleet the patched wording: no server of the claim is alone with it any more
  // than the fleet is, but the fleet is 30 of the servers claiming ElectrumX 1.19.0.
  const pop = syntheticPopulation(1);
  const rows = pop.rows.map((r, i) =>
    pop.truth[i].operator === "fleet" || pop.truth[i].operator === "modified-0"
      ? { ...r, wording_unknown_method: "method not found: <q> (patched 0)" }
      : r
  );
  const v = modifiedImplementations(rows, TEST_SPECS, pop.claims);
  const i = pop.truth.findIndex((t) => t.operator === "modified-0");
  assertEquals(v[i].flagged, false);
});

Deno.test("modifiedImplementations: rejects a bad minOthers", () => {
  assertThrows(() => modifiedImplementations([], TEST_SPECS, [], { minOthers: 0 }), RangeError);
});
