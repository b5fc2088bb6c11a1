/**
 * Markdown pieces of the executive summary: escaped server text, counts with their denominator,
 * shares, and links to the notebook section and figure that show a number. Links are written
 * relative to the repository's `notebooks/` and `figures/` folders (`../notebooks/...`,
 * `../figures/...`), so they work from the summary notebook and from `figures/report.html`
 * alike; the HTML report turns a link to one of its notebooks into a link inside the page.
 *
 * @module
 */
import { escapeMarkdown } from "../notebook/display.ts";

/** Server text (or any text not written by us), escaped so it renders literally. */
export function text(value: unknown): string {
  return escapeMarkdown(String(value));
}

/**
 * A count with its denominator, its unit and the share: `12 of 350 servers (3.4%)`.
 *
 * @param n The count.
 * @param of The denominator (0 gives no share).
 * @param unit What is counted, plural.
 * @example
 * ```ts
 * countOf(12, 350, "servers"); // "12 of 350 servers (3.4%)"
 * ```
 */
export function countOf(n: number, of: number, unit: string): string {
  return of > 0 ? `${n} of ${of} ${unit} (${pct(n / of)})` : `${n} of ${of} ${unit}`;
}

/** A share 0..1 as a percentage with one decimal: `0.314` gives `31.4%`. */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "an unknown share";
  return `${(share * 100).toFixed(1)}%`;
}

/** The report's notebooks the summary links to, by file stem. */
export const NOTEBOOKS = {
  collect: "01_collect",
  overview: "02_network_overview",
  clusters: "03_clusters",
  suspicion: "04_suspicion",
  privacy: "05_privacy",
} as const;

/**
 * A link to a notebook section: `[notebook 02 · Centralization](../notebooks/02_network_overview.ipynb)`.
 *
 * @param stem The notebook's file name without `.ipynb`.
 * @param section The section heading it is under.
 */
export function notebookLink(stem: string, section: string): string {
  return `[notebook ${stem.slice(0, 2)} · ${section}](../notebooks/${stem}.ipynb)`;
}

/** A link to a published figure's SVG: `[figure server_map](../figures/server_map.svg)`. */
export function figureLink(name: string): string {
  return `[figure ${name}](../figures/${name}.svg)`;
}

/** "shown in notebook NN · Section, figure a, figure b": where a reader checks a number. */
export function shownIn(stem: string, section: string, figures: readonly string[] = []): string {
  return `(${[notebookLink(stem, section), ...figures.map(figureLink)].join(", ")})`;
}
