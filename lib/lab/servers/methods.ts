/**
 * Electrum methods as the lab's personalities answer them (reference §2-§6), over a
 * {@linkcode ChainView}. Errors are thrown as {@linkcode RpcFailure} carrying the dialect's reply.
 *
 * @module
 */
import { blockHash, parseBlockHeader } from "../../bitcoin/block_header.ts";
import { merkleBranch, merkleRoot } from "../../bitcoin/merkle.ts";
import type { ErrorReply, ErrorSituations } from "./errors.ts";
import type { HostRuntime } from "./host_runtime.ts";
import { compareVersions } from "../../electrum/compare_versions.ts";

/** An error reply, thrown by a method. */
export class RpcFailure extends Error {
  constructor(readonly reply: ErrorReply) {
    super("rpc failure");
  }
}

/** What a method sees of its connection. */
export interface MethodContext {
  host: HostRuntime;
  transport: "tcp" | "tls";
  readonly negotiated: string | null;
  setNegotiated(v: string): void;
  readonly versionSeen: boolean;
  subs: { headers: boolean; scripthashes: Map<string, string | null> };
  errors: ErrorSituations;
}

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

const fail = (r: ErrorReply): never => {
  throw new RpcFailure(r);
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
    fail({ error: { code: -32602, message: `method "${method}" requires parameter${s} ${quoted(missing)}` } });
  }
  const excess = Object.keys(given).filter((n) => !names.includes(n));
  if (excess.length) {
    const s = excess.length === 1 ? "" : "s";
    fail({ error: { code: -32602, message: `method "${method}" does not take parameter${s} ${quoted(excess)}` } });
  }
  const out: unknown[] = [];
  for (const n of names) {
    if (!(n in given)) break;
    out.push(given[n]);
  }
  return out;
}

/**
 * Answer one request.
 *
 * @returns The `result`.
 * @throws {RpcFailure} With the dialect's error reply.
 */
