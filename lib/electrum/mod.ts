/**
 * The Electrum protocol client: newline framing, message parsing and a pipelined JSON-RPC session
 * over TCP or TLS, all bounded in size and time.
 *
 * @module
 */
export * from "./framing.ts";
export * from "./message.ts";
export * from "./session.ts";
export * from "./connect.ts";
export * from "./compare_versions.ts";
