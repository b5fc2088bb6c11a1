/**
 * Wiring the planted relays to their upstreams: each relay takes an honest named clearnet host
 * with TCP and TLS as its upstream (for `relay-far`, one on another continent than the relay),
 * and shows that host's personality, ports and certificate.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import type { LabHost } from "./host.ts";
import { CONTINENT_OF_COUNTRY } from "./providers.ts";

/**
 * Give every relay among `hosts` an upstream, drawn from `rng.fork("relay/<id>")` among the
 * honest single-server hosts (in a small lab without one, among the honest operators' servers).
 *
 * @throws {RangeError} If no honest named clearnet host offers both TCP and TLS.
 */
export function connectRelays(hosts: LabHost[], rng: Rng): void {
  const fit = (role: string) =>
    hosts.filter((x) => x.role === role && !x.onion && x.tcpPort && x.tlsPort && x.hostname);
  const relays = hosts.filter((x) => x.role === "relay");
  if (relays.length === 0) return;
  const single = fit("honest");
  const upstreams = single.length ? single : fit("benign-operator");
  if (upstreams.length === 0) {
    throw new RangeError("No honest named clearnet host with TCP and TLS to put behind a relay");
  }
  const continent = (h: LabHost) => CONTINENT_OF_COUNTRY[h.region?.country ?? ""];
  for (const relay of relays) {
    const far = relay.scenario === "relay-far"
      ? upstreams.filter((u) => continent(u) !== continent(relay))
      : [];
    const pool = far.length ? far : upstreams;
    const up = pool[rng.fork(`relay/${relay.id}`).int(0, pool.length - 1)];
    relay.upstream = up.id;
    relay.personality = up.personality;
    relay.tcpPort = up.tcpPort;
    relay.tlsPort = up.tlsPort;
    relay.cert = up.cert;
  }
}
