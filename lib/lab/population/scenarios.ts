/**
 * The lab's population, declared as data (after OONI's netemx scenario tables): hosting providers
 * with their regions, honest cohorts with their implementation, port and certificate mixes, and
 * the planted adversaries and benign look-alikes, each with a role and a count. `population.ts`
 * turns these tables into hosts for a given size and seed.
 *
 * Calibration targets come from `shared/reference/prior-art.md`: about 350 reachable clearnet
 * servers and about 45 onion-only ones; ElectrumX about four in five of those that answer, Fulcrum
 * about one in seven; Google Cloud about a third of clearnet hosts (a quarter of all clearnet
 * being one sybil fleet), then AWS, DigitalOcean, Hetzner; the US about a third, Germany about one
 * in six, Australia about one in eleven.
 *
 * @module
 */
import { PROVIDERS as GEO_PROVIDERS } from "../../geo/providers.ts";

/** A hosting region: where a provider's servers sit. */
export interface Region {
  /** Region label (cloud region names where they exist). */
  name: string;
  /** ISO 3166 alpha-2 country. */
  country: string;
  latitude: number;
  longitude: number;
  /** Relative weight within the provider. */
  weight: number;
}

/** A hosting provider of the simulated network. */
export interface Provider {
  /** The ASN simulated addresses are drawn from (real announced prefixes). */
  asn: number;
  /** Provider name, from the observer's provider table (`lib/geo/providers.ts`) for `asn`. */
  name: string;
  /** Network class, from the same table. */
  class: "cloud" | "hosting" | "residential";
  regions: readonly Region[];
  /** Share of its hosts that also have an IPv6 address. */
  ipv6: number;
}

/**
 * Fill each simulated provider's name and class from the one provider table
 * (`lib/geo/providers.ts`), so the lab and the observer cannot disagree about what an ASN is.
 *
 * @throws {RangeError} For an ASN the table lacks or classes as something a lab host cannot be.
 */
function withProviderInfo(
  table: Record<string, Omit<Provider, "name" | "class">>,
): Record<string, Provider> {
  const out: Record<string, Provider> = {};
  for (const [key, p] of Object.entries(table)) {
    const info = Object.hasOwn(GEO_PROVIDERS, p.asn) ? GEO_PROVIDERS[p.asn] : undefined;
    if (!info || (info.class !== "cloud" && info.class !== "hosting" && info.class !== "residential")) {
      throw new RangeError(`lab provider ${key}: AS${p.asn} is not a cloud, hosting or residential row of lib/geo/providers.ts`);
    }
    out[key] = { ...p, name: info.provider, class: info.class };
  }
  return out;
}

const r = (
  name: string,
  country: string,
  latitude: number,
  longitude: number,
  weight: number,
): Region => ({ name, country, latitude, longitude, weight });

