/**
 * Evaluation of the clustering outputs against ground truth given as data (the lab's `operator`
 * and `cluster_truth` per server). Observer code never imports the emulator: the truth arrives
 * as rows.
 *
 * @module
 */
import { adjustedRandIndex } from "../stats/adjusted_rand_index.ts";
import { pairwisePrecisionRecall } from "../stats/pairwise_precision_recall.ts";

/** Ground truth of one server. */
export interface ReferenceLabel {
  readonly server: string;
  /** The true operator. */
  readonly operator: string;
  /** The true implementation family (behaviour cluster). */
  readonly cluster_truth: string;
  /** Scenario kind (`single`, `multi`, `fleet`, ...); figures are also given per kind. */
  readonly kind: string;
  /** A planted modified implementation. Default false. */
  readonly modified?: boolean;
}

/** What the methods said about one server. */
export interface PredictedRow {
  readonly server: string;
  readonly behaviour_cluster: string | number | null;
  readonly operator_group: string | null;
  /** Flagged as a modified implementation. */
  readonly modified: boolean;
}

/** Figures for one set of servers (all, or one scenario kind). */
export interface EvaluationFigures {
  readonly servers: number;
  /** ARI of behaviour clusters (noise as singletons) vs true families. */
  readonly ari: number;
  /** Pairwise precision / recall of operator groups vs true operators (null: no pair). */
  readonly precision: number | null;
  readonly recall: number | null;
  /** Servers of one-server operators put in a group, and their share. */
  readonly singlesGrouped: number;
  readonly singlesGroupedShare: number | null;
  /** Planted modified servers flagged, of those planted. */
  readonly modifiedFound: number;
  readonly modifiedPlanted: number;
}

/** Result of {@link evaluateClusters}. */
export interface Evaluation {
  readonly overall: EvaluationFigures;
  /** Per scenario kind: the kind's servers against the whole population's labels (pairs
   * within the kind; precision counts the kind's predicted pairs). */
  readonly byKind: Record<string, EvaluationFigures>;
}

function figures(
  truth: readonly ReferenceLabel[],
  pred: readonly PredictedRow[],
  single: ReadonlySet<string>,
): EvaluationFigures {
  // A one-server operator is "in no group" in the truth.
  const op = truth.map((t) => (single.has(t.operator) ? null : t.operator));
  const pr = pairwisePrecisionRecall(op, pred.map((p) => p.operator_group));
  const singles = truth.filter((t) => single.has(t.operator));
  const grouped = truth.filter((t, i) => single.has(t.operator) && pred[i].operator_group !== null);
  const planted = truth.filter((t) => t.modified);
  return {
    servers: truth.length,
    ari: adjustedRandIndex(truth.map((t) => t.cluster_truth), pred.map((p) => p.behaviour_cluster)),
    precision: pr.precision,
    recall: pr.recall,
    singlesGrouped: grouped.length,
    singlesGroupedShare: singles.length ? grouped.length / singles.length : null,
    modifiedFound: truth.filter((t, i) => t.modified && pred[i].modified).length,
    modifiedPlanted: planted.length,
  };
}

/**
 * The evaluation figures of the clustering against ground truth: adjusted Rand index of
 * behaviour clusters vs true families, pairwise precision and recall of operator groups vs true
 * operators (one-server operators form no pair), the share of one-server operators wrongly
 * grouped, and the planted modified servers found; overall and per scenario kind.
 *
 * @param truth Ground truth per server.
 * @param predicted The methods' output per server (matched by `server`).
 * @throws {RangeError} when a server of the truth has no prediction.
 *
 * @example
 * ```ts
 * const e = evaluateClusters(truth, rows);
 * e.overall.ari; // >= 0.9 on the lab
 * ```
 */
export function evaluateClusters(
  truth: readonly ReferenceLabel[],
  predicted: readonly PredictedRow[],
): Evaluation {
  const byServer = new Map(predicted.map((p) => [p.server, p]));
  const pred = truth.map((t) => {
    const p = byServer.get(t.server);
    if (!p) throw new RangeError(`no prediction for server ${t.server}`);
    return p;
  });
  const size = new Map<string, number>();
  for (const t of truth) size.set(t.operator, (size.get(t.operator) ?? 0) + 1);
  const single = new Set([...size].filter(([, k]) => k === 1).map(([o]) => o));
  const overall = figures(truth, pred, single);
  const byKind: Record<string, EvaluationFigures> = {};
  for (const kind of [...new Set(truth.map((t) => t.kind))].sort()) {
    const idx = truth.map((t, i) => (t.kind === kind ? i : -1)).filter((i) => i >= 0);
    byKind[kind] = figures(idx.map((i) => truth[i]), idx.map((i) => pred[i]), single);
  }
  return { overall, byKind };
}
