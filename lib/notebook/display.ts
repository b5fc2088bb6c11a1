/**
 * Display helpers for the notebooks: tables (danfo DataFrames or rows) rendered as HTML with every
 * cell escaped, because cells hold server-provided text; figures as SVG; short notes as Markdown.
 * They return objects the Deno kernel displays (`Symbol.for("Jupyter.display")`), so they also
 * work, inertly, under `deno test` where `Deno.jupyter` does not exist.
 *
 * @module
 */
import { escapeHtml } from "./escape.ts";

const DISPLAY = Symbol.for("Jupyter.display");
// deno-lint-ignore no-control-regex
const PLAIN_CONTROL = /[\x00-\x1f\x7f]/g;

/** Something the Jupyter kernel can display. */
export interface Displayable {
  [DISPLAY](): Record<string, string>;
}

/** Minimal shape of a danfo DataFrame used here. */
interface FrameLike {
  columns: string[];
  values: unknown;
  shape: number[];
}

/** Options of {@linkcode showTable}. */
export interface ShowTableOptions {
  /** Most rows shown. Default: 30. */
  limit?: number;
  /** Caption above the table. */
  caption?: string;
  /** Longest cell text shown, characters. Default: 120. */
  maxCell?: number;
  /** Columns shown, in this order (rows only). Default: every column. */
  columns?: readonly string[];
}

/**
 * Render rows or a DataFrame as an escaped HTML table (or, with no rows, the caption and
 * "None in this run."). Rows may be of any object type, an `interface` included (which has no
 * index signature): their own enumerable keys are the columns.
 *
 * @example
 * ```ts
 * showTable([{ software: "<script>x</script>", n: 1 }]);
 * ```
 */
export function showTable(
  data: readonly object[] | FrameLike,
  options: ShowTableOptions = {},
): Displayable {
  const limit = options.limit ?? 30;
  const maxCell = options.maxCell ?? 120;
  const { columns, rows, total } = Array.isArray(data)
    ? {
      columns: options.columns
        ? [...options.columns]
        : [...new Set(data.flatMap((r) => Object.keys(r)))],
      rows: data.slice(0, limit).map((r) => Object.values(r)),
      total: data.length,
    }
    : {
      columns: (data as FrameLike).columns,
      rows: ((data as FrameLike).values as unknown[][]).slice(0, limit),
      total: (data as FrameLike).shape[0],
    };
  const fixedRows = Array.isArray(data)
    ? (data as readonly Record<string, unknown>[]).slice(0, limit).map((r) =>
      columns.map((c) => r[c])
    )
    : rows;
  const cell = (v: unknown) => {
    const s = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))
      ? ""
      : String(v);
    return escapeHtml(s.length > maxCell ? s.slice(0, maxCell) + "…" : s);
  };
  // No rows: say so, rather than show a caption over an empty table.
  if (total === 0) {
    const none = "None in this run.";
    return {
      [DISPLAY]: () => ({
        "text/html": `${
          options.caption ? `<p><b>${escapeHtml(options.caption)}</b></p>` : ""
        }<p><i>${none}</i></p>`,
        "text/plain": options.caption
          ? `${options.caption.replace(PLAIN_CONTROL, "?")}\n${none}`
          : none,
      }),
    };
  }
  const html = [
    options.caption ? `<p><b>${escapeHtml(options.caption)}</b></p>` : "",
    `<table class="obs-table"><thead><tr>${
      columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")
    }</tr></thead><tbody>`,
    ...fixedRows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join("")}</tr>`),
    `</tbody></table>`,
    total > limit ? `<p><i>${total - limit} more rows not shown (${total} in all).</i></p>` : "",
  ].join("");
  const text = [
    columns.join("\t"),
    ...fixedRows.map((r) =>
      r.map((
        v,
      ) => (v === null || v === undefined
        ? ""
        : String(v).slice(0, maxCell).replace(PLAIN_CONTROL, "?"))
      ).join("\t")
    ),
  ].join("\n");
  return { [DISPLAY]: () => ({ "text/html": html, "text/plain": text }) };
}

/** Display an SVG element or string produced by our own plotting code. */
export function showSvg(svg: string | { outerHTML: string }): Displayable {
  const text = typeof svg === "string" ? svg : svg.outerHTML;
  return { [DISPLAY]: () => ({ "image/svg+xml": text }) };
}

/**
 * Display Markdown written by our own code (server text in it already escaped, e.g. with
 * {@linkcode escapeMarkdown}).
 *
 * @example
 * ```ts
 * showMarkdown("## Findings\n\n- 12 of 350 servers");
 * ```
 */
export function showMarkdown(markdown: string): Displayable {
  return { [DISPLAY]: () => ({ "text/markdown": markdown, "text/plain": markdown }) };
}

/** Display a Markdown note written by our own code; `values` are escaped before interpolation. */
export function note(strings: TemplateStringsArray, ...values: unknown[]): Displayable {
  let md = strings[0];
  values.forEach((v, i) => (md += escapeMarkdown(String(v)) + strings[i + 1]));
  return showMarkdown(md);
}

/** Escape text for Markdown so it renders literally (no links, images, HTML or emphasis). */
export function escapeMarkdown(s: string): string {
  // The entities escapeHtml wrote stay whole (`&#39;`, not `&\#39;`, which would show as text).
  return escapeHtml(s).replace(
    /(&(?:#\d+|[a-z]+);)|([\\`*_{}\[\]()#+\-.!|~])/g,
    (_, entity, c) => entity ?? `\\${c}`,
  );
}
