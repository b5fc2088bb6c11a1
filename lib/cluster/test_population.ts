/**
 * For this folder's tests only: seeded synthetic populations shaped like the lab's, as rows of
 * the feature table (column names of `features.csv`), claim rows of `fingerprints.csv`, peer
 * links, and the ground truth (passed to the evaluation as data, as the lab's would be).
 *
 * Each behaviour feature is unknown with probability 0.05 (a probe that did not run), except a
 * modified server's planted difference.
 *
 * Scenario kinds: `single` (honest one-server operators: default or own banners, a few common
 * custom banners and rare port tuples shared by coincidence, /24 neighbours), `multi` (honest
 * operators of 2-8 servers sharing a banner with a URL, a donation address and a naming domain,
 * certificates renewed on different days, mixed versions, one or two providers, some servers
 * configured differently), `fleet` (a sybil fleet: one certificate, one name template issued in
 * a burst, peers advertising only each other), `copycat` (a fleet with per-node certificates,
 * honest-looking banners and donations, several providers; only its closed peer lists tie it),
 * `modified` (a server whose only tell is one error wording, or a claim of another family).
 *
 * @module
 */
import { seededRandom } from "../stats/test_helpers.ts";
import type { ClusterFeatureSpec, FeatureRow } from "./feature_input.ts";
import type { PeerLink } from "./operator_identifiers.ts";

/** Scenario kind of a synthetic server. */
export type ScenarioKind = "single" | "multi" | "fleet" | "copycat" | "modified";

/** Ground truth of one server. */
export interface TruthRow {
  server: string;
  operator: string;
  cluster_truth: string;
  kind: ScenarioKind;
  modified: boolean;
}

/** A claim row (columns of `fingerprints.csv`). */
export type ClaimRow = {
  server: string;
  software_claimed: string;
  family_claimed: string;
  version_claimed: string;
  family_inferred: string;
  claim_agrees: boolean;
  claim_version_consistent: boolean;
};

/** A synthetic population. */
export interface Population {
  rows: FeatureRow[];
  claims: ClaimRow[];
  peers: PeerLink[];
  truth: TruthRow[];
}

const B = "behaviour", O = "operator", H = "hosting", C = "certificate", L = "latency";

/** The declared features of the synthetic rows (a subset of `features.csv`, same shape and the
 * same `release` declarations). */
export const TEST_SPECS: readonly ClusterFeatureSpec[] = [
  { name: "wire_line_ending", kind: "categorical", group: B, weight: 1 },
  { name: "wire_result_key_order", kind: "categorical", group: B, weight: 1 },
  { name: "wire_error_key_order", kind: "categorical", group: B, weight: 1 },
  { name: "wire_json_spacing", kind: "categorical", group: B, weight: 1 },
  { name: "wire_padded", kind: "boolean", group: B, weight: 1, release: true },
  { name: "preversion_reply", kind: "categorical", group: B, weight: 1, release: true },
  { name: "wording_unknown_method", kind: "categorical", group: B, weight: 0.5 },
  { name: "wording_bad_params", kind: "categorical", group: B, weight: 0.5 },
  { name: "wording_malformed_json", kind: "categorical", group: B, weight: 0.5 },
  { name: "batch_supported_flag", kind: "boolean", group: B, weight: 1 },
  { name: "batch_joining", kind: "categorical", group: B, weight: 1 },
  { name: "methods_known", kind: "set", group: B, weight: 1 },
  {
    name: "protocol_min_advertised",
    kind: "ordinal",
    group: B,
    weight: 1,
    type: "version",
    release: true,
  },
  {
    name: "protocol_max_negotiated",
    kind: "ordinal",
    group: B,
    weight: 1,
    type: "version",
    release: true,
  },
  { name: "feature_keys", kind: "categorical", group: B, weight: 1, release: true },
  { name: "hosts_flat", kind: "boolean", group: B, weight: 1 },
  { name: "histogram_shape", kind: "categorical", group: B, weight: 1 },
  { name: "banner_template", kind: "categorical", group: O, weight: 1 },
  { name: "banner_default", kind: "boolean", group: O, weight: 0.5 },
  { name: "donation", kind: "categorical", group: O, weight: 1 },
  { name: "software_claim", kind: "categorical", group: O, weight: 0.5 },
  { name: "hosts_shape", kind: "categorical", group: O, weight: 0.5 },
  { name: "port_tuple", kind: "categorical", group: O, weight: 1 },
  { name: "transports", kind: "set", group: O, weight: 0.5 },
  { name: "peers_count", kind: "numeric", group: O, weight: 0.5, log: true },
  { name: "host_provider", kind: "categorical", group: H, weight: 1 },
  { name: "host_prefix16", kind: "categorical", group: H, weight: 1 },
  { name: "host_prefix24", kind: "categorical", group: H, weight: 1 },
  { name: "cert_issuer", kind: "categorical", group: C, weight: 1 },
  { name: "cert_key", kind: "categorical", group: C, weight: 1 },
  { name: "cert_validity_days", kind: "numeric", group: C, weight: 1, log: true },
  { name: "cert_cn_template", kind: "categorical", group: C, weight: 1 },
  { name: "cert_issued_at", kind: "numeric", group: C, weight: 1, type: "timestamp" },
  { name: "cert_fingerprint", kind: "categorical", group: C, weight: 1 },
  { name: "cert_key_fingerprint", kind: "categorical", group: C, weight: 1 },
  { name: "lat_tcp_ms", kind: "numeric", group: L, weight: 1, log: true },
];

