/**
 * Leave one kind out: for each adversary kind of a lab run, calibrate the weights on that run
 * without the kind, score, and count how many of its servers still reach the high tier. It
 * shows which kinds the score finds through evidence learnt from other kinds, and which only
 * through their own.
 *
 * @module
 */
import { calibrate } from "./calibrate.ts";
import type { HitsByServer } from "./find_indicators.ts";
import type { ReferenceVerdict } from "./reference_verdicts.ts";
import { scoreServers } from "./score_servers.ts";

/** One kind's result. */
export interface HeldOutRow {
  readonly kind: string;
  readonly servers: number;
  /** Its servers in the high tier when it was held out of the calibration. */
  readonly high: number;
  /** Its servers in the high tier with every kind calibrated (on this run). */
  readonly highWhenSeen: number;
}

/**
 * Run the leave-one-kind-out calibration on one lab run.
 *
 * @param hits Hits by server (`findIndicators`, as `deriveHss` returns them).
 * @param groups Operator group by server.
 * @param verdicts The lab's verdicts.
 * @example
 * ```ts
 * const { hits, groupOf } = deriveHss(tables);
 * leaveOneKindOut(hits, groupOf, verdicts);
 * ```
 */
export function leaveOneKindOut(
  hits: HitsByServer,
  groups: ReadonlyMap<string, string>,
  verdicts: readonly ReferenceVerdict[],
): HeldOutRow[] {
  const v = new Map(verdicts.map((x) => [x.server, x]));
  const kinds = [
    ...new Set(
      [...hits.keys()].map((s) => v.get(s)).filter((x) => x?.adversarial).map((x) => x!.kind),
    ),
  ].sort();
  const highOf = (kind: string, holdOut: string | null) => {
    const { weights } = calibrate(hits, groups, verdicts, { holdOut });
    return scoreServers(hits, groups, weights).filter((s) =>
      v.get(s.server)?.kind === kind && s.tier === "high"
    ).length;
  };
  const seen = calibrate(hits, groups, verdicts);
  const all = scoreServers(hits, groups, seen.weights);
  return kinds.map((kind) => ({
    kind,
    servers: [...hits.keys()].filter((s) => v.get(s)?.kind === kind).length,
    high: highOf(kind, kind),
    highWhenSeen: all.filter((s) => v.get(s.server)?.kind === kind && s.tier === "high").length,
  }));
}
