/**
 * The proof forger's branches (behaviour `forgeProofs` of the `proof-forger` role): a merkle
 * branch whose first sibling is made up, so it folds to a root other than the one it should.
 * A one-transaction block's empty branch gains one made-up sibling.
 *
 * @module
 */
import { hash256 } from "../../../bitcoin/hash.ts";
import { toDisplayHex } from "../../../bitcoin/hex.ts";

/** A made-up sibling, derived from what it replaces (deterministic, never the true one). */
function madeUp(seed: string): string {
  return toDisplayHex(hash256(new TextEncoder().encode(`lab forged sibling ${seed}`)));
}

/**
 * The branch a forger serves in place of `branch`.
 *
 * @param branch The true branch, display-order hex, leaf level first.
 * @returns A branch of the same length (one for an empty branch) whose first sibling is made up.
 * @example
 * ```ts
 * forgedBranch([a, b])[1] === b; // only the first sibling is replaced
 * ```
 */
export function forgedBranch(branch: readonly string[]): string[] {
  if (branch.length === 0) return [madeUp("empty")];
  return [madeUp(branch[0]), ...branch.slice(1)];
}
