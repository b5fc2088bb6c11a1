/**
 * The error-message matrix of reference §4.2, per dialect: the exact codes and wording each
 * implementation uses. Entries marked (inferred) follow the reference's own inference.
 *
 * An entry returns the error to send, `null` for "no reply", and may ask for a disconnect.
 *
 * @module
 */
import type { Personality } from "./personalities.ts";

/** What the engine sends for an error situation. */
export interface ErrorReply {
  /** The `error` member: `{code, message}`, a bare string, or an object without code; null = no reply. */
  error: unknown | null;
  /** Close the connection after sending. */
  disconnect?: boolean;
  /** Crash the whole server process (EPS's uncaught exceptions). */
  crash?: boolean;
}

const e = (code: number, message: string, disconnect = false): ErrorReply => ({
  error: { code, message },
  disconnect,
});
const silent = (disconnect = false): ErrorReply => ({ error: null, disconnect });
const fulcrumCut = (s: string) => (s.length > 120 ? s.slice(0, 120) : s);
const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, "?");

/** The situations the engine can hit. */
export interface ErrorSituations {
  unknownMethod(method: string, params: unknown): ErrorReply;
  tooFewParams(method: string, given: number, required: number, missingAll: boolean): ErrorReply;
  tooManyParams(method: string, given: number, max: number): ErrorReply;
  parseError(line: string): ErrorReply;
  notObject(): ErrorReply;
  noMethod(): ErrorReply;
  extraKey(): ErrorReply | null;
  emptyBatch(): ErrorReply;
  batchUnsupported(): ErrorReply;
  badScripthash(value: string): ErrorReply;
  badTxHash(value: string): ErrorReply;
  unknownTx(): ErrorReply;
  heightOutOfRange(height: number): ErrorReply;
  badHeight(value: unknown): ErrorReply;
  broadcastRejected(rawTx: string, reason: string): ErrorReply;
  versionAlreadySent(): ErrorReply;
}

const BITCOIND_NO_TX =
  "No such mempool or blockchain transaction. Use gettransaction for wallet transactions.";

const electrumx: ErrorSituations = {
  unknownMethod: (m) => e(-32601, `unknown method "${m}"`),
  // aiorpcX says "1 argument", "0 arguments" (recorded, lib/probes/testdata/electrumx_470c76d).
  tooFewParams: (m, given, req) =>
    e(
      -32602,
      `${given} argument${given === 1 ? "" : "s"} passed to method "${m}" but it requires ${req}`,
    ),
  tooManyParams: (m, given, max) =>
    e(
      -32602,
      `${given} argument${given === 1 ? "" : "s"} passed to method ${m} taking at most ${max}`,
    ),
  parseError: () => e(-32700, "invalid JSON"),
  notObject: () => e(-32600, "request object must be a dictionary"),
  noMethod: () => silent(),
  extraKey: () => null,
  emptyBatch: () => e(-32600, "batch is empty"),
  batchUnsupported: () => silent(true),
  badScripthash: (v) => e(1, `${v} is not a valid script hash`),
  badTxHash: (v) => e(1, `${v} should be a transaction hash`),
  unknownTx: () => e(2, `daemon error: DaemonError({'code': -5, 'message': '${BITCOIND_NO_TX}'})`),
  heightOutOfRange: (h) => e(1, `height ${h.toLocaleString("en-US")} out of range`),
  badHeight: (v) => e(1, `${String(v)} should be a non-negative integer`),
  // ElectrumX wraps bitcoind's message (session.py transaction_broadcast).
  broadcastRejected: (raw, reason) =>
    e(1, `the transaction was rejected by network rules.\n\n${reason}\n[${raw}]`),
  versionAlreadySent: () => e(1, "server.version already sent"),
};

const fulcrum: ErrorSituations = {
  unknownMethod: (m) => e(-32601, fulcrumCut(`Unsupported request: ${m}`)),
  tooFewParams: (m, given, req, missingAll) =>
    e(
      -32602,
      fulcrumCut(
        missingAll
          ? "Missing required params"
          : `Expected at least ${req} parameter${
            req === 1 ? "" : "s"
          } for ${m}, got ${given} instead`,
      ),
    ),
  tooManyParams: (m, given, max) =>
    e(
      -32602,
      fulcrumCut(
        `Expected at most ${max} parameter${max === 1 ? "" : "s"} for ${m}, got ${given} instead`,
      ),
    ),
  // The line as read, terminator included: 2.1 shows non-printables (its own newline too) as `?`.
  parseError: (line) => {
    const head = printable(line.slice(0, 80));
    return e(
      -32700,
      fulcrumCut(`Failed to parse Json from string: ${head}${line.length > 80 ? "..." : ""}`),
    );
  },
  notObject: () => e(-32600, "Invalid request"),
  noMethod: () => e(-32600, "Invalid JSON RPC object"),
  extraKey: () => e(-32600, "Invalid request"),
  emptyBatch: () => e(-32600, "Invalid request"),
  batchUnsupported: () => silent(true),
  badScripthash: () => e(1, "Invalid scripthash"),
  badTxHash: () => e(1, "Invalid tx hash"),
  unknownTx: () => e(2, `daemon error: DaemonError({'code': -5, 'message': '${BITCOIND_NO_TX}'})`),
  heightOutOfRange: (h) => e(1, `Height ${h} is out of range`),
  badHeight: () => e(1, "Invalid height"),
  // (inferred) Fulcrum relays bitcoind's message under code 1.
  broadcastRejected: (_raw, reason) => e(1, fulcrumCut(reason)),
  versionAlreadySent: () => e(1, "server.version already sent"),
};