/** Providers, keyed by a short name. */
export const PROVIDERS: Readonly<Record<string, Provider>> = withProviderInfo({
  google: {
    asn: 396982,
    ipv6: 0.05,
    regions: [
      r("us-east4", "US", 39.04, -77.49, 2),
      r("us-central1", "US", 41.26, -95.86, 2),
      r("europe-west3", "DE", 50.11, 8.68, 1),
      r("australia-southeast1", "AU", -33.87, 151.21, 1),
      r("europe-west2", "GB", 51.51, -0.13, 1),
      r("asia-northeast1", "JP", 35.68, 139.69, 1),
    ],
  },
  aws: {
    asn: 16509,
    ipv6: 0.1,
    regions: [
      r("us-east-1", "US", 38.95, -77.45, 2),
      r("us-west-2", "US", 45.84, -119.7, 1),
      r("eu-central-1", "DE", 50.11, 8.68, 1),
      r("ap-southeast-2", "AU", -33.87, 151.21, 1),
      r("eu-west-1", "IE", 53.35, -6.26, 1),
      r("ap-northeast-1", "JP", 35.68, 139.69, 1),
    ],
  },
  digitalocean: {
    asn: 14061,
    ipv6: 0.3,
    regions: [
      r("nyc", "US", 40.71, -74.01, 2),
      r("sfo", "US", 37.77, -122.42, 1),
      r("fra", "DE", 50.11, 8.68, 1),
      r("ams", "NL", 52.37, 4.9, 2),
      r("lon", "GB", 51.51, -0.13, 1),
      r("sgp", "SG", 1.35, 103.82, 1),
      r("syd", "AU", -33.87, 151.21, 1),
    ],
  },
  hetzner: {
    asn: 24940,
    ipv6: 0.5,
    regions: [
      r("fsn1", "DE", 50.48, 12.37, 2),
      r("nbg1", "DE", 49.45, 11.08, 2),
      r("hel1", "FI", 60.17, 24.94, 2),
    ],
  },
  ovh: {
    asn: 16276,
    ipv6: 0.3,
    regions: [
      r("gra", "FR", 50.99, 2.13, 3),
      r("bhs", "CA", 45.3, -73.87, 2),
      r("lim", "DE", 49.7, 8.2, 1),
      r("waw", "PL", 52.23, 21.01, 1),
    ],
  },
  contabo: {
    asn: 51167,
    ipv6: 0.2,
    regions: [
      r("nue", "DE", 49.45, 11.08, 1),
      r("stl", "US", 38.63, -90.2, 1),
      r("sin", "SG", 1.35, 103.82, 1),
    ],
  },
  linode: {
    asn: 63949,
    ipv6: 0.4,
    regions: [
      r("newark", "US", 40.74, -74.17, 2),
      r("frankfurt", "DE", 50.11, 8.68, 1),
      r("tokyo", "JP", 35.68, 139.69, 1),
    ],
  },
  vultr: {
    asn: 20473,
    ipv6: 0.3,
    regions: [
      r("ewr", "US", 40.74, -74.17, 2),
      r("ams", "NL", 52.37, 4.9, 1),
      r("syd", "AU", -33.87, 151.21, 1),
    ],
  },
  comcast: {
    asn: 7922,
    ipv6: 0.4,
    regions: [r("us-res", "US", 39.95, -75.17, 1)],
  },
  telekom: {
    asn: 3320,
    ipv6: 0.4,
    regions: [r("de-res", "DE", 52.52, 13.4, 1)],
  },
  telstra: {
    asn: 1221,
    ipv6: 0.2,
    regions: [r("au-res", "AU", -37.81, 144.96, 1)],
  },
  verizon: {
    asn: 701,
    ipv6: 0.3,
    regions: [r("us-res-e", "US", 40.71, -74.01, 1)],
  },
  orange: {
    asn: 3215,
    ipv6: 0.3,
    regions: [r("fr-res", "FR", 48.86, 2.35, 1)],
  },
  bt: {
    asn: 2856,
    ipv6: 0.2,
    regions: [r("gb-res", "GB", 51.51, -0.13, 1)],
  },
});

/** How a TLS endpoint's certificate is made. */
export type CertPractice =
  | "self-signed-default-dn" // openssl prompts accepted: O=Internet Widgits Pty Ltd
  | "self-signed-hostname" // CN = the host's name
  | "lab-ca" // issued by the lab CA standing in for Let's Encrypt
  | "expired-self-signed"
  | "eps-default"; // the certificate shipped with Electrum Personal Server, shared by every install

/** An honest cohort: a share of the honest clearnet population. */
export interface Cohort {
  name: string;
  /** Share of honest clearnet hosts. */
  weight: number;
  personalities: readonly (readonly [string, number])[];
  providers: readonly (readonly [string, number])[];
  /** [tcp, tls] transport offers with weights. */
  transports: readonly (readonly [("tcp" | "tls")[], number])[];
  tcpPorts: readonly (readonly [number, number])[];
  tlsPorts: readonly (readonly [number, number])[];
  certs: readonly (readonly [CertPractice, number])[];
  /** Share with a DNS name (the rest are known by address only). */
  named: number;
  /** Blocks behind the tip, with weights. */
  lag: readonly (readonly [number, number])[];
}

const HOSTED = [
  ["google", 12],
  ["aws", 19],
  ["digitalocean", 15],
  ["hetzner", 12],
  ["ovh", 10],
  ["contabo", 6],
  ["linode", 3],
  ["vultr", 3],
  ["comcast", 3],
  ["telekom", 1],
  ["telstra", 1],
  ["verizon", 3],
  ["orange", 2],
  ["bt", 2],
] as const;
const TCP_PORTS = [[50001, 90], [50011, 3], [110, 2], [8080, 2], [51001, 3]] as const;
const TLS_PORTS = [
  [50002, 82],
  [443, 6],
  [50022, 3],
  [56002, 2],
  [57002, 2],
  [60002, 2],
  [700, 2],
  [995, 1],
] as const;
// Mostly self-signed: only 4 of Electrum's 84 seeds pass strict CA-verified TLS (prior-art.md).
const SELF_SIGNED_MIX = [
  ["self-signed-default-dn", 38],
  ["self-signed-hostname", 40],
  ["lab-ca", 17],
  ["expired-self-signed", 5],
] as const;
const LAG = [[0, 90], [1, 7], [2, 2], [5, 1]] as const;

