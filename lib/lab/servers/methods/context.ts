/**
 * What an Electrum method handler sees: its connection ({@linkcode MethodContext}), the call
 * ({@linkcode MethodCall}), and how it answers an error ({@linkcode RpcFailure}, thrown by
 * {@linkcode fail}).
 *
 * @module
 */
import type { ErrorReply, ErrorSituations } from "../errors.ts";
import type { HostRuntime } from "../host_runtime.ts";

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

/** The chain a host serves, as a method reads it. */
export type Chain = ReturnType<HostRuntime["chain"]>;

/** One validated call: positional params, the host's chain and fee factor. */
export interface MethodCall {
  ctx: MethodContext;
  method: string;
  params: unknown[];
  chain: Chain;
  /** The host's fee multiplier (a planted behaviour), 1 when honest. */
  feeFactor: number;
}

/** A method's answer to one call: the `result`, or a thrown {@linkcode RpcFailure}. */
export type MethodHandler = (call: MethodCall) => unknown;

/** Throw the dialect's error reply. */
export const fail = (r: ErrorReply): never => {
  throw new RpcFailure(r);
};
