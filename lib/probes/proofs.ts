/**
 * Probe `proofs`: asks for merkle proofs the client can check against nothing but the proofs
 * themselves and each other, so it needs no hard-coded chain (lab and live alike). For a
 * checkpoint height `cp` a few blocks below the server's tip, rounded down to a multiple of
 * {@linkcode CP_STEP} (so servers with nearby tips share it and their roots can be compared across
 * servers), and for two heights `h` (`cp` itself and `cp / 2`: asking twice tells one bad proof
 * from a consistent one):
 *
 * - `blockchain.block.header [h, cp]` -> `{header, branch, root}` (protocol 1.4's checkpoint
 *   proof): the branch must fold the header's hash (leaf at position `h` of the tree of block
 *   hashes 0..cp) to `root`, and both asks must name the same root;
 * - `blockchain.transaction.id_from_pos [h, 0, true]` -> `{tx_hash, merkle}` (electrs:
 *   `{tx_id, merkle}`): the branch must fold the coinbase txid to the merkle root of the header
 *   at `h` (from the checkpoint reply, or `blockchain.block.header [h]` when the server refuses
 *   `cp_height`, as electrs does).
 *
 * Every reply is untrusted: hashes must be 64 hex digits, headers 160, branches at most
 * {@linkcode MAX_BRANCH} long; a reply of another shape is `malformed` (an unknown
 * implementation's form), not `invalid`. Only a well-formed proof that does not fold to its root
 * is `invalid`. Skipped on EPS-like servers (a second argument it does not know may crash it) and
 * without a tip.
 *
 * Spec: https://electrum-protocol.readthedocs.io/en/latest/protocol-methods.html#blockchain-block-header
 *
 * @module
 */
import { blockHash, parseBlockHeader } from "../bitcoin/block_header.ts";
import { merkleRootFromBranch } from "../bitcoin/merkle.ts";
import type { Reply } from "../electrum/session.ts";
import { clip } from "../records/records.ts";
import { flushPadding } from "./adaptive.ts";
import { isEpsLike, type Probe, skipped } from "./probe.ts";

/** Checkpoint heights are multiples of this, so servers a few blocks apart share one. */
export const CP_STEP = 16;
/** Blocks below the tip the checkpoint stays (a reorganisation that deep is not expected). */
export const CP_DEPTH = 6;
/** Longest branch accepted: a tree of 2^40 leaves is beyond any chain or block. */
export const MAX_BRANCH = 40;

/** What one proof came to. */
export type ProofVerdict =
  | "valid"
  | "invalid"
  | "malformed"
  | "refused"
  | "unanswered";

/** One proof asked for. */
export interface ProofCheck {
  /** `checkpoint` (a header in the tree of block hashes) or `tx` (a coinbase in its block). */
  kind: "checkpoint" | "tx";
  height: number;
  verdict: ProofVerdict;
  /** Why, in a few words (bounded), e.g. the root it folded to. */
  detail: string | null;
}

const HASH = /^[0-9a-f]{64}$/i;
const HEADER = /^[0-9a-f]{160}$/i;

/** The checkpoint height for a tip, or null when the chain is too short. */
export function checkpointHeight(tip: number): number | null {
  const cp = Math.floor((tip - CP_DEPTH) / CP_STEP) * CP_STEP;
  return cp >= 2 ? cp : null;
}

function branchOf(v: unknown): string[] | null {
  return Array.isArray(v) && v.length <= MAX_BRANCH &&
      v.every((x) => typeof x === "string" && HASH.test(x))
    ? (v as string[]).map((x) => x.toLowerCase())
    : null;
}

function notAnswered(r: Reply): { verdict: ProofVerdict; detail: string } {
  return r.status === "rpc-error"
    ? { verdict: "refused", detail: clip(JSON.stringify(r.error) ?? "", 120) }
    : { verdict: "unanswered", detail: r.status };
}