/** Honest clearnet cohorts. */
export const COHORTS: readonly Cohort[] = [
  {
    name: "electrumx",
    weight: 72,
    personalities: [["electrumx-1.16.0", 25], ["electrumx-1.17.0", 10], ["electrumx-1.18.0", 20], [
      "electrumx-1.19.0",
      15,
    ], ["electrumx-1.20.0", 30]],
    providers: HOSTED,
    transports: [[["tcp", "tls"], 52], [["tls"], 42], [["tcp"], 6]],
    tcpPorts: TCP_PORTS,
    tlsPorts: TLS_PORTS,
    certs: SELF_SIGNED_MIX,
    named: 0.75,
    lag: LAG,
  },
  {
    name: "fulcrum",
    weight: 18,
    personalities: [
      ["fulcrum-1.9.8", 5],
      ["fulcrum-1.10.0", 10],
      ["fulcrum-1.12.0", 25],
      ["fulcrum-2.0.0", 20],
      ["fulcrum-2.1.0", 15],
      ["fulcrum-2.1.1", 25],
    ],
    providers: HOSTED,
    transports: [[["tcp", "tls"], 55], [["tls"], 40], [["tcp"], 5]],
    tcpPorts: TCP_PORTS,
    tlsPorts: TLS_PORTS,
    certs: SELF_SIGNED_MIX,
    named: 0.85,
    lag: LAG,
  },
  {
    name: "electrs",
    weight: 5,
    personalities: [["electrs-0.8.12", 10], ["electrs-0.9.13", 20], ["electrs-0.9.14", 10], [
      "electrs-0.10.9",
      30,
    ], ["electrs-0.11.1", 30]],
    providers: [["hetzner", 3], ["comcast", 2], ["telekom", 2], ["digitalocean", 1]],
    // electrs speaks TCP only; TLS comes from an nginx stream proxy in front (reference §7.3).
    transports: [[["tcp"], 50], [["tcp", "tls"], 50]],
    tcpPorts: TCP_PORTS,
    tlsPorts: [[50002, 1]],
    certs: [["lab-ca", 60], ["self-signed-hostname", 40]],
    named: 0.9,
    lag: LAG,
  },
  {
    name: "esplora",
    weight: 3,
    personalities: [["esplora-0.4.1-2021", 50], ["esplora-0.4.1-new", 50]],
    providers: [["google", 1], ["aws", 1]],
    transports: [[["tcp", "tls"], 1]],
    tcpPorts: [[50001, 1]],
    tlsPorts: [[50002, 1], [443, 1]],
    certs: [["lab-ca", 1]],
    named: 1,
    lag: [[0, 1]],
  },
  {
    name: "eps",
    weight: 2,
    personalities: [["eps-0.2.4", 1]],
    providers: [["comcast", 1], ["telekom", 1], ["orange", 1]],
    transports: [[["tls"], 1]],
    tcpPorts: [[50001, 1]],
    tlsPorts: [[50002, 1]],
    certs: [["eps-default", 1]],
    named: 0.3,
    lag: [[0, 1]],
  },
];

/** Onion-only cohort mix (reachable through Tor only). */
export const ONION_MIX: readonly (readonly [string, number])[] = [
  ["electrumx-1.16.0", 10],
  ["electrumx-1.18.0", 10],
  ["electrumx-1.20.0", 20],
  ["fulcrum-1.12.0", 15],
  ["fulcrum-2.1.1", 20],
  ["electrs-0.10.9", 10],
  ["electrs-0.11.1", 15],
];

/** Roles a lab host can play; ground truth records one per host. */
export type Role =
  | "honest"
  | "sybil"
  | "relay"
  | "phishing"
  | "modified"
  | "peer-poisoner"
  | "stale-tip"
  | "withholding"
  | "fee-manipulator"
  | "benign-expired-cert"
  | "benign-operator"
  | "benign-slow"
  | "hostile";

/** Whether a role is adversarial (a detector should flag it). */
export const ADVERSARIAL: ReadonlySet<Role> = new Set([
  "sybil",
  "relay",
  "phishing",
  "modified",
  "peer-poisoner",
  "stale-tip",
  "withholding",
  "fee-manipulator",
]);

/** A planted scenario: a documented adversary or benign look-alike. */
export interface Scenario {
  role: Role;
  /** Hosts at the default size (350 clearnet); scaled with the size, at least `min`. */
  count: number;
  min: number;
  /** Operator group shared by its hosts (null: each host its own operator). */
  operator: string | null;
  /** What it is modelled on. */
  basis: string;
}

