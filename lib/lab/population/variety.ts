/**
 * Configuration variety within an implementation family: the settings real operators change
 * (a custom banner, often with a URL; a donation address set or cleared; peer discovery off; TLS
 * terminated by nginx in front; raised limits), with how often each family's operators change
 * them, and the drawing of one host's settings from these shares. Honest single-server hosts,
 * honest operators and the fleets that imitate them all draw from here, so an imitation has the
 * same habits as the honest population.
 *
 * @module
 */
import { MAINNET, scriptToAddress } from "../../bitcoin/address.ts";
import type { Family } from "../servers/personalities.ts";
import type { Rng } from "../rng.ts";
import type { HostSettings } from "./host.ts";
import { WORDS_A, WORDS_B } from "./names.ts";

/** How often a family's operators change each setting (shares of hosts, 0..1). */
export interface FamilyVariety {
  /** A banner of their own instead of the default. */
  banner: number;
  /** A donation address of their own. */
  donation: number;
  /** The default donation address cleared (Fulcrum's default is its author's). */
  clearDonation: number;
  /** Peer discovery switched off. */
  peersOff: number;
  /** Of hosts offering TLS: TLS terminated by nginx in front instead of the server's own. */
  terminator: number;
  /** Raised request-size or connection limits. */
  limits: number;
}

/**
 * Shares per family. No survey measures these; they are set so that every kind of difference
 * occurs several times in a default lab while defaults stay the majority, as in Electrum's seed
 * list (most seeds show default banners, a minority a custom text with a URL). electrs and
 * esplora have no donation or discovery setting, electrs' TLS is always nginx's, and EPS has no
 * settings of these kinds.
 */
export const VARIETY: Readonly<Record<Family, FamilyVariety>> = {
  electrumx: {
    banner: 0.2,
    donation: 0.15,
    clearDonation: 0,
    peersOff: 0.05,
    terminator: 0.06,
    limits: 0.06,
  },
  fulcrum: {
    banner: 0.2,
    donation: 0.15,
    clearDonation: 0.15,
    peersOff: 0.06,
    terminator: 0.05,
    limits: 0.06,
  },
  electrs: {
    banner: 0.25,
    donation: 0,
    clearDonation: 0,
    peersOff: 0,
    terminator: 0,
    limits: 0,
  },
  esplora: { banner: 0, donation: 0, clearDonation: 0, peersOff: 0, terminator: 0, limits: 0 },
  eps: { banner: 0, donation: 0, clearDonation: 0, peersOff: 0, terminator: 0, limits: 0 },
};

/** Banner texts operators write; `{name}`, `{domain}` and `{year}` are filled per operator. */
export const BANNER_TEMPLATES: readonly string[] = [
  "Welcome to {name}! Running $SERVER_VERSION. https://{domain}/",
  "{name} Electrum server - status and contact: https://status.{domain}/",
  "You are connected to {name}. Donations keep this server running: $DONATION_ADDRESS",
  "$SERVER_VERSION at {name}, public since {year}. Questions: admin@{domain}",
  "Hello from {name}. No logs are kept. https://{domain}/privacy",
  "{name} - a public Electrum server. Please consider donating: $DONATION_ADDRESS",
];

/** An operator identity for banners: a display name and a domain. */
export interface OperatorLabel {
  name: string;
  domain: string;
}

/** A display name and domain made of two words (the second label of `hostname` when given). */
export function operatorLabel(r: Rng, hostname?: string | null): OperatorLabel {
  const fromName = hostname?.split(".").slice(-2, -1)[0];
  const a = r.pick(WORDS_A.map((w) => [w, 1] as const));
  const b = r.pick(WORDS_B.map((w) => [w, 1] as const));
  const base = fromName ?? `${a}${b}`;
  const name = fromName ? cap(fromName) : `${cap(a)} ${cap(b)}`;
  return { name, domain: `${base}.lab` };
}

/** A banner from one of the templates for `label`. */
export function customBanner(r: Rng, label: OperatorLabel): string {
  return r.pick(BANNER_TEMPLATES.map((t) => [t, 1] as const))
    .replaceAll("{name}", label.name)
    .replaceAll("{domain}", label.domain)
    .replaceAll("{year}", String(r.int(2017, 2025)));
}

/** A valid mainnet P2WPKH address from 20 drawn bytes (a stand-in for an operator's own). */
export function donationAddress(r: Rng): string {
  const script = new Uint8Array(22);
  script[1] = 20;
  for (let i = 2; i < 22; i++) script[i] = r.int(0, 255);
  return scriptToAddress(script, MAINNET)!;
}

/** Raised limits of the kind operators set (ElectrumX `MAX_RECV`, cost limits; Fulcrum
 * `max_clients_per_ip`, `max_buffer`). */
export function raisedLimits(family: Family, r: Rng): HostSettings["limits"] {
  if (family === "electrumx") {
    return r.chance(0.5)
      ? { maxRecv: r.pick([[2_000_000, 2], [5_000_000, 1]]) }
      : { cost: r.pick([[{ soft: 2000, hard: 20_000 }, 1], [{ soft: 5000, hard: 50_000 }, 1]]) };
  }
  return r.chance(0.5)
    ? { perIpConnections: r.pick([[24, 2], [50, 1]]) }
    : { maxRecv: r.pick([[16_000_000, 1], [4_000_000, 1]]) };
}

/**
 * Draw one host's settings from its family's shares.
 *
 * @param family The family it runs.
 * @param hasTls Whether it offers TLS (a terminator needs it).
 * @param r The host's own stream.
 * @param hostname Its name, for the operator label a banner uses.
 */
export function drawSettings(
  family: Family,
  hasTls: boolean,
  r: Rng,
  hostname: string | null,
): HostSettings {
  const v = VARIETY[family];
  const s: HostSettings = {};
  if (r.chance(v.donation)) s.donation = donationAddress(r);
  else if (r.chance(v.clearDonation)) s.donation = "";
  if (r.chance(v.banner)) s.banner = customBanner(r, operatorLabel(r, hostname));
  if (r.chance(v.peersOff)) s.peerDiscovery = false;
  if (hasTls && r.chance(v.terminator)) s.tlsTerminator = "nginx-openssl3";
  if (r.chance(v.limits)) s.limits = raisedLimits(family, r);
  return s;
}

function cap(w: string): string {
  return w.charAt(0).toUpperCase() + w.slice(1);
}
