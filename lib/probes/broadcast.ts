/**
 * Probe `broadcast`: `blockchain.transaction.broadcast` with a transaction that can never be
 * valid, and the error text kept verbatim (bounded). Honest servers relay bitcoind's rejection;
 * the 2018-2019 phishing fleet answered with HTML, an "update" headline and a link (Electrohunt,
 * prior-art.md), so the text is flagged for HTML, URLs and update wording. A server that answers
 * with a txid claims to have accepted an impossible transaction, and is flagged too; its txid is
 * compared with the txid of the transaction sent ({@linkcode NEVER_VALID_TXID}): an answer naming
 * another transaction is a distinct fact (a server that answers with made-up or canned txids).
 *
 * The transaction (version 2, one input, one output):
 * ```text
 * 02000000                          version
 * 01 <32-byte txid> 00000000 00 ffffffff    one input: a made-up outpoint, empty scriptSig
 * 01 <8-byte value> <script>        one output worth 21,000,001 BTC (> MAX_MONEY: never valid,
 *                                   bad-txns-vout-toolarge), OP_RETURN "electrum-observatory"
 * 00000000                          locktime
 * ```
 *
 * @module
 */
import { createHash } from "node:crypto";
import { clip } from "../records/records.ts";
import { ERROR_COST } from "../electrum/error_cost.ts";
import { hash256 } from "../bitcoin/hash.ts";
import { hexToBytes, toDisplayHex } from "../bitcoin/hex.ts";
import type { Probe } from "./probe.ts";
import { boundJson } from "./simple_call.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function le64(n: bigint): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    out += Number((n >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, "0");
  }
  return out;
}

/** The never-valid transaction, hex. */
export const NEVER_VALID_TX: string = (() => {
  const prev = hex(
    createHash("sha256").update("electrum-observatory never-valid outpoint").digest(),
  );
  const tag = hex(new TextEncoder().encode("electrum-observatory"));
  const script = "6a" + (tag.length / 2).toString(16).padStart(2, "0") + tag;
  return "02000000" + "01" + prev + "00000000" + "00" + "ffffffff" + "01" +
    le64(2_100_000_100_000_000n) +
    (script.length / 2).toString(16).padStart(2, "0") + script + "00000000";
})();

/** The txid of {@linkcode NEVER_VALID_TX} (display order): it has no witness, so the hash of
 * its whole serialization. */
export const NEVER_VALID_TXID: string = toDisplayHex(hash256(hexToBytes(NEVER_VALID_TX)));

/** Flags of an error text. */
export function textFlags(text: string): { html: boolean; url: boolean; update_wording: boolean } {
  return {
    html: /<\s*\/?\s*[a-z!][^>]*>/i.test(text),
    url: /\b(?:https?|ftp):\/\/|\bwww\.[a-z0-9-]+\./i.test(text),
    update_wording: /\b(?:update|upgrade|download|out of date|outdated|new version)\b/i.test(text),
  };
}

export const broadcast: Probe = {
  name: "broadcast",
  version: "2",
  async run(ctx) {
    const s = ctx.session;
    if (!s) return { status: "closed", op: "rpc", message: "no session", data: {} };
    if (!ctx.mayProvoke(ERROR_COST.error)) {
      return {
        status: "unsupported",
        op: null,
        message: "skipped: politeness budget",
        data: { skipped: "politeness budget" },
      };
    }
    const r = await s.request("blockchain.transaction.broadcast", [NEVER_VALID_TX]);
    if (r.status === "rpc-error") {
      const e = r.error as { code?: unknown; message?: unknown } | string | null;
      const text = typeof e === "string"
        ? e
        : typeof e?.message === "string"
        ? e.message
        : JSON.stringify(e) ?? "";
      return {
        status: "success",
        data: {
          outcome: "rejected",
          error_code: typeof e === "object" && e && typeof e.code === "number" ? e.code : null,
          error_text: clip(text, 2000),
          error_length: text.length,
          error: boundJson(e),
          ...textFlags(text),
          rtt_ms: r.rttMs,
        },
      };
    }
    if (r.status === "success") {
      const text = typeof r.result === "string" ? r.result : JSON.stringify(r.result) ?? "";
      return {
        status: "success",
        data: {
          outcome: "accepted",
          result: clip(text, 500),
          txid_sent: NEVER_VALID_TXID,
          // A bare txid of the transaction sent, in either case; anything else names another.
          txid_matches: text.trim().toLowerCase() === NEVER_VALID_TXID,
          error_code: null,
          error_text: null,
          ...textFlags(text),
          rtt_ms: r.rttMs,
        },
      };
    }
    return { status: r.status, op: r.op, message: r.message, data: {} };
  },
};
