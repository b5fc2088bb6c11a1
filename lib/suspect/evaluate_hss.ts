/**
 * The evaluation of the suspicion score against the lab's reference verdicts: high-tier
 * precision and recall over all adversary kinds, tiers by scenario kind (the confusion by kind),
 * the held-out kind apart, precision-recall and ROC curves over the score, honest servers in the
 * medium or high tier with their evidence, and honest multi-server operators in the high tier.
 *
 * @module
 */
import type { ReferenceVerdict } from "./reference_verdicts.ts";
import type { Tier } from "./score_servers.ts";

/** The targets of the evaluation (issue: high-tier precision and recall). */
export const HSS_TARGETS = { precision: 0.9, recall: 0.8 } as const;

/** A scored server as the evaluation reads it (a row of `hss.csv` fits). */
export interface ScoredRow {
  readonly server: string;
  readonly hss: number;
  readonly tier: Tier;
  readonly top_evidence?: string;
}

/** Tiers of one scenario kind. */
export interface KindRow {
  readonly kind: string;
  readonly adversarial: boolean;
  readonly servers: number;
  readonly high: number;
  readonly medium: number;
  readonly benign: number;
}

/** Result of {@linkcode evaluateHss}. */
export interface HssEvaluation {
  readonly servers: number;
  readonly adversaries: number;
  /** High tier as the positive call. */
  readonly precision: number | null;
  readonly recall: number | null;
  readonly truePositives: number;
  readonly falsePositives: number;
  /** Adversaries not in the high tier, with their tier. */
  readonly missed: readonly { server: string; kind: string; tier: Tier; hss: number }[];
  readonly byKind: readonly KindRow[];
  /** Precision and recall when calling every server at or above each distinct score. */
  readonly pr: readonly { threshold: number; precision: number; recall: number }[];
  /** True and false positive rates at each distinct score. */
  readonly roc: readonly { threshold: number; fpr: number; tpr: number }[];
  /** Area under the ROC curve (trapezoids). */
  readonly auc: number | null;
  /** Honest servers in the medium or high tier, with their evidence. */
  readonly honestFlagged: readonly {
    server: string;
    kind: string;
    tier: Tier;
    hss: number;
    evidence: string;
  }[];
  /** Honest servers of multi-server operators in the high tier (should be none). */
  readonly honestOperatorsHigh: readonly string[];
  /** Scored servers with no verdict (not lab hosts). */
  readonly unlabelled: number;
}

/**
 * Evaluate scores against verdicts.
 *
 * @param scores Scored servers (rows of `hss.csv`).
 * @param verdicts The lab's verdicts (`loadReferenceVerdicts`).
 * @example
 * ```ts
 * const e = evaluateHss(hssRows, verdicts);
 * e.precision; // high-tier precision over all adversary kinds
 * ```
 */
export function evaluateHss(
  scores: readonly ScoredRow[],
  verdicts: readonly ReferenceVerdict[],
): HssEvaluation {
  const v = new Map(verdicts.map((x) => [x.server, x]));
  const rows = scores.filter((s) => v.has(s.server));
  const adv = rows.filter((s) => v.get(s.server)!.adversarial);
  const high = rows.filter((s) => s.tier === "high");
  const tp = high.filter((s) => v.get(s.server)!.adversarial).length;
  const kinds = new Map<string, KindRow>();
  for (const s of rows) {
    const x = v.get(s.server)!;
    const k = kinds.get(x.kind) ??
      { kind: x.kind, adversarial: x.adversarial, servers: 0, high: 0, medium: 0, benign: 0 };
    kinds.set(x.kind, { ...k, servers: k.servers + 1, [s.tier]: k[s.tier] + 1 });
  }
  const sorted = [...rows].sort((a, b) => b.hss - a.hss);
  const P = adv.length, N = rows.length - P;
  const pr: HssEvaluation["pr"][number][] = [];
  const roc: HssEvaluation["roc"][number][] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let t = 0, f = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (v.get(sorted[i].server)!.adversarial) t++;
    else f++;
    if (i + 1 < sorted.length && sorted[i + 1].hss === sorted[i].hss) continue;
    pr.push({ threshold: sorted[i].hss, precision: t / (t + f), recall: P ? t / P : 0 });
    roc.push({ threshold: sorted[i].hss, fpr: N ? f / N : 0, tpr: P ? t / P : 0 });
  }
  let auc = 0;
  for (let i = 1; i < roc.length; i++) {
    auc += (roc[i].fpr - roc[i - 1].fpr) * (roc[i].tpr + roc[i - 1].tpr) / 2;
  }
  const opSize = new Map<string, number>();
  for (const x of verdicts) opSize.set(x.operator, (opSize.get(x.operator) ?? 0) + 1);
  const honest = rows.filter((s) => !v.get(s.server)!.adversarial);
  return {
    servers: rows.length,
    adversaries: P,
    precision: high.length ? tp / high.length : null,
    recall: P ? tp / P : null,
    truePositives: tp,
    falsePositives: high.length - tp,
    missed: adv.filter((s) => s.tier !== "high").map((s) => ({
      server: s.server,
      kind: v.get(s.server)!.kind,
      tier: s.tier,
      hss: s.hss,
    })),
    byKind: [...kinds.values()].sort((a, b) =>
      Number(b.adversarial) - Number(a.adversarial) || b.servers - a.servers ||
      (a.kind < b.kind ? -1 : 1)
    ),
    pr,
    roc,
    auc: P && N ? auc : null,
    honestFlagged: honest.filter((s) => s.tier !== "benign").map((s) => ({
      server: s.server,
      kind: v.get(s.server)!.kind,
      tier: s.tier,
      hss: s.hss,
      evidence: s.top_evidence ?? "",
    })).sort((a, b) => b.hss - a.hss),
    honestOperatorsHigh: honest.filter((s) =>
      s.tier === "high" && (opSize.get(v.get(s.server)!.operator) ?? 0) > 1
    ).map((s) => s.server),
    unlabelled: scores.length - rows.length,
  };
}
