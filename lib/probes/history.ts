/**
 * Probe `history`: does the server list a payment its own chain says happened? It derives a
 * script the chain itself says has history, with no hard-coded chain (lab and live alike), and
 * asks for that script's history:
 *
 * 1. at the checkpoint height `h` of the `proofs` probe ({@linkcode checkpointHeight}: a few
 *    blocks below the server's tip), `blockchain.transaction.id_from_pos [h, 1, true]` (the
 *    block's first transaction after the coinbase: a payment, whose receiving script is seldom
 *    busy; position 0, the coinbase, when the block has no other) and `blockchain.block.header
 *    [h]`: the merkle branch must fold the txid to the header's merkle root, so the transaction
 *    is in the block the server itself serves at `h`;
 * 2. `blockchain.transaction.get [txid]`: the raw transaction (at most
 *    {@linkcode MAX_TX_BYTES}), parsed, whose txid must be the one asked for;
 * 3. its first output of a standard spendable template (P2PKH, P2SH, P2WPKH, P2WSH, P2TR, P2PK:
 *    never OP_RETURN, which servers do not index), whose Electrum script hash is
 *    `sha256(script)` byte-reversed;
 * 4. `blockchain.scripthash.get_history [scripthash]`: the history must list the txid at
 *    height `h`. A well-formed history without it (empty, or other transactions only) is
 *    `withheld`; the txid at another height is `misdated`.
 *
 * It runs on a connection of its own (the plain port when there is one), whose replies are cut at
 * {@linkcode MAX_REPLY_BYTES}: a busy script's history on mainnet can run to megabytes, and
 * servers refuse long ones (ElectrumX `history too large`, Fulcrum `exceeds max history`,
 * Blockstream's electrs `Too many history entries`). A reply over the cap or such a refusal is
 * `too-large`, never `withheld`: the probe only judges a history it read whole. Skipped on
 * EPS-like servers (Electrum Personal Server knows only its wallet's scripts and hangs up on
 * any other: "not indexed" is its design, not withholding) and without a tip.
 *
 * Spec: https://electrum-protocol.readthedocs.io/en/latest/protocol-methods.html#blockchain-scripthash-get-history
 *
 * @module
 */
import { parseBlockHeader } from "../bitcoin/block_header.ts";
import { merkleRootFromBranch } from "../bitcoin/merkle.ts";
import { type ScriptType, scriptType, SPENDABLE_STANDARD } from "../bitcoin/script_type.ts";
import { scripthash } from "../bitcoin/scripthash.ts";
import { parseTransaction } from "../bitcoin/transaction.ts";
import { txid as txidOf } from "../bitcoin/txid.ts";
import type { ElectrumSession, Reply } from "../electrum/session.ts";
import { clip } from "../records/records.ts";
import { flushPadding } from "./adaptive.ts";
import { isEpsLike, type Probe, type ProbeContext, type ProbeOutput, skipped } from "./probe.ts";
import { checkpointHeight } from "./proofs.ts";

/** Longest reply line read on the probe's connection, bytes (about 10,000 history entries). */
export const MAX_REPLY_BYTES = 1024 * 1024;
/** Largest transaction fetched, bytes (a standard transaction is at most 400,000 weight). */
export const MAX_TX_BYTES = 400_000;
/** Most history entries judged (a reply within {@linkcode MAX_REPLY_BYTES} holds fewer). */
export const MAX_ENTRIES = 20_000;
/** Longest merkle branch accepted (a tree of 2^40 leaves is beyond any block). */
const MAX_BRANCH = 40;

/** What the history came to. */
export type HistoryVerdict =
  /** The txid is listed at its height. */
  | "listed"
  /** A well-formed history without the txid (empty, or other transactions only). */
  | "withheld"
  /** The txid listed at another height (or as unconfirmed). */
  | "misdated"
  /** Over {@linkcode MAX_REPLY_BYTES}, or refused as too long: not judged. */
  | "too-large"
  /** Another error reply to `get_history`. */
  | "refused"
  /** A reply not shaped `[{tx_hash, height}, ...]`. */
  | "malformed"
  /** No reply (timeout, hang-up, no connection). */
  | "unanswered"
  /** No script to ask about: the transaction could not be found, proven, fetched or parsed, or
   * it has no standard spendable output (`detail` says which). */
  | "no-target";