const electrs: ErrorSituations = {
  unknownMethod: () => e(-32601, "method not found"),
  tooFewParams: () => e(-32602, "invalid params"),
  tooManyParams: () => e(-32602, "invalid params"),
  parseError: () => e(-32700, "parse error"),
  notObject: () => e(-32600, "invalid request"),
  noMethod: () => e(-32600, "invalid request"),
  extraKey: () => null,
  emptyBatch: () => ({ error: null }), // replies [] (handled by the engine)
  batchUnsupported: () => silent(true),
  badScripthash: () => e(-32602, "invalid params"),
  badTxHash: () => e(-32602, "invalid params"),
  unknownTx: () => e(2, BITCOIND_NO_TX),
  heightOutOfRange: (h) => e(1, `no header at ${h}`),
  badHeight: () => e(-32602, "invalid params"),
  // (inferred) electrs reports bitcoind's RPC error under code 2.
  broadcastRejected: (_raw, reason) =>
    e(2, `sendrawtransaction RPC error: {"code":-22,"message":"${reason}"}`),
  versionAlreadySent: () => ({ error: null }),
};

const esplora2021: ErrorSituations = {
  unknownMethod: (m, params) => ({ error: `unknown method ${m} ${debugParams(params)}` }),
  tooFewParams: (m) => ({ error: m.includes("header") ? "missing height" : "missing hash" }),
  tooManyParams: () => ({ error: null }),
  parseError: () => silent(true),
  notObject: () => silent(true),
  noMethod: () => silent(true),
  extraKey: () => null,
  emptyBatch: () => silent(true),
  batchUnsupported: () => silent(true),
  badScripthash: () => ({ error: "bad script_hash" }),
  badTxHash: () => ({ error: "bad tx_hash" }),
  unknownTx: () => ({ error: "missing transaction" }),
  heightOutOfRange: () => ({ error: "missing header" }),
  badHeight: () => ({ error: "missing height" }),
  broadcastRejected: (_raw, reason) => ({ error: `sendrawtransaction RPC error: ${reason}` }),
  versionAlreadySent: () => ({ error: null }),
};

const esploraNew: ErrorSituations = {
  ...esplora2021,
  unknownMethod: (m) => e(-32601, `unknown method ${m}`),
  tooFewParams: (m) => e(-32602, m.includes("header") ? "non-integer height" : "missing hash"),
  parseError: () => e(-32700, "parse error"),
  notObject: () => e(-32600, "invalid request"),
  noMethod: () => e(-32600, "invalid request"),
  emptyBatch: () => ({ error: null }),
  badScripthash: () => e(-32602, "non-hex hash"),
  badTxHash: () => e(-32602, "non-hex hash"),
  unknownTx: () => e(-32603, "missing transaction"),
  heightOutOfRange: () => e(-32603, "missing header"),
  badHeight: () => e(-32602, "non-integer height"),
  broadcastRejected: (_raw, reason) =>
    e(-32603, `blockchain.transaction.broadcast failed: ${reason}`),
};

const eps: ErrorSituations = {
  unknownMethod: () => silent(), // logs "BUG! Not handling method"; connection stays open
  tooFewParams: () => ({ error: null, crash: true }), // uncaught IndexError (inferred)
  tooManyParams: () => ({ error: null }),
  parseError: () => silent(true),
  notObject: () => silent(true),
  noMethod: () => silent(true),
  extraKey: () => null,
  emptyBatch: () => silent(true),
  batchUnsupported: () => silent(true),
  badScripthash: () => silent(true), // UnknownScripthashError -> disconnect
  badTxHash: () => ({ error: { message: "txid not found" } }),
  unknownTx: () => ({ error: { message: "txid not found" } }),
  heightOutOfRange: (h) => e(-1, `height ${h} out of range`),
  badHeight: () => ({ error: null, crash: true }),
  broadcastRejected: (_raw, reason) => e(-25, reason),
  versionAlreadySent: () => ({ error: null }),
};

/** Debug-print params the way Rust's `{:?}` would for simple JSON values (esplora 2021). */
function debugParams(params: unknown): string {
  if (!Array.isArray(params)) return "[]";
  return "[" +
    params.map((p) =>
      typeof p === "string"
        ? `String(${JSON.stringify(p)})`
        : typeof p === "number"
        ? `Number(${p})`
        : String(p)
    ).join(", ") + "]";
}

/** The error dialect of a personality. */
export function errorsOf(p: Personality): ErrorSituations {
  switch (p.errors) {
    case "electrumx":
      return electrumx;
    case "fulcrum": {
      // Fulcrum 1.x echoes the line raw (1.12.0 checked: a real `\n`); 2.1.1 replaces non-printables
      // (checked); 2.0.x is assumed to do the same as 2.1 (inferred).
      if (Number(p.version.split(".")[0]) >= 2) return fulcrum;
      return {
        ...fulcrum,
        parseError: (line: string) =>
          e(
            -32700,
            fulcrumCut(
              `Failed to parse Json from string: ${line.slice(0, 80)}${
                line.length > 80 ? "..." : ""
              }`,
            ),
          ),
      };
    }
    case "electrs":
      return electrs;
    case "esplora-2021":
      return esplora2021;
    case "esplora-new":
      return esploraNew;
    case "eps":
      return eps;
  }
}
