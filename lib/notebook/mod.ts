/**
 * Notebook helpers: escaped tables, figures and notes.
 *
 * @module
 */
export * from "./display.ts";
export * from "./escape.ts";
export * from "./progress.ts";
