/**
 * The Honeypot Suspicion Score: a naive-Bayes combination of indicator likelihood ratios.
 * Each dependent family of indicators a server hits (`DEPENDENT_FAMILIES`; an indicator outside
 * them is its own family) adds the weight of its heaviest hit (the natural log of a likelihood
 * ratio, calibrated on the lab: `weights.ts`) to the prior log-odds; HSS is 100 times the
 * posterior probability. Tiers are fixed cut-offs on it, chosen before any evaluation: high at
 * a posterior of 0.9, medium at 0.5. Two passes: the second adds `group-suspicious` to every
 * member of an operator group in which another member reached medium on its own evidence (its
 * hits outside the `shared-fleet-traits` family and those only a grouped server can have), so a
 * group's shared traits cannot raise its members through one another.
 *
 * @module
 */
import { familyOf, GROUP_SCOPED, type IndicatorName, indicatorSpec } from "./indicator_specs.ts";
import type { IndicatorHit } from "./suspect_context.ts";
import type { HitsByServer } from "./find_indicators.ts";

/** Suspicion tiers (a closed set). */
export type Tier = "high" | "medium" | "benign";

/** Indicators whose value names the server another one impersonates. */
const IMPERSONATION: ReadonlySet<IndicatorName> = new Set([
  "cert-names-other-server",
  "hosts-name-other-server",
]);

/** Prior probability that a server is adversarial, before any evidence: one in ten. */
export const HSS_PRIOR = 0.1;

/** Tier cut-offs on HSS (posterior x 100), fixed before the evaluation. */
export const TIER_THRESHOLDS = { high: 90, medium: 50 } as const;

/** Weights by indicator: natural log of the likelihood ratio, 0 or more. */
export type IndicatorWeights = Readonly<Record<IndicatorName, number>>;

/** A hit with its weight. */
export interface WeightedHit extends IndicatorHit {
  readonly weight: number;
}

/** One server's score. */
export interface ServerScore {
  readonly server: string;
  /** 0-100. */
  readonly hss: number;
  readonly tier: Tier;
  /** Hits, heaviest first. */
  readonly hits: readonly WeightedHit[];
  /** The top evidence in plain words (at most three hits). */
  readonly evidence: string;
  readonly group: string | null;
}

/** Options of {@linkcode scoreServers}. */
export interface ScoreOptions {
  /** Prior probability of an adversary. Default: {@linkcode HSS_PRIOR}. */
  prior?: number;
}

/** The tier of a score. */
export function tierOf(hss: number): Tier {
  return hss >= TIER_THRESHOLDS.high ? "high" : hss >= TIER_THRESHOLDS.medium ? "medium" : "benign";
}

/** A hit in plain words. */
export function hitWords(h: IndicatorHit): string {
  return indicatorSpec(h.indicator).words.replace("{value}", h.value);
}

function scoreOne(
  server: string,
  hits: readonly IndicatorHit[],
  weights: IndicatorWeights,
  prior: number,
  group: string | null,
): ServerScore {
  const weighted = hits.map((h) => ({ ...h, weight: weights[h.indicator] ?? 0 }))
    .sort((a, b) => b.weight - a.weight || (a.indicator < b.indicator ? -1 : 1));
  const seen = new Set<string>();
  let logit = Math.log(prior / (1 - prior));
  for (const h of weighted) {
    // Sorted heaviest first: the first hit of each family is its heaviest.
    if (seen.has(familyOf(h.indicator))) continue;
    seen.add(familyOf(h.indicator));
    logit += h.weight;
  }
  const hss = Math.round(1000 / (1 + Math.exp(-logit))) / 10;
  const top = weighted.filter((h) => h.weight > 0).slice(0, 3).map(hitWords);
  return {
    server,
    hss,
    tier: tierOf(hss),
    hits: weighted,
    evidence: top.length ? top.join("; ") : "no indicator with weight",
    group,
  };
}

/**
 * Score every server.
 *
 * @param hits Hits by server (`findIndicators`).
 * @param groups Operator group by server (from `clusters.csv`; absent: in no group).
 * @param weights Weight by indicator (`CALIBRATED_WEIGHTS`, or a calibration's).
 * @param options See {@linkcode ScoreOptions}.
 * @returns One score per server, in the order of `hits`.
 * @throws {RangeError} If the prior is not strictly between 0 and 1.
 * @example
 * ```ts
 * const scores = scoreServers(findIndicators(tables), groups, CALIBRATED_WEIGHTS);
 * scores.filter((s) => s.tier === "high");
 * ```
 */
export function scoreServers(
  hits: HitsByServer,
  groups: ReadonlyMap<string, string>,
  weights: IndicatorWeights,
  options: ScoreOptions = {},
): ServerScore[] {
  const prior = options.prior ?? HSS_PRIOR;
  if (!(prior > 0 && prior < 1)) throw new RangeError(`prior ${prior} is not in (0, 1)`);
  const first = [...hits].map(([s, h]) => scoreOne(s, h, weights, prior, groups.get(s) ?? null));
  const suspicious = new Map<string, string[]>();
  for (const s of first) {
    if (!s.group) continue;
    const own = hits.get(s.server)!.filter((h) =>
      !GROUP_SCOPED.has(h.indicator) && familyOf(h.indicator) !== "shared-fleet-traits"
    );
    if (scoreOne(s.server, own, weights, prior, s.group).tier !== "benign") {
      suspicious.set(s.group, [...(suspicious.get(s.group) ?? []), s.server]);
    }
  }
  const size = new Map<string, number>();
  for (const g of groups.values()) size.set(g, (size.get(g) ?? 0) + 1);
  return first.map((s) => {
    // A member that presents this server's name (its certificate or `hosts`) impersonates it:
    // that is evidence against the member, not that this server shares its operator.
    const others = (s.group ? suspicious.get(s.group) ?? [] : []).filter((o) =>
      o !== s.server &&
      !hits.get(o)!.some((h) => IMPERSONATION.has(h.indicator) && h.value === s.server)
    );
    if (!others.length) return s;
    const extra: IndicatorHit = {
      indicator: "group-suspicious",
      value: `${s.group}: ${others.length} of ${size.get(s.group!)! - 1} other members`,
      evidence: others.slice(0, 3).map((o) => `hss.csv[${o}] tier=medium or high`),
    };
    return scoreOne(s.server, [...hits.get(s.server)!, extra], weights, prior, s.group);
  });
}
