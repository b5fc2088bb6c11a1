/**
 * The state one population build shares between its steps: the lab clock, the vantage point, the
 * address picker, the hosts made so far and the names and addresses already taken.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import { blankHost, type LabHost } from "./host.ts";
import type { Role } from "./scenarios.ts";

/** Picks a simulated public address inside a provider's real prefixes. */
export type AddressPicker = (
  asn: number,
  version: 4 | 6,
  country: string,
  rng: Rng,
) => string | null;

/** What the steps of one build share (made by `buildPopulation`, never by callers). */
export interface BuildContext {
  /** The lab's clock: certificate validity windows are placed relative to it. */
  readonly now: Date;
  /** The build's root random stream (steps fork their own streams from it). */
  readonly rng: Rng;
  /** Where latency is measured from. */
  readonly vantage: { latitude: number; longitude: number };
  readonly pickAddress: AddressPicker;
  /** The hosts made so far, in index order. */
  readonly hosts: LabHost[];
  /** Host names already given out. */
  readonly names: Set<string>;
  /** Simulated addresses already given out. */
  readonly usedAddresses: Set<string>;
}

/** Append a blank host with the next index to the build. */
export function newHost(ctx: BuildContext, role: Role, personalityId: string): LabHost {
  const h = blankHost(ctx.hosts.length, role, personalityId);
  ctx.hosts.push(h);
  return h;
}

/**
 * The second of the day (in ms) at which `h`'s certificate was issued, from a stream of the host's
 * own (`issued-at/<id>`), so no other draw moves.
 */
export function issuedSecondMs(ctx: BuildContext, h: LabHost): number {
  return ctx.rng.fork(`issued-at/${h.id}`).int(0, 86_399) * 1000;
}
