import { assert, assertEquals } from "../testing/assert.ts";
import { pairwisePrecisionRecall } from "../stats/pairwise_precision_recall.ts";
import { operatorGroups } from "./operator_groups.ts";
import { closedPeerCommunities } from "./operator_identifiers.ts";
import { syntheticPopulation } from "./test_population.ts";

function score(seed: number, withPeers = true) {
  const pop = syntheticPopulation(seed);
  const r = operatorGroups(pop.rows, withPeers ? { peers: pop.peers } : {});
  const size = new Map<string, number>();
  for (const t of pop.truth) size.set(t.operator, (size.get(t.operator) ?? 0) + 1);
  const op = pop.truth.map((t) => (size.get(t.operator) === 1 ? null : t.operator));
  const pr = pairwisePrecisionRecall(op, r.labels);
  const singles = pop.truth.filter((t) => size.get(t.operator) === 1);
  const wrong = pop.truth.filter((t, i) => size.get(t.operator) === 1 && r.labels[i] !== null);
  return { pop, r, pr, singleShare: wrong.length / singles.length };
}

Deno.test("operatorGroups: meets the targets on two seeds (P, R >= 0.9, <= 2% singles)", () => {
  for (const seed of [1, 2]) {
    const { pr, singleShare } = score(seed);
    assert(pr.precision! >= 0.9, `seed ${seed}: precision ${pr.precision}`);
    assert(pr.recall! >= 0.9, `seed ${seed}: recall ${pr.recall}`);
    assert(singleShare <= 0.02, `seed ${seed}: singles grouped ${singleShare}`);
  }
});

Deno.test("operatorGroups: the fleet is one group with its certificate, burst and peers", () => {
  const { pop, r } = score(1);
  const fleet = pop.truth.filter((t) => t.operator === "fleet").map((t) => t.server);
  const g = r.groups.find((g) => g.servers.includes(fleet[0]))!;
  assertEquals(g.servers.filter((s) => fleet.includes(s)).length, fleet.length);
  const kinds = new Set(g.evidence.map((e) => e.kind));
  for (const k of ["certificate", "cert-burst", "peer-community"] as const) {
    assert(kinds.has(k), `evidence lacks ${k}: ${[...kinds]}`);
  }
  // The default port tuple is tested but, held by many unrelated servers, not kept.
  const ports = r.tested.find((t) => t.kind === "port-tuple" && t.value === "50001/50002")!;
  assert(!ports.kept && ports.independentHolders > 100, `${ports.independentHolders}`);
});

Deno.test("operatorGroups: known failure: without peer lists the copycat fleet is not found", () => {
  const { pop, r, pr } = score(1, false);
  const copy = pop.truth.map((t, i) => (t.operator === "copycat" ? r.labels[i] : "x"))
    .filter((l) => l !== "x");
  assert(copy.filter((l) => l !== null).length <= 2, `copycats grouped: ${copy}`);
  assert(pr.recall! < 0.9, `recall ${pr.recall} should drop without the peer signal`);
});

Deno.test("operatorGroups: without false-discovery control strangers merge", () => {
  const { pr: strict } = score(1);
  const pop = syntheticPopulation(1);
  const loose = operatorGroups(pop.rows, { peers: pop.peers, q: 1 });
  const size = new Map<string, number>();
  for (const t of pop.truth) size.set(t.operator, (size.get(t.operator) ?? 0) + 1);
  const op = pop.truth.map((t) => (size.get(t.operator) === 1 ? null : t.operator));
  const pr = pairwisePrecisionRecall(op, loose.labels);
  assert(pr.precision! < strict.precision! - 0.3, `loose ${pr.precision} vs ${strict.precision}`);
});

Deno.test("closedPeerCommunities: a sink set and those listing only it; open lists are not", () => {
  const links = [
    ["a", "b"],
    ["b", "a"],
    ["c", "a"], // a<->b closed; c lists only a
    ["d", "e"],
    ["e", "x"], // e lists an unknown host: open
  ].map(([server, peer]) => ({ server, peer }));
  assertEquals(closedPeerCommunities(["a", "b", "c", "d", "e"], links), [["a", "b", "c"]]);
});

Deno.test("operatorGroups: two strangers' common self-signed template issued an hour apart is chance", () => {
  const pop = syntheticPopulation(1);
  const ip = pop.rows.flatMap((r, i) =>
    r.cert_cn_template === "<ip>" && pop.truth[i].kind === "single" ? [i] : []
  );
  assert(ip.length > 10, `${ip.length} servers with the <ip> template`);
  const rows = pop.rows.map((r) => ({ ...r }));
  rows[ip[0]].cert_issued_at = "2026-03-01T10:00:00.000Z";
  rows[ip[1]].cert_issued_at = "2026-03-01T11:00:00.000Z";
  const r = operatorGroups(rows, { peers: pop.peers });
  const burst = r.tested.find((t) =>
    t.kind === "cert-burst" && t.servers.includes(rows[ip[0]].server)
  )!;
  assert(burst !== undefined && !burst.kept, `burst kept with p ${burst?.p}`);
  assert(burst.p > 0.01, `p ${burst.p}`);
  assertEquals([r.labels[ip[0]], r.labels[ip[1]]], [null, null]);
});
