/**
 * The planted scenarios of the lab (after OONI's netemx scenario tables): the roles a host can
 * play, which are adversarial, and each documented adversary or benign look-alike with its count,
 * operator and what it is modelled on; plus the default population size. The honest cohorts are
 * in `cohorts.ts`, the providers in `providers.ts`, the calibration targets in `calibration.ts`.
 *
 * Calibration targets come from `shared/reference/prior-art.md`: about 350 reachable clearnet
 * servers and about 45 onion-only ones; ElectrumX about four in five of those that answer, Fulcrum
 * about one in seven; Google Cloud about a third of clearnet hosts (a quarter of all clearnet
 * being one sybil fleet), then AWS, DigitalOcean, Hetzner; the US about a third, Germany about one
 * in six, Australia about one in eleven.
 *
 * @module
 */
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
  | "proof-forger"
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
  "proof-forger",
]);

/** A planted scenario: a documented adversary or benign look-alike. */
export interface Scenario {
  /** Scenario kind, unique (ground truth `scenario`); the role's name for the first of a role. */
  name: string;
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
    name: "sybil",
    role: "sybil",
    count: 80,
    min: 3,
    operator: "sybil-fleet",
    basis:
      "Cloud fleet 2025-2026 (spesmilo/electrum#10583): ~80 Google Cloud IPs, all ElectrumX 1.19.0, CN template electrumx-<region>-node-N, certificates issued seconds apart, Subject C=GB L=London contradicting the region",
  },
  {
    name: "relay",
    role: "relay",
    count: 3,
    min: 1,
    operator: null,
    basis:
      "Surveillance relay/logger (leaked chain-analysis slides, 2021, prior-art.md): a server of its own address piping every byte to an honest upstream and recording it; tells: 60-140 ms extra application latency on top of its own network path, server.features `hosts` naming the upstream and never itself, the upstream's TLS certificate (the TLS session is the upstream's)",
  },
  {
    name: "phishing",
    role: "phishing",
    count: 2,
    min: 1,
    operator: "phishing-fleet",
    basis:
      'Phishing fleet Dec 2018-2019 (prior-art.md): modified ElectrumX claiming "ElectrumX 1.8.12" (its wire is a 1.16-era ElectrumX) whose blockchain.transaction.broadcast error holds HTML: a "Required Security Update" headline, an image and a link to a look-alike repository (github.com/spesmiIo, capital I for l)',
  },
  {
    name: "modified",
    role: "modified",
    count: 4,
    min: 2,
    operator: null,
    basis:
      "Modified implementations (prior-art.md, 'a claimed version checked from wire behaviour'): half claim ElectrumX 1.20.0 but speak Fulcrum 2.1.1 (CRLF, alphabetical keys, Fulcrum error wording, no padding), half claim Fulcrum 2.1.1 but speak ElectrumX 1.16",
  },
  {
    name: "peer-poisoner",
    role: "peer-poisoner",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Peer announcement abuse 2019 (prior-art.md: honest peer tables held ~9.5k peers of which ~1.5k good): an ElectrumX 1.18 whose server.peers.subscribe adds 60 unreachable addresses packed into one cloud /16 (34.90-91.0.0/16)",
  },
  {
    name: "stale-tip",
    role: "stale-tip",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Stale tip: a server serving a chain view 30+ blocks behind the lab tip (eclipsing a wallet from new blocks); honest servers lag 0-5 blocks at most",
  },
  {
    name: "withholding",
    role: "withholding",
    count: 1,
    min: 1,
    operator: null,
    basis:
      "Withholding: scripthash history, balance, UTXOs and status answered as empty (hiding a wallet's transactions) while headers and fees are honest",
  },
  {
    name: "fee-manipulator",
    role: "fee-manipulator",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Fee manipulator: blockchain.estimatefee and mempool.get_fee_histogram rates multiplied twenty-fold (making wallets overpay)",
  },
  {
    name: "benign-expired-cert",
    role: "benign-expired-cert",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Benign: an honest ElectrumX 1.20.0 whose self-signed certificate expired (common; not a sign of malice)",
  },
  {
    name: "benign-operator",
    role: "benign-operator",
    count: 3,
    min: 3,
    operator: "honest-trio",
    basis:
      "An honest operator running three servers (one name pattern, one CA-issued certificate each, three providers)",
  },
  {
    name: "benign-slow",
    role: "benign-slow",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "Benign: a slow residential electrs node (Comcast or Telstra, 180-320 ms extra network round trip, no extra application latency: handshake and reply are slow alike)",
  },
  {
    name: "honest-operators",
    role: "benign-operator",
    count: 51,
    min: 4,
    operator: null,
    basis:
      "Honest multi-server operators (the seed's benign clusters; Electrum's servers.json lists several operators with 2-8 servers under one domain): 14 operators of 2-8 servers (operators.ts), each with one banner (usually with a URL) and one donation address, names under one domain in one scheme, CA-issued certificates renewed on different days, one or several providers, versions mixed within the operator, the odd server TCP-only, without peer discovery or behind nginx",
  },
  {
    name: "sybil-spread",
    role: "sybil",
    count: 20,
    min: 3,
    operator: "sybil-spread",
    basis:
      "A sybil fleet that learned from the 2025-2026 one: ElectrumX 1.20.0 spread over six providers and their regions (AWS, DigitalOcean, Vultr, Linode, OVH, Hetzner), every node named and certified like an independent honest host (names, certificate practices and issue days drawn per node, no template, no common subject); its tells are behavioural: one configuration on every node (default banner, no donation, TLS 50002 only, services reported) and peer lists that advertise only the fleet",
  },
  {
    name: "copycat-fleet",
    role: "sybil",
    count: 12,
    min: 3,
    operator: "copycat-fleet",
    basis:
      "A fleet that copies the honest population's habits: each node draws its banner (custom with a URL, or default), donation address and limits from the same shares as honest ElectrumX operators (variety.ts), under names and self-signed certificates of its own; tells: one version (ElectrumX 1.18.0), one provider (OVH), certificates issued within one hour of one day, and peer lists that favour the fleet",
  },
  {
    name: "modified-subtle",
    role: "modified",
    count: 2,
    min: 2,
    operator: null,
    basis:
      'A modified server whose only tell is one detail, otherwise an honest-looking ElectrumX 1.20.0 with an ordinary operator configuration: half lack one method (blockchain.transaction.id_from_pos answers unknown method), half word the broadcast rejection differently ("the transaction was rejected by network rules." without bitcoind\'s reason or the echoed transaction)',
  },
  {
    name: "relay-far",
    role: "relay",
    count: 2,
    min: 1,
    operator: null,
    basis:
      "A relay in Europe (Hetzner, Helsinki) in front of an honest server on another continent (North America, Asia or Oceania): a plain TCP forwarder adding 1-5 ms; its tells: the handshake is as fast as its own address is near, every reply as slow as the far upstream, hosts and TLS certificate the upstream's",
  },
  {
    name: "proof-forger",
    role: "proof-forger",
    count: 1,
    min: 1,
    operator: null,
    basis:
      "A proof forger (the attack SPV proofs exist to stop: a server that would make a wallet believe an unconfirmed or made-up payment confirmed, prior-art.md 'invalid proofs'): an honest-looking ElectrumX 1.20.0 with an ordinary operator configuration whose every merkle proof is forged (checkpoint branches of blockchain.block.header with cp_height, transaction branches of get_merkle and id_from_pos: a made-up sibling), consistently, on every connection",
  },
];

/** Default population sizes (reachable clearnet and onion-only). */
export const DEFAULT_CLEARNET = 350;
export const DEFAULT_ONION = 45;
