/**
 * Safe data output and typed input: spreadsheet-safe CSV, atomic file writes, the typed schema of
 * every derived table (`schemas/`), the writer that validates rows against it (`tableCsv`) and
 * the reader that types cells by it (`readCsv`); and `readReferenceHosts`, the one reader of the
 * lab's reference file (path given by the caller) for the evaluations.
 *
 * @module
 */
export * from "./csv.ts";
export * from "./atomic_write.ts";
export * from "./paths.ts";
export * from "./read_csv.ts";
export * from "./schema.ts";
export * from "./table_csv.ts";
export * from "./schemas/mod.ts";
export * from "./writable_folder.ts";
export * from "./as_read.ts";
export * from "./read_reference_hosts.ts";
