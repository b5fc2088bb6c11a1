/**
 * `server.peers.subscribe` for a lab host: its peers as its family lists them (reference §5.1).
 *
 * @module
 */
import type { LabHost } from "../population.ts";
import { personality } from "../servers/personalities.ts";

/** `server.peers.subscribe` entries: `[address, host, ["v…", "s…", "t…"]]` (reference §5.1). */
export function peersOf(h: LabHost, byId: Map<string, LabHost>): unknown[] {
  const fam = personality(h.personality).family;
  if (fam !== "electrumx" && fam !== "fulcrum") return [];
  const out: unknown[] = [];
  const perSlash16 = new Map<string, number>();
  for (const id of h.peers) {
    const peer = byId.get(id);
    if (!peer) continue;
    const pp = personality(peer.personality);
    const addr = peer.onion ?? peer.ipv4 ?? peer.ipv6;
    if (!addr) continue;
    // ElectrumX buckets its reply: at most 2 peers per IPv4 /16.
    if (fam === "electrumx" && peer.ipv4) {
      const b = peer.ipv4.split(".").slice(0, 2).join(".");
      const n = perSlash16.get(b) ?? 0;
      if (n >= 2 && h.peers.indexOf(id) > 3) continue;
      perSlash16.set(b, n + 1);
    }
    const feats = [`v${pp.protocolMax}`];
    if (peer.tlsPort) feats.push(`s${peer.tlsPort}`);
    if (peer.tcpPort) feats.push(`t${peer.tcpPort}`);
    out.push([addr, peer.onion ?? peer.hostname ?? addr, feats]);
  }
  for (const b of h.bogusPeers) out.push(b);
  return out;
}
