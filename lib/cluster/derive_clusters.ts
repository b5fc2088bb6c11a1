/**
 * `clusters.csv`: the behavioural clusters, operator groups, modified implementations and
 * explained outliers of one scan's feature table, in one row per server.
 *
 * @module
 */
import type { RowOf } from "../data/schema.ts";
import type { CLUSTERS_SCHEMA } from "../data/schemas/clusters.ts";
import {
  type BehaviourClusterOptions,
  type BehaviourClusters,
  behaviourClusters,
} from "./behaviour_clusters.ts";
import { asClaimRows } from "./claim_groups.ts";
import {
  explainOutliers,
  type OutlierExplanation,
  type OutlierOptions,
} from "./explain_outliers.ts";
import { asFeatureRows, type ClusterFeatureSpec, type FeatureCell } from "./feature_input.ts";
import {
  modifiedImplementations,
  type ModifiedOptions,
  type ModifiedVerdict,
} from "./modified_implementations.ts";
import {
  type OperatorGroupOptions,
  type OperatorGroups,
  operatorGroups,
} from "./operator_groups.ts";
import type { PeerLink } from "./operator_identifiers.ts";

/** The tables {@link deriveClusters} reads. */
export interface ClusterInputs {
  /** The scan, stamped on every row. */
  readonly scanId: string;
  /** Rows of `features.csv` (as derived or read back; each needs a string `server`). */
  readonly features: readonly Readonly<Record<string, FeatureCell>>[];
  /** The declared features (`FEATURE_SPECS` of `lib/data/schemas/features.ts`). */
  readonly specs: readonly ClusterFeatureSpec[];
  /** Rows of `fingerprints.csv` (matched by server; the claim columns are read). */
  readonly claims: readonly Readonly<Record<string, FeatureCell>>[];
  /** Advertised peers (`peers.csv`: `server`, `peer_host` as `peer`). Default: none, and no
   * closed peer communities are looked for. */
  readonly peers?: readonly PeerLink[];
  /** Hosts each server announces in `server.features` `hosts`, itself included (`peers.csv`
   * rows of source `server.features`). Default: none, and a server that fronts another is
   * recognised by its timing only. */
  readonly announced?: readonly PeerLink[];
}

/** Options of {@link deriveClusters}, passed to each method. */
export interface DeriveClustersOptions {
  behaviour?: BehaviourClusterOptions;
  operators?: Omit<OperatorGroupOptions, "peers" | "announced">;
  modified?: ModifiedOptions;
  outliers?: OutlierOptions;
}

/** A row of `clusters.csv`. */
export type ClusterRow = RowOf<typeof CLUSTERS_SCHEMA>;

/** Result of {@link deriveClusters}: the rows, and each method's full output for the figures
 * and the notebook. */
export interface DerivedClusters {
  readonly rows: ClusterRow[];
  readonly behaviour: BehaviourClusters;
  readonly operators: OperatorGroups;
  readonly modified: ModifiedVerdict[];
  readonly outliers: OutlierExplanation[];
}

const EVIDENCE_CHARS = 500;

/**
 * Runs the four methods on one scan's feature table and joins their answers per server:
 * `behaviourClusters`, `operatorGroups`, `modifiedImplementations`, `explainOutliers` (whose
 * isolation forest draws from `random`; seed it for a reproducible table).
 *
 * @param inputs See {@link ClusterInputs}.
 * @param random Uniform [0, 1) source (the only randomness).
 * @param options See {@link DeriveClustersOptions}.
 * @returns The rows of `clusters.csv` (in feature-table order) and each method's output.
 * @throws {RangeError} on fewer than 2 servers, a row without a string `server`, a claim
 *   column of the wrong type, or a value outside its feature's kind.
 *
 * @example
 * ```ts
 * const { rows } = deriveClusters({ scanId, features, specs: FEATURE_SPECS, claims }, random);
 * await writeTable(CLUSTERS_SCHEMA, rows);
 * ```
 */
export function deriveClusters(
  inputs: ClusterInputs,
  random: () => number,
  options: DeriveClustersOptions = {},
): DerivedClusters {
  const features = asFeatureRows(inputs.features);
  const claims = asClaimRows(inputs.claims);
  const specs = inputs.specs;
  const behaviour = behaviourClusters(features, specs, options.behaviour);
  const operators = operatorGroups(features, {
    ...options.operators,
    peers: inputs.peers,
    announced: inputs.announced,
  });
  const frontOf = new Map(operators.fronts.map((f) => [f.server, f]));
  const modified = modifiedImplementations(features, specs, claims, options.modified);
  const outliers = explainOutliers(features, {
    specs,
    clusters: behaviour.labels,
    claims,
    random,
    distances: { matrix: behaviour.distances, rows: behaviour.clustered },
  }, options.outliers);
  const groupOf = new Map(operators.groups.map((g) => [g.id, g]));
  const rows = features.map((f, i): ClusterRow => {
    const g = operators.labels[i];
    let evidence: string | null = null;
    if (g !== null) {
      evidence = groupOf.get(g)!.evidence.filter((e) => e.servers.includes(f.server))
        .map((e) => `${e.kind} (${e.servers.length}, p=${e.p.toPrecision(2)})`).join("; ");
    } else if (frontOf.has(f.server)) {
      const front = frontOf.get(f.server)!;
      evidence = `fronts ${front.fronts} (${front.evidence.join(", ")})`;
    }
    if (evidence !== null && evidence.length > EVIDENCE_CHARS) {
      evidence = evidence.slice(0, EVIDENCE_CHARS - 1) + "…";
    }
    const m = modified[i];
    const o = outliers[i];
    return {
      server: f.server,
      behaviour_cluster: behaviour.labels[i],
      behaviour_release: behaviour.releaseLabels[i],
      operator_group: g,
      operator_evidence: evidence,
      modified: m.flagged,
      modified_reasons: m.reasons.join(";"),
      differing_features: m.differing.map((d) => d.feature).join(";"),
      outlier_score: o.score,
      outlier_rank: o.rank,
      cluster_distance: o.clusterDistance,
      explanation: o.sentence,
    };
  });
  return { rows, behaviour, operators, modified, outliers };
}
