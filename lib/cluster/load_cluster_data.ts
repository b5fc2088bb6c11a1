/**
 * Reads what the clusters notebook (`notebooks/03_clusters.ipynb`) needs from `data/`: the
 * manifest, `features.csv`, `clusters.csv`, and the claims and advertised peers the clustering
 * read; recomputes each method's full output (distances, embedding, evidence) from the same
 * tables with the same seed, and checks it gives the labels of `clusters.csv`. Reading only.
 *
 * @module
 */
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { readCsv, type Row } from "../data/read_csv.ts";
import { FEATURE_SPECS } from "../data/schemas/features.ts";
import { type RunLabel, runLabel } from "../analysis/run_label.ts";
import { clusterRandom } from "./cluster_random.ts";
import { deriveClusters, type DerivedClusters } from "./derive_clusters.ts";
import type { PeerLink } from "./operator_identifiers.ts";
import { pathExists } from "../records/path_exists.ts";

/** Everything the clusters notebook reads. */
export interface ClusterData {
  // deno-lint-ignore no-explicit-any
  readonly manifest: Record<string, any>;
  readonly label: RunLabel;
  /** Rows of `features.csv`. */
  readonly features: Row[];
  /** Rows of `clusters.csv` (same order as `features`). */
  readonly clusters: Row[];
  /** Rows of `fingerprints.csv` (the claims). */
  readonly claims: Row[];
  /** Each method's full output, recomputed from the same tables (labels equal `clusters`). */
  readonly derived: DerivedClusters;
}

/** The advertised peer lists the clustering reads from `peers.csv` rows (as the pipeline
 * does: `server.peers.subscribe` answers, the server's own entry left out). */
export function advertisedPeers(rows: readonly Row[]): PeerLink[] {
  return rows
    .filter((r) => r.source === "server.peers.subscribe" && r.self_advertised !== true)
    .map((r) => ({ server: String(r.server), peer: String(r.peer_host) }));
}

/** The hosts each server announces in `server.features` `hosts` (itself included), from
 * `peers.csv` rows, as the pipeline passes them to the operator grouping. */
export function announcedHosts(rows: readonly Row[]): PeerLink[] {
  return rows
    .filter((r) => r.source === "server.features")
    .map((r) => ({ server: String(r.server), peer: String(r.peer_host) }));
}

/**
 * Load the clusters notebook's inputs.
 *
 * @param dir Data directory. Default: `dataDir()` (`OBS_DATA_DIR` or `<project>/data`).
 * @throws {Error} if a table is missing (the message says to run the collecting notebook), the
 *   feature table has fewer than 2 servers, or the recomputed labels differ from `clusters.csv`
 *   (the tables were not written by one run).
 * @example
 * ```ts
 * const d = await loadClusterData();
 * d.derived.behaviour.labels; // equal to d.clusters' behaviour_cluster
 * ```
 */
export async function loadClusterData(dir: string = defaultDataDir()): Promise<ClusterData> {
  const names = ["manifest.json", "features.csv", "clusters.csv", "fingerprints.csv", "peers.csv"];
  for (const f of names) {
    if (!(await pathExists(`${dir}/${f}`))) {
      throw new Error(
        `${dir}/${f} is missing: run notebooks/01_collect.ipynb (or deno task collect) first`,
      );
    }
  }
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  const [features, clusters, claims, peers] = await Promise.all(
    ["features.csv", "clusters.csv", "fingerprints.csv", "peers.csv"].map((f) =>
      readCsv(`${dir}/${f}`)
    ),
  );
  if (features.length < 2) {
    throw new Error(`${dir}/features.csv has ${features.length} servers: nothing to cluster`);
  }
  const derived = deriveClusters({
    scanId: String(manifest.scan_id ?? ""),
    features,
    specs: FEATURE_SPECS,
    claims,
    peers: advertisedPeers(peers),
    announced: announcedHosts(peers),
  }, clusterRandom());
  const same = clusters.length === derived.rows.length &&
    derived.rows.every((r, i) =>
      r.server === clusters[i].server && r.behaviour_cluster === clusters[i].behaviour_cluster &&
      r.operator_group === clusters[i].operator_group && r.modified === clusters[i].modified
    );
  if (!same) {
    throw new Error(
      `${dir}/clusters.csv does not match its features.csv (written by different runs?): collect again`,
    );
  }
  return { manifest, label: runLabel(manifest), features, clusters, claims, derived };
}
