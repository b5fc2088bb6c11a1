/**
 * Outliers with explanations: per server an anomaly score (a seeded isolation forest on the
 * encoded behaviour features), its distance to its behavioural cluster, and a sentence a reader
 * can check against `features.csv`, naming the features whose value is rare in its cluster and
 * among the servers making the same claim, with counts.
 *
 * @module
 */
import { distanceAt, type DistanceMatrix } from "../stats/distance_matrix.ts";
import { encodeFeatures } from "../stats/encode_features.ts";
import { gowerDistances } from "../stats/gower.ts";
import { isolationForest } from "../stats/isolation_forest.ts";
import { cellKey, type ClaimRow } from "./claim_groups.ts";
import {
  type ClusterFeatureSpec,
  comparableRows,
  type FeatureCell,
  type FeatureRow,
  gowerInput,
  showValue,
} from "./feature_input.ts";

/** What {@link explainOutliers} needs besides the rows. */
export interface OutlierContext {
  /** The declared features; `behaviour` features are scored and explained. */
  readonly specs: readonly ClusterFeatureSpec[];
  /** Behavioural cluster per row (null: noise), as `behaviourClusters` gives. */
  readonly clusters: readonly (string | null)[];
  /** Claim rows (`fingerprints.csv` columns), matched by server. */
  readonly claims: readonly ClaimRow[];
  /** Uniform [0, 1) source for the isolation forest (seed it for reproducible scores). */
  readonly random: () => number;
  /** Gower distances on the behaviour features between the rows listed in `rows` (item k is
   * row `rows[k]`), as `behaviourClusters` gives them (`distances`, `clustered`). Default:
   * computed over the rows that know more than half of the behaviour features. */
  readonly distances?: { readonly matrix: DistanceMatrix; readonly rows: readonly number[] };
}

/** Options of {@link explainOutliers}. */
export interface OutlierOptions {
  /** Isolation trees. Default 100. */
  trees?: number;
  /** A value held by at most this share of the comparison servers is unusual. Default 0.1. */
  rareShare?: number;
  /** Comparison servers (with the feature known) needed before a share means anything.
   * Default 3. */
  minOthers?: number;
  /** Features named in the sentence, at most. Default 2. */
  maxFeatures?: number;
}

/** A feature whose value is unusual for the server's cluster or claim. */
export interface UnusualFeature {
  readonly feature: string;
  readonly value: FeatureCell;
  /** Servers of the same claim holding this value (itself included), of those with it known;
   * null when the server claims nothing or too few others. */
  readonly inClaim: { count: number; of: number } | null;
  /** What `inClaim` counts: the claimed software string, or `<family> (any version)` when too
   * few servers make that exact claim; null with `inClaim`. */
  readonly claimGroup: string | null;
  /** The same within its behavioural cluster, for noise its nearest cluster (null for a small
   * cluster or nothing to compare). */
  readonly inCluster: { count: number; of: number } | null;
  /** The cluster `inCluster` counts (its own, or the nearest for noise). */
  readonly cluster: string | null;
  /** Among the other servers holding this value, the most common claimed family. */
  readonly holdersFamily: { family: string; count: number; of: number } | null;
}

/** The explanation of one server. */
export interface OutlierExplanation {
  readonly server: string;
  /** Isolation-forest score in (0, 1]; higher is more isolated (about 0.5 is ordinary). */
  readonly score: number;
  /** 1 for the highest score. */
  readonly rank: number;
  /** Mean Gower distance to the other members of its cluster; for noise, to the nearest
   * cluster's members; null when there is nothing to compare with. */
  readonly clusterDistance: number | null;
  readonly unusual: UnusualFeature[];
  /** One checkable sentence. Contains server-supplied values (JSON-quoted, clipped to 48
   * characters): escape it when rendering as HTML. */
  readonly sentence: string;
}

