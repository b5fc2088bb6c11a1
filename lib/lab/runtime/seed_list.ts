/**
 * The lab's built-in seed list, shaped like Electrum's `servers.json`.
 *
 * @module
 */
import { type LabHost, peerRoot } from "../population.ts";

/** A seed entry, as Electrum's `servers.json` lists servers. */
export interface LabSeed {
  host: string;
  t?: number;
  s?: number;
}

/** A seed list like Electrum's built-in one: honest discovering hosts, the tree root first. */
export function seedList(hosts: LabHost[]): LabSeed[] {
  const root = peerRoot(hosts);
  const rest = hosts.filter((h) =>
    h !== root && h.role === "honest" && !h.onion && h.peers.length > 0
  ).slice(0, 11);
  return [root, ...rest].filter((h): h is LabHost => h !== undefined).map((h) => ({
    host: h.hostname ?? h.ipv4!,
    ...(h.tcpPort ? { t: h.tcpPort } : {}),
    ...(h.tlsPort ? { s: h.tlsPort } : {}),
  }));
}
