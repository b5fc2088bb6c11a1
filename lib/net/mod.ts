/**
 * Networking: the closed set of outcome statuses, address classification, and the one guarded
 * dial function that every connection goes through; the one IP parser, formatter and
 * special-range table (bottom layer of `lib/`; imports no other folder).
 *
 * @module
 */
export * from "./status.ts";
export * from "./address.ts";
export * from "./dial.ts";
export * from "./own_connections.ts";
export * from "./ip_literal.ts";