/**
 * The rows with each unknown behaviour value replaced by the most common value of the server's
 * cluster (of every server for noise), ties to the first seen: a probe that did not run says
 * nothing, and an all-zero one-hot block would otherwise isolate the server.
 */
function imputeByCluster(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  clusters: readonly (string | null)[],
) {
  const filled = rows.map((r) => ({ ...r }) as Record<string, FeatureCell> & { server: string });
  for (const s of specs) {
    const modes = new Map<string | null, FeatureCell>();
    const pick = (label: string | null) => {
      if (modes.has(label)) return modes.get(label);
      const count = new Map<string, { v: FeatureCell; n: number }>();
      rows.forEach((r, i) => {
        const v = r[s.name];
        if (v === null || v === undefined || (label !== null && clusters[i] !== label)) return;
        const k = cellKey(s, v)!;
        const e = count.get(k) ?? { v, n: 0 };
        e.n++;
        count.set(k, e);
      });
      let best: { v: FeatureCell; n: number } | null = null;
      for (const e of count.values()) if (!best || e.n > best.n) best = e;
      modes.set(label, best?.v ?? null);
      return best?.v ?? null;
    };
    rows.forEach((r, i) => {
      if (r[s.name] === null || r[s.name] === undefined) filled[i][s.name] = pick(clusters[i]);
    });
  }
  return gowerInput(filled, specs, ["behaviour"]).rows;
}

