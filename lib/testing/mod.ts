/**
 * Test helpers shared by the unit tests: assertions and small loopback servers; the import graph
 * and the layer table of `lib/` (`import_graph.ts`, `layers.ts`), checked by `layers_test.ts`.
 *
 * @module
 */
export * from "./assert.ts";
export * from "./loopback_server.ts";
