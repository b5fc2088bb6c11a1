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
  /** Fewest deployments (operator groups count once) of a version-provider cohort. Default: 5. */
  minCohort?: number;
  /** Fewest deployments on the other providers of the class for a background rate. Default: 20. */
  minBackground?: number;
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
  const minBackground = options.minBackground ?? 20;
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

  // Version-provider cohorts against the version's background rate on the other providers of
  // the same class. A unit is one deployment decision: an operator group counts once, an
  // ungrouped server once. Home and datacentre operators choose software differently (a
  // personal server runs at home), so the background is taken within the provider class; and a
  // fleet must not raise its own expectation, so the cell's provider is left out of it.
  const cls = (s: string) => text(ctx.geo.get(s)?.provider_class) ?? "";
  const unitOf = (s: string) => ctx.group.get(s) ?? `\u0001${s}`;
  const known = ctx.scored.filter((s) => asn(s) !== null && soft(s) !== null);
  const cellUnits = new Map<string, Set<string>>(), cellServers = new Map<string, string[]>();
  const asUnits = new Map<string, Set<string>>(), classUnits = new Map<string, Set<string>>();
  const classSoftUnits = new Map<string, Set<string>>();
  const add = (m: Map<string, Set<string>>, k: string, u: string) =>
    m.set(k, (m.get(k) ?? new Set()).add(u));
  for (const s of known) {
    const u = unitOf(s), k = `${soft(s)}\u0000${asn(s)}\u0000${cls(s)}`;
    add(cellUnits, k, u);
    cellServers.set(k, [...(cellServers.get(k) ?? []), s]);
    add(asUnits, `${asn(s)}\u0000${cls(s)}`, u);
    add(classUnits, cls(s), `${asn(s)}\u0000${u}`);
    add(classSoftUnits, `${cls(s)}\u0000${soft(s)}`, `${asn(s)}\u0000${u}`);
  }
  for (const [k, units] of cellUnits) {
    const c = units.size;
    if (c < minCohort) continue;
    const [sw, as, pc] = k.split("\u0000");
    const here = asUnits.get(`${as}\u0000${pc}`)!.size;
    const elsewhere = classUnits.get(pc)!.size - here;
    if (elsewhere < minBackground) continue;
    const swElsewhere = classSoftUnits.get(`${pc}\u0000${sw}`)!.size - c;
    // Add-half smoothing: a version never seen elsewhere is rare, not impossible.
    const expected = here * (swElsewhere + 0.5) / (elsewhere + 1);
    const p = poissonTail(c, expected);
    if (c < ratio * expected || p > pMax) continue;
    for (const s of cellServers.get(k)!) {
      hit(s, {
        indicator: "version-provider-cohort",
        value: `${c} deployments ${quote(sw)} on AS${as}, ${
          expected.toFixed(1)
        } expected from the other ${pc || "unclassed"} providers`,
        evidence: [ref("servers.csv", s, "software", sw), ref("geo.csv", s, "asn", as)],
      });
    }
  }
  return out;
}
