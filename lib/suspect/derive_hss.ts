/**
 * `hss.csv`: the Honeypot Suspicion Score of every server of `features.csv`, its tier, the
 * indicators it hit, its top evidence in plain words, its operator group and the group's tier;
 * and the group view (each operator group's tier, benign clusters named with the reason).
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import { type FindIndicatorOptions, findIndicators, type HitsByServer } from "./find_indicators.ts";
import {
  type IndicatorWeights,
  scoreServers,
  type ServerScore,
  type Tier,
} from "./score_servers.ts";
import { CALIBRATED_WEIGHTS } from "./weights.ts";
import { type SuspectTables, text } from "./suspect_context.ts";

/** One operator group's tier. */
export interface GroupTier {
  readonly group: string;
  readonly servers: number;
  readonly tier: Tier;
  readonly high: number;
  readonly medium: number;
  /** Why the tier: the suspicious members, or for a benign cluster what links it and why it is
   * taken as an honest operator. */
  readonly reason: string;
}

/** Result of {@linkcode deriveHss}. */
export interface DerivedHss {
  /** Rows of `hss.csv`, highest score first. */
  readonly rows: Row[];
  /** The servers' scores in the order of `rows` (highest score first, then by server). */
  readonly scores: readonly ServerScore[];
  readonly groups: readonly GroupTier[];
  /** The indicator hits found from the tables (`findIndicators`, before `group-suspicious`):
   * what a calibration on this run reads. */
  readonly hits: HitsByServer;
  /** Operator group by server (from `clusters.csv`; servers in no group absent). */
  readonly groupOf: ReadonlyMap<string, string>;
}

/** Options of {@linkcode deriveHss}. */
export interface DeriveHssOptions extends FindIndicatorOptions {
  /** Weights by indicator. Default: `CALIBRATED_WEIGHTS`. */
  weights?: IndicatorWeights;
}

function groupTiers(scores: readonly ServerScore[], tables: SuspectTables): GroupTier[] {
  const evidence = new Map(
    tables.clusters.map((c) => [String(c.server), text(c.operator_evidence)]),
  );
  const software = new Map(tables.servers.map((s) => [String(s.server), text(s.software)]));
  const provider = new Map(
    tables.geo.filter((g) => g.main === true).map((g) => [String(g.server), text(g.provider)]),
  );
  const by = new Map<string, ServerScore[]>();
  for (const s of scores) if (s.group) by.set(s.group, [...(by.get(s.group) ?? []), s]);
  const out: GroupTier[] = [];
  for (const [group, m] of by) {
    const high = m.filter((s) => s.tier === "high").length;
    const medium = m.filter((s) => s.tier === "medium").length;
    const tier: Tier = high * 2 >= m.length ? "high" : high + medium > 0 ? "medium" : "benign";
    let reason: string;
    if (tier === "benign") {
      const kinds = [
        ...new Set(
          m.flatMap((s) =>
            (evidence.get(s.server) ?? "").split(/;\s*/).map((e) => e.replace(/\s*\(.*$/, ""))
          ).filter(Boolean),
        ),
      ];
      const versions = new Set(m.map((s) => software.get(s.server))).size;
      const providers = new Set(m.map((s) => provider.get(s.server))).size;
      reason = `linked by ${kinds.slice(0, 4).join(", ") || "shared identifiers"}; ` +
        `${versions} software version${versions > 1 ? "s" : ""} on ${providers} provider${
          providers > 1 ? "s" : ""
        }; no member above benign: an honest multi-server operator as far as the scan can see`;
    } else {
      const top = m.filter((s) => s.tier !== "benign").sort((a, b) => b.hss - a.hss)[0];
      reason =
        `${high} high and ${medium} medium of ${m.length}; e.g. ${top.server}: ${top.evidence}`;
    }
    out.push({ group, servers: m.length, tier, high, medium, reason });
  }
  return out.sort((a, b) =>
    b.servers - a.servers || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0)
  );
}

/**
 * Score every server of the tables.
 *
 * @param tables The tables as read from `data/`.
 * @param options See {@linkcode DeriveHssOptions}.
 * @example
 * ```ts
 * const { rows, groups } = deriveHss(tables);
 * await Deno.writeTextFile("data/hss.csv", tableCsv(rows, HSS_SCHEMA));
 * ```
 */
export function deriveHss(tables: SuspectTables, options: DeriveHssOptions = {}): DerivedHss {
  const groupOf = new Map(
    tables.clusters.filter((c) => text(c.operator_group)).map((c) => [
      String(c.server),
      String(c.operator_group),
    ]),
  );
  const hits = findIndicators(tables, options);
  const scored = scoreServers(hits, groupOf, options.weights ?? CALIBRATED_WEIGHTS);
  // Groups from the members in features.csv order (it breaks ties in a group's reason).
  const groups = groupTiers(scored, tables);
  const tierOfGroup = new Map(groups.map((g) => [g.group, g.tier]));
  const scores = [...scored].sort((a, b) =>
    b.hss - a.hss || (a.server < b.server ? -1 : a.server > b.server ? 1 : 0)
  );
  const rows: Row[] = scores.map((s) => ({
    server: s.server,
    hss: s.hss,
    tier: s.tier,
    indicators: [...new Set(s.hits.filter((h) => h.weight > 0).map((h) => h.indicator))].join(
      ";",
    ),
    top_evidence: s.evidence,
    operator_group: s.group,
    group_tier: s.group ? tierOfGroup.get(s.group)! : null,
  }));
  return { rows, scores, groups, hits, groupOf };
}
