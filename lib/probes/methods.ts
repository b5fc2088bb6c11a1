/**
 * Probe `methods`: method support, from a few discriminating methods (reference §6.1), pipelined
 * on the main session with a fresh random (valid, almost surely unused) scripthash and txid:
 * `blockchain.scripthash.get_mempool` (absent on electrs and EPS), `get_first_use` and
 * `get_status`, `blockchain.transaction.get_height` and `blockchain.headers.get_tip` (Fulcrum
 * only), and `blockchain.transaction.id_from_pos` of the genesis coinbase (`[0, 0, false]`), which
 * every release of ElectrumX, Fulcrum, electrs, esplora and EPS answers (protocol 1.4 made it
 * part of the core; electrs parses exactly three arguments, so `merkle` is sent), so a server
 * that does not know it was built without it. A method counts as supported unless the server says it does not know it (-32601 or an
 * "unknown method" text); each unknown method costs ElectrumX 100 units, so every call is within
 * the politeness budget. Skipped on an EPS-like server, which disconnects on an unknown
 * scripthash.
 *
 * @module
 */
import { clip } from "../records/records.ts";
import type { Reply } from "../electrum/session.ts";
import { ERROR_COST } from "../electrum/error_cost.ts";
import { epsVerdict, type Probe, skipped } from "./probe.ts";

/** Methods asked, with a parameter builder. */
export const DISCRIMINATING_METHODS: readonly [string, (sh: string, txid: string) => unknown[]][] =
  [
    ["blockchain.scripthash.get_mempool", (sh) => [sh]],
    ["blockchain.scripthash.get_first_use", (sh) => [sh]],
    ["blockchain.scripthash.get_status", (sh) => [sh]],
    ["blockchain.transaction.get_height", (_sh, txid) => [txid]],
    ["blockchain.headers.get_tip", () => []],
    ["blockchain.transaction.id_from_pos", () => [0, 0, false]],
  ];

/** Whether a reply says "no such method". */
export function isUnknownMethod(r: Reply): boolean | null {
  if (r.status === "success") return false;
  if (r.status !== "rpc-error") return null;
  const e = r.error as { code?: unknown; message?: unknown } | string | null;
  if (typeof e === "string") return /unknown method|not found|unsupported request/i.test(e);
  if (e && e.code === -32601) return true;
  return typeof e?.message === "string" &&
    /unknown method|method not found|unsupported request/i.test(e.message);
}

function randomHex(bytes: number): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

export const methods: Probe = {
  name: "methods",
  version: "2",
  async run(ctx) {
    if (await epsVerdict(ctx)) {
      return skipped("EPS-like server (disconnects on an unknown scripthash)");
    }
    const s = ctx.session;
    if (!s) return { status: "closed", op: "rpc", message: "no session", data: {} };
    const sh = randomHex(32), txid = randomHex(32);
    const asked: string[] = [], budgetSkipped: string[] = [];
    const calls: Promise<Reply>[] = [];
    for (const [m, params] of DISCRIMINATING_METHODS) {
      if (!ctx.mayProvoke(ERROR_COST.error)) {
        budgetSkipped.push(m);
        continue;
      }
      asked.push(m);
      calls.push(s.request(m, params(sh, txid)));
    }
    const replies = await Promise.all(calls);
    const support: Record<string, boolean | null> = {};
    const detail: Record<string, string> = {};
    replies.forEach((r, i) => {
      const unknown = isUnknownMethod(r);
      support[asked[i]] = unknown === null ? null : !unknown;
      detail[asked[i]] = r.status === "success"
        ? clip(JSON.stringify(r.result) ?? "null", 120)
        : r.status === "rpc-error"
        ? clip(JSON.stringify(r.error) ?? "", 200)
        : r.status;
    });
    const answered = replies.some((r) => r.status === "success" || r.status === "rpc-error");
    return {
      status: answered || asked.length === 0 ? "success" : replies[0].status,
      op: answered ? null : "rpc",
      message: answered ? null : "no method answered",
      data: { scripthash: sh, txid, support, detail, skipped_budget: budgetSkipped },
    };
  },
};