type Behaviour = Record<string, string | boolean>;

/** Behaviour of each family (values as `features.csv` would hold them). */
export const FAMILY_BEHAVIOUR: Readonly<Record<string, Behaviour>> = {
  electrumx: {
    wire_line_ending: "lf",
    wire_result_key_order: "jsonrpc,result,id",
    wire_error_key_order: "jsonrpc,error,id",
    wire_json_spacing: "python",
    wire_padded: false,
    preversion_reply: "answered",
    wording_unknown_method: "unknown method <q>",
    wording_bad_params: "invalid params: <json>",
    wording_malformed_json: "invalid JSON",
    batch_supported_flag: true,
    batch_joining: "comma-space",
    methods_known: "blockchain.name.get;mempool.get_fee_histogram;server.add_peer",
    protocol_min_advertised: "1.4",
    feature_keys: "hosts,pruning,server_version,protocol_min,protocol_max,genesis_hash",
    hosts_flat: false,
    histogram_shape: "decimal",
  },
  fulcrum: {
    wire_line_ending: "lf",
    wire_result_key_order: "id,jsonrpc,result",
    wire_error_key_order: "error,id,jsonrpc",
    wire_json_spacing: "compact",
    wire_padded: false,
    preversion_reply: "version-first",
    wording_unknown_method: "Unknown method: '<q>'",
    wording_bad_params: "Bad params",
    wording_malformed_json: "Parse error",
    batch_supported_flag: true,
    batch_joining: "comma",
    methods_known: "mempool.get_fee_histogram;server.add_peer;blockchain.transaction.get_height",
    protocol_min_advertised: "1.4",
    feature_keys: "dsproof,genesis_hash,hash_function,hosts,protocol_max,protocol_min",
    hosts_flat: false,
    histogram_shape: "integer",
  },
  electrs: {
    wire_line_ending: "lf",
    wire_result_key_order: "id,jsonrpc,result",
    wire_error_key_order: "error,id,jsonrpc",
    wire_json_spacing: "compact",
    wire_padded: false,
    preversion_reply: "error",
    wording_unknown_method: "unknown method <q>",
    wording_bad_params: "invalid params",
    wording_malformed_json: "invalid request",
    batch_supported_flag: false,
    batch_joining: "single",
    methods_known: "",
    protocol_min_advertised: "1.4",
    feature_keys: "genesis_hash,hash_function,hosts,protocol_max,protocol_min,pruning",
    hosts_flat: true,
    histogram_shape: "pow2",
  },
};

const VERSIONS: Record<string, [string, string, string][]> = {
  // [claim, version, protocol_max]
  electrumx: [["ElectrumX 1.16.0", "1.16.0", "1.4.2"], ["ElectrumX 1.18.0", "1.18.0", "1.4.3"], [
    "ElectrumX 1.19.0",
    "1.19.0",
    "1.4.3",
  ]],
  fulcrum: [["Fulcrum 1.10.0", "1.10.0", "1.5"], ["Fulcrum 1.11.1", "1.11.1", "1.5"]],
  electrs: [["electrs/0.10.6", "0.10.6", "1.4"]],
};

const DEFAULT_BANNER: Record<string, string> = {
  electrumx: "You are connected to an ElectrumX <n> server.",
  fulcrum: "Connected to a Fulcrum <n> server",
  electrs: "Welcome to electrs <n>",
};

const COMMON_BANNERS = ["Welcome!", "Hello from a Bitcoin node", "Running since <n>. Enjoy."];
const RARE_PORTS = ["50011/50012", "60001/60002", "110/443"];
const PROVIDERS = ["hetzner", "ovh", "digitalocean", "aws", "gcp", "linode", "vultr", "contabo"];

/** Options of {@link syntheticPopulation}. Sizes count servers (operators for `multi`). */
export interface PopulationOptions {
  singles?: number;
  multiOperators?: number;
  fleet?: number;
  copycats?: number;
  /** Modified servers with one different error wording (plus one claim of another family). */
  modified?: number;
  /** ElectrumX 1.16.0 behaves unlike later versions on two features (its bad-params wording
   * and no `server.add_peer`), as real versions drift. Default false. */
  versionDrift?: boolean;
}