export function callMethod(ctx: MethodContext, method: string, rawParams: unknown): unknown {
  const { host, errors } = ctx;
  const p = host.personality;
  // A missing `params` member reads as an empty list (Fulcrum words the error differently).
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
  const chain = host.chain();
  const feeFactor = host.behaviour.feeFactor ?? 1;

  switch (method) {
    case "server.version":
      return negotiate(ctx, params);
    case "server.banner":
      return host.banner;
    case "server.donation_address":
      return host.donation;
    case "server.ping":
      return null;
    case "server.peers.subscribe":
      return host.peers();
    case "server.add_peer":
      return false;
    case "server.features": {
      if (p.features === "esplora-string-error" || p.features === "esplora-32601") {
        fail(errors.unknownMethod(method, params));
      }
      if (p.features === "none") fail({ error: null });
      return host.features(ctx.transport);
    }
    case "blockchain.headers.subscribe":
    case "blockchain.headers.get_tip": {
      if (method === "blockchain.headers.subscribe") ctx.subs.headers = true;
      const tip = chain.tip();
      if (p.family === "eps" && !ctx.versionSeen) return deserializeHeader(tip.hex, tip.height);
      return { hex: tip.hex, height: tip.height };
    }
    case "blockchain.block.header": {
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
      return { header: hex, ...headerBranch(chain, h, cp) };
    }
    case "blockchain.block.headers": {
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
      return { ...result, ...headerBranch(chain, last, cp) };
    }
    case "blockchain.estimatefee": {
      const n = params[0];
      if (typeof n !== "number" || !Number.isInteger(n)) {
        fail({
          error: {
            code: -32602,
            message: p.family === "electrumx"
              ? `blocks should be a non-negative integer: ${JSON.stringify(n)}`
              : "invalid params",
          },
        });
      }
      const fee = chain.estimateFee(n as number);
      if (fee < 0) {
        if (p.family === "esplora") {
          fail(
            p.errors === "esplora-2021"
              ? { error: `cannot estimate fee for ${n} blocks` }
              : { error: { code: -32603, message: `cannot estimate fee for ${n} blocks` } },
          );
        }
        if (p.family === "eps") return 0.0001;
        return -1;
      }
      return round8(fee * feeFactor);
    }
    case "blockchain.relayfee":
      return chain.relayFee();
    case "mempool.get_info":
      return {
        mempoolminfee: chain.relayFee(),
        minrelaytxfee: chain.relayFee(),
        incrementalrelayfee: chain.relayFee(),
      };
    case "mempool.get_fee_histogram":
      return shapeHistogram(
        chain.feeHistogram().map(([f, v]) => [f * feeFactor, v] as [number, number]),
        p.histogram,
      );
    case "blockchain.scripthash.get_balance":
    case "blockchain.scripthash.get_history":
    case "blockchain.scripthash.listunspent":
    case "blockchain.scripthash.get_mempool":
    case "blockchain.scripthash.subscribe":
    case "blockchain.scripthash.unsubscribe":
    case "blockchain.scripthash.get_status":
    case "blockchain.scripthash.get_first_use":
      return scripthashMethod(ctx, method, params[0]);
    case "blockchain.transaction.get": {
      const txid = txHash(ctx, params[0]);
      const hex = chain.transaction(txid);
      if (hex === undefined) fail(errors.unknownTx());
      if (params[1] === true) {
        if (p.errors === "esplora-2021") {
          fail({ error: "verbose transactions are currently unsupported" });
        }
        return { txid, hash: txid, hex, size: hex!.length / 2 };
      }
      return hex;
    }
    case "blockchain.transaction.get_height": {
      const txid = txHash(ctx, params[0]);
      return findHeight(chain, txid);
    }
    case "blockchain.transaction.get_merkle": {
      const txid = txHash(ctx, params[0]);
      const h = params.length > 1 ? height(ctx, params[1]) : findHeight(chain, txid) ?? -1;
      const m = chain.merkle(txid, h);
      if (!m) fail({ error: { code: 1, message: `tx ${txid} not in block at height ${h}` } });
      return m;
    }
    case "blockchain.transaction.id_from_pos": {
      const h = height(ctx, params[0]);
      const pos = height(ctx, params[1]);
      if (chain.header(h) === undefined) fail(errors.heightOutOfRange(h));
      const r = chain.idFromPos(h, pos, params[2] === true);
      if (r === undefined) {
        fail({ error: { code: 1, message: `no tx at position ${pos} in block at height ${h}` } });
      }
      return r;
    }
    case "blockchain.transaction.broadcast":
    case "blockchain.transaction.broadcast_package": {
      const raw = typeof params[0] === "string" ? params[0] : JSON.stringify(params[0]);
      if (host.behaviour.broadcastError) fail({ error: host.behaviour.broadcastError(raw) });
      fail(errors.broadcastRejected(raw.slice(0, 2000), rejectReason(raw)));
      return null;
    }
    case "blockchain.utxo.get_info":
      fail({ error: { code: 1, message: "UTXO not found" } });
      return null;
    case "daemon.passthrough":
      fail({ error: { code: -32601, message: "Method disabled for this client" } });
      return null;
    case "blockchain.block.get_header":
      return deserializeHeader(
        chain.header(height(ctx, params[0])) ?? fail(errors.heightOutOfRange(Number(params[0]))),
        Number(params[0]),
      );
    case "blockchain.block.get_chunk": {
      const idx = height(ctx, params[0]);
      const out: string[] = [];
      for (let h = idx * 2016; h < (idx + 1) * 2016; h++) {
        const x = chain.header(h);
        if (x === undefined) break;
        out.push(x);
      }
      return out.join("");
    }
  }
  return fail(ctx.errors.unknownMethod(method, params));
}

