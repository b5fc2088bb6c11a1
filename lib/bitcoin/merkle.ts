/**
 * Merkle trees over txids, and Electrum's merkle branches.
 *
 * Bitcoin hashes pairs of 32-byte nodes in internal byte order with `hash256`; a level with an
 * odd number of nodes pairs its last node with itself. Electrum's
 * `blockchain.transaction.get_merkle` returns the sibling at each level, leaf level first, as
 * display-order hex, plus the leaf position; the client folds them from the txid up (left or
 * right by the bits of `pos`) and compares with the header's merkle root.
 *
 * Spec: https://electrum-protocol.readthedocs.io/en/latest/protocol-methods.html#blockchain-transaction-get-merkle
 *
 * @module
 */
import { hash256 } from "./hash.ts";
import { fromDisplayHex, toDisplayHex } from "./hex.ts";

function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(a, 0);
  buf.set(b, 32);
  return hash256(buf);
}

function checkLeaves(txids: readonly string[], what: string): Uint8Array[] {
  if (txids.length === 0) {
    throw new RangeError(`${what}: a block has at least one transaction, got none`);
  }
  return txids.map((t) => {
    const b = fromDisplayHex(t);
    if (b.length !== 32) throw new TypeError(`${what}: ${JSON.stringify(t)} is not a 32-byte hash`);
    return b;
  });
}

/**
 * Merkle root of a list of hashes.
 *
 * @param txids Leaves in block order, display-order hex (txids, or wtxids for a witness root).
 * @returns The root, display-order hex.
 * @throws {RangeError} If the list is empty.
 * @example
 * ```ts
 * merkleRoot([coinbaseTxid]) === coinbaseTxid; // a one-transaction block
 * ```
 */
export function merkleRoot(txids: readonly string[]): string {
  let level = checkLeaves(txids, "merkleRoot");
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(hashPair(level[i], level[i + 1] ?? level[i]));
    }
    level = next;
  }
  return toDisplayHex(level[0]);
}

/**
 * The merkle branch of the leaf at `pos`, in Electrum's format.
 *
 * @param txids All txids of the block in order, display-order hex.
 * @param pos Index of the transaction in the block.
 * @returns Sibling hashes from the leaf level up, display-order hex (empty for a one-tx block).
 * @throws {RangeError} If `pos` is not an index into `txids`.
 * @example
 * ```ts
 * const merkle = merkleBranch(txids, 2);
 * merkleRootFromBranch(txids[2], merkle, 2) === merkleRoot(txids); // true
 * ```
 */
export function merkleBranch(txids: readonly string[], pos: number): string[] {
  let level = checkLeaves(txids, "merkleBranch");
  if (!Number.isInteger(pos) || pos < 0 || pos >= level.length) {
    throw new RangeError(`merkleBranch: pos ${pos} is outside 0..${level.length - 1}`);
  }
  const branch: string[] = [];
  let index = pos;
  while (level.length > 1) {
    const sibling = index ^ 1;
    branch.push(toDisplayHex(level[sibling] ?? level[index]));
    const next: Uint8Array[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(hashPair(level[i], level[i + 1] ?? level[i]));
    }
    level = next;
    index >>= 1;
  }
  return branch;
}

/**
 * Fold a branch into a root, as Electrum's verifier does.
 *
 * @param txid The leaf, display-order hex.
 * @param branch Siblings, display-order hex, leaf level first.
 * @param pos Leaf position; bit i says whether the leaf side is on the right at level i.
 * @returns The implied merkle root, display-order hex.
 * @example
 * ```ts
 * merkleRootFromBranch(txid, merkle, pos) === parseBlockHeader(header).merkleRoot;
 * ```
 */
export function merkleRootFromBranch(txid: string, branch: readonly string[], pos: number): string {
  let h = fromDisplayHex(txid);
  branch.forEach((item, i) => {
    const sib = fromDisplayHex(item);
    h = (pos >> i) & 1 ? hashPair(sib, h) : hashPair(h, sib);
  });
  return toDisplayHex(h);
}
