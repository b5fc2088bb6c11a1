/**
 * The indicator weights of the suspicion score, with their origin. Each weight is the natural
 * log of a likelihood ratio estimated on one lab run by `calibrate` (`calibrate.ts`; rerun:
 * `deno run -A lib/suspect/calibrate.ts data data/lab/<reference file> copycat-fleet`): the hit
 * rate in the adversary kind the indicator best indicates against the rate among honest
 * servers, smoothed, clipped to 5. The calibration run: the default lab (350 clearnet + 45
 * onion servers, seed `electrum-observatory`), with the `copycat-fleet` kind held out. An
 * indicator no lab adversary shows cannot be calibrated there: its weight is a stated prior.
 *
 * @module
 */
import type { IndicatorName } from "./indicator_specs.ts";
import type { IndicatorWeights } from "./score_servers.ts";

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

/** The calibration run the lab weights come from. */
export const CALIBRATION_RUN = {
  scanId: "lab-2026-12-03T13-54-46-283Z",
  labSeed: "electrum-observatory",
  clearnet: 350,
  onion: 45,
  heldOut: "copycat-fleet",
} as const;

function w(
  weight: number,
  honestHits: number,
  honest: number,
  kind: string | null,
  kindHits: number,
  kindServers: number,
  prior?: number,
  reason?: string,
): WeightOrigin {
  return prior === undefined
    ? { weight, origin: "lab", honestHits, honest, kind, kindHits, kindServers, reason: null }
    : {
      weight: prior,
      origin: "prior",
      honestHits,
      honest,
      kind,
      kindHits,
      kindServers,
      reason: reason!,
    };
}

/** Every indicator's weight and its origin. */
export const WEIGHT_ORIGINS: Readonly<Record<IndicatorName, WeightOrigin>> = {
  "cert-name-template": w(3.22, 10, 263, "sybil", 80, 80),
  "issuance-burst": w(5, 0, 263, "sybil", 80, 80),
  "issuance-cluster-on-provider": w(5, 0, 263, "sybil", 80, 80),
  "subject-contradiction": w(5, 0, 263, "sybil", 80, 80),
  "weak-or-absurd-key": w(
    0,
    0,
    263,
    null,
    0,
    0,
    1,
    "no lab case; a weak key is carelessness more often than malice",
  ),
  "default-certificate": w(0, 2, 263, null, 0, 0),
  "cert-shared-across-operators": w(5, 0, 263, "relay", 3, 3),
  "cert-names-other-server": w(5, 0, 263, "relay", 2, 3),
  "cert-expired": w(0.52, 14, 263, "sybil-spread", 2, 20),
  "tls-stack-unlike-claim": w(
    0,
    0,
    263,
    null,
    0,
    0,
    1,
    "no lab case; honest operators put their own TLS fronts in front",
  ),
  "claim-contradicts-wire": w(5, 0, 263, "modified", 4, 4),
  "claim-version-unknown": w(5, 0, 263, "phishing", 2, 2),
  "unlike-its-claim": w(5, 0, 263, "modified-subtle", 2, 2),
  "unknown-error-wording": w(3.8, 1, 263, "modified-subtle", 1, 2),
  "core-method-unknown": w(4.9, 0, 263, "modified-subtle", 1, 2),
  "phishing-broadcast": w(5, 0, 263, "phishing", 2, 2),
  "broadcast-url": w(
    0,
    0,
    263,
    null,
    0,
    0,
    3,
    "no lab case; a URL where bitcoind's plain reason belongs is the 2018-19 pattern without its HTML",
  ),
  "banner-phishing": w(
    0,
    0,
    263,
    null,
    0,
    0,
    3,
    "no lab case; update wording or HTML in a banner is the 2018-19 lure",
  ),
  "banner-url": w(0.63, 28, 263, "relay", 1, 3),
  "broadcast-accepted": w(
    0,
    0,
    263,
    null,
    0,
    0,
    5,
    "no lab case; accepting a transaction that can never be valid has no honest explanation",
  ),
  "stale-tip": w(5, 0, 263, "stale-tip", 2, 2),
  "absurd-fees": w(5, 0, 263, "fee-manipulator", 2, 2),
  "hosts-name-other-server": w(5, 0, 263, "relay", 3, 3),
  "peers-unreachable": w(5, 0, 263, "peer-poisoner", 2, 2),
  "peers-packed-prefix": w(5, 0, 263, "peer-poisoner", 2, 2),
  "peers-one-operator": w(4.62, 0, 52, "sybil-spread", 20, 20),
  "relay-latency": w(5, 0, 263, "relay", 3, 3),
  "geo-beyond-rtt": w(
    0,
    0,
    263,
    null,
    0,
    0,
    2,
    "no lab case (the lab's geolocation is true); a stated place light cannot reach in the round trip is a false place, which honest anycast or a database error also makes",
  ),
  "fleet-one-provider": w(2.46, 4, 52, "sybil", 80, 80),
  "fleet-frozen-version": w(1.53, 11, 52, "sybil", 80, 80),
  "version-provider-cohort": w(
    0,
    0,
    263,
    null,
    0,
    0,
    1.5,
    "no lab case: the operator grouping joins every lab fleet, and a group counts once; an excess of ungrouped deployments of one version on one provider is the 2025-26 fleet that escaped grouping, weak alone (a provider's one-click image)",
  ),
  "group-suspicious": w(4.66, 0, 52, "sybil", 80, 80),
};

/** The weights the score uses by default. */
export const CALIBRATED_WEIGHTS: IndicatorWeights = Object.fromEntries(
  Object.entries(WEIGHT_ORIGINS).map(([k, v]) => [k, v.weight]),
) as unknown as IndicatorWeights;