const HASH = /^[0-9a-f]{64}$/i;
const HEADER = /^[0-9a-f]{160}$/i;
const HEX = /^(?:[0-9a-f]{2})+$/i;
const TOO_LONG = /too large|too many|exceeds max history|too long/i;

/** Fields of every output of this probe (null until known). */
interface Found {
  cp_height: number | null;
  tx_pos: number | null;
  txid: string | null;
  vout: number | null;
  script_type: ScriptType | null;
  scripthash: string | null;
  verdict: HistoryVerdict;
  /** History entries read (null when no history was read). */
  entries: number | null;
  /** The height the txid is listed at, when listed. */
  listed_height: number | null;
  detail: string | null;
}

function replyDetail(r: Reply): string {
  return r.status === "rpc-error"
    ? clip(JSON.stringify(r.error) ?? "", 200)
    : r.status === "success"
    ? "answered"
    : clip(`${r.status}: ${r.message}`, 200);
}

/** The txid and branch of an `id_from_pos` reply (`tx_hash`, electrs `tx_id`), or null. */
function posReply(r: Reply): { txid: string; branch: string[] } | null {
  if (r.status !== "success" || !r.result || typeof r.result !== "object") return null;
  const o = r.result as { tx_hash?: unknown; tx_id?: unknown; merkle?: unknown };
  const txid = o.tx_hash ?? o.tx_id;
  const m = o.merkle;
  if (typeof txid !== "string" || !HASH.test(txid)) return null;
  if (
    !Array.isArray(m) || m.length > MAX_BRANCH ||
    !m.every((x) => typeof x === "string" && HASH.test(x))
  ) return null;
  return { txid: txid.toLowerCase(), branch: (m as string[]).map((x) => x.toLowerCase()) };
}

/** Judge a `get_history` reply for `txid` at `height`. */
export function judgeHistory(
  r: Reply,
  txid: string,
  height: number,
): Pick<Found, "verdict" | "entries" | "listed_height" | "detail"> {
  const none = { entries: null, listed_height: null };
  if (r.status === "oversize") {
    return { verdict: "too-large", ...none, detail: `reply over ${MAX_REPLY_BYTES} bytes` };
  }
  if (r.status === "rpc-error") {
    const d = replyDetail(r);
    return { verdict: TOO_LONG.test(d) ? "too-large" : "refused", ...none, detail: d };
  }
  if (r.status !== "success") return { verdict: "unanswered", ...none, detail: replyDetail(r) };
  const list = r.result;
  if (!Array.isArray(list) || list.length > MAX_ENTRIES) {
    return {
      verdict: Array.isArray(list) ? "too-large" : "malformed",
      ...none,
      detail: Array.isArray(list) ? `${list.length} entries` : "not a list",
    };
  }
  let at: number | null = null;
  for (const e of list) {
    const o = e as { tx_hash?: unknown; height?: unknown } | null;
    if (
      !o || typeof o !== "object" || typeof o.tx_hash !== "string" || !HASH.test(o.tx_hash) ||
      !Number.isSafeInteger(o.height)
    ) {
      return { verdict: "malformed", ...none, detail: "an entry is not {tx_hash, height}" };
    }
    if (o.tx_hash.toLowerCase() === txid && at === null) at = o.height as number;
  }
  const entries = list.length;
  if (at === null) {
    return {
      verdict: "withheld",
      entries,
      listed_height: null,
      detail: entries ? `${entries} entries, none of them ${txid.slice(0, 16)}…` : "empty",
    };
  }
  return at === height ? { verdict: "listed", entries, listed_height: at, detail: null } : {
    verdict: "misdated",
    entries,
    listed_height: at,
    detail: `listed at ${at}, mined at ${height}`,
  };
}

/** Send a request on the probe's connection, flushing ElectrumX's padding hold. */
function ask(s: ElectrumSession, padded: boolean, method: string, params: unknown[]) {
  const p = s.request(method, params);
  if (padded) flushPadding(s);
  return p;
}

