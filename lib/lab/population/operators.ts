/**
 * Honest multi-server operators, as the real network has them (the seed's "benign clusters"):
 * one entity running several servers under one domain and naming scheme, with one banner (often
 * with a URL) and one donation address, CA-issued certificates each renewed on its own day, one
 * or several providers, versions mixed as upgrades roll out, and the odd server configured
 * differently (TCP only, TLS only, peer discovery off, TLS behind nginx, raised limits). A detector must group each
 * operator's servers and must not call them suspicious.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import { certSpecFor } from "./cert_spec.ts";
import type { CertPractice } from "./cohorts.ts";
import { type BuildContext, issuedSecondMs, newHost } from "./context.ts";
import type { HostSettings, LabHost } from "./host.ts";
import { personality } from "../servers/personalities.ts";
import { WORDS_A, WORDS_B } from "./names.ts";
import { placeHost } from "./placement.ts";
import { customBanner, donationAddress, raisedLimits } from "./variety.ts";

/** One honest operator with several servers. */
export interface OperatorSpec {
  /** Operator id (ground truth `operator`). */
  id: string;
  /** Display name for the banner. */
  name: string;
  /** Every server is named under it. */
  domain: string;
  /** Naming scheme: `electrum<n>`, the family and n (`fulcrum-<n>`), or the region (`fsn1`). */
  naming: "numbered" | "family" | "region";
  /** Servers at the default lab size. */
  servers: number;
  /** Versions run, with weights (one family, mixed versions). */
  personalities: readonly (readonly [string, number])[];
  /** Providers used, with weights (one or several). */
  providers: readonly (readonly [string, number])[];
  /** TLS port of all its servers (TCP is 50001). */
  tlsPort: number;
  /** Certificates: a CA (each renewed on its own day) or self-signed per server. */
  cert: CertPractice;
  /** A banner of the operator's own, shared by its servers. */
  banner: boolean;
  /** A donation address of the operator's own, shared by its servers. */
  donation: boolean;
  /** How many of its servers offer TCP only (no TLS): the first ones. */
  tcpOnly: number;
  /** How many offer TLS only (no TCP): the last ones. */
  tlsOnly: number;
  /** How many have peer discovery off: the second, third, ... */
  peersOff: number;
  /** How many of its TLS servers are behind an nginx terminator: the last ones. */
  terminator: number;
  /** Raised limits on all of its servers. */
  limits: boolean;
}

const op = (
  id: string,
  servers: number,
  naming: OperatorSpec["naming"],
  personalities: OperatorSpec["personalities"],
  providers: OperatorSpec["providers"],
  more: Partial<OperatorSpec> = {},
): OperatorSpec => ({
  id: `op-${id}`,
  name: id.split("-").map((w) => w[0].toUpperCase() + w.slice(1)).join(" "),
  domain: `${id.replaceAll("-", "")}.lab`,
  naming,
  servers,
  personalities,
  providers,
  tlsPort: 50002,
  cert: "lab-ca",
  banner: true,
  donation: true,
  tcpOnly: 0,
  tlsOnly: 0,
  peersOff: 0,
  terminator: 0,
  limits: false,
  ...more,
});

const X = (v: string) => `electrumx-${v}`;
const F = (v: string) => `fulcrum-${v}`;

/**
 * The honest operators of the default lab: 14 operators, 51 servers, 2 to 8 each (sizes are
 * placed so that a small lab, which takes operators from the top, still has several).
 */
export const HONEST_OPERATORS: readonly OperatorSpec[] = [
  op("blockhub-services", 6, "numbered", [[X("1.20.0"), 3], [X("1.19.0"), 1]], [["hetzner", 1], [
    "ovh",
    1,
  ], ["aws", 1]], {
    tlsOnly: 3,
  }),
  op("satoshi-garden", 3, "family", [[F("2.1.1"), 2], [F("2.0.0"), 1]], [["digitalocean", 1]], {
    donation: false,
    tlsOnly: 3,
  }),
  op("nakamoto-forge", 8, "region", [[X("1.20.0"), 2], [X("1.18.0"), 1], [X("1.16.0"), 1]], [
    ["aws", 2],
    ["google", 1],
    ["linode", 1],
  ], { peersOff: 2, tlsOnly: 4 }),
  op("cypher-den", 2, "numbered", [[F("2.1.1"), 1]], [["telekom", 1], ["verizon", 1]], {
    cert: "self-signed-hostname",
    banner: false,
  }),
  op("merkle-works", 5, "family", [[F("2.1.1"), 2], [F("1.12.0"), 1]], [["hetzner", 1], [
    "vultr",
    1,
  ]], {
    terminator: 2,
    tlsOnly: 2,
  }),
  op("orange-vault", 4, "numbered", [[X("1.18.0"), 1], [X("1.17.0"), 1]], [["ovh", 1]], {
    cert: "self-signed-default-dn",
    tcpOnly: 1,
    limits: true,
  }),
  op("sovereign-stack", 2, "region", [[X("1.20.0"), 1]], [["vultr", 1], ["aws", 1]], {
    cert: "self-signed-default-dn",
    donation: false,
    tlsOnly: 2,
  }),
  op("ledger-bay", 3, "numbered", [[F("2.1.0"), 1], [F("2.1.1"), 1]], [["digitalocean", 1], [
    "hetzner",
    1,
  ]], {
    cert: "self-signed-hostname",
    banner: false,
  }),
  op("genesis-point", 7, "family", [[X("1.18.0"), 1], [X("1.20.0"), 2]], [["google", 1], [
    "aws",
    1,
  ]], {
    tlsPort: 443,
    cert: "self-signed-hostname",
    terminator: 2,
    tlsOnly: 4,
  }),
  op("taproot-shed", 2, "numbered", [[X("1.16.0"), 1]], [["comcast", 1]], {
    cert: "self-signed-hostname",
  }),
  op("halving-house", 3, "region", [[F("2.0.0"), 1], [F("2.1.1"), 2]], [["linode", 1], [
    "vultr",
    1,
  ]], {
    tlsPort: 50022,
    peersOff: 1,
  }),
  op("hodl-city", 2, "numbered", [[X("1.20.0"), 1]], [["hetzner", 1]], {
    cert: "self-signed-default-dn",
    banner: false,
    donation: false,
    tlsOnly: 2,
  }),
  op("utxo-farm", 2, "family", [[F("1.10.0"), 1], [F("1.12.0"), 1]], [["ovh", 1]], {
    limits: true,
  }),
  op("segwit-zone", 2, "numbered", [[X("1.18.0"), 1], [X("1.20.0"), 1]], [["digitalocean", 1], [
    "contabo",
    1,
  ]]),
];

