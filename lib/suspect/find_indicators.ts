/**
 * Every indicator hit of every scored server, from the tables alone (the group's own suspicion
 * is added by `scoreServers`, which needs the members' scores).
 *
 * @module
 */
import { type IndicatorHit, suspectContext, type SuspectTables } from "./suspect_context.ts";
import { type TlsIndicatorOptions, tlsIndicators } from "./tls_indicators.ts";
import { type BehaviourIndicatorOptions, behaviourIndicators } from "./behaviour_indicators.ts";
import { type FleetIndicatorOptions, fleetIndicators } from "./fleet_indicators.ts";

/** Options of {@linkcode findIndicators}: each family's thresholds (defaults in its file). */
export interface FindIndicatorOptions {
  tls?: TlsIndicatorOptions;
  behaviour?: BehaviourIndicatorOptions;
  fleet?: FleetIndicatorOptions;
}

/** Hits by server, every scored server present (an empty list when nothing was hit). */
export type HitsByServer = Map<string, IndicatorHit[]>;

/**
 * Find the indicator hits of every server of `features.csv`.
 *
 * @param tables The tables as read from `data/`.
 * @param options See {@linkcode FindIndicatorOptions}.
 * @returns Hits by server, in `features.csv` order.
 * @example
 * ```ts
 * const hits = findIndicators(tables);
 * hits.get("phish.example")?.map((h) => h.indicator); // ["phishing-broadcast", ...]
 * ```
 */
export function findIndicators(
  tables: SuspectTables,
  options: FindIndicatorOptions = {},
): HitsByServer {
  const ctx = suspectContext(tables);
  const parts = [
    tlsIndicators(ctx, options.tls),
    behaviourIndicators(ctx, options.behaviour),
    fleetIndicators(ctx, options.fleet),
  ];
  const out: HitsByServer = new Map();
  for (const s of ctx.scored) out.set(s, parts.flatMap((p) => p.get(s) ?? []));
  return out;
}