async function run(ctx: ProbeContext, s: ElectrumSession, h: number): Promise<Found> {
  const padded = ctx.facts.padded === true;
  const found: Found = {
    cp_height: h,
    tx_pos: null,
    txid: null,
    vout: null,
    script_type: null,
    scripthash: null,
    verdict: "no-target",
    entries: null,
    listed_height: null,
    detail: null,
  };
  const noTarget = (detail: string): Found => ({ ...found, detail: clip(detail, 200) });
  const v = await ask(s, padded, "server.version", [ctx.clientName, "1.4"]);
  if (v.status !== "success") {
    return { ...noTarget(`server.version: ${replyDetail(v)}`), verdict: "unanswered" };
  }
  const headerReply = ask(s, padded, "blockchain.block.header", [h]);
  let pos = 1;
  let at = await ask(s, padded, "blockchain.transaction.id_from_pos", [h, pos, true]);
  if (at.status === "rpc-error") {
    pos = 0;
    at = await ask(s, padded, "blockchain.transaction.id_from_pos", [h, pos, true]);
  }
  const hr = await headerReply;
  const proven = posReply(at);
  if (!proven) return noTarget(`id_from_pos [${h}, ${pos}]: ${replyDetail(at)}`);
  if (hr.status !== "success" || typeof hr.result !== "string" || !HEADER.test(hr.result)) {
    return noTarget(`block.header [${h}]: ${replyDetail(hr)}`);
  }
  found.tx_pos = pos;
  found.txid = proven.txid;
  const root = parseBlockHeader(hr.result.toLowerCase()).merkleRoot;
  if (merkleRootFromBranch(proven.txid, proven.branch, pos) !== root) {
    return noTarget("the transaction's merkle branch does not fold to the header's root");
  }
  const tr = await ask(s, padded, "blockchain.transaction.get", [proven.txid]);
  if (tr.status !== "success") return noTarget(`transaction.get: ${replyDetail(tr)}`);
  const hex = tr.result;
  if (typeof hex !== "string" || hex.length > 2 * MAX_TX_BYTES || !HEX.test(hex)) {
    return noTarget(
      typeof hex === "string" && hex.length > 2 * MAX_TX_BYTES
        ? `transaction over ${MAX_TX_BYTES} bytes`
        : "transaction.get: not raw hex",
    );
  }
  let outputs: { script: Uint8Array }[];
  try {
    const tx = parseTransaction(hex);
    if (txidOf(tx) !== proven.txid) return noTarget("transaction.get: another transaction's bytes");
    outputs = tx.outputs;
  } catch (err) {
    return noTarget(`transaction.get: ${(err as Error).message}`);
  }
  const vout = outputs.findIndex((o) => SPENDABLE_STANDARD.has(scriptType(o.script)));
  if (vout < 0) return noTarget("no output of a standard spendable template");
  const script = outputs[vout].script;
  found.vout = vout;
  found.script_type = scriptType(script);
  found.scripthash = scripthash(script);
  const hist = await ask(s, padded, "blockchain.scripthash.get_history", [found.scripthash]);
  return { ...found, ...judgeHistory(hist, proven.txid, h) };
}

export const history: Probe = {
  name: "history",
  version: "1",
  async run(ctx): Promise<ProbeOutput> {
    if (isEpsLike(ctx)) {
      return skipped("EPS-like server (it knows only its wallet's scripts and hangs up on others)");
    }
    const tip = ctx.facts.tipHeight;
    const h = typeof tip === "number" ? checkpointHeight(tip) : null;
    if (h === null) {
      return skipped("no tip, or a chain too short for a checkpoint", { tip_height: tip ?? null });
    }
    const c = await ctx.open({
      preferPlain: true,
      session: { maxLineBytes: MAX_REPLY_BYTES, maxTotalBytes: 4 * MAX_REPLY_BYTES },
    });
    if (c.status !== "success") {
      return { status: c.status, op: c.op, message: c.message, data: { cp_height: h } };
    }
    try {
      const found = await run(ctx, c.session, h);
      return { status: "success", data: { tip_height: tip, ...found } };
    } finally {
      c.session.close();
    }
  },
};
