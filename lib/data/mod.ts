/**
 * Safe data output: spreadsheet-safe CSV and atomic file writes (bottom layer of `lib/`; imports
 * no other folder).
 *
 * @module
 */
export * from "./csv.ts";
export * from "./atomic_write.ts";
export * from "./paths.ts";
export * from "./read_csv.ts";
