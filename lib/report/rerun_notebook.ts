import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { jupyterEnv } from "./jupyter_env.ts";
import { KERNEL_NAME } from "./kernelspec.ts";
import { SYSTEM_PYTHON } from "./system_packages.ts";

const NBRERUN = join(dirname(fileURLToPath(import.meta.url)), "nbrerun.py");

/** One output of a notebook code cell, as nbformat stores it. */
export type CellOutput = Record<string, unknown>;

/** What {@linkcode rerunNotebook} saw: each code cell's outputs in both passes. */
export interface RerunResult {
  notebook: string;
  /** Cell indices (0-based, all cells counted) in the order pass 2 ran them. */
  order: number[];
  /** Code cells: source, outputs of pass 1 and of pass 2 (null when the pass stopped before). */
  cells: {
    index: number;
    source: string;
    first: CellOutput[] | null;
    second: CellOutput[] | null;
  }[];
  /** The cell that failed, in which pass, with its error; null when both passes ran. */
  failure: { index: number; pass: 1 | 2; error: string } | null;
  /** sha256 of each file in `watchDir` after pass 1 and after pass 2. */
  files: { first?: Record<string, string>; second?: Record<string, string> };
}

/** Options for {@linkcode rerunNotebook}. */
export interface RerunOptions {
  /** Jupyter data folder holding `kernels/<kernel>/`. Required. */
  jupyterDir: string;
  /** Seed of pass 2's shuffle. Default: 1. */
  seed?: number;
  /** Whole seconds one cell may run. Default: 300. */
  cellTimeoutS?: number;
  /** A folder (e.g. the figures folder) whose files are hashed after each pass. Default: none. */
  watchDir?: string;
  /** Kernel name. Default: {@linkcode KERNEL_NAME}. */
  kernel?: string;
  /** Extra environment for the kernel (run parameters, data and figure folders). Default: none. */
  env?: Record<string, string>;
}

/**
 * Runs a notebook twice in one kernel session, as a researcher rerunning cells would: pass 1
 * top to bottom, pass 2 the parameters cell (the first code cell) and then every other code
 * cell once, in an order shuffled by `seed` (`nbrerun.py`, Debian's Python and nbclient). The
 * notebook file is not changed.
 *
 * @param notebook Path of the notebook; its kernel starts in the notebook's folder.
 * @param options Jupyter folder (required), seed, cell timeout, watched folder, environment.
 * @returns Both passes' outputs, the order, any failure; compare with {@linkcode rerunDifferences}.
 * @throws {Error} If nbrerun.py fails without writing its result (usage error, no kernel).
 * @example
 * ```ts
 * const r = await rerunNotebook("notebooks/02_network_overview.ipynb", { jupyterDir: ".cache/jupyter" });
 * console.log(rerunDifferences(r)); // [] when every cell reruns to the same output
 * ```
 */
