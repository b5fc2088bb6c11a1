/**
 * One lab host as the population builder makes it (`LabHost`), its certificate request
 * (`CertSpec`), and the blank host builders start from.
 *
 * @module
 */
import type { CertPractice } from "./cohorts.ts";
import type { Region } from "./providers.ts";
import type { Role } from "./scenarios.ts";

/** How a host's certificate is to be made (by `lib/tls`). */
export interface CertSpec {
  practice: CertPractice;
  /** Subject fields. */
  subject: Record<string, string>;
  /** DNS names and IPs in the SAN extension. */
  sans: string[];
  notBefore: string;
  notAfter: string;
  key: "rsa2048" | "ec256";
  /** Seed label for the key; hosts sharing it share a key. */
  keyId: string;
  /** Seed label for the certificate; hosts sharing it share the certificate. */
  certId: string;
}

/** One lab host, as built. Everything here is ground truth; detectors never read it. */
export interface LabHost {
  id: string;
  index: number;
  role: Role;
  /** Operator group: hosts run by the same entity share it. */
  operator: string;
  /** Personality whose behaviour it shows. */
  personality: string;
  /** Personality whose software string and banner it claims, when it differs (modified servers). */
  claims: string | null;
  hostname: string | null;
  onion: string | null;
  ipv4: string | null;
  ipv6: string | null;
  provider: string | null;
  asn: number | null;
  region: Region | null;
  /** The 127.x.y.z address its listeners bind to. */
  loopback: string;
  tcpPort: number | null;
  tlsPort: number | null;
  cert: CertSpec | null;
  /** Blocks behind the lab tip. */
  lag: number;
  /** Simulated network round trip from the vantage point, ms. */
  rttMs: number;
  /** Extra application latency per reply, ms. */
  extraLatencyMs: number;
  /** ElectrumX: REPORT_SERVICES set (features.hosts filled). */
  reportServices: boolean;
  /** Relay: the host it forwards to. */
  upstream: string | null;
  /** Ids of the hosts it advertises through server.peers.subscribe. */
  peers: string[];
  /** Extra peer entries it advertises that point nowhere (peer poisoners). */
  bogusPeers: [string, string, string[]][];
  /** Role `hostile`: which hostility (lib/lab/hostile), or `private-target` for an address-book
   * entry resolving to a non-public address. */
  hostility?: string;
}

/**
 * A host with nothing but its identity and loopback address set: no names, addresses, ports,
 * certificate, lag, latency or peers (builders fill in the rest).
 *
 * @param index Position in the lab (decides the loopback address).
 * @param role Its role.
 * @param personalityId The personality it behaves as.
 * @param id Its id. Default: `hNNNN` from the index.
 */
export function blankHost(index: number, role: Role, personalityId: string, id = `h${String(index).padStart(4, "0")}`): LabHost {
  return {
    id,
    index,
    role,
    operator: `op-${index}`,
    personality: personalityId,
    claims: null,
    hostname: null,
    onion: null,
    ipv4: null,
    ipv6: null,
    provider: null,
    asn: null,
    region: null,
    loopback: loopbackFor(index),
    tcpPort: null,
    tlsPort: null,
    cert: null,
    lag: 0,
    rttMs: 0,
    extraLatencyMs: 0,
    reportServices: true,
    upstream: null,
    peers: [],
    bogusPeers: [],
  };
}

/** The loopback address of host `index`: 127.10.x.y, never .0 or .255 in the last octet. */
export function loopbackFor(index: number): string {
  return `127.${10 + Math.floor(index / 62_500)}.${Math.floor((index % 62_500) / 250)}.${
    (index % 250) + 1
  }`;
}
