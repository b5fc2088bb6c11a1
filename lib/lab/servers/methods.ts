/**
 * Electrum methods as the lab's personalities answer them (reference §2-§6), over a
 * {@linkcode ChainView}. Errors are thrown as {@linkcode RpcFailure} carrying the dialect's reply.
 * The handlers live in `methods/` by group (server, headers, fees, scripthashes, transactions).
 *
 * @module
 */
import { fail, type MethodContext, type MethodHandler } from "./methods/context.ts";
import { positionalParams } from "./methods/params.ts";
import { SERVER_METHODS } from "./methods/server_info.ts";
import { HEADER_METHODS } from "./methods/headers.ts";
import { FEE_METHODS } from "./methods/fees.ts";
import { SCRIPTHASH_METHODS } from "./methods/scripthashes.ts";
import { TRANSACTION_METHODS } from "./methods/transactions.ts";

export { type MethodContext, RpcFailure } from "./methods/context.ts";
export { shapeHistogram } from "./methods/fees.ts";

/** Every method the lab answers, by name (a `Map`: no inherited keys). */
const HANDLERS = new Map<string, MethodHandler>(Object.entries({
  ...SERVER_METHODS,
  ...HEADER_METHODS,
  ...FEE_METHODS,
  ...SCRIPTHASH_METHODS,
  ...TRANSACTION_METHODS,
}));

/**
 * Answer one request.
 *
 * @returns The `result`.
 * @throws {RpcFailure} With the dialect's error reply.
 */
export function callMethod(ctx: MethodContext, method: string, rawParams: unknown): unknown {
  const params = positionalParams(ctx, method, rawParams);
  const { host } = ctx;
  const chain = host.chain();
  const feeFactor = host.behaviour.feeFactor ?? 1;
  const handler = HANDLERS.get(method);
  if (handler) return handler({ ctx, method, params, chain, feeFactor });
  return fail(ctx.errors.unknownMethod(method, params));
}
