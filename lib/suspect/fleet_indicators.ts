/**
 * The clustering indicators of the suspicion score that read operator groups and cohorts (see
 * `INDICATOR_SPECS`): a group on one provider, a group on one frozen version, and an unusual
 * cohort of one claimed version on one autonomous system whether grouped or not. The group's
 * own suspicion (`group-suspicious`) is added by the scorer, which needs the members' scores.
 *
 * @module
 */
import { type IndicatorHit, quote, ref, type SuspectContext, text } from "./suspect_context.ts";

/** Options of {@linkcode fleetIndicators}. */
export interface FleetIndicatorOptions {
  /** Fewest members of a group for the fleet rules. Default: 4. */
  minFleet?: number;
  /** Fewest servers of a version-provider cohort. Default: 5. */
  minCohort?: number;
  /** Cohort over expected count, at least. Default: 2. */
  cohortRatio?: number;
  /** Poisson tail probability of the cohort's count, at most. Default: 0.001. */
  cohortP?: number;
}

/** P(X >= k) for X ~ Poisson(lambda). */
export function poissonTail(k: number, lambda: number): number {
  if (k <= 0) return 1;
  let term = Math.exp(-lambda), below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= lambda / (i + 1);
  }
  return Math.max(0, 1 - below);
}

/**
 * Find the fleet indicators of every scored server.
 *
 * @param ctx The indexed tables.
 * @param options See {@linkcode FleetIndicatorOptions}.
 * @returns Hits by server (servers without a hit absent).
 * @example
 * ```ts
 * fleetIndicators(suspectContext(tables)).get("node-7.fleet.example");
 * ```
 */
export function fleetIndicators(
  ctx: SuspectContext,
  options: FleetIndicatorOptions = {},
): Map<string, IndicatorHit[]> {
  const minFleet = options.minFleet ?? 4;
  const minCohort = options.minCohort ?? 5;
  const ratio = options.cohortRatio ?? 2;
  const pMax = options.cohortP ?? 0.001;
  const out = new Map<string, IndicatorHit[]>();
  const hit = (s: string, h: IndicatorHit) => out.set(s, [...(out.get(s) ?? []), h]);
  const asn = (s: string) => text(ctx.geo.get(s)?.asn);
  const soft = (s: string) => text(ctx.server.get(s)?.software);
  const scored = new Set(ctx.scored);

  for (const [g, all] of ctx.members) {
    const m = all.filter((s) => scored.has(s));
    if (m.length < minFleet) continue;
    const asns = new Set(m.map(asn));
    if (asns.size === 1 && !asns.has(null)) {
      for (const s of m) {
        hit(s, {
          indicator: "fleet-one-provider",
          value: `${g}: ${m.length} servers on AS${[...asns][0]}`,
          evidence: [ref("geo.csv", s, "asn", asn(s)), ref("clusters.csv", s, "operator_group", g)],
        });
      }
    }
    const softs = new Set(m.map(soft));
    if (softs.size === 1 && !softs.has(null)) {
      for (const s of m) {
        hit(s, {
          indicator: "fleet-frozen-version",
          value: `${g}: ${m.length} servers all ${quote(soft(s))}`,
          evidence: [
            ref("servers.csv", s, "software", soft(s)),
            ref("clusters.csv", s, "operator_group", g),
          ],
        });
      }
    }
  }

  // Version-provider cohorts against independence of claim and provider.
  const known = ctx.scored.filter((s) => asn(s) !== null && soft(s) !== null);
  const n = known.length;
  const nSoft = new Map<string, number>(), nAsn = new Map<string, number>();
  const cohort = new Map<string, string[]>();
  for (const s of known) {
    nSoft.set(soft(s)!, (nSoft.get(soft(s)!) ?? 0) + 1);
    nAsn.set(asn(s)!, (nAsn.get(asn(s)!) ?? 0) + 1);
    const k = `${soft(s)}\u0000${asn(s)}`;
    cohort.set(k, [...(cohort.get(k) ?? []), s]);
  }
  for (const [k, m] of cohort) {
    if (m.length < minCohort) continue;
    const [sw, as] = k.split("\u0000");
    const expected = nSoft.get(sw)! * nAsn.get(as)! / n;
    const p = poissonTail(m.length, expected);
    if (m.length < ratio * expected || p > pMax) continue;
    for (const s of m) {
      hit(s, {
        indicator: "version-provider-cohort",
        value: `${m.length} servers ${quote(sw)} on AS${as}, ${expected.toFixed(1)} expected`,
        evidence: [ref("servers.csv", s, "software", sw), ref("geo.csv", s, "asn", as)],
      });
    }
  }
  return out;
}