function tally(keys: readonly (string | null)[], members: readonly number[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of members) {
    const k = keys[i];
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function known(m: Map<string, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

/**
 * Scores every server and explains it.
 *
 * The score is an isolation forest (Liu, Ting & Zhou 2008; `lib/stats/isolation_forest.ts`)
 * over the behaviour features encoded as numbers (`encodeFeatures`: categories one-hot, sets
 * one column per member; an unknown value first replaced by its cluster's most common value),
 * seeded by `context.random`. The explanation compares each behaviour
 * feature's value with the servers of the same claim (`software_claimed`) and of the same
 * behavioural cluster: a value held by at most `rareShare` of either (with at least
 * `minOthers` to compare) is unusual; the rarest in the claim come first. Each named feature
 * reads "feature is value", then, when most other holders of that value claim another family,
 * "as F servers do (a of b other holders claim F)", then "but it claims C: k of N servers
 * claiming C have it" and "k of N in its cluster cX". A server with nothing unusual reads
 * "typical of cluster cX and of the N servers claiming C".
 *
 * @param rows Feature rows, one per server.
 * @param context See {@link OutlierContext}.
 * @param options See {@link OutlierOptions}.
 * @returns One explanation per row, in row order.
 * @throws {RangeError} on mismatched lengths or bad options.
 *
 * @example
 * ```ts
 * const ex = explainOutliers(rows, { specs, clusters: b.labels, claims, random: seeded(7) });
 * ex.sort((a, b) => a.rank - b.rank)[0].sentence;
 * ```
 */
export function explainOutliers(
  rows: readonly FeatureRow[],
  context: OutlierContext,
  options: OutlierOptions = {},
): OutlierExplanation[] {
  const n = rows.length;
  if (context.clusters.length !== n) {
    throw new RangeError(`clusters has ${context.clusters.length} labels for ${n} rows`);
  }
  const rareShare = options.rareShare ?? 0.1;
  const minOthers = options.minOthers ?? 3;
  const maxFeatures = options.maxFeatures ?? 2;
  if (!(rareShare >= 0 && rareShare < 1)) {
    throw new RangeError(`rareShare ${rareShare} not in [0, 1)`);
  }
  if (!Number.isInteger(minOthers) || minOthers < 1) throw new RangeError(`minOthers ${minOthers}`);
  if (!Number.isInteger(maxFeatures) || maxFeatures < 1) {
    throw new RangeError(`maxFeatures ${maxFeatures}`);
  }
  if (n === 0) return [];
  const behaviour = context.specs.filter((s) => s.group === "behaviour" && s.weight > 0);
  const input = gowerInput(rows, behaviour, ["behaviour"]);
  const encoded = encodeFeatures(
    imputeByCluster(rows, behaviour, context.clusters),
    input.features,
  );
  const scores = encoded.columns.length
    ? isolationForest(encoded.rows, context.random, { trees: options.trees ?? 100 }).trainingScores
    : new Float64Array(n).fill(0.5);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    scores[b] - scores[a] || a - b
  );
  const rank = new Int32Array(n);
  order.forEach((i, k) => (rank[i] = k + 1));
  let compared: readonly number[], matrix: DistanceMatrix | null;
  if (context.distances) {
    compared = context.distances.rows;
    matrix = context.distances.matrix;
    if (matrix.n !== compared.length) {
      throw new RangeError(`distances over ${matrix.n} items for ${compared.length} rows`);
    }
  } else {
    compared = comparableRows(rows, behaviour, ["behaviour"]);
    const sub = gowerInput(compared.map((i) => rows[i]), behaviour, ["behaviour"]);
    matrix = compared.length >= 2 ? gowerDistances(sub.rows, sub.features) : null;
  }
  const position = new Map(compared.map((i, k) => [i, k]));

  const claimOf = new Map(context.claims.map((c) => [c.server, c]));
  const claim = rows.map((r) => claimOf.get(r.server)?.software_claimed || null);
  const family = rows.map((r) => claimOf.get(r.server)?.family_claimed || null);
  const groupBy = (labels: readonly (string | null)[]) => {
    const m = new Map<string, number[]>();
    labels.forEach((l, i) => l !== null && m.set(l, [...(m.get(l) ?? []), i]));
    return m;
  };
  const byClaim = groupBy(claim);
  const byFamily = groupBy(family);
  const byCluster = groupBy(context.clusters);
  const keys = new Map(behaviour.map((s) => [s.name, rows.map((r) => cellKey(s, r[s.name]))]));
  const all = Array.from({ length: n }, (_, i) => i);
  const tallies = (groups: Map<string, number[]>) =>
    new Map(
      [...groups].map(([g, members]) => [
        g,
        new Map(behaviour.map((s) => [s.name, tally(keys.get(s.name)!, members)])),
      ]),
    );
  const claimTally = tallies(byClaim);
  const familyTally = tallies(byFamily);
  const clusterTally = tallies(byCluster);

  const meanTo = (i: number, members: readonly number[]) => {
    const a = position.get(i);
    if (a === undefined || matrix === null) return null;
    let s = 0, c = 0;
    for (const j of members) {
      const b = position.get(j);
      if (j !== i && b !== undefined) (s += distanceAt(matrix, a, b), c++);
    }
    return c ? s / c : null;
  };
  const servers = (k: number) => `${k} server${k === 1 ? "" : "s"}`;

  return rows.map((r, i) => {
    const own = context.clusters[i];
    // Noise is compared with its nearest cluster (smallest mean distance, ties to the first).
    let cl = own;
    let clusterDistance: number | null = null;
    if (own !== null) clusterDistance = meanTo(i, byCluster.get(own)!);
    else {
      for (const [label, members] of byCluster) {
        const d = meanTo(i, members);
        if (d !== null && (clusterDistance === null || d < clusterDistance)) {
          clusterDistance = d;
          cl = label;
        }
      }
    }
    const unusual: (UnusualFeature & { share: number })[] = [];
    const c = claim[i], fam = family[i];
    for (const s of behaviour) {
      const k = keys.get(s.name)![i];
      if (k === null) continue;
      const share = (t: Map<string, number> | undefined) => {
        if (!t) return null;
        const of = known(t);
        return of - 1 >= minOthers ? { count: t.get(k) ?? 0, of } : null;
      };
      // The servers of the same claimed software and version; when too few of them know the
      // feature, those claiming the same family, any version.
      let inClaim = c === null ? null : share(claimTally.get(c)!.get(s.name));
      let claimGroup = inClaim ? c : null;
      if (inClaim === null && fam !== null) {
        inClaim = share(familyTally.get(fam)!.get(s.name));
        claimGroup = inClaim ? `${fam} (any version)` : null;
      }
      const inCluster = cl === null ? null : share(clusterTally.get(cl)!.get(s.name));
      // Shares among the others (the server itself left out; noise is not in its nearest
      // cluster, so nothing to leave out there).
      const self = (x: { count: number; of: number }) => (own === null && x === inCluster ? 0 : 1);
      const rare = (x: { count: number; of: number } | null) =>
        x !== null && (x.count - self(x)) / (x.of - self(x)) <= rareShare;
      if (!rare(inClaim) && !rare(inCluster)) continue;
      const holders = all.filter((j) =>
        j !== i && keys.get(s.name)![j] === k && family[j] !== null
      );
      const fams = tally(family, holders);
      let holdersFamily: UnusualFeature["holdersFamily"] = null;
      for (const [f, count] of fams) {
        if (!holdersFamily || count > holdersFamily.count) {
          holdersFamily = { family: f, count, of: holders.length };
        }
      }
      const sh = inClaim
        ? (inClaim.count - 1) / (inClaim.of - 1)
        : (inCluster!.count - self(inCluster!)) / (inCluster!.of - self(inCluster!));
      unusual.push({
        feature: s.name,
        value: r[s.name],
        inClaim,
        claimGroup,
        inCluster,
        cluster: inCluster ? cl : null,
        holdersFamily,
        share: sh,
      });
    }
    unusual.sort((a, b) => a.share - b.share || a.feature.localeCompare(b.feature));
    const named = unusual.slice(0, maxFeatures);
    const parts: string[] = [];
    if (own === null) {
      parts.push(
        cl === null
          ? "in no behavioural cluster"
          : `in no behavioural cluster (nearest: ${cl}, ${
            servers(byCluster.get(cl)!.length)
          }, mean distance ${clusterDistance!.toFixed(2)})`,
      );
    }
    const claimText = c === null ? "no software" : showValue(c);
    if (named.length === 0) {
      const typical: string[] = [];
      if (own !== null) {
        typical.push(`cluster ${own} (${byCluster.get(own)!.length} of ${servers(n)})`);
      }
      if (c !== null) {
        const k = byClaim.get(c)!.length;
        typical.push(`the ${servers(k)} claiming ${claimText}`);
      }
      if (typical.length) parts.push(`typical of ${typical.join(" and of ")}`);
    } else {
      parts.push(
        named.map((u) => {
          let t = `${u.feature} is ${showValue(u.value)}`;
          const hf = u.holdersFamily;
          const other = hf !== null && hf.family !== fam && hf.count * 2 > hf.of;
          if (other) {
            t +=
              ` as ${hf.family} servers have it (${hf.count} of ${hf.of} other holders claim ${hf.family})`;
          }
          if (u.inClaim) {
            const g = u.claimGroup === c ? claimText : u.claimGroup;
            t += `${other ? " but" : ";"} it claims ${claimText}: ${u.inClaim.count} of ` +
              `${u.inClaim.of} servers claiming ${u.claimGroup === c ? "that" : g} have it`;
          } else if (c === null) t += "; it claims no software";
          if (u.inCluster) {
            const where = own === null
              ? `the nearest cluster ${u.cluster}`
              : `its cluster ${u.cluster}`;
            t += `; ${u.inCluster.count} of ${u.inCluster.of} in ${where}`;
          }
          return t;
        }).join(". "),
      );
      if (unusual.length > named.length) {
        parts[parts.length - 1] += ` (+${unusual.length - named.length} more)`;
      }
    }
    if (parts.length === 0) parts.push("nothing to compare it with");
    const sentence = parts.join(": ");
    return {
      server: r.server,
      score: scores[i],
      rank: rank[i],
      clusterDistance,
      unusual: unusual.map(({ share: _s, ...u }) => u),
      sentence,
    };
  });
}
