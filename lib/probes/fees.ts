/**
 * Probe `fees`: fee estimates for a few targets (`blockchain.estimatefee` 1, 6, 144 blocks, in
 * BTC/kvB), `blockchain.relayfee`, `mempool.get_fee_histogram` and `mempool.get_info`, pipelined
 * on the main session. The histogram's value shape tells implementations apart (reference §6.1):
 * 0.1 sat/vB decimals (ElectrumX), integers (Fulcrum), powers of two (electrs).
 * `mempool.get_info` is an unknown method on servers before protocol 1.6 (an error that costs
 * ElectrumX budget), so it is sent only within the politeness budget.
 *
 * @module
 */
import { clip } from "../records/records.ts";
import type { Reply } from "../electrum/session.ts";
import { ERROR_COST } from "../electrum/error_cost.ts";
import { boundJson } from "./simple_call.ts";
import { epsVerdict, isEpsLike, type Probe } from "./probe.ts";
import { silenceWaitMs } from "./adaptive.ts";

/** Confirmation targets asked, blocks. */
export const FEE_TARGETS = [1, 6, 144] as const;

/** Shape of a fee histogram's fee rates. */
export type HistogramShape = "empty" | "decimal" | "integer" | "pow2" | "invalid";

/**
 * Classify a histogram's fee rates: any non-integer -> `decimal`; all integers and all powers of
 * two (with at least three bins) -> `pow2`; else `integer`.
 */
export function histogramShape(h: unknown): HistogramShape {
  if (!Array.isArray(h)) return "invalid";
  if (h.length === 0) return "empty";
  const fees: number[] = [];
  for (const bin of h.slice(0, 1000)) {
    if (!Array.isArray(bin) || typeof bin[0] !== "number" || typeof bin[1] !== "number") {
      return "invalid";
    }
    fees.push(bin[0]);
  }
  if (fees.some((f) => !Number.isInteger(f))) return "decimal";
  const pow2 = fees.every((f) => f > 0 && (f & (f - 1)) === 0);
  return pow2 && fees.length >= 3 ? "pow2" : "integer";
}

const summary = (r: Reply) =>
  r.status === "success"
    ? { ok: true, value: boundJson(r.result) }
    : r.status === "rpc-error"
    ? { ok: false, error: clip(JSON.stringify(r.error) ?? "", 300) }
    : { ok: false, status: r.status };

export const fees: Probe = {
  name: "fees",
  version: "1",
  async run(ctx) {
    const s = ctx.session;
    if (!s) return { status: "closed", op: "rpc", message: "no session", data: {} };
    const estimates = FEE_TARGETS.map((n) => s.request("blockchain.estimatefee", [n]));
    const relay = s.request("blockchain.relayfee", []);
    const hist = s.request("mempool.get_fee_histogram", []);
    // Unknown to servers before protocol 1.6; EPS answers unknown methods with silence.
    const askInfo = !(await epsVerdict(ctx)) && ctx.mayProvoke(ERROR_COST.error);
    const info = askInfo
      ? s.request("mempool.get_info", [], { timeoutMs: silenceWaitMs(ctx) })
      : null;
    const [est, relayR, histR, infoR] = await Promise.all([
      Promise.all(estimates),
      relay,
      hist,
      info,
    ]);
    const h = histR.status === "success" ? histR.result : null;
    const bins = Array.isArray(h) ? h.length : null;
    const feesOk = est.some((r) => r.status === "success") || histR.status === "success";
    const firstFail = [histR, ...est].find((r) =>
      r.status !== "success" && r.status !== "rpc-error"
    ) as
      | (Reply & { op?: string; message?: string })
      | undefined;
    return {
      status: feesOk ? "success" : firstFail?.status ?? "rpc-error",
      op: feesOk ? null : "rpc",
      message: feesOk ? null : firstFail?.message ?? "no fee method answered",
      data: {
        estimatefee: Object.fromEntries(FEE_TARGETS.map((n, i) => [String(n), summary(est[i])])),
        relayfee: summary(relayR),
        histogram_shape: histR.status === "success" ? histogramShape(h) : null,
        histogram_bins: bins,
        histogram_top_fee: Array.isArray(h) && Array.isArray(h[0]) && typeof h[0][0] === "number"
          ? h[0][0]
          : null,
        histogram_vsize: Array.isArray(h)
          ? h.slice(0, 1000).reduce(
            (a: number, b: unknown) =>
              a + (Array.isArray(b) && typeof b[1] === "number" ? b[1] : 0),
            0,
          )
          : null,
        histogram_decreasing: Array.isArray(h)
          ? h.slice(0, 1000).every((b: unknown, i: number) =>
            i === 0 ||
            (Array.isArray(b) && Array.isArray(h[i - 1]) &&
              (b[0] as number) < (h[i - 1][0] as number))
          )
          : null,
        histogram: histR.status === "success"
          ? boundJson(Array.isArray(h) ? h.slice(0, 50) : h)
          : summary(histR),
        mempool_info: infoR
          ? summary(infoR)
          : { ok: false, skipped: isEpsLike(ctx) ? "EPS-like" : "politeness budget" },
      },
    };
  },
};
