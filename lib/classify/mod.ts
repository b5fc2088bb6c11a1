/**
 * Classifiers over records: pure functions that read one server's raw probe records and say what
 * the server is, with the evidence that decided it and how sure they are.
 *
 * - `infer_implementation.ts`: the implementation family (ElectrumX, Fulcrum, electrs, esplora,
 *   EPS) from wire behaviour alone, a version range where the wire tells it, and whether the
 *   claimed software string agrees, with a confidence that drops on conflicting or missing evidence.
 * - `build_history.ts`: which versions of each implementation, tagged or untagged, shipped with which
 *   wire traits (protocol maximum, padding, version-first, range handling), with the commit or tag
 *   of every boundary; the inference's version ranges come from it.
 * - `version_set.ts`: unions of version intervals, as text and for membership tests.
 * - `family.ts`: the family names.
 *
 * This layer sits above the probes (it reads the records they write) and below the tables
 * (`lib/tables/derive_fingerprints.ts` writes its verdict into `fingerprints.csv`). It never
 * opens a socket and never reads the emulator.
 *
 * @example
 * ```ts
 * import { evidenceFromRecords, inferImplementation } from "./mod.ts";
 * const verdict = inferImplementation(evidenceFromRecords([]));
 * verdict.family; // null: nothing was observed
 * ```
 *
 * @module
 */
export * from "./family.ts";
export * from "./build_history.ts";
export * from "./version_set.ts";
export * from "./infer_implementation.ts";
