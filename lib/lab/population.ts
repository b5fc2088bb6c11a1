/**
 * Builds the lab's hosts from the scenario tables for a given size and seed: names, simulated
 * addresses, loopback addresses, ports, certificates, roles, operators, lag, latency and the peer
 * graph. Deterministic: the same options give the same hosts.
 *
 * @module
 */
import { personality } from "./personalities.ts";
import { makeRng, type Rng } from "./rng.ts";
import {
  type CertPractice,
  COHORTS,
  DEFAULT_CLEARNET,
  DEFAULT_ONION,
  ONION_MIX,
  PROVIDERS,
  type Region,
  type Role,
  SCENARIOS,
} from "./population/scenarios.ts";

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

/** Picks a simulated public address inside a provider's real prefixes. */
export type AddressPicker = (
  asn: number,
  version: 4 | 6,
  country: string,
  rng: Rng,
) => string | null;

/** Options of {@linkcode buildPopulation}. */
export interface PopulationOptions {
  /** Reachable clearnet hosts. Default: 350. Range 10-5,000 (with onion). */
  clearnet?: number;
  /** Onion-only hosts. Default: 45 scaled with clearnet. */
  onion?: number;
  /** Seed. Default: "electrum-observatory". */
  seed?: string | number;
  /** Vantage point for latency. Default: Frankfurt. */
  vantage?: { latitude: number; longitude: number };
  /** Plant the adversaries and look-alikes. Default: true when clearnet >= 40. */
  adversaries?: boolean;
  /** Picks simulated addresses (lib/geo's provider prefixes). */
  pickAddress: AddressPicker;
  /**
   * The lab's clock: certificate validity windows are placed relative to it, as real operators
   * renew against the real calendar. Default: the start of the current UTC day (so a lab scanned
   * today presents the validity mix it was built with, and a seed gives the same certificates all
   * day); pass a date to pin it.
   */
  now?: Date;
}

const WORDS_A = [
  "satoshi",
  "block",
  "hodl",
  "sats",
  "lightning",
  "coin",
  "chain",
  "stack",
  "mempool",
  "node",
  "utxo",
  "hash",
  "orange",
  "cypher",
  "bit",
  "ledger",
  "freedom",
  "sovereign",
  "merkle",
  "nakamoto",
  "genesis",
  "halving",
  "taproot",
  "segwit",
  "peer",
  "relay",
  "signet",
  "vault",
  "cold",
  "keys",
];
const WORDS_B = [
  "works",
  "lab",
  "net",
  "hub",
  "space",
  "hq",
  "point",
  "zone",
  "box",
  "den",
  "base",
  "land",
  "city",
  "cave",
  "garden",
  "forge",
  "shed",
  "house",
  "farm",
  "bay",
];

/**
 * Build the hosts of a lab.
 *
 * @throws {RangeError} If the size is outside 10..5,000.
 */
