/**
 * The `blockchain.scripthash.*` methods over the host's chain, with withheld history (a planted
 * behaviour) and EPS's wallet-only knowledge.
 *
 * @module
 */
import { fail, type MethodContext, type MethodHandler } from "./context.ts";

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

const byScripthash: MethodHandler = ({ ctx, method, params }) =>
  scripthashMethod(ctx, method, params[0]);

/** Handlers of the scripthash methods, by method name. */
export const SCRIPTHASH_METHODS: Record<string, MethodHandler> = {
  "blockchain.scripthash.get_balance": byScripthash,
  "blockchain.scripthash.get_history": byScripthash,
  "blockchain.scripthash.listunspent": byScripthash,
  "blockchain.scripthash.get_mempool": byScripthash,
  "blockchain.scripthash.subscribe": byScripthash,
  "blockchain.scripthash.unsubscribe": byScripthash,
  "blockchain.scripthash.get_status": byScripthash,
  "blockchain.scripthash.get_first_use": byScripthash,
};
