/**
 * Test helpers shared by the unit tests: assertions and small loopback servers.
 *
 * @module
 */
export * from "./assert.ts";
export * from "./loopback_server.ts";
