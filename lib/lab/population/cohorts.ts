/**
 * The honest cohorts of the lab: per implementation family, its version, provider, transport,
 * port, certificate, naming and lag mixes; and the onion-only mix. `population.ts` draws honest
 * hosts from these tables.
 *
 * @module
 */

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

/** The hosted provider mix of the ElectrumX and Fulcrum cohorts. */
export const HOSTED = [
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
// Most CA-issued certificates of the lab are the multi-server operators' (operators.ts), so a
// single-server host has one less often.
export const SELF_SIGNED_MIX = [
  ["self-signed-default-dn", 38],
  ["self-signed-hostname", 53],
  ["lab-ca", 4],
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
