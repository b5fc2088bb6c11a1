/**
 * The transaction methods: `get` (raw or verbose), `get_height`, `get_merkle`, `id_from_pos`, the
 * broadcasts the lab always refuses, and the methods it disables.
 *
 * @module
 */
import { compareVersions } from "../../../electrum/compare_versions.ts";
import { type Chain, fail, type MethodHandler } from "./context.ts";
import { forgedBranch } from "./forge.ts";
import { height, txHash } from "./params.ts";

const get: MethodHandler = ({ ctx, params, chain }) => {
  const p = ctx.host.personality;
  const txid = txHash(ctx, params[0]);
  const hex = chain.transaction(txid);
  if (hex === undefined) fail(ctx.errors.unknownTx());
  if (params[1] === true) {
    if (p.errors === "esplora-2021") {
      fail({ error: "verbose transactions are currently unsupported" });
    }
    return { txid, hash: txid, hex, size: hex!.length / 2 };
  }
  return hex;
};

const getMerkle: MethodHandler = ({ ctx, params, chain }) => {
  const txid = txHash(ctx, params[0]);
  const h = params.length > 1 ? height(ctx, params[1]) : findHeight(chain, txid) ?? -1;
  const m = chain.merkle(txid, h);
  if (!m) fail({ error: { code: 1, message: `tx ${txid} not in block at height ${h}` } });
  return ctx.host.behaviour.forgeProofs ? { ...m!, merkle: forgedBranch(m!.merkle) } : m;
};

/**
 * `blockchain.transaction.id_from_pos`. ElectrumX, Fulcrum, esplora and EPS answer the bare txid
 * (`{tx_hash, merkle}` with `merkle` true). electrs since its 0.9 rewrite (`src/electrum.rs`)
 * parses the params as exactly `(height, tx_pos, merkle)`, so two params are -32602 `invalid
 * params`, and wraps the txid in an object keyed `tx_id` (with `merkle` beside it when asked).
 */
const idFromPos: MethodHandler = ({ ctx, params, chain }) => {
  const p = ctx.host.personality;
  const rewrite = p.family === "electrs" && compareVersions(p.version, "0.9") >= 0;
  if (rewrite && (params.length !== 3 || typeof params[2] !== "boolean")) {
    fail({ error: { code: -32602, message: "invalid params" } });
  }
  const h = height(ctx, params[0]);
  const pos = height(ctx, params[1]);
  if (chain.header(h) === undefined) fail(ctx.errors.heightOutOfRange(h));
  const found = chain.idFromPos(h, pos, params[2] === true);
  if (found === undefined) {
    fail({ error: { code: 1, message: `no tx at position ${pos} in block at height ${h}` } });
  }
  const r = typeof found === "object" && ctx.host.behaviour.forgeProofs
    ? { ...found, merkle: forgedBranch(found.merkle) }
    : found;
  if (!rewrite) return r;
  return typeof r === "string" ? { tx_id: r } : { tx_id: r!.tx_hash, merkle: r!.merkle };
};

const broadcast: MethodHandler = ({ ctx, params }) => {
  const raw = typeof params[0] === "string" ? params[0] : JSON.stringify(params[0]);
  if (ctx.host.behaviour.broadcastError) fail({ error: ctx.host.behaviour.broadcastError(raw) });
  fail(ctx.errors.broadcastRejected(raw.slice(0, 2000), rejectReason(raw)));
  return null;
};

/** Handlers of the transaction methods, by method name. */
export const TRANSACTION_METHODS: Record<string, MethodHandler> = {
  "blockchain.transaction.get": get,
  "blockchain.transaction.get_height": ({ ctx, params, chain }) =>
    findHeight(chain, txHash(ctx, params[0])),
  "blockchain.transaction.get_merkle": getMerkle,
  "blockchain.transaction.id_from_pos": idFromPos,
  "blockchain.transaction.broadcast": broadcast,
  "blockchain.transaction.broadcast_package": broadcast,
  "blockchain.utxo.get_info": () => {
    fail({ error: { code: 1, message: "UTXO not found" } });
    return null;
  },
  "daemon.passthrough": () => {
    fail({ error: { code: -32601, message: "Method disabled for this client" } });
    return null;
  },
};

function findHeight(chain: Chain, txid: string): number | null {
  const hex = chain.transaction(txid);
  if (hex === undefined) return null;
  for (let h = chain.tip().height; h >= 0; h--) {
    if (chain.merkle(txid, h)) return h;
    if (chain.tip().height - h > 5000) break;
  }
  return 0;
}

/** bitcoind's rejection reason for a transaction the lab will never accept. */
function rejectReason(raw: string): string {
  if (!/^([0-9a-fA-F]{2})+$/.test(raw) || raw.length < 120) {
    return "TX decode failed. Make sure the tx has at least one input.";
  }
  return "bad-txns-inputs-missingorspent";
}
