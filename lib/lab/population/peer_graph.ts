/**
 * The peer graph of the lab: which hosts each discovering server advertises through
 * `server.peers.subscribe`.
 *
 * @module
 */
import { personality } from "../servers/personalities.ts";
import type { Rng } from "../rng.ts";
import type { LabHost } from "./host.ts";

/**
 * Whether a host discovers and advertises peers: ElectrumX and Fulcrum do unless their operator
 * switched discovery off; the others never.
 */
export function discovers(h: LabHost): boolean {
  const fam = personality(h.personality).family;
  return (fam === "electrumx" || fam === "fulcrum") && h.settings.peerDiscovery !== false;
}

/** Scenarios whose hosts advertise their own fleet and nobody else. */
const FLEET_ONLY: ReadonlySet<string> = new Set(["sybil-spread"]);

/**
 * The peer graph: a random tree over the discovering hosts rooted at host 0 of the honest ones
 * (so every host is reachable from the seed), each other host advertised by two or three
 * discovering hosts, plus random extra edges. Each sybil fleet (sybil hosts of one operator)
 * advertises itself heavily; a fleet-only one (`sybil-spread`) advertises nothing else.
 */
export function buildPeerGraph(hosts: LabHost[], rng: Rng) {
  const disc = hosts.filter((h) =>
    discovers(h) && h.role !== "relay" && !h.onion && h.role !== "hostile" &&
    !FLEET_ONLY.has(h.scenario)
  );
  const root = peerRoot(hosts);
  if (!root) return;
  const order = [root, ...shuffle(disc.filter((h) => h !== root), rng)];
  for (let i = 1; i < order.length; i++) order[rng.int(0, i - 1)].peers.push(order[i].id);
  for (const h of hosts) {
    if (order.includes(h)) continue;
    const k = rng.int(2, 3);
    for (let j = 0; j < k; j++) {
      const adv = order[rng.int(0, order.length - 1)];
      if (!adv.peers.includes(h.id)) adv.peers.push(h.id);
    }
  }
  for (const h of order) {
    const extra = rng.int(4, 12);
    for (let j = 0; j < extra; j++) {
      const t = hosts[rng.int(0, hosts.length - 1)];
      if (t !== h && !h.peers.includes(t.id) && t.role !== "hostile") h.peers.push(t.id);
    }
  }
  const fleets = new Map<string, LabHost[]>();
  for (const h of hosts) {
    if (h.role === "sybil") fleets.set(h.operator, [...(fleets.get(h.operator) ?? []), h]);
  }
  for (const fleet of fleets.values()) {
    for (const h of fleet) {
      if (!discovers(h)) continue;
      const draws = FLEET_ONLY.has(h.scenario) ? 12 : 10;
      for (let j = 0; j < draws && fleet.length > 1; j++) {
        const t = fleet[rng.int(0, fleet.length - 1)];
        if (t !== h && !h.peers.includes(t.id)) h.peers.push(t.id);
      }
    }
  }
}

/** The root of the peer tree: the first honest discovering clearnet host. Every host is reachable from it. */
export function peerRoot(hosts: LabHost[]): LabHost | undefined {
  const disc = hosts.filter((h) =>
    discovers(h) && h.role !== "relay" && !h.onion && h.role !== "hostile"
  );
  return disc.find((h) => h.role === "honest") ?? disc[0];
}

function shuffle<T>(xs: T[], rng: Rng): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
