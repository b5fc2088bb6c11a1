/**
 * The evaluation's side of the clusters notebook: reads the lab's reference labels (the file
 * the lab writes beside `data/` for a lab run; its path is passed in by the caller, never
 * looked up here) and turns `evaluateClusters` into a table and sentences against the targets.
 * Only the evaluation reads this file; no method of this folder does.
 *
 * @module
 */
import { readReferenceHosts } from "../data/read_reference_hosts.ts";
import {
  evaluateClusters,
  type Evaluation,
  type PredictedRow,
  type ReferenceLabel,
} from "./evaluate_clusters.ts";

/** The targets of the evaluation (issue: behavioural clusters, operator groups, modified). */
export const EVALUATION_TARGETS = {
  /** Adjusted Rand index of behaviour clusters vs true families, at least. */
  ari: 0.9,
  /** Pairwise precision and recall of operator groups vs true operators, each at least. */
  pairwise: 0.9,
  /** Share of one-server operators wrongly grouped, at most. */
  singlesGrouped: 0.02,
} as const;

/**
 * Read the reference labels the lab wrote: one per host with an address, keyed as the tables
 * key servers (hostname, else onion name, else IPv4), its `operator`, `cluster_truth`,
 * `scenario` (as `kind`) and whether it carries a `modification`.
 *
 * @param path The lab's reference file (`<data>/lab/` + its name; given by the caller).
 * @throws {Error} when the file is too large or not of the expected shape.
 * @example
 * ```ts
 * const truth = await loadReferenceLabels(`${dir}/lab/${file}`);
 * ```
 */
export async function loadReferenceLabels(path: string): Promise<ReferenceLabel[]> {
  return (await readReferenceHosts(path)).map(({ server, kind, record: h }) => {
    if (typeof h.operator !== "string" || typeof h.cluster_truth !== "string") {
      throw new Error(`${path}: host ${server} has no operator or cluster_truth (an older lab?)`);
    }
    return {
      server,
      operator: h.operator,
      cluster_truth: h.cluster_truth,
      kind,
      modified: typeof h.modification === "string" && h.modification !== "",
    };
  });
}

/** Result of {@link evaluateRun}. */
export interface RunEvaluation {
  readonly evaluation: Evaluation;
  /** Reference hosts with no row in the clustering (not observed: e.g. unreachable, onion). */
  readonly unobserved: string[];
}

/**
 * Evaluate the clustering of a run on the hosts it observed.
 *
 * @param truth Reference labels.
 * @param predicted Rows of `clusters.csv` (or `deriveClusters(...).rows`).
 * @example
 * ```ts
 * const { evaluation } = evaluateRun(truth, d.clusters);
 * ```
 */
export function evaluateRun(
  truth: readonly ReferenceLabel[],
  predicted: readonly Readonly<Record<string, unknown>>[],
): RunEvaluation {
  const rows: PredictedRow[] = predicted.map((r) => ({
    server: String(r.server),
    behaviour_cluster: (r.behaviour_cluster ?? null) as string | null,
    operator_group: (r.operator_group ?? null) as string | null,
    modified: r.modified === true,
  }));
  const seen = new Set(rows.map((r) => r.server));
  const observed = truth.filter((t) => seen.has(t.server));
  return {
    evaluation: evaluateClusters(observed, rows),
    unobserved: truth.filter((t) => !seen.has(t.server)).map((t) => t.server),
  };
}

const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(3));

/**
 * The evaluation as table rows: overall first, then one per scenario kind.
 *
 * @example
 * ```ts
 * showTable(evaluationRows(evaluation));
 * ```
 */
export function evaluationRows(e: Evaluation): Record<string, string | number>[] {
  const kinds: [string, Evaluation["overall"]][] = [
    ["all", e.overall],
    ...Object.entries(e.byKind),
  ];
  return kinds.map(([kind, f]) => ({
    "scenario kind": kind,
    servers: f.servers,
    ARI: fmt(f.ari),
    "pairwise precision": fmt(f.precision),
    "pairwise recall": fmt(f.recall),
    "singles grouped": f.singlesGroupedShare === null
      ? "–"
      : `${f.singlesGrouped} (${(100 * f.singlesGroupedShare).toFixed(1)}%)`,
    "modified found": f.modifiedPlanted ? `${f.modifiedFound} of ${f.modifiedPlanted}` : "–",
  }));
}

/**
 * The overall figures against {@link EVALUATION_TARGETS}, one sentence each (met or missed).
 *
 * @example
 * ```ts
 * evaluationFindings(evaluation).join(" ");
 * ```
 */
export function evaluationFindings(e: Evaluation): string[] {
  const o = e.overall, t = EVALUATION_TARGETS;
  const verdict = (ok: boolean) => (ok ? "meets" : "misses");
  const out = [
    `Behavioural clusters vs true families: ARI ${fmt(o.ari)} over ${o.servers} servers ` +
    `(${verdict(o.ari >= t.ari)} the target ${t.ari}).`,
  ];
  if (o.precision !== null || o.recall !== null) {
    const ok = (o.precision ?? 1) >= t.pairwise && (o.recall ?? 1) >= t.pairwise;
    out.push(
      `Operator groups vs true operators: pairwise precision ${fmt(o.precision)}, recall ` +
        `${fmt(o.recall)} (${verdict(ok)} the target ${t.pairwise} each).`,
    );
  }
  if (o.singlesGroupedShare !== null) {
    out.push(
      `${o.singlesGrouped} servers of one-server operators were put in a group ` +
        `(${(100 * o.singlesGroupedShare).toFixed(1)}%; ${
          verdict(o.singlesGroupedShare <= t.singlesGrouped)
        } the target ` +
        `${100 * t.singlesGrouped}%).`,
    );
  }
  out.push(
    o.modifiedPlanted
      ? `${o.modifiedFound} of ${o.modifiedPlanted} planted modified servers were flagged.`
      : "No planted modified server was observed.",
  );
  return out;
}
