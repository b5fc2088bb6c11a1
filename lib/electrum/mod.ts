/**
 * The Electrum protocol client: newline framing, message parsing and a pipelined JSON-RPC session
 * over TCP or TLS, all bounded in size and time; the bounded parsers of what servers announce
 * (`server.peers.subscribe` and `features.hosts`, in `peers.ts`) and the request costs servers
 * charge ({@linkcode ERROR_COST}), and the donation addresses server software ships as its default
 * ({@linkcode SHIPPED_DONATIONS}). Imports only `net/`.
 *
 * @module
 */
export * from "./framing.ts";
export * from "./message.ts";
export * from "./session.ts";
export * from "./connect.ts";
export * from "./compare_versions.ts";
export * from "./peers.ts";
export * from "./error_cost.ts";
export * from "./shipped_donations.ts";
