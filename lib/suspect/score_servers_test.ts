import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { type IndicatorWeights, scoreServers, tierOf } from "./score_servers.ts";
import { INDICATOR_SPECS } from "./indicator_specs.ts";
import type { IndicatorHit } from "./suspect_context.ts";

const zero = Object.fromEntries(INDICATOR_SPECS.map((s) => [s.name, 0])) as Record<string, number>;
const weights = {
  ...zero,
  "stale-tip": 5,
  "cert-name-template": 3,
  "fleet-frozen-version": 2,
  "version-provider-cohort": 2.3,
  "group-suspicious": 1.4,
} as unknown as IndicatorWeights;
const h = (indicator: IndicatorHit["indicator"]): IndicatorHit => ({
  indicator,
  value: "v",
  evidence: [],
});

Deno.test("scoreServers: prior 0.1 gives 10; a weight-5 hit lifts a server to high", () => {
  const s = scoreServers(new Map([["a", []], ["b", [h("stale-tip")]]]), new Map(), weights);
  assertEquals(s[0].hss, 10);
  assertEquals(s[0].tier, "benign");
  assertEquals(s[1].hss, Math.round(1000 / (1 + Math.exp(-(Math.log(1 / 9) + 5)))) / 10);
  assertEquals(s[1].tier, "high");
  assert(s[1].evidence.includes("blocks behind"));
});

Deno.test("scoreServers: dependent indicators count once, by the heaviest", () => {
  const [s] = scoreServers(
    new Map([["a", [
      h("cert-name-template"),
      h("fleet-frozen-version"),
      h("version-provider-cohort"),
    ]]]),
    new Map(),
    weights,
  );
  assertEquals(s.hss, Math.round(1000 / (1 + Math.exp(-(Math.log(1 / 9) + 3)))) / 10);
});

Deno.test("scoreServers: group-suspicious comes from members' own evidence, not shared traits", () => {
  // Four members sharing only fleet traits: nobody is suspicious on their own evidence.
  const fleet = new Map(
    ["a", "b", "c", "d"].map((s) => [s, [h("fleet-frozen-version"), h("cert-name-template")]]),
  );
  const groups = new Map(["a", "b", "c", "d"].map((s) => [s, "g1"]));
  const plain = scoreServers(fleet, groups, weights);
  assert(plain.every((s) => !s.hits.some((x) => x.indicator === "group-suspicious")));
  // One member with evidence of its own: the others get group-suspicious, it does not.
  fleet.set("a", [...fleet.get("a")!, h("stale-tip")]);
  const marked = scoreServers(fleet, groups, weights);
  assertEquals(
    marked.map((s) => s.hits.some((x) => x.indicator === "group-suspicious")),
    [false, true, true, true],
  );
});

Deno.test("tierOf and the prior's range", () => {
  assertEquals([tierOf(90), tierOf(89.9), tierOf(50), tierOf(49.9)], [
    "high",
    "medium",
    "medium",
    "benign",
  ]);
  assertThrows(
    () => scoreServers(new Map(), new Map(), weights, { prior: 1 }),
    RangeError,
    "prior 1",
  );
});

Deno.test("scoreServers: a relay grouped with the server it impersonates does not raise it", () => {
  const w = { ...weights, "cert-names-other-server": 5 } as unknown as IndicatorWeights;
  const hits = new Map<string, IndicatorHit[]>([
    ["relay", [{ indicator: "cert-names-other-server", value: "upstream", evidence: [] }]],
    ["upstream", []],
    ["third", []],
  ]);
  const groups = new Map([["relay", "g1"], ["upstream", "g1"], ["third", "g1"]]);
  const [, upstream, third] = scoreServers(hits, groups, w);
  assert(!upstream.hits.some((x) => x.indicator === "group-suspicious"), "upstream raised");
  assert(third.hits.some((x) => x.indicator === "group-suspicious"), "third not raised");
});
