/**
 * The fee methods: `estimatefee` (with a planted fee factor), `relayfee`, `mempool.get_info` and
 * the fee histogram in each implementation's shape.
 *
 * @module
 */
import { fail, type MethodHandler } from "./context.ts";

const estimateFee: MethodHandler = ({ ctx, params, chain, feeFactor }) => {
  const p = ctx.host.personality;
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
};

/** Handlers of the fee methods, by method name. */
export const FEE_METHODS: Record<string, MethodHandler> = {
  "blockchain.estimatefee": estimateFee,
  "blockchain.relayfee": ({ chain }) => chain.relayFee(),
  "mempool.get_info": ({ chain }) => ({
    mempoolminfee: chain.relayFee(),
    minrelaytxfee: chain.relayFee(),
    incrementalrelayfee: chain.relayFee(),
  }),
  "mempool.get_fee_histogram": ({ ctx, chain, feeFactor }) =>
    shapeHistogram(
      chain.feeHistogram().map(([f, v]) => [f * feeFactor, v] as [number, number]),
      ctx.host.personality.histogram,
    ),
};

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
