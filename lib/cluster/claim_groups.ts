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
