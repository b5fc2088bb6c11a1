// The population as ground truth: every host has an operator and a behavioural cluster; a seed
// gives one network, a second seed a different network of the same shape.
import { assert, assertEquals, assertNotEquals } from "../../testing/assert.ts";
import { segmentAddressPicker } from "../addresses/addresses.ts";
import { clusterTruth, groundTruthRows } from "../ground_truth.ts";
import { buildPopulation } from "../population.ts";
import type { LabHost } from "./host.ts";
import { HONEST_OPERATORS } from "./operators.ts";
import { SCENARIOS } from "./scenarios.ts";

const now = new Date("2026-11-01T00:00:00Z");
const build = (seed?: string) => buildPopulation({ seed, now, pickAddress: segmentAddressPicker });

/** What must not change from seed to seed: counts per scenario, operator and cluster. */
function shape(hosts: LabHost[]) {
  const count = (key: (h: LabHost) => string) => {
    const m: Record<string, number> = {};
    for (const h of hosts) m[key(h)] = (m[key(h)] ?? 0) + 1;
    return Object.fromEntries(Object.entries(m).sort());
  };
  const groups = Object.entries(count((h) => h.operator)).filter(([, n]) => n > 1);
  return {
    size: hosts.length,
    scenarios: count((h) => h.scenario),
    groups: Object.fromEntries(groups),
    modified: count((h) => (h.modification ? `${h.scenario}:${clusterTruth(h)}` : "-")),
  };
}

Deno.test("buildPopulation: every host has an operator and a cluster_truth in the ground truth; single-server operators have their own", () => {
  const hosts = build();
  const rows = groundTruthRows({ hosts, certificates: { get: () => undefined } });
  const byOperator = new Map<string, number>();
  for (const r of rows) {
    assert(r.operator.length > 0 && r.cluster_truth.length > 0 && r.scenario.length > 0, r.id);
    assertEquals(r.cluster_truth.split("+")[0], r.implementation, r.id);
    byOperator.set(r.operator, (byOperator.get(r.operator) ?? 0) + 1);
  }
  for (const r of rows) {
    const shared = byOperator.get(r.operator)! > 1;
    const grouped = [
      "honest-operators",
      "benign-operator",
      "sybil",
      "sybil-spread",
      "copycat-fleet",
      "phishing",
    ];
    assertEquals(shared, grouped.includes(r.scenario), `${r.id} ${r.scenario} ${r.operator}`);
  }
  // 14 honest operators of 2-8 servers, plus the trio.
  const honestGroups = [...byOperator].filter(([op]) =>
    op.startsWith("op-") && byOperator.get(op)! > 1
  );
  assertEquals(honestGroups.length, HONEST_OPERATORS.length);
  assert(honestGroups.every(([, n]) => n >= 2 && n <= 8), JSON.stringify(honestGroups));
  // Modified builds are their own behavioural clusters; unmodified ones are their family.
  const clusters = new Set(rows.map((r) => r.cluster_truth));
  for (
    const c of [
      "electrumx",
      "fulcrum",
      "electrs",
      "esplora",
      "eps",
      "fulcrum+claims-electrumx",
      "electrumx+claims-fulcrum",
      "electrumx+phishing-broadcast",
      "electrumx+no-id-from-pos",
      "electrumx+bare-broadcast-error",
    ]
  ) assert(clusters.has(c), c);
});

Deno.test("buildPopulation: the same seed gives the same network; a second seed a different one of the same shape", () => {
  const a = build();
  assertEquals(build(), a);
  const b = build("second-seed");
  assertEquals(shape(b), shape(a));
  const ids = (hs: LabHost[]) =>
    hs.map((h) => `${h.ipv4}|${h.hostname}|${h.personality}|${h.provider}`);
  const same = ids(a).filter((x, i) => x === ids(b)[i]).length;
  assert(same < a.length / 10, `${same} of ${a.length} hosts identical across seeds`);
  assertNotEquals(
    a.filter((h) => h.scenario === "honest-operators").map((h) => h.provider),
    b.filter((h) => h.scenario === "honest-operators").map((h) => h.provider),
  );
  // Every scenario at its default count, and the default size as before.
  assertEquals(a.filter((h) => !h.onion).length, 350);
  assertEquals(a.filter((h) => h.onion).length, 45);
  for (const s of SCENARIOS) assertEquals(shape(a).scenarios[s.name], s.count, s.name);
});

Deno.test("buildPopulation: small labs (40-70 clearnet) build with every relay behind a named TCP+TLS upstream; a 1,000-server lab repeats the operator table under other names", () => {
  for (let clearnet = 40; clearnet <= 70; clearnet += 2) {
    for (const seed of ["s1", "s2", "s3", "s4", "s5", "s6"]) {
      const hosts = buildPopulation({ clearnet, seed, now, pickAddress: segmentAddressPicker });
      for (const r of hosts.filter((h) => h.role === "relay")) {
        const up = hosts.find((h) => h.id === r.upstream);
        assert(up && up.tcpPort && up.tlsPort && up.hostname, `${clearnet}/${seed} ${r.id}`);
      }
    }
  }
  const big = buildPopulation({
    clearnet: 1000,
    seed: "big",
    now,
    pickAddress: segmentAddressPicker,
  });
  const ops = new Map<string, LabHost[]>();
  for (const h of big.filter((x) => x.scenario === "honest-operators")) {
    ops.set(h.operator, [...(ops.get(h.operator) ?? []), h]);
  }
  assertEquals(
    [...ops.values()].reduce((n, hs) => n + hs.length, 0),
    Math.round((51 * 1000) / 350),
  );
  assert(
    ops.size > HONEST_OPERATORS.length &&
      [...ops.values()].every((hs) => hs.length >= 2 && hs.length <= 8),
  );
  const domains = [...ops.values()].map((hs) => hs[0].hostname!.split(".").slice(1).join("."));
  assertEquals(new Set(domains).size, ops.size, "one domain per operator");
});
