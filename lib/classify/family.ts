/**
 * The implementation families the classifiers name.
 *
 * @module
 */

/** Implementation families. */
export type Family = "electrumx" | "fulcrum" | "electrs" | "esplora" | "eps";

/** All families, in a fixed order (ties break in this order). */
export const FAMILIES: readonly Family[] = ["electrumx", "fulcrum", "electrs", "esplora", "eps"];
