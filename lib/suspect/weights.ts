/**
 * The indicator weights of the suspicion score, with their origin. Each weight is the natural
 * log of a likelihood ratio estimated on one lab run (`CALIBRATION_RUN`) by `calibrate`
 * (`calibrate.ts`), kept with its counts in the generated `lab_calibration.ts`: the hit rate in
 * the adversary kind the indicator best indicates against the rate among honest servers,
 * smoothed, clipped to 5. An indicator no lab adversary shows cannot be calibrated there: its
 * weight is a stated prior (`PRIOR_WEIGHTS`, kept here by hand with the reason).
 *
 * @module
 */
import type { IndicatorName } from "./indicator_specs.ts";
import type { IndicatorWeights } from "./score_servers.ts";
import { LAB_CALIBRATION } from "./lab_calibration.ts";

/** Where a weight comes from. */
export interface WeightOrigin {
  /** Natural log of the likelihood ratio (0 to 5). */
  readonly weight: number;
  /** `lab`: calibrated; `prior`: no lab case, set by hand with the reason. */
  readonly origin: "lab" | "prior";
  /** Calibration counts: honest servers hit, honest servers. */
  readonly honestHits: number;
  readonly honest: number;
  /** The kind it best indicates, its servers hit and its servers (null: none hit it). */
  readonly kind: string | null;
  readonly kindHits: number;
  readonly kindServers: number;
  /** Why a prior weight is what it is (null for lab weights). */
  readonly reason: string | null;
}

/** A lab calibration as `lab_calibration.ts` keeps it (printed by `calibrate.ts`'s command). */
export interface LabCalibration {
  /** The calibration run: scan, lab seed and size, the kind held out. */
  readonly run: {
    readonly scanId: string;
    readonly labSeed: string;
    /** Clearnet servers of the lab. */
    readonly clearnet: number;
    /** Onion servers of the lab. */
    readonly onion: number;
    readonly heldOut: string | null;
  };
  /** Each indicator's weight and the counts it was estimated from. */
  readonly indicators: Readonly<Record<IndicatorName, Omit<WeightOrigin, "origin" | "reason">>>;
}

/** The generated calibration, checked against its type (every indicator present). */
const LAB: LabCalibration = LAB_CALIBRATION;

/** The calibration run the lab weights come from: scan, lab seed and size, the kind held out. */
export const CALIBRATION_RUN: LabCalibration["run"] = LAB.run;

/** Weights of indicators no lab adversary shows (the lab gives them 0), each with its reason. */
export const PRIOR_WEIGHTS: Readonly<
  Partial<Record<IndicatorName, { readonly weight: number; readonly reason: string }>>
> = {
  "weak-or-absurd-key": {
    weight: 1,
    reason: "no lab case; a weak key is carelessness more often than malice",
  },
  "tls-stack-unlike-claim": {
    weight: 1,
    reason: "no lab case; honest operators put their own TLS fronts in front",
  },
  "broadcast-url": {
    weight: 3,
    reason:
      "no lab case; a URL where bitcoind's plain reason belongs is the 2018-19 pattern without its HTML",
  },
  "banner-phishing": {
    weight: 3,
    reason: "no lab case; update wording or HTML in a banner is the 2018-19 lure",
  },
  "broadcast-accepted": {
    weight: 5,
    reason:
      "no lab case; accepting a transaction that can never be valid has no honest explanation",
  },
  "invalid-proof-once": {
    weight: 1,
    reason:
      "no lab case; one bad proof is what a real ElectrumX can serve just after it starts, so it is weak alone",
  },
  "geo-beyond-rtt": {
    weight: 2,
    reason:
      "no lab case (the lab's geolocation is true); a stated place light cannot reach in the round trip is a false place, which honest anycast or a database error also makes",
  },
  "version-provider-cohort": {
    weight: 1.5,
    reason:
      "no lab case: the operator grouping joins every lab fleet, and a group counts once; an excess of ungrouped deployments of one version on one provider is the 2025-26 fleet that escaped grouping, weak alone (a provider's one-click image)",
  },
};

/** Every indicator's weight and its origin: the lab calibration's, or a prior over it. */
export const WEIGHT_ORIGINS: Readonly<Record<IndicatorName, WeightOrigin>> = Object.fromEntries(
  Object.entries(LAB.indicators).map(([name, lab]) => {
    const prior = PRIOR_WEIGHTS[name as IndicatorName];
    const origin: WeightOrigin = prior
      ? { ...lab, weight: prior.weight, origin: "prior", reason: prior.reason }
      : { ...lab, origin: "lab", reason: null };
    return [name, origin];
  }),
) as Record<IndicatorName, WeightOrigin>;

/** The weights the score uses by default. */
export const CALIBRATED_WEIGHTS: IndicatorWeights = Object.fromEntries(
  Object.entries(WEIGHT_ORIGINS).map(([k, v]) => [k, v.weight]),
) as unknown as IndicatorWeights;