/**
 * Plant `n` servers of honest operators, taking operators from the top of the table (the last
 * one possibly with fewer servers, never fewer than 2); a lab larger than the default goes
 * through the table again with operators of the same shape under names of their own (ids
 * `op-<name>-2`, ...; display name and domain two lab words, `Cold Forge` and `cold-forge.lab`:
 * distinct operators do not share a name up to a number, which a banner or name template would
 * fold together). Each operator draws from `rng.fork("operator/<id>")`.
 */
export function plantOperators(ctx: BuildContext, n: number, rng: Rng): void {
  let left = n;
  const taken = new Set(HONEST_OPERATORS.map((o) => o.domain));
  for (let round = 1; left >= 2; round++) {
    for (const base of HONEST_OPERATORS) {
      if (left < 2) break;
      const spec = round === 1 ? base : {
        ...base,
        id: `${base.id}-${round}`,
        ...copyName(rng.fork(`operator-name/${base.id}-${round}`), taken),
      };
      const servers = Math.min(spec.servers, left);
      left -= servers;
      plantOperator(ctx, spec, servers, rng.fork(`operator/${spec.id}`));
    }
  }
}

/** A fresh display name and domain for a copied operator: two lab words not taken yet. */
function copyName(r: Rng, taken: Set<string>): { name: string; domain: string } {
  const cap = (w: string) => w[0].toUpperCase() + w.slice(1);
  for (let tries = 0; tries < 10_000; tries++) {
    const a = r.pick(WORDS_A.map((w) => [w, 1] as const));
    const b = r.pick(WORDS_B.map((w) => [w, 1] as const));
    const domain = `${a}-${b}.lab`;
    if (taken.has(domain)) continue;
    taken.add(domain);
    return { name: `${cap(a)} ${cap(b)}`, domain };
  }
  throw new RangeError(`No operator name left (${taken.size} domains taken)`);
}

function plantOperator(ctx: BuildContext, spec: OperatorSpec, servers: number, r: Rng): void {
  const donation = spec.donation ? donationAddress(r) : null;
  const banner = spec.banner ? customBanner(r, { name: spec.name, domain: spec.domain }) : null;
  const limitsOf = spec.limits
    ? raisedLimits(personality(spec.personalities[0][0]).family, r)
    : undefined;
  const counters = new Map<string, number>();
  for (let k = 0; k < servers; k++) {
    const h = newHost(ctx, "benign-operator", r.pick(spec.personalities));
    h.scenario = "honest-operators";
    h.operator = spec.id;
    placeHost(ctx, h, r.pick(spec.providers), r);
    h.hostname = serverName(spec, h, k, counters);
    ctx.names.add(h.hostname);
    const tcpOnly = k < spec.tcpOnly;
    const tlsOnly = !tcpOnly && k >= servers - spec.tlsOnly;
    if (!tlsOnly) h.tcpPort = 50001;
    if (!tcpOnly) {
      h.tlsPort = spec.tlsPort;
      h.cert = certSpecFor(h, spec.cert, r, ctx.now, issuedSecondMs(ctx, h));
    }
    const s: HostSettings = {};
    if (banner !== null) s.banner = banner;
    if (donation !== null) s.donation = donation;
    if (k >= 1 && k <= spec.peersOff) s.peerDiscovery = false;
    if (h.tlsPort && k >= servers - spec.terminator) s.tlsTerminator = "nginx-openssl3";
    if (limitsOf) s.limits = limitsOf;
    h.settings = s;
    h.lag = r.pick([[0, 9], [1, 1]]);
  }
}

/** The operator's name for its `k`th server under its scheme. */
function serverName(
  spec: OperatorSpec,
  h: LabHost,
  k: number,
  counters: Map<string, number>,
): string {
  switch (spec.naming) {
    case "numbered":
      return `electrum${k + 1}.${spec.domain}`;
    case "family": {
      const fam = personality(h.personality).family;
      const n = (counters.get(fam) ?? 0) + 1;
      counters.set(fam, n);
      return `${fam}-${n}.${spec.domain}`;
    }
    case "region": {
      const region = h.region!.name;
      const n = (counters.get(region) ?? 0) + 1;
      counters.set(region, n);
      return `${region}${n > 1 ? `-${n}` : ""}.${spec.domain}`;
    }
  }
}