function negotiate(ctx: MethodContext, params: unknown[]): [string, string] {
  const p = ctx.host.personality;
  const errors = ctx.errors;
  const client = typeof params[0] === "string" ? params[0] : "Unknown";
  const requested = params.length > 1 ? params[1] : undefined;
  if (p.negotiation === "ignore") return [p.software, "1.4"];
  if (p.negotiation === "eps") {
    if (requested === undefined) return (ctx.setNegotiated("1.4"), [p.software, "1.4"]);
    if (
      Array.isArray(requested) || typeof requested !== "string" || !/^\d+(\.\d+)?$/.test(requested)
    ) fail({ error: null, crash: true });
    const v = parseFloat(requested as string);
    if (v < 1.1 || v > 1.4) fail({ error: null, disconnect: true });
    ctx.setNegotiated("1.4");
    return [p.software, String(Math.min(v, 1.4))];
  }
  if (p.negotiation === "electrs-exact" || p.negotiation === "electrs-range") {
    const ok = p.negotiation === "electrs-exact"
      ? requested === "1.4"
      : (typeof requested === "string" && requested === "1.4") ||
        (Array.isArray(requested) && requested.length === 2 && requested.every((x) =>
          typeof x === "string"
        ) &&
          compareVersions(requested[0], "1.4") <= 0 && compareVersions(requested[1], "1.4") >= 0);
    if (!ok) {
      const desc = Array.isArray(requested)
        ? `Range(${requested.map((x) => JSON.stringify(x)).join(", ")})`
        : `Single(${JSON.stringify(requested ?? null)})`;
      const message = p.version.startsWith("0.8")
        ? `${client} requested protocol version ${
          JSON.stringify(requested ?? null)
        }, server supports 1.4`
        : p.negotiation === "electrs-exact"
        ? `${client} requested ${desc}, server supports 1.4`
        : `unsupported request ${desc} by ${client}`;
      fail({ error: { code: 1, message } });
    }
    ctx.setNegotiated("1.4");
    return [p.software, "1.4"];
  }
  if (ctx.versionSeen) fail(errors.versionAlreadySent());
  let min: string, max: string;
  if (requested === undefined) min = max = "1.4";
  else if (typeof requested === "string") min = max = requested;
  else if (
    Array.isArray(requested) && requested.length === 2 &&
    requested.every((x) => typeof x === "string")
  ) [min, max] = requested as [string, string];
  else {
    if (p.negotiation === "fulcrum") {
      fail({
        error: {
          code: 1,
          message: `Bad version tuple: ${
            Array.isArray(requested) ? requested.join(", ") : String(requested)
          }`,
        },
        disconnect: true,
      });
    }
    fail({
      error: { code: 1, message: `unsupported protocol version: ${pyRepr(requested)}` },
      disconnect: true,
    });
  }
  if (p.negotiation === "fulcrum") [min, max] = [fulcrumVersion(min!), fulcrumVersion(max!)];
  if (!/^\d+(\.\d+){0,2}$/.test(min!) || !/^\d+(\.\d+){0,2}$/.test(max!)) {
    if (p.negotiation === "fulcrum") {
      fail({
        error: { code: 1, message: `Bad version tuple: ${min!}, ${max!}` },
        disconnect: true,
      });
    }
    fail({
      error: { code: 1, message: `unsupported protocol version: ${pyRepr(requested)}` },
      disconnect: true,
    });
  }
  const chosen = compareVersions(max!, p.protocolMax) < 0 ? max! : p.protocolMax;
  const floor = compareVersions(min!, p.protocolMin) > 0 ? min! : p.protocolMin;
  if (compareVersions(chosen, floor) < 0) {
    const message = p.negotiation === "fulcrum"
      ? "Unsupported protocol version"
      : `unsupported protocol version: ${pyRepr(requested)}`;
    fail({ error: { code: 1, message }, disconnect: true });
  }
  const out = chosen.replace(/(\.\d+)\.0$/, "$1");
  ctx.setNegotiated(out);
  return [p.software, out];
}

/**
 * Fulcrum's lenient `Version` parser (reference §2.1): at most 80 characters, everything up to
 * the first `/` dropped, a leading `v` dropped, and a non-numeric tail of the third part dropped.
 */
function fulcrumVersion(v: string): string {
  let s = v.slice(0, 80);
  if (s.includes("/")) s = s.slice(s.indexOf("/") + 1);
  s = s.replace(/^v/i, "");
  const parts = s.split(".");
  // The third part keeps its leading digits ("3rc1" -> "3"; inferred from the reference's wording).
  if (parts.length === 3) parts[2] = parts[2].match(/^\d*/)![0] || "0";
  return parts.join(".");
}

