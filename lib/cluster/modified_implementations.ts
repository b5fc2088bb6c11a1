/**
 * Modified implementations: servers whose claim disagrees with their wire behaviour, and
 * servers that behave unlike every other server making the same claim, with the differing
 * features named.
 *
 * @module
 */
import { cellKey, type ClaimRow } from "./claim_groups.ts";
import type { ClusterFeatureSpec, FeatureCell, FeatureRow } from "./feature_input.ts";

/** Why a server is flagged. */
export type ModifiedReason = "claim-family" | "claim-version" | "unlike-its-claim";

/** A behaviour feature on which a server differs from every other server of its claim. */
export interface DifferingFeature {
  readonly feature: string;
  /** The server's value (server-supplied text: escape when rendering). */
  readonly value: FeatureCell;
  /** Other servers of the claim with this feature known. */
  readonly others: number;
  /** Their most common value and how many hold it. */
  readonly common: string;
  readonly commonCount: number;
}

/** The verdict on one server. */
export interface ModifiedVerdict {
  readonly server: string;
  readonly claim: string | null;
  readonly flagged: boolean;
  readonly reasons: ModifiedReason[];
  /** Behaviour features held by no other server of the same claim (empty when too few
   * others to compare). */
  readonly differing: DifferingFeature[];
}

/** Options of {@link modifiedImplementations}. */
export interface ModifiedOptions {
  /** Other servers of the same claim, with the feature known, needed before a value held by
   * none of them counts as a difference. Default 3. */
  minOthers?: number;
}

/**
 * Flags modified implementations two ways:
 *
 * - **claim vs behaviour**: `claim_agrees === false` (the claim names another family than the
 *   wire inference) or `claim_version_consistent === false` (no known build with the traits seen
 *   carries the claimed version), read from the claim rows;
 * - **unlike its claim**: among the servers with the same `software_claimed` string, a
 *   behaviour feature whose value (known) is held by none of the others that have it known,
 *   when at least `minOthers` others do. Every such feature is named with the others' most
 *   common value.
 *
 * Servers without a claim row or claim are compared with nobody. Deterministic.
 *
 * @param rows Feature rows, one per server.
 * @param specs The declared features; only `behaviour` features are compared.
 * @param claims Claim rows (`fingerprints.csv` columns), matched by server.
 * @param options See {@link ModifiedOptions}.
 * @throws {RangeError} on a bad `minOthers`.
 *
 * @example
 * ```ts
 * modifiedImplementations(rows, FEATURE_SPECS, fingerprints).filter((v) => v.flagged);
 * ```
 */
export function modifiedImplementations(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  claims: readonly ClaimRow[],
  options: ModifiedOptions = {},
): ModifiedVerdict[] {
  const minOthers = options.minOthers ?? 3;
  if (!Number.isInteger(minOthers) || minOthers < 1) {
    throw new RangeError(`minOthers must be an integer >= 1, got ${minOthers}`);
  }
  const behaviour = specs.filter((s) => s.group === "behaviour" && s.weight > 0);
  const claimOf = new Map(claims.map((c) => [c.server, c]));
  const byClaim = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const c = claimOf.get(r.server)?.software_claimed;
    if (!c) return;
    const list = byClaim.get(c) ?? [];
    list.push(i);
    byClaim.set(c, list);
  });
  // Per claim and feature: value key -> count.
  const counts = new Map<string, Map<string, Map<string, number>>>();
  for (const [claim, list] of byClaim) {
    const perFeature = new Map<string, Map<string, number>>();
    for (const s of behaviour) {
      const m = new Map<string, number>();
      for (const i of list) {
        const k = cellKey(s, rows[i][s.name]);
        if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
      }
      perFeature.set(s.name, m);
    }
    counts.set(claim, perFeature);
  }
  return rows.map((r) => {
    const c = claimOf.get(r.server);
    const claim = c?.software_claimed || null;
    const reasons: ModifiedReason[] = [];
    if (c?.claim_agrees === false) reasons.push("claim-family");
    if (c?.claim_version_consistent === false) reasons.push("claim-version");
    const differing: DifferingFeature[] = [];
    if (claim) {
      const perFeature = counts.get(claim)!;
      for (const s of behaviour) {
        const k = cellKey(s, r[s.name]);
        if (k === null) continue;
        const m = perFeature.get(s.name)!;
        let others = 0;
        for (const v of m.values()) others += v;
        others -= 1;
        if (others < minOthers || (m.get(k) ?? 0) > 1) continue;
        let common = "", commonCount = 0;
        for (const [v, n] of m) {
          if (v !== k && (n > commonCount || (n === commonCount && v < common))) {
            common = v;
            commonCount = n;
          }
        }
        differing.push({ feature: s.name, value: r[s.name], others, common, commonCount });
      }
    }
    if (differing.length) reasons.push("unlike-its-claim");
    return { server: r.server, claim, flagged: reasons.length > 0, reasons, differing };
  });
}
