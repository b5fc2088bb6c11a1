/**
 * The rows the cluster figures draw (`lib/plots/cluster_figures.ts`): a cluster x feature
 * profile, server x server similarity in dendrogram order (averaged into blocks so a
 * 1,000-server population stays a drawable figure), and the embedding's points.
 *
 * @module
 */
import { distanceAt, type DistanceMatrix } from "../stats/distance_matrix.ts";
import { hierarchicalOrder } from "../stats/hierarchical_order.ts";
import { cellKey } from "./claim_groups.ts";
import type { ClusterFeatureSpec, FeatureRow } from "./feature_input.ts";

/** One cell of the cluster x feature heatmap. */
export interface ClusterFeatureCell {
  /** Cluster label (`noise` for the servers DBSCAN left out). */
  readonly cluster: string;
  /** Servers in the cluster. */
  readonly size: number;
  readonly feature: string;
  /** The cluster's most common known value (server text: Plot escapes it). */
  readonly value: string;
  /** Share of the cluster's servers with the feature known that hold that value, 0-1. */
  readonly share: number;
  /** Share of all other servers (feature known) holding the same value, 0-1: low means the
   * value sets the cluster apart. */
  readonly elsewhere: number;
}

/**
 * The cluster x feature profile: for each cluster and each behaviour feature, the most common
 * value, how many of the cluster hold it and how common it is outside the cluster.
 *
 * @param rows Feature rows.
 * @param specs Declared features (behaviour ones are profiled).
 * @param labels Cluster per row (null: noise, profiled as `noise`).
 * @throws {RangeError} when the lengths differ.
 *
 * @example
 * ```ts
 * clusterFeatureHeatmap(clusterProfile(rows, specs, b.labels), { title: "..." });
 * ```
 */
export function clusterProfile(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  labels: readonly (string | null)[],
): ClusterFeatureCell[] {
  if (labels.length !== rows.length) {
    throw new RangeError(`labels has ${labels.length} entries for ${rows.length} rows`);
  }
  const names = [...new Set(labels.map((l) => l ?? "noise"))].sort((a, b) =>
    a === "noise"
      ? 1
      : b === "noise"
      ? -1
      : Number(a.slice(1)) - Number(b.slice(1)) || a.localeCompare(b)
  );
  const out: ClusterFeatureCell[] = [];
  for (const cluster of names) {
    const members = labels.flatMap((l, i) => ((l ?? "noise") === cluster ? [i] : []));
    const inside = new Set(members);
    for (const s of specs) {
      if (s.group !== "behaviour" || s.weight <= 0) continue;
      const count = new Map<string, number>();
      let known = 0;
      for (const i of members) {
        const k = cellKey(s, rows[i][s.name]);
        if (k === null) continue;
        known++;
        count.set(k, (count.get(k) ?? 0) + 1);
      }
      let value = "", top = 0;
      for (const [k, c] of count) if (c > top || (c === top && k < value)) (value = k, top = c);
      let otherKnown = 0, otherSame = 0;
      rows.forEach((r, i) => {
        if (inside.has(i)) return;
        const k = cellKey(s, r[s.name]);
        if (k === null) return;
        otherKnown++;
        if (known && k === value) otherSame++;
      });
      out.push({
        cluster,
        size: members.length,
        feature: s.name,
        value: known ? value : "unknown",
        share: known ? top / known : 0,
        elsewhere: otherKnown ? otherSame / otherKnown : 0,
      });
    }
  }
  return out;
}

/** One block of the similarity heatmap. */
export interface SimilarityCell {
  /** Block indices along the dendrogram order (0 = first block). */
  readonly x: number;
  readonly y: number;
  /** Mean similarity 1 - d over the pairs in the block (diagonal pairs excluded), 0-1. */
  readonly similarity: number;
}

/** Result of {@link similarityBlocks}. */
export interface SimilarityBlocks {
  readonly cells: SimilarityCell[];
  /** Number of blocks per side. */
  readonly blocks: number;
  /** Servers in dendrogram leaf order. */
  readonly order: number[];
  /** Per block, its servers' most common cluster label (`noise` for null). */
  readonly blockCluster: string[];
}

/**
 * Server x server similarity (1 - Gower distance) with rows and columns in dendrogram leaf
 * order (average linkage, `hierarchicalOrder`), averaged into at most `maxBlocks` consecutive
 * blocks per side so the figure has at most maxBlocks² cells.
 *
 * @param distances The behaviour distances (`behaviourClusters(...).distances`).
 * @param labels Cluster per item of the matrix, e.g. `clustered.map((i) => labels[i])`.
 * @param maxBlocks Blocks per side, at most. Default 100.
 * @throws {RangeError} on a bad `maxBlocks` or mismatched labels.
 */
export function similarityBlocks(
  distances: DistanceMatrix,
  labels: readonly (string | null)[],
  maxBlocks = 100,
): SimilarityBlocks {
  if (!Number.isInteger(maxBlocks) || maxBlocks < 1) throw new RangeError(`maxBlocks ${maxBlocks}`);
  const n = distances.n;
  if (labels.length !== n) throw new RangeError(`labels has ${labels.length} entries for ${n}`);
  const order = n ? hierarchicalOrder(distances).order : [];
  const blocks = Math.min(maxBlocks, n);
  const blockOf = (k: number) => Math.floor((k * blocks) / n);
  const sum = new Float64Array(blocks * blocks), cnt = new Float64Array(blocks * blocks);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const c = blockOf(a) * blocks + blockOf(b);
      sum[c] += 1 - distanceAt(distances, order[a], order[b]);
      cnt[c]++;
    }
  }
  const cells: SimilarityCell[] = [];
  for (let x = 0; x < blocks; x++) {
    for (let y = 0; y < blocks; y++) {
      const c = x * blocks + y;
      cells.push({ x, y, similarity: cnt[c] ? sum[c] / cnt[c] : 1 });
    }
  }
  const blockCluster: string[] = [];
  for (let b = 0; b < blocks; b++) {
    const count = new Map<string, number>();
    for (let k = 0; k < n; k++) {
      if (blockOf(k) !== b) continue;
      const l = labels[order[k]] ?? "noise";
      count.set(l, (count.get(l) ?? 0) + 1);
    }
    let best = "", top = 0;
    for (const [l, c] of count) if (c > top) (best = l, top = c);
    blockCluster.push(best);
  }
  return { cells, blocks, order, blockCluster };
}

/** One point of the embedding scatter. */
export interface EmbeddingPoint {
  readonly server: string;
  readonly x: number;
  readonly y: number;
  /** Cluster label, `noise` for null. */
  readonly cluster: string;
}

/**
 * The embedding's points with their clusters (rows without a position, set aside by the
 * clustering, are left out).
 *
 * @throws {RangeError} when the lengths differ.
 */
export function embeddingPoints(
  servers: readonly string[],
  coordinates: readonly (readonly [number, number] | null)[],
  labels: readonly (string | null)[],
): EmbeddingPoint[] {
  if (coordinates.length !== servers.length || labels.length !== servers.length) {
    throw new RangeError(
      `servers ${servers.length}, coordinates ${coordinates.length}, labels ${labels.length}`,
    );
  }
  return servers.flatMap((server, i) => {
    const c = coordinates[i];
    return c === null ? [] : [{ server, x: c[0], y: c[1], cluster: labels[i] ?? "noise" }];
  });
}
