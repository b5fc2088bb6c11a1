/**
 * A host's operator configuration applied to what it serves: the personality the engine runs
 * (banner, donation address, limits, removed methods) and the TLS stack that answers on its TLS
 * port (the software's own, or a terminating proxy's). `lab.ts` calls these two when it starts
 * a host; everything else about a configuration is decided when the population is built.
 *
 * @module
 */
import type { Personality } from "../servers/personalities.ts";
import { TLS_STACKS, type TlsStack, tlsStackOf } from "../servers/tls_stacks.ts";
import type { LabHost } from "./host.ts";

/**
 * The personality `h` serves: `p` (its behaviour with the software string and banner it claims)
 * with its operator's settings applied. The banner's `$SERVER_VERSION` becomes the claimed
 * software string and `$DONATION_ADDRESS` the donation address, as ElectrumX and Fulcrum
 * substitute them.
 *
 * @example
 * ```ts
 * configuredPersonality(host, personality("electrumx-1.20.0")).banner;
 * ```
 */
export function configuredPersonality(h: LabHost, p: Personality): Personality {
  const s = h.settings;
  if (Object.keys(s).length === 0) return p;
  const donation = s.donation !== undefined ? s.donation : p.donation;
  const banner = s.banner === undefined ? p.banner : s.banner
    .replaceAll("$SERVER_VERSION", p.software)
    .replaceAll("$DONATION_ADDRESS", donation ?? "");
  const limits = { ...p.limits };
  if (s.limits?.maxRecv !== undefined) limits.maxRecv = s.limits.maxRecv;
  if (s.limits?.perIpConnections !== undefined) {
    limits.perIpConnections = s.limits.perIpConnections;
  }
  if (s.limits?.cost && limits.cost) limits.cost = { ...limits.cost, ...s.limits.cost };
  const missingMethods = s.removedMethods
    ? [...p.missingMethods, ...s.removedMethods]
    : p.missingMethods;
  return { ...p, banner, donation, limits, missingMethods };
}

/**
 * The TLS stack answering on `h`'s TLS port: its terminator's when one is configured, else its
 * family's.
 *
 * @throws {RangeError} For an unknown terminator id or family.
 */
export function tlsStackFor(h: LabHost, family: Personality["family"]): TlsStack {
  const id = h.settings.tlsTerminator;
  if (id === undefined) return tlsStackOf(family);
  const stack = Object.hasOwn(TLS_STACKS, id) ? TLS_STACKS[id] : undefined;
  if (!stack) throw new RangeError(`Unknown TLS terminator ${JSON.stringify(id)} for ${h.id}`);
  return stack;
}