/** What Python's f-string shows for a JSON value: a top-level string as is, else its repr. */
function pyRepr(v: unknown, top = true): string {
  if (typeof v === "string") return top ? v : `'${v}'`;
  if (Array.isArray(v)) return "[" + v.map((x) => pyRepr(x, false)).join(", ") + "]";
  if (v === null || v === undefined) return "None";
  if (v === true || v === false) return v ? "True" : "False";
  return JSON.stringify(v);
}

function height(ctx: MethodContext, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) fail(ctx.errors.badHeight(v));
  return v as number;
}

function txHash(ctx: MethodContext, v: unknown): string {
  if (typeof v !== "string" || !/^[0-9a-fA-F]{64}$/.test(v)) {
    fail(ctx.errors.badTxHash(String(v).slice(0, 200)));
  }
  return (v as string).toLowerCase();
}

function scripthashMethod(ctx: MethodContext, method: string, v: unknown): unknown {
  const { host } = ctx;
  if (typeof v !== "string" || !/^[0-9a-fA-F]{64}$/.test(v)) {
    fail(ctx.errors.badScripthash(String(v).slice(0, 200)));
  }
  const sh = (v as string).toLowerCase();
  const chain = host.chain();
  const withhold = host.behaviour.withholdHistory === true;
  const history = withhold ? [] : chain.history(sh);
  // EPS only knows its own wallet's scripts: anything else is UnknownScripthashError -> disconnect.
  if (host.personality.family === "eps" && history.length === 0) {
    fail({ error: null, disconnect: true });
  }
  switch (method) {
    case "blockchain.scripthash.get_balance":
      return withhold ? { confirmed: 0, unconfirmed: 0 } : chain.balance(sh);
    case "blockchain.scripthash.get_history":
      return history;
    case "blockchain.scripthash.listunspent":
      return withhold ? [] : chain.listunspent(sh);
    case "blockchain.scripthash.get_mempool":
      return withhold ? [] : chain.mempool(sh);
    case "blockchain.scripthash.subscribe": {
      const status = withhold ? null : chain.status(sh);
      ctx.subs.scripthashes.set(sh, status);
      return status;
    }
    case "blockchain.scripthash.get_status":
      return withhold ? null : chain.status(sh);
    case "blockchain.scripthash.unsubscribe":
      return ctx.subs.scripthashes.delete(sh);
    case "blockchain.scripthash.get_first_use": {
      const first = history.find((h) => h.height > 0);
      return first ? { height: first.height, tx_hash: first.tx_hash } : null;
    }
  }
  return null;
}

function findHeight(chain: ReturnType<HostRuntime["chain"]>, txid: string): number | null {
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

/** Shape a histogram as each implementation does (§6.1). */
export function shapeHistogram(
  h: [number, number][],
  shape: "decimal" | "integer" | "pow2",
): [number, number][] {
  if (shape === "decimal") return merge(h.map(([f, v]) => [Math.floor(f * 10) / 10, v]));
  if (shape === "integer") return merge(h.map(([f, v]) => [Math.max(1, Math.floor(f)), v]));
  return merge(h.map(([f, v]) => [2 ** Math.floor(Math.log2(Math.max(1, f))), v]));
}

function merge(h: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [f, v] of h) {
    const last = out[out.length - 1];
    if (last && last[0] === f) last[1] += v;
    else out.push([f, v]);
  }
  return out;
}

function round8(x: number): number {
  return Math.round(x * 1e8) / 1e8;
}

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

/** ElectrumX's header checkpoint proof: branch and root of header hashes 0..cp (display order). */
function headerBranch(
  chain: ReturnType<HostRuntime["chain"]>,
  h: number,
  cp: number,
): { branch: string[]; root: string } {
  const hashes: string[] = [];
  for (let i = 0; i <= cp; i++) hashes.push(blockHash(chain.header(i)!));
  return { branch: merkleBranch(hashes, h), root: merkleRoot(hashes) };
}