export async function rerunNotebook(notebook: string, options: RerunOptions): Promise<RerunResult> {
  const out = await Deno.makeTempFile({ prefix: "nbrerun-", suffix: ".json" });
  try {
    const args = [
      "-I",
      NBRERUN,
      "--seed",
      String(options.seed ?? 1),
      "--timeout",
      String(options.cellTimeoutS ?? 300),
      "--kernel",
      options.kernel ?? KERNEL_NAME,
    ];
    if (options.watchDir) args.push("--watch", options.watchDir);
    args.push("--", notebook, out);
    const r = await new Deno.Command(SYSTEM_PYTHON, {
      args,
      env: jupyterEnv(options.jupyterDir, options.env),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = await Deno.readTextFile(out);
    if (text === "") {
      throw new Error(
        `rerunNotebook: nbrerun.py exited with code ${r.code} without a result:\n${
          new TextDecoder().decode(r.stderr)
        }`,
      );
    }
    return JSON.parse(text) as RerunResult;
  } finally {
    await Deno.remove(out).catch(() => {});
  }
}

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d[:-]\d\d[:-]\d\d(?:[.-]\d+)?Z/g;
const PROGRESS_LINE = /^\d+(?:\.\d+)? s: .*$\n?/gm;
/** A measured time in an inspected object, with or without colour codes: `duration_ms: 1234.5`. */
const MS_FIELD =
  // deno-lint-ignore no-control-regex -- Deno's inspect colours numbers with ESC sequences
  /(\b\w+_ms: )(\x1b\[33m)?-?\d+(?:\.\d+)?(?:e[-+]?\d+)?(\x1b\[39m)?/g;
/** Where an object of load-dependent figures opens (`measured: {`, or `"measured": {` in JSON). */
const MEASURED_OPEN = /(?<![\w"])"?measured"?: \{/g;
/** A figure in an inspected or JSON object, coloured or not: `key: 12`, `"key": 0.5`, `key: null`. */
const FIGURE =
  // deno-lint-ignore no-control-regex -- Deno's inspect colours numbers and null with ESC sequences
  /((?<![\w"])"?\w+"?: )(?:\x1b\[\d+m)?(?:-?\d+(?:\.\d+)?(?:e[-+]?\d+)?|null)(?:\x1b\[\d+m)?/g;

/**
 * Masks every figure inside each `measured` object (the manifest's `timing.measured`: what the
 * load decides), so a figure added there is masked without naming it here.
 */
function maskMeasuredObjects(text: string): string {
  let out = "";
  let from = 0;
  for (const m of text.matchAll(MEASURED_OPEN)) {
    if (m.index < from) continue; // inside a measured object already masked
    let depth = 0;
    let end = m.index + m[0].length - 1;
    for (; end < text.length; end++) {
      if (text[end] === "{") depth++;
      else if (text[end] === "}" && --depth === 0) break;
    }
    out += text.slice(from, m.index) + text.slice(m.index, end + 1).replace(FIGURE, "$1<measured>");
    from = end + 1;
  }
  return out + text.slice(from);
}

/** Masks the cells of `*_ms` columns (measured times) in an HTML table and a tab-separated one. */
function maskMeasuredColumns(mime: string, text: string): string {
  if (mime === "text/html") {
    return text.replace(/<table[\s\S]*?<\/table>/g, (table) => {
      const heads = [...table.matchAll(/<th>([\s\S]*?)<\/th>/g)].map((m) => m[1]);
      const measured = new Set(heads.flatMap((h, i) => (/_ms$/.test(h) ? [i] : [])));
      if (measured.size === 0) return table;
      return table.replace(/<tr>((?:<td>[\s\S]*?<\/td>)+)<\/tr>/g, (_row, cells: string) => {
        let i = 0;
        return `<tr>${
          cells.replace(/<td>[\s\S]*?<\/td>/g, (td) => (measured.has(i++) ? "<td>ms</td>" : td))
        }</tr>`;
      });
    });
  }
  const lines = text.split("\n");
  const heads = lines[0].split("\t");
  if (heads.length < 2 || !heads.some((h) => /_ms$/.test(h))) return text;
  return [
    lines[0],
    ...lines.slice(1).map((l) =>
      l.split("\t").map((v, i) => (/_ms$/.test(heads[i] ?? "") ? "ms" : v)).join("\t")
    ),
  ].join("\n");
}

/**
 * An output with what legitimately changes between two runs of the same cell masked: the
 * execution count, timestamps and the scan ids built from them, progress lines (`1.2 s: ...`,
 * timed), the values of `*_ms` table columns and object fields (measured times), and every
 * figure of a `measured` object (the manifest's load-dependent counts). Everything else must
 * repeat.
 */
export function stableOutput(output: CellOutput): CellOutput | null {
  const copy: CellOutput = { ...output };
  delete copy.execution_count;
  const mask = (mime: string, v: unknown) => {
    const text = Array.isArray(v) ? v.join("") : String(v);
    const masked = maskMeasuredObjects(text.replace(TIMESTAMP, "<time>")).replace(
      MS_FIELD,
      "$1<ms>",
    );
    return maskMeasuredColumns(mime, masked);
  };
  if (copy.output_type === "stream") {
    const text = mask("text/plain", copy.text).replace(PROGRESS_LINE, "");
    return text === "" ? null : { ...copy, text };
  }
  if (copy.data && typeof copy.data === "object") {
    copy.data = Object.fromEntries(
      Object.entries(copy.data as Record<string, unknown>).map((
        [mime, v],
      ) => [mime, mask(mime, v)]),
    );
  }
  return copy;
}

/** A code cell whose outputs differed between the passes of {@linkcode rerunNotebook}. */
export interface RerunDifference {
  index: number;
  source: string;
  first: CellOutput[];
  second: CellOutput[];
}

/**
 * The code cells whose outputs, after {@linkcode stableOutput}, differ between pass 1 and pass 2
 * (a cell that depends on hidden state, or counts something twice).
 *
 * @param result What {@linkcode rerunNotebook} returned.
 * @returns The differing cells, in notebook order; empty when every cell reran the same.
 * @throws {Error} If a pass failed (the message names the cell, the pass and the error).
 */
export function rerunDifferences(result: RerunResult): RerunDifference[] {
  if (result.failure) {
    const f = result.failure;
    const source = result.cells.find((c) => c.index === f.index)?.source ?? "";
    throw new Error(
      `${result.notebook}: cell ${f.index} failed in pass ${f.pass}:\n${source}\n${f.error}`,
    );
  }
  const stable = (outs: CellOutput[] | null) =>
    (outs ?? []).map(stableOutput).filter((o): o is CellOutput => o !== null);
  return result.cells.flatMap((c) => {
    const first = stable(c.first), second = stable(c.second);
    return JSON.stringify(first) === JSON.stringify(second)
      ? []
      : [{ index: c.index, source: c.source, first, second }];
  });
}