/** Judge a checkpoint reply; returns the check, the header hex and the root it claims. */
function judgeCheckpoint(
  r: Reply,
  h: number,
): { check: ProofCheck; header: string | null; root: string | null } {
  const check = (verdict: ProofVerdict, detail: string | null): ProofCheck => ({
    kind: "checkpoint",
    height: h,
    verdict,
    detail,
  });
  if (r.status !== "success") {
    return {
      check: { kind: "checkpoint", height: h, ...notAnswered(r) },
      header: null,
      root: null,
    };
  }
  const o = r.result as { header?: unknown; branch?: unknown; root?: unknown } | null;
  const branch = branchOf(o?.branch);
  if (
    !o || typeof o !== "object" || typeof o.header !== "string" || !HEADER.test(o.header) ||
    typeof o.root !== "string" || !HASH.test(o.root) || !branch
  ) {
    return { check: check("malformed", "not {header, branch, root}"), header: null, root: null };
  }
  const header = o.header.toLowerCase(), root = o.root.toLowerCase();
  const folded = merkleRootFromBranch(blockHash(header), branch, h);
  return folded === root ? { check: check("valid", null), header, root } : {
    check: check("invalid", `folds to ${folded.slice(0, 16)}…, claims ${root.slice(0, 16)}…`),
    header,
    root,
  };
}

/** Judge an id_from_pos reply against the merkle root of the header at its height. */
function judgeTx(r: Reply, h: number, header: string | null): ProofCheck {
  const check = (verdict: ProofVerdict, detail: string | null): ProofCheck => ({
    kind: "tx",
    height: h,
    verdict,
    detail,
  });
  if (r.status !== "success") return { kind: "tx", height: h, ...notAnswered(r) };
  const o = r.result as { tx_hash?: unknown; tx_id?: unknown; merkle?: unknown } | null;
  const txid = o && typeof o === "object" ? (o.tx_hash ?? o.tx_id) : null;
  const branch = branchOf(o?.merkle);
  if (typeof txid !== "string" || !HASH.test(txid) || !branch) {
    return check("malformed", "not {tx_hash, merkle}");
  }
  if (header === null) return check("unanswered", "no header to check it against");
  const root = parseBlockHeader(header).merkleRoot;
  const folded = merkleRootFromBranch(txid.toLowerCase(), branch, 0);
  return folded === root
    ? check("valid", null)
    : check("invalid", `folds to ${folded.slice(0, 16)}…, header has ${root.slice(0, 16)}…`);
}

export const proofs: Probe = {
  name: "proofs",
  version: "1",
  async run(ctx) {
    const s = ctx.session;
    if (!s) return { status: "closed", op: "rpc", message: "no session", data: {} };
    if (isEpsLike(ctx)) {
      return skipped("EPS-like server (a cp_height it does not know may crash it)");
    }
    const tip = ctx.facts.tipHeight;
    const cp = typeof tip === "number" ? checkpointHeight(tip) : null;
    if (cp === null) {
      return skipped("no tip, or a chain too short for a checkpoint", { tip_height: tip ?? null });
    }
    const heights = [cp, Math.floor(cp / 2)];
    const asked = heights.map((h) => ({
      h,
      cp: s.request("blockchain.block.header", [h, cp]),
      tx: s.request("blockchain.transaction.id_from_pos", [h, 0, true]),
    }));
    if (ctx.facts.padded) flushPadding(s);
    const checks: ProofCheck[] = [];
    const roots: string[] = [];
    let cpHeaderHash: string | null = null;
    for (const a of asked) {
      const cr = await a.cp;
      const j = judgeCheckpoint(cr, a.h);
      let header = j.header;
      if (j.root !== null && j.check.verdict === "valid" && roots.length && roots[0] !== j.root) {
        j.check.verdict = "invalid";
        j.check.detail = "root differs from the other checkpoint reply's";
      }
      if (j.root !== null) roots.push(j.root);
      checks.push(j.check);
      if (header === null && cr.status === "rpc-error") {
        // The server refuses cp_height (electrs): the plain header still checks the tx proof.
        const plain = await s.request("blockchain.block.header", [a.h]);
        if (
          plain.status === "success" && typeof plain.result === "string" &&
          HEADER.test(plain.result)
        ) {
          header = plain.result.toLowerCase();
        }
      }
      if (a.h === cp && header !== null) cpHeaderHash = blockHash(header);
      checks.push(judgeTx(await a.tx, a.h, header));
    }
    const checked = checks.filter((c) => c.verdict === "valid" || c.verdict === "invalid");
    return {
      status: "success",
      data: {
        tip_height: tip,
        cp_height: cp,
        cp_root: roots[0] ?? null,
        cp_header_hash: cpHeaderHash,
        checked: checked.length,
        invalid: checked.filter((c) => c.verdict === "invalid").length,
        checks,
      },
    };
  },
};