/** The planted scenarios (prior-art.md, "Documented malicious behaviour"). */
export const SCENARIOS: readonly Scenario[] = [
  {
    role: "sybil",
    count: 80,
    min: 3,
    operator: "sybil-fleet",
    basis:
      "Cloud fleet 2025-2026 (spesmilo/electrum#10583): ~80 Google Cloud IPs, all ElectrumX 1.19.0, CN template electrumx-<region>-node-N, certificates issued seconds apart, Subject C=GB L=London contradicting the region",
  },
  {
    role: "relay",
    count: 3,
    min: 1,
    operator: null,
    basis:
      "Surveillance relay/logger (leaked chain-analysis slides, 2021, prior-art.md): a server of its own address piping every byte to an honest upstream and recording it; tells: 60-140 ms extra application latency on top of its own network path, server.features `hosts` naming the upstream and never itself, the upstream's TLS certificate (the TLS session is the upstream's)",
  },
  {
    role: "phishing",
    count: 2,
    min: 1,
    operator: "phishing-fleet",
    basis:
      'Phishing fleet Dec 2018-2019 (prior-art.md): modified ElectrumX claiming "ElectrumX 1.8.12" (its wire is a 1.16-era ElectrumX) whose blockchain.transaction.broadcast error holds HTML: a "Required Security Update" headline, an image and a link to a look-alike repository (github.com/spesmiIo, capital I for l)',
  },
  {
    role: "modified",
    count: 4,
    min: 2,
    operator: null,
    basis:
      "Modified implementations (prior-art.md, 'a claimed version checked from wire behaviour'): half claim ElectrumX 1.20.0 but speak Fulcrum 2.1.1 (CRLF, alphabetical keys, Fulcrum error wording, no padding), half claim Fulcrum 2.1.1 but speak ElectrumX 1.16",
  },
  {
    role: "peer-poisoner",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Peer announcement abuse 2019 (prior-art.md: honest peer tables held ~9.5k peers of which ~1.5k good): an ElectrumX 1.18 whose server.peers.subscribe adds 60 unreachable addresses packed into one cloud /16 (34.90-91.0.0/16)",
  },
  {
    role: "stale-tip",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Stale tip: a server serving a chain view 30+ blocks behind the lab tip (eclipsing a wallet from new blocks); honest servers lag 0-5 blocks at most",
  },
  {
    role: "withholding",
    count: 1,
    min: 1,
    operator: null,
    basis:
      "Withholding: scripthash history, balance, UTXOs and status answered as empty (hiding a wallet's transactions) while headers and fees are honest",
  },
  {
    role: "fee-manipulator",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Fee manipulator: blockchain.estimatefee and mempool.get_fee_histogram rates multiplied twenty-fold (making wallets overpay)",
  },
  {
    role: "benign-expired-cert",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Benign: an honest ElectrumX 1.20.0 whose self-signed certificate expired (common; not a sign of malice)",
  },
  {
    role: "benign-operator",
    count: 3,
    min: 3,
    operator: "honest-trio",
    basis:
      "An honest operator running three servers (one name pattern, one CA-issued certificate each, three providers)",
  },
  {
    role: "benign-slow",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Benign: a slow residential electrs node (Comcast or Telstra, 180-320 ms extra network round trip, no extra application latency: handshake and reply are slow alike)",
  },
];

/** Default population sizes (reachable clearnet and onion-only). */
export const DEFAULT_CLEARNET = 350;
export const DEFAULT_ONION = 45;

/** One calibration target: the share of clearnet hosts (or of TLS hosts) with `key` in `dimension`. */
export interface CalibrationTarget {
  dimension: MixDimension;
  key: string;
  /** Target share, 0..1. */
  share: number;
  /** Allowed absolute deviation of the default lab's share. */
  tolerance: number;
  /** Where the figure comes from. */
  basis: string;
}

/**
 * What a population mix is measured over: `family`/`personality` by the software a host claims
 * (what a crawler sees), `provider`, `provider_class`, `country`, `transport` (`tls`, `tcp-only`,
 * `tls-only`), over clearnet hosts; `tls_port` and `cert` over clearnet hosts offering TLS.
 */
export type MixDimension =
  | "family"
  | "personality"
  | "provider"
  | "provider_class"
  | "country"
  | "transport"
  | "tls_port"
  | "cert";

const PRED = "gabrielcaixeta01/electrum-observatory, Dec 2025 (prior-art.md)";
const SEEDS =
  "Electrum's servers.json, 84 entries, Mar 2026 (prior-art.md, electrum-servers.md §8)";

/**
 * The default lab's calibration targets (figures from `shared/reference/prior-art.md`), checked
 * by `calibration_test.ts`. Tolerances allow for the sampling error of the measurements they come
 * from (100 answering servers, 254 peers, 84 seeds) and for the planted fleet.
 */