/**
 * A seeded synthetic population.
 *
 * @example
 * ```ts
 * const pop = syntheticPopulation(1);
 * pop.rows.length === pop.truth.length; // true
 * ```
 */
export function syntheticPopulation(seed: number, options: PopulationOptions = {}): Population {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const hex = (k: number) =>
    Array.from({ length: k }, () => "0123456789abcdef"[Math.floor(random() * 16)]).join("");
  const rows: FeatureRow[] = [], claims: ClaimRow[] = [], truth: TruthRow[] = [];
  const honest: string[] = [];
  let serial = 0;
  const familyOf = () => {
    const r = random();
    return r < 0.55 ? "electrumx" : r < 0.85 ? "fulcrum" : "electrs";
  };
  const issued = (base?: number) =>
    new Date(
      base ?? Date.UTC(2026, 0, 1) + Math.floor(random() * 300) * 86400_000 +
          Math.floor(random() * 86400_000),
    ).toISOString();

  interface Make {
    family: string;
    operator: string;
    kind: ScenarioKind;
    version?: [string, string, string];
    banner?: string | null; // null: default
    donation?: string;
    ports?: string;
    provider?: string;
    cert?: { issuer: string; key: string; days: number; cn: string; at: string; fp?: string };
    behaviour?: Partial<Behaviour>;
    claimAs?: [string, string, string, string]; // claim, family, version, protocol
    modified?: boolean;
  }
  const make = (m: Make) => {
    const server = `s${String(serial++).padStart(4, "0")}.example`;
    const version = m.version ?? pick(VERSIONS[m.family]);
    const ports = m.ports ?? (() => {
      const r = random();
      return r < 0.75
        ? "50001/50002"
        : r < 0.85
        ? "-/50002"
        : r < 0.93
        ? "50001/-"
        : pick(RARE_PORTS);
    })();
    const tls = !ports.endsWith("/-");
    const provider = m.provider ?? pick(PROVIDERS);
    const p = PROVIDERS.indexOf(provider) + 10;
    const prefix16 = `10.${p}.${Math.floor(random() * 3)}`;
    const prefix24 = `${prefix16}.${Math.floor(random() * 64)}`;
    const cert = tls
      ? m.cert ??
        (random() < 0.7
          ? { issuer: "R10", key: "rsa-2048", days: 90, cn: `node.${hex(6)}.org`, at: issued() }
          : {
            issuer: "self-signed",
            key: "rsa-2048",
            days: 3650,
            cn: pick(["<ip>", "localhost"]),
            at: issued(),
          })
      : null;
    const banner = m.banner === undefined ? null : m.banner;
    // A probe that did not run leaves a behaviour feature unknown (5% each).
    const drift: Record<string, string> = options.versionDrift && version[1] === "1.16.0"
      ? {
        wording_bad_params: "invalid params (old)",
        methods_known: "blockchain.name.get;mempool.get_fee_histogram",
      }
      : {};
    const behaviour: Record<string, string | boolean | null> = {
      ...FAMILY_BEHAVIOUR[m.family],
      protocol_max_negotiated: version[2],
      ...drift,
      ...m.behaviour,
    };
    for (const k of Object.keys(behaviour)) {
      if (random() < 0.05 && !(m.behaviour && k in m.behaviour)) behaviour[k] = null;
    }
    const claim = m.claimAs?.[0] ?? version[0];
    rows.push({
      server,
      ...behaviour,
      banner_template: banner ?? DEFAULT_BANNER[m.family],
      banner_default: banner === null,
      donation: m.donation ?? "",
      software_claim: claim,
      hosts_shape: random() < 0.7 ? "by-host" : "empty",
      port_tuple: ports,
      transports: ports.startsWith("-") ? "tls" : tls ? "tcp;tls" : "tcp",
      peers_count: 0,
      host_provider: provider,
      host_prefix16: prefix16,
      host_prefix24: prefix24,
      cert_issuer: cert?.issuer ?? null,
      cert_key: cert?.key ?? null,
      cert_validity_days: cert?.days ?? null,
      cert_cn_template: cert?.cn ?? null,
      cert_issued_at: cert?.at ?? null,
      cert_fingerprint: cert ? cert.fp ?? hex(64) : null,
      cert_key_fingerprint: cert ? cert.fp ? `k${cert.fp}` : hex(64) : null,
      lat_tcp_ms: 5 + random() * 200,
    });
    const fam = m.claimAs?.[1] ?? m.family;
    claims.push({
      server,
      software_claimed: claim,
      family_claimed: fam,
      version_claimed: m.claimAs?.[2] ?? version[1],
      family_inferred: m.family,
      claim_agrees: fam === m.family,
      claim_version_consistent: true,
    });
    truth.push({
      server,
      operator: m.operator,
      cluster_truth: m.family,
      kind: m.kind,
      modified: m.modified ?? false,
    });
    return server;
  };

  const singles = options.singles ?? 200;
  for (let i = 0; i < singles; i++) {
    const r = random();
    const banner = r < 0.5
      ? null
      : r < 0.85
      ? `Welcome to ${hex(5)}'s node <url>`
      : pick(COMMON_BANNERS);
    honest.push(make({
      family: familyOf(),
      operator: `single-${i}`,
      kind: "single",
      banner,
      donation: random() < 0.45 ? `bc1q${hex(30)}` : "",
    }));
  }
  const ops = options.multiOperators ?? 12;
  for (let o = 0; o < ops; o++) {
    const size = 2 + Math.floor(random() * 7);
    const family = familyOf();
    const domain = `op${o}-${hex(4)}.net`;
    const banner = `Operated by ${domain} <url> - donations welcome`;
    const donation = `bc1q${hex(30)}`;
    const providers = random() < 0.5 ? [pick(PROVIDERS)] : [pick(PROVIDERS), pick(PROVIDERS)];
    const ports = random() < 0.7 ? "50001/50002" : pick(RARE_PORTS);
    for (let k = 0; k < size; k++) {
      honest.push(make({
        family,
        operator: `multi-${o}`,
        kind: "multi",
        banner: random() < 0.9 ? banner : null,
        donation: random() < 0.8 ? donation : "",
        provider: pick(providers),
        ports: random() < 0.85 ? ports : "50001/50002",
        cert: {
          issuer: "R10",
          key: "ec-prime256v1",
          days: 90,
          cn: `electrum<n>.${domain}`,
          at: issued(),
        },
      }));
    }
  }
  const fleet: string[] = [];
  const fleetCert = hex(64);
  const burst = Date.UTC(2026, 5, 1, 3);
  for (let i = 0; i < (options.fleet ?? 30); i++) {
    fleet.push(make({
      family: "electrumx",
      operator: "fleet",
      kind: "fleet",
      version: VERSIONS.electrumx[2],
      ports: "50001/50002",
      provider: pick(["gcp", "aws"]),
      cert: {
        issuer: "self-signed",
        key: "ec-prime256v1",
        days: 365,
        cn: "<rand>.cloudnode.net",
        at: issued(burst + Math.floor(random() * 7200_000)),
        fp: fleetCert,
      },
    }));
  }
  const copycats: string[] = [];
  for (let i = 0; i < (options.copycats ?? 12); i++) {
    const r = random();
    copycats.push(make({
      family: "electrumx",
      operator: "copycat",
      kind: "copycat",
      version: VERSIONS.electrumx[2],
      banner: r < 0.5 ? null : pick(COMMON_BANNERS),
      donation: random() < 0.45 ? `bc1q${hex(30)}` : "",
    }));
  }
  const modified = options.modified ?? 4;
  for (let i = 0; i < modified; i++) {
    honest.push(make({
      family: "electrumx",
      operator: `modified-${i}`,
      kind: "modified",
      modified: true,
      version: VERSIONS.electrumx[2],
      behaviour: { wording_unknown_method: `method not found: <q> (patched ${i})` },
    }));
  }
  honest.push(make({
    family: "fulcrum",
    operator: "modified-claim",
    kind: "modified",
    modified: true,
    claimAs: ["ElectrumX 1.19.0", "electrumx", "1.19.0", "1.4.3"],
  }));

  const peers: PeerLink[] = [];
  const listed = new Map<string, number>();
  for (const s of honest) {
    if (random() < 0.2) continue; // peers off
    const chosen = new Set<string>();
    while (chosen.size < Math.min(8, honest.length - 1)) {
      const t = pick(honest);
      if (t !== s) chosen.add(t);
    }
    if (random() < 0.2) chosen.add(pick(fleet.length ? fleet : honest));
    for (const t of chosen) peers.push({ server: s, peer: t });
    listed.set(s, chosen.size);
  }
  for (const group of [fleet, copycats]) {
    for (const s of group) {
      const chosen = new Set<string>();
      while (chosen.size < Math.min(5, group.length - 1)) {
        const t = pick(group);
        if (t !== s) chosen.add(t);
      }
      for (const t of chosen) peers.push({ server: s, peer: t });
      listed.set(s, chosen.size);
    }
  }
  for (const r of rows) (r as Record<string, unknown>).peers_count = listed.get(r.server) ?? 0;
  return { rows, claims, peers, truth };
}
