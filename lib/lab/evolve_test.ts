import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { buildPopulation, peerRoot } from "./population.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import {
  evolvePopulation,
  FLEET_SIZE,
  hostName,
  RENEWED_PER_WEEK,
  RETIRED_PER_WEEK,
  UPGRADED_PER_WEEK,
} from "./evolve.ts";
import { personality } from "./servers/personalities.ts";

const builtAt = new Date("2026-06-01T00:00:00Z");
const built = (clearnet = 120) =>
  buildPopulation({
    clearnet,
    seed: "evolve",
    pickAddress: segmentAddressPicker,
    now: builtAt,
  });

Deno.test("evolvePopulation: a week adds a fleet, retires, renews and upgrades disjoint honest servers, as it reports", () => {
  const before = built();
  const { hosts, changes } = evolvePopulation(before, { seed: "evolve", weeks: 1, builtAt });
  assertEquals(changes.length, 1);
  const c = changes[0];
  assertEquals(c.fleet.servers.length, FLEET_SIZE);
  assertEquals(c.retired.length, RETIRED_PER_WEEK);
  assertEquals(c.renewed.length, RENEWED_PER_WEEK);
  assertEquals(c.upgraded.length, UPGRADED_PER_WEEK);
  const named = [...c.retired, ...c.renewed, ...c.upgraded.map((u) => u.server)];
  assertEquals(new Set(named).size, named.length, "one change per server");
  const after = new Map(hosts.map((h) => [hostName(h), h]));
  const prior = new Map(before.map((h) => [hostName(h), h]));
  assertEquals(hosts.length, before.length - RETIRED_PER_WEEK + FLEET_SIZE);
  for (const s of c.retired) assert(!after.has(s) && prior.has(s), `${s} retired`);
  for (const s of c.fleet.servers) assert(after.has(s) && !prior.has(s), `${s} new`);
  const issued: number[] = [];
  for (const s of c.renewed) {
    const now = after.get(s)!.cert!, then = prior.get(s)!.cert!;
    assert(now.certId !== then.certId, `${s} renewed`);
    assert(now.notBefore > then.notBefore);
    // The validity length its software or CA gives, issued within the week before the scan.
    const length = (x: typeof now) => Date.parse(x.notAfter) - Date.parse(x.notBefore);
    assertEquals(length(now), length(then), `${s} validity`);
    const t = Date.parse(now.notBefore);
    assert(t >= builtAt.getTime() && t < builtAt.getTime() + 7 * 86_400_000, now.notBefore);
    issued.push(t);
  }
  // Independent operators: not all of the week's renewals within one hour (a batch).
  assert(Math.max(...issued) - Math.min(...issued) > 3_600_000, `renewals ${issued}`);
  for (const u of c.upgraded) {
    assertEquals(personality(prior.get(u.server)!.personality).software, u.from);
    assertEquals(personality(after.get(u.server)!.personality).software, u.to);
    assert(u.from !== u.to);
  }
  // Nothing else changed: every other surviving server is as it was, apart from its peer list.
  for (const h of hosts) {
    const name = hostName(h);
    if (named.includes(name) || c.fleet.servers.includes(name)) continue;
    const p = prior.get(name)!;
    assertEquals({ ...h, peers: [] }, { ...p, peers: [] }, name);
  }
  // Unique indexes and loopback addresses, no dangling peers, every host reachable from the root.
  assertEquals(new Set(hosts.map((h) => h.index)).size, hosts.length);
  assertEquals(new Set(hosts.map((h) => h.loopback)).size, hosts.length);
  const ids = new Set(hosts.map((h) => h.id));
  for (const h of hosts) {
    for (const p of h.peers) assert(ids.has(p), `${h.id} advertises gone ${p}`);
  }
  const fleetIds = hosts.filter((h) => c.fleet.servers.includes(hostName(h))).map((h) => h.id);
  const root = peerRoot(hosts)!;
  for (const id of fleetIds) assert(root.peers.includes(id), "the root advertises the fleet");
  const keys = new Set(hosts.filter((h) => fleetIds.includes(h.id)).map((h) => h.cert!.keyId));
  assertEquals(keys.size, 1, "the fleet shares one key");
});

Deno.test("evolvePopulation is deterministic, leaves its input alone, and refuses bad weeks", () => {
  const a = built(120);
  const copy = structuredClone(a);
  const one = evolvePopulation(a, { seed: "evolve", weeks: 2, builtAt });
  assertEquals(a, copy, "input unchanged");
  assertEquals(evolvePopulation(built(120), { seed: "evolve", weeks: 2, builtAt }), one);
  assertEquals(one.changes.map((c) => c.week), [1, 2]);
  assertEquals(evolvePopulation(a, { seed: "evolve", weeks: 0, builtAt }).hosts, a);
  assertThrows(() => evolvePopulation(a, { seed: "x", weeks: 1.5, builtAt }), RangeError, "weeks");
});
