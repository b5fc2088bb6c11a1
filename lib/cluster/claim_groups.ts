/**
 * Shared helpers of the modified-implementation and outlier explanations: the claim rows they
 * read (columns of `fingerprints.csv`) and a cell's value as a comparable key.
 *
 * @module
 */
import { type ClusterFeatureSpec, type FeatureCell, featureSetMembers } from "./feature_input.ts";

/** The claim columns of `fingerprints.csv` these methods read, one row per server. */
export interface ClaimRow {
  readonly server: string;
  /** `software_claimed`: the first element of the `server.version` reply. */
  readonly software_claimed: string | null;
  /** `family_claimed`: the family parsed from the claim. */
  readonly family_claimed?: string | null;
  /** `family_inferred`: the family inferred from wire behaviour. */
  readonly family_inferred?: string | null;
  /** `claim_agrees`: claimed and inferred family are the same (null when either unknown). */
  readonly claim_agrees?: boolean | null;
  /** `claim_version_consistent`: the claimed version lies in the inferred range. */
  readonly claim_version_consistent?: boolean | null;
}

/**
 * A cell as a comparison key: null when unknown; set-valued cells sorted so member order does
 * not matter; other values as strings.
 */
export function cellKey(spec: ClusterFeatureSpec, v: FeatureCell): string | null {
  if (v === null || v === undefined) return null;
  if (spec.kind === "set") return featureSetMembers(v)!.sort().join(";");
  return String(v);
}

/**
 * The claim columns of `fingerprints.csv` rows (as derived or read back), type-checked.
 *
 * @throws {RangeError} naming the row and column of a value of the wrong type.
 */
export function asClaimRows(rows: readonly Readonly<Record<string, FeatureCell>>[]): ClaimRow[] {
  const str = (r: Readonly<Record<string, FeatureCell>>, i: number, k: string) => {
    const v = r[k];
    if (v === null || v === undefined) return null;
    if (typeof v !== "string") throw new RangeError(`claims row ${i}: ${k} ${String(v)} not text`);
    return v;
  };
  const bool = (r: Readonly<Record<string, FeatureCell>>, i: number, k: string) => {
    const v = r[k];
    if (v === null || v === undefined) return null;
    if (typeof v !== "boolean") {
      throw new RangeError(`claims row ${i}: ${k} ${String(v)} not boolean`);
    }
    return v;
  };
  return rows.map((r, i) => {
    const server = str(r, i, "server");
    if (!server) throw new RangeError(`claims row ${i}: no server`);
    return {
      server,
      software_claimed: str(r, i, "software_claimed"),
      family_claimed: str(r, i, "family_claimed"),
      family_inferred: str(r, i, "family_inferred"),
      claim_agrees: bool(r, i, "claim_agrees"),
      claim_version_consistent: bool(r, i, "claim_version_consistent"),
    };
  });
}
