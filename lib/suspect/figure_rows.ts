/**
 * Rows for the suspicion notebook's tables and figures, from the derived scores and the tables:
 * ranked lists by tier, benign clusters, tiers by a grouping, the evidence matrix, the indicator
 * table with weights and origins, and the evaluation's tables.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import type { DerivedHss } from "./derive_hss.ts";
import { INDICATOR_SPECS } from "./indicator_specs.ts";
import type { Tier } from "./score_servers.ts";
import { WEIGHT_ORIGINS } from "./weights.ts";
import type { HssEvaluation, ScoredRow } from "./evaluate_hss.ts";

/** The servers of one tier, highest score first, with group and evidence. */
export function rankedList(d: DerivedHss, tier: Tier): Record<string, string | number>[] {
  return d.rows.filter((r) => r.tier === tier).map((r, i) => ({
    rank: i + 1,
    server: String(r.server),
    HSS: Number(r.hss),
    "operator group": r.operator_group === null ? "–" : `${r.operator_group} (${r.group_tier})`,
    "top evidence": String(r.top_evidence),
  }));
}

/** Operator groups of a tier (benign: the benign clusters, named with the reason). */
export function groupList(d: DerivedHss, tier?: Tier): Record<string, string | number>[] {
  return d.groups.filter((g) => tier === undefined || g.tier === tier).map((g) => ({
    group: g.group,
    servers: g.servers,
    tier: g.tier,
    high: g.high,
    medium: g.medium,
    reason: g.reason,
  }));
}

/** Servers by a label (provider, implementation) and tier, for `tierBars`. */
export function tierCounts(
  d: DerivedHss,
  labelOf: ReadonlyMap<string, string | null>,
): { group: string; tier: string; servers: number }[] {
  const m = new Map<string, number>();
  for (const r of d.rows) {
    const k = `${labelOf.get(String(r.server)) ?? "unknown"}\u0000${r.tier}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return [...m].map(([k, servers]) => {
    const [group, tier] = k.split("\u0000");
    return { group, tier, servers };
  });
}

/** A server's label from a table column (e.g. `geo.csv` main `provider`). */
export function labelBy(rows: readonly Row[], column: string): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of rows) {
    if (r.main === false) continue;
    const v = r[column];
    out.set(String(r.server), v === null || v === "" ? null : String(v));
  }
  return out;
}

/** The evidence matrix of the servers in the given tiers: one cell per weighted hit. */
export function evidenceCells(
  d: DerivedHss,
  tiers: readonly Tier[] = ["high", "medium"],
): { cells: { server: string; indicator: string; weight: number }[]; servers: string[] } {
  const shown = d.scores.filter((s) => tiers.includes(s.tier));
  const cells = shown.flatMap((s) =>
    [...new Map(s.hits.filter((h) => h.weight > 0).map((h) => [h.indicator, h])).values()].map((
      h,
    ) => ({ server: s.server, indicator: h.indicator, weight: h.weight }))
  );
  return { cells, servers: shown.map((s) => s.server) };
}

/** The indicators: category, rule, weight and where it comes from, hits in this run. */
export function indicatorRows(d: DerivedHss): Record<string, string | number>[] {
  const hits = new Map<string, number>();
  for (const s of d.scores) {
    for (const i of new Set(s.hits.map((h) => h.indicator))) hits.set(i, (hits.get(i) ?? 0) + 1);
  }
  return INDICATOR_SPECS.map((s) => {
    const o = WEIGHT_ORIGINS[s.name];
    return {
      indicator: s.name,
      category: s.category,
      rule: s.rule,
      weight: o.weight,
      origin: o.origin === "prior"
        ? `prior: ${o.reason}`
        : o.kind
        ? `lab: ${o.kindHits}/${o.kindServers} ${o.kind} vs ${o.honestHits}/${o.honest} honest`
        : `lab: no adversary hit it (${o.honestHits}/${o.honest} honest)`,
      "servers hit": hits.get(s.name) ?? 0,
    };
  });
}

/** The confusion by scenario kind as table rows. */
export function confusionRows(e: HssEvaluation, heldOut: string | null) {
  return e.byKind.map((k) => ({
    kind: k.kind === heldOut ? `${k.kind} (held out)` : k.kind,
    adversarial: k.adversarial ? "yes" : "no",
    servers: k.servers,
    high: k.high,
    medium: k.medium,
    benign: k.benign,
  }));
}

/** The evaluation's headline as sentences. */
export function evaluationSentences(e: HssEvaluation, heldOut: string | null): string[] {
  const f = (x: number | null) => (x === null ? "–" : x.toFixed(3));
  const held = e.byKind.find((k) => k.kind === heldOut);
  return [
    `High tier over all ${e.adversaries} adversaries among ${e.servers} lab servers: precision ${
      f(e.precision)
    }, recall ${f(e.recall)} (targets 0.9 and 0.8); ROC AUC ${f(e.auc)}.`,
    held
      ? `Held-out kind ${heldOut}: ${held.high} of ${held.servers} in the high tier.`
      : `The held-out kind ${heldOut} is not in this run.`,
    `Missed (not high): ${
      e.missed.map((m) => `${m.server} (${m.kind}, ${m.tier})`).join(", ") || "none"
    }.`,
    `Honest servers in the medium or high tier: ${e.honestFlagged.length}; honest multi-server operators in the high tier: ${e.honestOperatorsHigh.length}.`,
  ];
}

/** What the run shows, as sentences: servers per tier, groups per tier, the top indicators. */
export function suspicionFindings(d: DerivedHss): string[] {
  const n = (t: Tier) => d.rows.filter((r) => r.tier === t).length;
  const g = (t: Tier) => d.groups.filter((x) => x.tier === t).length;
  const hits = new Map<string, number>();
  for (const s of d.scores) {
    if (s.tier === "benign") continue;
    for (const i of new Set(s.hits.filter((h) => h.weight > 0).map((h) => h.indicator))) {
      hits.set(i, (hits.get(i) ?? 0) + 1);
    }
  }
  const top = [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4);
  return [
    `Of ${d.rows.length} servers, ${n("high")} are in the high tier, ${
      n("medium")
    } in the medium tier and ${n("benign")} benign.`,
    `Of ${d.groups.length} operator groups, ${g("high")} are high, ${g("medium")} medium and ${
      g("benign")
    } benign clusters (honest multi-server operators as far as the scan can see).`,
    top.length
      ? `The indicators most often behind a medium or high score: ${
        top.map(([i, c]) => `${i} (${c})`).join(", ")
      }.`
      : "No server reached the medium tier.",
  ];
}

/** The scored rows as numbers and tiers (for `hssDistribution` and `evaluateHss`). */
export function scoredRows(d: DerivedHss): ScoredRow[] {
  return d.rows.map((r) => ({
    server: String(r.server),
    hss: Number(r.hss),
    tier: r.tier as Tier,
    top_evidence: String(r.top_evidence),
  }));
}

/** The evaluation's curves as chart points: precision over recall, and ROC. */
export function curvePoints(
  e: HssEvaluation,
  run = "lab",
): { pr: { x: number; y: number; run: string }[]; roc: { x: number; y: number; run: string }[] } {
  return {
    pr: e.pr.map((p) => ({ x: p.recall, y: p.precision, run })),
    roc: e.roc.map((p) => ({ x: p.fpr, y: p.tpr, run })),
  };
}
