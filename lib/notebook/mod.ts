/**
 * Notebook helpers: escaped tables, figures and notes (top layer of `lib/`, above `plots/`;
 * nothing in `lib/` imports it).
 *
 * @module
 */
export * from "./display.ts";
export * from "./escape.ts";
export * from "./progress.ts";
export * from "./publish_figure.ts";
export * from "./export_figure_as.ts";
