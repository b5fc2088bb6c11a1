/**
 * The clusters notebook's tables and its "what was seen" sentences, from the methods' output
 * (`loadClusterData`): cluster sizes with their claims, operator groups with evidence, modified
 * implementations with the differing features, the top outliers with their explanations.
 * Server-supplied text stays as data here; the notebook's table display escapes it.
 *
 * @module
 */
import type { DerivedClusters } from "./derive_clusters.ts";

/** The notebook's tables. */
export interface ClusterTables {
  /** One row per behavioural cluster (noise last): size and its most common claimed family. */
  readonly clusters: Record<string, string | number>[];
  /** One row per operator group: size, members (first 8), evidence. */
  readonly groups: Record<string, string | number>[];
  /** One row per flagged server: claim, reasons, differing features with the usual value. */
  readonly modified: Record<string, string>[];
  /** The `top` highest outlier scores: rank, server, score, cluster, explanation. */
  readonly outliers: Record<string, string | number | null>[];
}

const MEMBERS_SHOWN = 8;

/**
 * Tables of the clustering of one scan.
 *
 * @param d The methods' output.
 * @param claimRows Rows of `fingerprints.csv`: `family_claimed` per `server`, for the cluster
 *   table (a server missing, or claiming nothing, is `unknown`).
 * @param top Outliers listed. Default 15.
 * @example
 * ```ts
 * const t = clusterTables(d.derived, d.claims);
 * showTable(t.groups);
 * ```
 */
export function clusterTables(
  d: DerivedClusters,
  claimRows: readonly Readonly<Record<string, unknown>>[],
  top = 15,
): ClusterTables {
  const claims = new Map(claimRows.map((r) => [String(r.server), r.family_claimed ?? null]));
  const byCluster = new Map<string, string[]>();
  const servers = d.rows.map((r) => String(r.server));
  const labels = d.behaviour.labels.map((l) => l ?? "noise");
  servers.forEach((s, i) => byCluster.set(labels[i], [...(byCluster.get(labels[i]) ?? []), s]));
  const order = [...byCluster.keys()].sort((a, b) =>
    a === "noise" ? 1 : b === "noise" ? -1 : Number(a.slice(1)) - Number(b.slice(1))
  );
  const clusters = order.map((c) => {
    const members = byCluster.get(c)!;
    const fam = new Map<string, number>();
    for (const s of members) {
      const f = String(claims.get(s) ?? "unknown");
      fam.set(f, (fam.get(f) ?? 0) + 1);
    }
    const [family, n] = [...fam].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return {
      cluster: c,
      servers: members.length,
      "most claimed family": family,
      "its share": Number((n / members.length).toFixed(2)),
      "families claimed": fam.size,
    };
  });
  const groups = d.operators.groups.map((g) => ({
    group: g.id,
    servers: g.servers.length,
    members: g.servers.slice(0, MEMBERS_SHOWN).join(", ") +
      (g.servers.length > MEMBERS_SHOWN ? `, … (${g.servers.length - MEMBERS_SHOWN} more)` : ""),
    evidence: g.evidence.map((e) => `${e.kind} (${e.servers.length}, p=${e.p.toPrecision(2)})`)
      .join("; "),
  }));
  const modified = d.modified.filter((m) => m.flagged).map((m) => ({
    server: m.server,
    claim: m.claim ?? "",
    reasons: m.reasons.join(", "),
    differing: m.differing.map((f) =>
      `${f.feature} = ${
        JSON.stringify(f.value)
      } (others: ${f.common}, ${f.commonCount} of ${f.others})`
    ).join("; "),
  }));
  const clusterOf = new Map(servers.map((s, i) => [s, labels[i]]));
  const outliers = [...d.outliers].sort((a, b) => a.rank - b.rank).slice(0, top).map((o) => ({
    rank: o.rank,
    server: o.server,
    score: Number(o.score.toFixed(3)),
    cluster: clusterOf.get(o.server) ?? "noise",
    explanation: o.sentence,
  }));
  return { clusters, groups, modified, outliers };
}

/**
 * What the clustering found, in sentences with its numbers (plain text: display through an
 * escaping note).
 *
 * @example
 * ```ts
 * clusterFindings(d.derived).join(" ");
 * ```
 */
export function clusterFindings(d: DerivedClusters): string[] {
  const n = d.rows.length;
  const labels = d.behaviour.labels;
  const k = new Set(labels.filter((l) => l !== null)).size;
  const noise = labels.filter((l) => l === null).length;
  const grouped = d.operators.labels.filter((l) => l !== null).length;
  const flagged = d.modified.filter((m) => m.flagged).length;
  const out = [
    `${n} servers were clustered on ${d.behaviour.features.length} behaviour features: ` +
    `${k} behavioural clusters, ${noise} servers left as noise` +
    (d.behaviour.chosen
      ? ` (DBSCAN eps ${d.behaviour.chosen.eps}, minPts ${d.behaviour.chosen.minPts}, chosen by silhouette).`
      : " (no parameter pair gave two clusters)."),
    `${d.operators.groups.length} operator groups hold ${grouped} servers; ` +
    `${n - grouped} servers share no rare identifier with another.`,
    `${flagged} servers were flagged as modified implementations.`,
  ];
  const best = [...d.outliers].sort((a, b) => a.rank - b.rank)[0];
  if (best) {
    out.push(`The most isolated server is ${best.server} (score ${best.score.toFixed(3)}).`);
  }
  return out;
}
