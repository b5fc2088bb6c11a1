/**
 * Safe data output: spreadsheet-safe CSV and atomic file writes.
 *
 * @module
 */
export * from "./csv.ts";
export * from "./atomic_write.ts";
