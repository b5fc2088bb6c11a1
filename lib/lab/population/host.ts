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

/**
 * How an operator configured a server, where it differs from the software's defaults (absent
 * fields keep the default). Real operators set these in their config files: ElectrumX's
 * `BANNER_FILE`, `DONATION_ADDRESS`, `PEER_DISCOVERY`, `MAX_RECV`, `COST_SOFT_LIMIT`/`HARD`;
 * Fulcrum's `banner`, `donation`, `peering`, `max_clients_per_ip`, `max_buffer`.
 */
export interface HostSettings {
  /** Banner text; `$SERVER_VERSION` and `$DONATION_ADDRESS` are substituted as the servers do. */
  banner?: string;
  /** Donation address (`""` or null: none, as the software reports an unset one). */
  donation?: string | null;
  /** Peer discovery off: `server.peers.subscribe` answers `[]` and the host advertises nobody. */
  peerDiscovery?: false;
  /** Anti-abuse limits replacing the software's defaults (merged over them). */
  limits?: {
    maxRecv?: number;
    perIpConnections?: number;
    cost?: { soft: number; hard: number };
  };
  /** TLS terminated by a proxy in front (a `TLS_STACKS` id, e.g. `nginx-openssl3`). */
  tlsTerminator?: string;
  /** Core methods a modified build removed (answered as unknown methods). */
  removedMethods?: string[];
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
  /** Scenario kind it was made by: a `SCENARIOS` name, `honest` (cohorts) or `onion`. */
  scenario: string;
  /**
   * How its software differs from the release it behaves like, as a detector comparing it with
   * its family would name it (e.g. `claims-fulcrum`, `no-id-from-pos`); null for unmodified
   * builds. Part of `cluster_truth`.
   */
  modification: string | null;
  /** Operator configuration (defaults when empty). */
  settings: HostSettings;
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
export function blankHost(
  index: number,
  role: Role,
  personalityId: string,
  id = `h${String(index).padStart(4, "0")}`,
): LabHost {
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
    scenario: role === "honest" ? "honest" : role,
    modification: null,
    settings: {},
  };
}

/** The loopback address of host `index`: 127.10.x.y, never .0 or .255 in the last octet. */
export function loopbackFor(index: number): string {
  return `127.${10 + Math.floor(index / 62_500)}.${Math.floor((index % 62_500) / 250)}.${
    (index % 250) + 1
  }`;
}
