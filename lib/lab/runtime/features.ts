/**
 * `server.features` as each implementation family builds it for a lab host (reference §3).
 *
 * @module
 */
import type { LabHost } from "../population.ts";
import type { Personality } from "../servers/personalities.ts";

/** `server.features` as each family builds it (reference §3). */
export function featuresOf(
  h: LabHost,
  p: Personality,
  transport: "tcp" | "tls",
  genesis: string,
): Record<string, unknown> {
  const ports: Record<string, number> = {};
  if (h.tcpPort) ports.tcp_port = h.tcpPort;
  if (h.tlsPort) ports.ssl_port = h.tlsPort;
  switch (p.features) {
    case "electrumx":
    case "electrumx-noservices":
      return electrumxFeatures(h, p, ports, genesis);
    case "fulcrum":
      return fulcrumFeatures(h, p, ports, transport, genesis);
    case "electrs-flat":
      return {
        genesis_hash: genesis,
        hash_function: "sha256",
        hosts: { tcp_port: h.tcpPort ?? 50001 },
        protocol_max: "1.4",
        protocol_min: "1.4",
        pruning: null,
        server_version: p.software,
      };
    default:
      return {};
  }
}

/** ElectrumX: its configured name and ports when it reports them, and `services` (1.6). */
function electrumxFeatures(
  h: LabHost,
  p: Personality,
  ports: Record<string, number>,
  genesis: string,
): Record<string, unknown> {
  const name = h.hostname ?? h.ipv4 ?? h.onion ?? h.loopback;
  const report = h.reportServices;
  const services = [
    h.tcpPort ? `tcp://${name}:${h.tcpPort}` : null,
    h.tlsPort ? `ssl://${name}:${h.tlsPort}` : null,
  ].filter(Boolean);
  const out: Record<string, unknown> = {
    hosts: report ? { [name]: ports } : {},
    pruning: null,
    server_version: p.software,
    protocol_min: p.protocolMin,
    protocol_max: p.protocolMax,
    genesis_hash: genesis,
    hash_function: "sha256",
  };
  if (p.features === "electrumx") out.services = report ? services : [];
  return out;
}

/**
 * Fulcrum: without a configured hostname it names the local address the client reached and only
 * the port in use (checked against a running Fulcrum).
 */
function fulcrumFeatures(
  h: LabHost,
  p: Personality,
  ports: Record<string, number>,
  transport: "tcp" | "tls",
  genesis: string,
): Record<string, unknown> {
  const key = h.hostname ?? h.ipv4 ?? h.onion ?? h.loopback;
  const hp = h.hostname
    ? ports
    : transport === "tcp"
    ? { tcp_port: h.tcpPort }
    : { ssl_port: h.tlsPort };
  const out: Record<string, unknown> = {
    dsproof: false,
    genesis_hash: genesis,
    hash_function: "sha256",
    hosts: { [key]: hp },
    protocol_max: p.protocolMax,
    protocol_min: p.protocolMin,
    pruning: null,
    server_version: p.software,
  };
  if (p.protocolMax === "1.6") out.broadcast_package = true;
  return out;
}
