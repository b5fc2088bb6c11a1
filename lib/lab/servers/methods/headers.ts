/**
 * The header methods: the tip and its subscription, single headers with an optional checkpoint
 * proof, header ranges, and the pre-1.4 forms (`get_header`, `get_chunk`).
 *
 * @module
 */
import { blockHash, parseBlockHeader } from "../../../bitcoin/block_header.ts";
import { merkleBranch, merkleRoot } from "../../../bitcoin/merkle.ts";
import { compareVersions } from "../../../electrum/compare_versions.ts";
import { type Chain, fail, type MethodContext, type MethodHandler } from "./context.ts";
import { forgedBranch } from "./forge.ts";
import { height } from "./params.ts";

const tip: MethodHandler = ({ ctx, method, chain }) => {
  const p = ctx.host.personality;
  if (method === "blockchain.headers.subscribe") ctx.subs.headers = true;
  const tip = chain.tip();
  if (p.family === "eps" && !ctx.versionSeen) return deserializeHeader(tip.hex, tip.height);
  return { hex: tip.hex, height: tip.height };
};

const blockHeader: MethodHandler = ({ ctx, params, chain }) => {
  const p = ctx.host.personality;
  const errors = ctx.errors;
  const h = height(ctx, params[0]);
  const cp = params.length > 1 ? height(ctx, params[1]) : 0;
  const hex = chain.header(h);
  if (hex === undefined) fail(errors.heightOutOfRange(h));
  if (cp === 0) return hex;
  if (p.family === "electrs" || p.family === "eps") {
    fail({ error: { code: -32602, message: "invalid params" } });
  }
  if (cp < h || chain.header(cp) === undefined) {
    fail({
      error: {
        code: 1,
        message:
          `header height ${h} must be <= cp_height ${cp} which must be <= chain height ${chain.tip().height}`,
      },
    });
  }
  return { header: hex, ...headerBranch(ctx, chain, h, cp) };
};

const blockHeaders: MethodHandler = ({ ctx, params, chain }) => {
  const p = ctx.host.personality;
  const start = height(ctx, params[0]);
  const count = Math.min(height(ctx, params[1]), 2016);
  const tip = chain.tip().height;
  const hexes: string[] = [];
  for (let h = start; h < start + count && h <= tip; h++) hexes.push(chain.header(h)!);
  const asList = (p.family === "electrumx" || p.family === "fulcrum") &&
    ctx.negotiated !== null && compareVersions(ctx.negotiated, "1.6") >= 0;
  const result = asList
    ? { count: hexes.length, headers: hexes, max: 2016 }
    // Key order as ElectrumX writes it (hex, count, max; recorded on a real 1.16.0 build).
    : { hex: hexes.join(""), count: hexes.length, max: 2016 };
  // A cp_height adds the proof of the last header returned (ElectrumX `block_headers`).
  const cp = params.length > 2 ? height(ctx, params[2]) : 0;
  if (cp === 0 || hexes.length === 0 || (p.family !== "electrumx" && p.family !== "fulcrum")) {
    return result;
  }
  const last = start + hexes.length - 1;
  if (cp < last || chain.header(cp) === undefined) {
    fail({
      error: {
        code: 1,
        message:
          `header height ${last} must be <= cp_height ${cp} which must be <= chain height ${tip}`,
      },
    });
  }
  return { ...result, ...headerBranch(ctx, chain, last, cp) };
};

const getHeader: MethodHandler = ({ ctx, params, chain }) =>
  deserializeHeader(
    chain.header(height(ctx, params[0])) ?? fail(ctx.errors.heightOutOfRange(Number(params[0]))),
    Number(params[0]),
  );

const getChunk: MethodHandler = ({ ctx, params, chain }) => {
  const idx = height(ctx, params[0]);
  const out: string[] = [];
  for (let h = idx * 2016; h < (idx + 1) * 2016; h++) {
    const x = chain.header(h);
    if (x === undefined) break;
    out.push(x);
  }
  return out.join("");
};

/** Handlers of the header methods, by method name. */
export const HEADER_METHODS: Record<string, MethodHandler> = {
  "blockchain.headers.subscribe": tip,
  "blockchain.headers.get_tip": tip,
  "blockchain.block.header": blockHeader,
  "blockchain.block.headers": blockHeaders,
  "blockchain.block.get_header": getHeader,
  "blockchain.block.get_chunk": getChunk,
};

/** A header as pre-1.4 servers (EPS without `server.version`) send it: deserialized fields. */
function deserializeHeader(hex: string, h: number) {
  const p = parseBlockHeader(hex);
  return {
    block_height: h,
    version: p.version,
    prev_block_hash: p.prevHash,
    merkle_root: p.merkleRoot,
    timestamp: p.time,
    bits: p.bits,
    nonce: p.nonce,
  };
}

/** Checkpoint proofs already computed, by the block hash at `cp` and the height proved: every
 * host of one chain asks the same few (the `proofs` probe's heights), and a tree of block hashes
 * costs hundreds of hashes. Bounded: cleared when full. */
const PROOF_CACHE = new Map<string, { branch: string[]; root: string }>();
const PROOF_CACHE_MAX = 4096;

/** ElectrumX's header checkpoint proof: branch and root of header hashes 0..cp (display order);
 * a proof forger's branch has a made-up sibling. */
function headerBranch(
  ctx: MethodContext,
  chain: Chain,
  h: number,
  cp: number,
): { branch: string[]; root: string } {
  const key = `${blockHash(chain.header(cp)!)}:${h}`;
  let proof = PROOF_CACHE.get(key);
  if (!proof) {
    const hashes: string[] = [];
    for (let i = 0; i <= cp; i++) hashes.push(blockHash(chain.header(i)!));
    proof = { branch: merkleBranch(hashes, h), root: merkleRoot(hashes) };
    if (PROOF_CACHE.size >= PROOF_CACHE_MAX) PROOF_CACHE.clear();
    PROOF_CACHE.set(key, proof);
  }
  return {
    branch: ctx.host.behaviour.forgeProofs ? forgedBranch(proof.branch) : [...proof.branch],
    root: proof.root,
  };
}
