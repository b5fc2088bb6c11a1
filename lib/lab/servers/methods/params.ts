/**
 * Parameter checks shared by the lab's methods: named params as aiorpcX maps them for ElectrumX,
 * the positional arity per method, and the height and transaction-hash arguments.
 *
 * @module
 */
import { fail, type MethodContext } from "./context.ts";

/** [required, maximum] positional parameters per method. */
const ARITY: Record<string, [number, number]> = {
  "server.version": [0, 2],
  "server.banner": [0, 0],
  "server.donation_address": [0, 0],
  "server.peers.subscribe": [0, 0],
  "server.ping": [0, 0],
  "server.features": [0, 0],
  "server.add_peer": [1, 1],
  "blockchain.headers.subscribe": [0, 0],
  "blockchain.block.header": [1, 2],
  "blockchain.block.headers": [2, 3],
  "blockchain.estimatefee": [1, 2],
  "blockchain.relayfee": [0, 0],
  "mempool.get_fee_histogram": [0, 0],
  "mempool.get_info": [0, 0],
  "blockchain.transaction.broadcast": [1, 1],
  "blockchain.transaction.broadcast_package": [1, 2],
  "blockchain.transaction.get": [1, 2],
  "blockchain.transaction.get_merkle": [1, 2],
  "blockchain.transaction.id_from_pos": [2, 3],
  "blockchain.transaction.get_height": [1, 1],
};

/**
 * ElectrumX's handler parameter names (`session.py` at 470c76d), required ones first and the
 * count of required ones: aiorpcX accepts named params by these names.
 */
const ELECTRUMX_PARAMS: Record<string, [string[], number]> = {
  "server.version": [["client_name", "protocol_version"], 0],
  "server.banner": [[], 0],
  "server.donation_address": [[], 0],
  "server.peers.subscribe": [[], 0],
  "server.ping": [[], 0],
  "server.features": [[], 0],
  "server.add_peer": [["features"], 1],
  "blockchain.headers.subscribe": [[], 0],
  "blockchain.block.header": [["height", "cp_height"], 1],
  "blockchain.block.headers": [["start_height", "count", "cp_height"], 2],
  "blockchain.estimatefee": [["number", "mode"], 1],
  "blockchain.relayfee": [[], 0],
  "mempool.get_fee_histogram": [[], 0],
  "blockchain.scripthash.get_balance": [["scripthash"], 1],
  "blockchain.scripthash.get_history": [["scripthash"], 1],
  "blockchain.scripthash.get_mempool": [["scripthash"], 1],
  "blockchain.scripthash.listunspent": [["scripthash"], 1],
  "blockchain.scripthash.subscribe": [["scripthash"], 1],
  "blockchain.scripthash.unsubscribe": [["scripthash"], 1],
  "blockchain.transaction.broadcast": [["raw_tx"], 1],
  "blockchain.transaction.get": [["tx_hash", "verbose"], 1],
  "blockchain.transaction.get_merkle": [["tx_hash", "height"], 2],
  "blockchain.transaction.id_from_pos": [["height", "tx_pos", "merkle"], 2],
};

/**
 * Named params as aiorpcX handles them for ElectrumX (wording recorded on a real 1.16.0 build):
 * missing required names, then unknown names, are -32602 errors; otherwise the values in
 * declaration order (an absent optional ends the list: the handler's default applies).
 */
function electrumxNamed(method: string, raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const [names, required] = ELECTRUMX_PARAMS[method];
  const given = raw as Record<string, unknown>;
  const quoted = (xs: string[]) => xs.sort().map((n) => `"${n}"`).join(", ");
  const missing = names.slice(0, required).filter((n) => !(n in given));
  if (missing.length) {
    const s = missing.length === 1 ? "" : "s";
    fail({
      error: {
        code: -32602,
        message: `method "${method}" requires parameter${s} ${quoted(missing)}`,
      },
    });
  }
  const excess = Object.keys(given).filter((n) => !names.includes(n));
  if (excess.length) {
    const s = excess.length === 1 ? "" : "s";
    fail({
      error: {
        code: -32602,
        message: `method "${method}" does not take parameter${s} ${quoted(excess)}`,
      },
    });
  }
  const out: unknown[] = [];
  for (const n of names) {
    if (!(n in given)) break;
    out.push(given[n]);
  }
  return out;
}

/**
 * The request's params as a positional list, after the dialect's checks: named params (mapped
 * for ElectrumX, refused by the others), then too few or too many.
 *
 * @throws {RpcFailure} With the dialect's error reply.
 */
export function positionalParams(
  ctx: MethodContext,
  method: string,
  rawParams: unknown,
): unknown[] {
  const { host, errors } = ctx;
  const p = host.personality;
  const missing = rawParams === undefined;
  if (missing) rawParams = [];
  if (!Array.isArray(rawParams) && p.family === "electrumx" && ELECTRUMX_PARAMS[method]) {
    rawParams = electrumxNamed(method, rawParams);
  }
  if (!Array.isArray(rawParams)) {
    if (p.family === "electrumx") {
      fail({
        error: {
          code: -32602,
          message: `method "${method}" cannot be called with named arguments`,
        },
      });
    }
    if (p.family === "fulcrum") {
      fail({ error: { code: -32602, message: "Named params are not supported for this method" } });
    }
    fail({ error: { code: -32602, message: "invalid params" } });
  }
  const params = rawParams as unknown[];
  const arity = ARITY[method] ??
    (method.startsWith("blockchain.scripthash.") ? [1, 1] as [number, number] : undefined);
  if (arity) {
    const [req, max] = arity;
    if (params.length < req) fail(errors.tooFewParams(method, params.length, req, missing));
    const ignoreExtra = method === "server.version" && p.extraVersionArgs === "ignore";
    if (params.length > max && !ignoreExtra) fail(errors.tooManyParams(method, params.length, max));
  }
  return params;
}

/** A height argument: a non-negative integer, else the dialect's error. */
export function height(ctx: MethodContext, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) fail(ctx.errors.badHeight(v));
  return v as number;
}

/** A transaction-hash argument: 64 hex digits, lower-cased, else the dialect's error. */
export function txHash(ctx: MethodContext, v: unknown): string {
  if (typeof v !== "string" || !/^[0-9a-fA-F]{64}$/.test(v)) {
    fail(ctx.errors.badTxHash(String(v).slice(0, 200)));
  }
  return (v as string).toLowerCase();
}
