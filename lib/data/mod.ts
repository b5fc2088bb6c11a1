/**
 * Safe data output: spreadsheet-safe CSV and atomic file writes.
 *
 * @module
 */
export * from "./csv.ts";
export * from "./atomic_write.ts";
export * from "./paths.ts";
export * from "./read_csv.ts";