export const CALIBRATION: {
  clearnet: number;
  onion: number;
  targets: readonly CalibrationTarget[];
} = {
  clearnet: DEFAULT_CLEARNET,
  onion: DEFAULT_ONION,
  targets: [
    {
      dimension: "family",
      key: "electrumx",
      share: 0.82,
      tolerance: 0.06,
      basis: `${PRED}: ElectrumX 82 of 100 answering`,
    },
    {
      dimension: "family",
      key: "fulcrum",
      share: 0.14,
      tolerance: 0.05,
      basis: `${PRED}: Fulcrum 14 of 100`,
    },
    {
      dimension: "family",
      key: "electrs",
      share: 0.04,
      tolerance: 0.03,
      basis: "issue 3: electrs 0.8 to 0.11, a few",
    },
    {
      dimension: "family",
      key: "esplora",
      share: 0.02,
      tolerance: 0.02,
      basis: `${PRED}: electrs-esplora 2 of 100`,
    },
    {
      dimension: "family",
      key: "eps",
      share: 0.01,
      tolerance: 0.01,
      basis: "issue 3: a few Electrum Personal Servers",
    },
    {
      dimension: "personality",
      key: "electrumx-1.19.0",
      share: 0.25,
      tolerance: 0.08,
      basis:
        "Cloud fleet 2025-2026: all ElectrumX 1.19.0, a quarter of reachable clearnet (prior-art.md)",
    },
    {
      dimension: "provider",
      key: "google",
      share: 0.32,
      tolerance: 0.06,
      basis: `${PRED}: Google 82 of 254`,
    },
    {
      dimension: "provider",
      key: "aws",
      share: 0.15,
      tolerance: 0.05,
      basis: `${PRED}: AWS 39 of 254`,
    },
    {
      dimension: "provider",
      key: "digitalocean",
      share: 0.12,
      tolerance: 0.05,
      basis: `${PRED}: DigitalOcean 31 of 254`,
    },
    {
      dimension: "provider",
      key: "hetzner",
      share: 0.12,
      tolerance: 0.05,
      basis: `${PRED}: Hetzner 30 of 254`,
    },
    {
      dimension: "provider_class",
      key: "residential",
      share: 0.1,
      tolerance: 0.06,
      basis: "issue 3: residential ISPs (no measured figure)",
    },
    {
      dimension: "country",
      key: "US",
      share: 0.35,
      tolerance: 0.06,
      basis: `${PRED}: US 89 of 254`,
    },
    {
      dimension: "country",
      key: "DE",
      share: 0.15,
      tolerance: 0.06,
      basis: `${PRED}: DE 39 of 254`,
    },
    {
      dimension: "country",
      key: "AU",
      share: 0.087,
      tolerance: 0.05,
      basis: `${PRED}: AU 22 of 254`,
    },
    {
      dimension: "transport",
      key: "tls",
      share: 0.94,
      tolerance: 0.04,
      basis: `${SEEDS}: 79 offer TLS`,
    },
    {
      dimension: "transport",
      key: "tcp-only",
      share: 0.06,
      tolerance: 0.04,
      basis: `${SEEDS}: 5 TCP-only`,
    },
    {
      dimension: "transport",
      key: "tls-only",
      share: 0.31,
      tolerance: 0.08,
      basis: `${SEEDS}: 26 s-only`,
    },
    {
      dimension: "tls_port",
      key: "50002",
      share: 0.86,
      tolerance: 0.06,
      basis: `${SEEDS}: 68 of 79 TLS seeds use 50002`,
    },
    {
      dimension: "tls_port",
      key: "other",
      share: 0.14,
      tolerance: 0.06,
      basis: `${SEEDS}: 443, 110, 700, 50022, 56002, 57002, 60002`,
    },
    {
      dimension: "cert",
      key: "ca-issued",
      share: 0.1,
      tolerance: 0.07,
      basis:
        "Only 4 of 84 seeds pass strict CA-verified TLS; more use Let's Encrypt under other names (prior-art.md)",
    },
    {
      dimension: "cert",
      key: "self-signed",
      share: 0.88,
      tolerance: 0.08,
      basis: "Mostly self-signed (ElectrumX HOWTO, issue 3)",
    },
    {
      dimension: "cert",
      key: "expired",
      share: 0.04,
      tolerance: 0.03,
      basis: "issue 3: expired certificates",
    },
    {
      dimension: "cert",
      key: "eps-default",
      share: 0.01,
      tolerance: 0.01,
      basis: "issue 3: the shared EPS default certificate",
    },
  ],
};