export function buildPopulation(options: PopulationOptions): LabHost[] {
  const clearnet = options.clearnet ?? DEFAULT_CLEARNET;
  const onionCount = options.onion ?? Math.round((clearnet * DEFAULT_ONION) / DEFAULT_CLEARNET);
  if (
    !Number.isInteger(clearnet) || clearnet < 1 || clearnet > 5000 || clearnet + onionCount < 10 ||
    !Number.isInteger(onionCount) || onionCount < 0 || onionCount > 1000
  ) {
    throw new RangeError(
      `Lab size must be 1..5,000 clearnet and 0..1,000 onion hosts, 10 or more in all; got ${clearnet} clearnet + ${onionCount} onion`,
    );
  }
  const rng = makeRng(options.seed ?? "electrum-observatory");
  const now = options.now ?? startOfUtcDay(new Date());
  const usedAddresses = new Set<string>();
  const vantage = options.vantage ?? { latitude: 50.11, longitude: 8.68 };
  const plant = options.adversaries ?? clearnet >= 40;
  const names = new Set<string>();
  const hosts: LabHost[] = [];

  const newHost = (role: Role, personalityId: string): LabHost => {
    const h = blankHost(hosts.length, role, personalityId);
    hosts.push(h);
    return h;
  };

  // Two hosts never share a simulated address: a colliding pick is drawn again from a stream of
  // its own, so the hosts that did not collide keep exactly their draws.
  const uniqueAddress = (h: LabHost, asn: number, version: 4 | 6, country: string, r: Rng): string | null => {
    let ip = options.pickAddress(asn, version, country, r);
    for (let i = 0; ip !== null && usedAddresses.has(ip); i++) {
      if (i >= 100) throw new RangeError(`No free simulated IPv${version} address for AS${asn} in ${country}`);
      ip = options.pickAddress(asn, version, country, r.fork(`address-retry/${h.id}/${version}/${i}`));
    }
    if (ip !== null) usedAddresses.add(ip);
    return ip;
  };

  const place = (h: LabHost, providerKey: string, r: Rng, regionName?: string) => {
    const prov = PROVIDERS[providerKey];
    const region = regionName
      ? prov.regions.find((x) => x.name === regionName)!
      : r.pick(prov.regions.map((x) => [x, x.weight] as const));
    h.provider = providerKey;
    h.asn = prov.asn;
    h.region = region;
    h.ipv4 = uniqueAddress(h, prov.asn, 4, region.country, r);
    if (h.ipv4 === null) throw new RangeError(`No IPv4 segment for AS${prov.asn} (${providerKey})`);
    if (r.chance(prov.ipv6)) h.ipv6 = uniqueAddress(h, prov.asn, 6, region.country, r);
    h.rttMs = rtt(vantage, region) + (prov.class === "residential" ? 15 : 0);
  };

  const name = (h: LabHost, r: Rng, prefix?: string) => {
    for (let i = 0; i < 1000; i++) {
      const fam = personality(h.claims ?? h.personality).family;
      const p = prefix ??
        r.pick([
          ["electrum", 5],
          [fam === "fulcrum" ? "fulcrum" : fam === "electrumx" ? "electrumx" : "electrs", 3],
          ["btc", 2],
          ["e", 1],
        ]);
      const n = `${p}.${r.pick(WORDS_A.map((w) => [w, 1] as const))}${
        r.pick(WORDS_B.map((w) => [w, 1] as const))
      }${i > 3 ? i : ""}.lab`;
      if (!names.has(n)) {
        names.add(n);
        return n;
      }
    }
    throw new Error("could not find a unique host name");
  };

  const certFor = (h: LabHost, practice: CertPractice, r: Rng): CertSpec => {
    const cn = h.hostname ?? h.ipv4 ?? h.onion ?? h.id;
    const issued = new Date(now.getTime() - r.int(10, 700) * 86_400_000);
    const base = { sans: [cn], key: "rsa2048" as const, keyId: h.id, certId: h.id };
    switch (practice) {
      case "self-signed-default-dn":
        return {
          ...base,
          practice,
          subject: { C: "AU", ST: "Some-State", O: "Internet Widgits Pty Ltd" },
          sans: [],
          notBefore: iso(issued),
          notAfter: iso(addDays(issued, 1825)),
        };
      case "self-signed-hostname":
        return {
          ...base,
          practice,
          subject: { CN: cn },
          notBefore: iso(issued),
          notAfter: iso(addDays(issued, 3650)),
        };
      case "lab-ca": {
        const start = new Date(now.getTime() - r.int(1, 80) * 86_400_000);
        return {
          ...base,
          key: "ec256",
          practice,
          subject: { CN: cn },
          notBefore: iso(start),
          notAfter: iso(addDays(start, 90)),
        };
      }
      case "expired-self-signed": {
        const start = new Date(now.getTime() - r.int(400, 900) * 86_400_000);
        return {
          ...base,
          practice,
          subject: { CN: cn },
          notBefore: iso(start),
          notAfter: iso(addDays(start, 365)),
        };
      }
      case "eps-default":
        return {
          practice,
          subject: { C: "AU", ST: "Some-State", O: "Internet Widgits Pty Ltd" },
          sans: [],
          notBefore: "2018-03-13T00:00:00.000Z",
          notAfter: "2023-03-12T00:00:00.000Z",
          key: "rsa2048",
          keyId: "eps-default",
          certId: "eps-default",
        };
    }
  };

  const honestHost = (role: Role, cohortRng: Rng) => {
    const cohort = cohortRng.pick(COHORTS.map((c) => [c, c.weight] as const));
    const h = newHost(role, cohortRng.pick(cohort.personalities));
    place(h, cohortRng.pick(cohort.providers), cohortRng);
    const transports = cohortRng.pick(cohort.transports);
    if (transports.includes("tcp")) h.tcpPort = cohortRng.pick(cohort.tcpPorts);
    if (transports.includes("tls")) h.tlsPort = cohortRng.pick(cohort.tlsPorts);
    if (cohortRng.chance(cohort.named)) h.hostname = name(h, cohortRng);
    const practice = cohortRng.pick(cohort.certs);
    if (h.tlsPort) {
      h.cert = certFor(
        h,
        practice === "lab-ca" && !h.hostname ? "self-signed-default-dn" : practice,
        cohortRng,
      );
    }
    h.lag = cohortRng.pick(cohort.lag);
    h.reportServices = cohortRng.chance(0.8);
    return h;
  };

  // Planted scenarios first, scaled with the size.
  const scale = clearnet / DEFAULT_CLEARNET;
  const planted = plant
    ? SCENARIOS.map((s) => ({ s, n: Math.max(s.min, Math.round(s.count * scale)) }))
    : [];
  for (const { s, n } of planted) {
    const sr = rng.fork(`scenario/${s.role}`);
    for (let k = 0; k < n; k++) plantHost(s.role, k, sr, s.operator);
  }
  const honestCount = clearnet - hosts.length;
  const hr = rng.fork("honest");
  for (let i = 0; i < Math.max(0, honestCount); i++) honestHost("honest", hr);
  const or = rng.fork("onion");
  for (let i = 0; i < onionCount; i++) {
    const h = newHost("honest", or.pick(ONION_MIX));
    h.onion = onionName(or);
    h.rttMs = 0;
    if (personality(h.personality).family === "electrs" || or.chance(0.6)) h.tcpPort = 50001;
    if (!h.tcpPort || or.chance(0.3)) {
      h.tlsPort = 50002;
      h.cert = certFor(h, "self-signed-hostname", or);
    }
  }
  // Relays forward to a real upstream: pick honest Fulcrum/ElectrumX hosts with TLS and TCP.
  const upstreams = hosts.filter((x) =>
    x.role === "honest" && !x.onion && x.tcpPort && x.tlsPort && x.hostname
  );
  for (const relay of hosts.filter((x) => x.role === "relay")) {
    const up = upstreams[rng.fork(`relay/${relay.id}`).int(0, upstreams.length - 1)];
    relay.upstream = up.id;
    relay.personality = up.personality;
    relay.tcpPort = up.tcpPort;
    relay.tlsPort = up.tlsPort;
    relay.cert = up.cert;
  }
  buildPeerGraph(hosts, rng.fork("peers"));
  return hosts;

  function plantHost(role: Role, k: number, r: Rng, operator: string | null) {
    switch (role) {
      case "sybil": {
        const h = newHost(role, "electrumx-1.19.0");
        const region =
          ["us-east4", "us-central1", "asia-northeast1", "australia-southeast1"][k % 4];
        place(h, "google", r, region);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        const issued = new Date(Date.UTC(2026, 2, 14, 9, 12, 0) + k * r.int(1, 4) * 1000);
        const cn = `electrumx-${region}-node-${k + 1}`;
        h.cert = {
          practice: "self-signed-hostname",
          subject: { C: "GB", L: "London", O: "Electrum Services Ltd", CN: cn },
          sans: [cn],
          notBefore: iso(issued),
          notAfter: iso(addDays(issued, 825)),
          key: "rsa2048",
          keyId: h.id,
          certId: h.id,
        };
        h.reportServices = false;
        h.operator = operator!;
        return;
      }
      case "phishing": {
        const h = newHost(role, "electrumx-1.16.0");
        h.claims = "electrumx-1.8.12";
        place(h, r.pick([["digitalocean", 1], ["vultr", 1], ["linode", 1]]), r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = name(h, r, "electrum" + (k + 1));
        h.cert = certFor(h, "self-signed-hostname", r);
        h.operator = operator!;
        return;
      }
      case "modified": {
        // Half claim ElectrumX 1.20.0 but behave like Fulcrum; half the reverse.
        const fulcrumInside = k % 2 === 0;
        const h = newHost(role, fulcrumInside ? "fulcrum-2.1.1" : "electrumx-1.16.0");
        h.claims = fulcrumInside ? "electrumx-1.20.0" : "fulcrum-2.1.1";
        place(h, r.pick([["hetzner", 1], ["ovh", 1], ["aws", 1]]), r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = name(h, r);
        h.cert = certFor(h, "self-signed-hostname", r);
        return;
      }
      case "relay": {
        const h = newHost(role, "fulcrum-2.1.1");
        place(h, r.pick([["aws", 1], ["digitalocean", 1]]), r);
        h.extraLatencyMs = r.int(60, 140);
        return;
      }
      case "peer-poisoner": {
        const h = newHost(role, "electrumx-1.18.0");
        place(h, "contabo", r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.cert = certFor(h, "self-signed-default-dn", r);
        // Dozens of unreachable hosts packed into one /16 of a cloud provider.
        for (let i = 0; i < 60; i++) {
          const ip = `34.${90 + k}.${r.int(0, 255)}.${r.int(1, 254)}`;
          h.bogusPeers.push([ip, ip, ["v1.4.2", "s50002", "t50001"]]);
        }
        return;
      }
      case "stale-tip":
      case "withholding":
      case "fee-manipulator": {
        const h = newHost(
          role,
          r.pick([["electrumx-1.20.0", 1], ["fulcrum-2.1.1", 1], ["electrumx-1.16.0", 1]]),
        );
        place(h, r.pick([["hetzner", 1], ["ovh", 1], ["digitalocean", 1]]), r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = name(h, r);
        h.cert = certFor(h, "self-signed-hostname", r);
        if (role === "stale-tip") h.lag = 30 + k;
        return;
      }
      case "benign-expired-cert": {
        const h = newHost(role, "electrumx-1.20.0");
        place(h, "hetzner", r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = name(h, r);
        h.cert = certFor(h, "expired-self-signed", r);
        return;
      }
      case "benign-operator": {
        const h = newHost(role, "fulcrum-2.1.1");
        place(h, ["hetzner", "ovh", "digitalocean"][k % 3], r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = `electrum${k + 1}.trustednode.lab`;
        names.add(h.hostname);
        h.cert = certFor(h, "lab-ca", r);
        h.operator = operator!;
        return;
      }
      case "benign-slow": {
        const h = newHost(role, "electrs-0.10.9");
        place(h, r.pick([["comcast", 1], ["telstra", 1]]), r);
        h.tcpPort = 50001;
        h.tlsPort = 50002;
        h.hostname = name(h, r);
        h.cert = certFor(h, "lab-ca", r);
        h.rttMs += r.int(180, 320);
        return;
      }
      default:
        throw new RangeError(`No planting rule for role ${role}`);
    }
  }
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

/** Whether a host discovers and advertises peers (ElectrumX and Fulcrum do; others never). */
export function discovers(h: LabHost): boolean {
  const fam = personality(h.personality).family;
  return fam === "electrumx" || fam === "fulcrum";
}

/**
 * The peer graph: a random tree over the discovering hosts rooted at host 0 of the honest ones
 * (so every host is reachable from the seed), each other host advertised by two or three
 * discovering hosts, plus random extra edges; the sybil fleet advertises itself heavily.
 */
function buildPeerGraph(hosts: LabHost[], rng: Rng) {
  const disc = hosts.filter((h) =>
    discovers(h) && h.role !== "relay" && !h.onion && h.role !== "hostile"
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
  const fleet = hosts.filter((h) => h.role === "sybil");
  for (const h of fleet) {
    for (let j = 0; j < 10 && fleet.length > 1; j++) {
      const t = fleet[rng.int(0, fleet.length - 1)];
      if (t !== h && !h.peers.includes(t.id)) h.peers.push(t.id);
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

/** The loopback address of host `index`: 127.10.x.y, never .0 or .255 in the last octet. */
export function loopbackFor(index: number): string {
  return `127.${10 + Math.floor(index / 62_500)}.${Math.floor((index % 62_500) / 250)}.${
    (index % 250) + 1
  }`;
}

function onionName(r: Rng): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let s = "";
  for (let i = 0; i < 55; i++) s += alphabet[r.int(0, 31)];
  return s + "d.onion";
}

/** Simulated round trip from the vantage point: fibre at ~2/3 c with 1.5x path inflation, plus 2 ms. */
export function rtt(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  const km = 2 * 6371 * Math.asin(Math.sqrt(h));
  return Math.round((2 * km * 1.5) / 200 + 2);
}

/** Midnight UTC of the day of `d`. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

function iso(d: Date): string {
  return d.toISOString();
}

function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}
