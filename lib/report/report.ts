import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { runNotebooks } from "./run_notebooks.ts";
import { jupyterDir, projectRoot, setup } from "./setup.ts";
import { preflight } from "./preflight.ts";
import { watchProgress } from "./progress_view.ts";
import { EXIT_CODES, UsageError } from "../pipeline/exit_codes.ts";

/** Notebooks the report runs: `notebooks/NN_name.ipynb` (run order: {@linkcode runOrder}). */
export const REPORT_NOTEBOOK = /^[0-9]{2}_.*\.ipynb$/;

/**
 * The executive summary: it reads what every other notebook's tables hold, so it runs last, and
 * the reader meets it first (the HTML report puts it at the top).
 */
export const SUMMARY_NOTEBOOK = "00_summary.ipynb";

/**
 * The report notebooks that may run at the same time as each other: each reads `data/` (the
 * tables and archive notebook 01 wrote, the lab's reference file) and writes only its own figures,
 * and none reads what another writes. Notebook 05 also writes `privacy_risks.csv` and
 * `privacy_recommendations.csv`, which only the executive summary reads, and the summary runs
 * after all of them. A notebook that reads another's output must not be listed here; a notebook
 * not listed runs alone, in its place in the run order.
 */
export const CONCURRENT_NOTEBOOKS: readonly string[] = [
  "02_network_overview.ipynb",
  "03_clusters.ipynb",
  "04_suspicion.ipynb",
  "05_privacy.ipynb",
];

/** How the report runs its notebooks (options of `runNotebooks`). */
export interface ReportSchedule {
  /** File names of the notebooks that may run side by side ({@linkcode CONCURRENT_NOTEBOOKS}). */
  concurrent: string[];
  /** The most of them running at once. */
  jobs: number;
  /** Kernels started ahead of their turn (all of the later notebooks'). */
  startAhead: number;
}

/**
 * How the report runs `paths`: in run order ({@linkcode runOrder}), the notebooks of
 * {@linkcode CONCURRENT_NOTEBOOKS} side by side, one per core (at most 4), the others alone; the
 * kernels of later notebooks start, with their imports loaded, while the crawl of notebook 01
 * runs, so that no notebook waits for its kernel (each waiting kernel holds its notebook's
 * modules: about 330 MB, 1.7 GB for the five of the report).
 *
 * @param paths Notebook paths (only the file names count).
 * @param options `cores`: cores to use. Default: `navigator.hardwareConcurrency`.
 * @returns The options to pass to `runNotebooks`.
 * @example
 * ```ts
 * const paths = ["notebooks/01_collect.ipynb", "notebooks/02_network_overview.ipynb"];
 * reportSchedule(paths, { cores: 2 });
 * // { concurrent: ["02_network_overview.ipynb"], jobs: 2, startAhead: 1 }
 * ```
 */
export function reportSchedule(
  paths: readonly string[],
  options: { cores?: number } = {},
): ReportSchedule {
  const cores = options.cores ?? navigator.hardwareConcurrency ?? 1;
  return {
    concurrent: paths.map((p) => basename(p)).filter((n) => CONCURRENT_NOTEBOOKS.includes(n)),
    jobs: Math.max(1, Math.min(4, Math.floor(cores))),
    startAhead: Math.max(0, paths.length - 1),
  };
}

/**
 * The order the report runs notebooks in: by file name, except the executive summary
 * ({@linkcode SUMMARY_NOTEBOOK}), which runs after all the others because it reads their
 * tables. The HTML report shows the summary first all the same.
 *
 * @param paths Notebook paths (any folder; only the file name counts).
 * @returns A new array in run order.
 * @example
 * ```ts
 * runOrder(["notebooks/02_b.ipynb", "notebooks/00_summary.ipynb", "notebooks/01_a.ipynb"]);
 * // ["notebooks/01_a.ipynb", "notebooks/02_b.ipynb", "notebooks/00_summary.ipynb"]
 * ```
 */
export function runOrder(paths: readonly string[]): string[] {
  const isSummary = (p: string) => basename(p) === SUMMARY_NOTEBOOK;
  const byName = (a: string, b: string) =>
    basename(a) < basename(b) ? -1 : basename(a) > basename(b) ? 1 : 0;
  return [
    ...paths.filter((p) => !isSummary(p)).sort(byName),
    ...paths.filter(isSummary),
  ];
}

/** Usage of `deno task report`. */
export const REPORT_USAGE = `deno task report [NOTEBOOK...] [--help]

Runs the report's notebooks (notebooks/NN_*.ipynb) in name order, the executive summary
(00_summary.ipynb) last, on the project's Deno kernel and writes figures/report.html with the
summary first. Named notebooks (e.g. notebooks/02_network_overview.ipynb, or just
02_network_overview.ipynb) run alone, in that order; notebooks after 01 read data/ only, and
figures/report.html is rebuilt only by a run of all of them. Notebooks 02-05 run side by side,
one per core, and later notebooks' kernels start while earlier ones run.

Run parameters are environment variables (OBS_TARGET, OBS_LAB_SIZE, OBS_SEED, OBS_LATENCY,
OBS_SEEDS, OBS_LIVE, OBS_CONCURRENCY, OBS_CELL_TIMEOUT_S, ...; see README.md), checked before any
kernel starts.

Exit codes: 0 servers answered and every notebook ran; 1 a notebook failed (the notebook is left
as it was, the failed run's copy goes to .cache/report/failed/); 2 a bad argument or parameter
(nothing run or written); 3 not one server answered (data/ left as it was).`;

/** Options for {@linkcode report}. */
export interface ReportOptions {
  /** Repository root. Default: the project root. */
  root?: string;
  /** Notebooks to run (paths or names under `notebooks/`). Default: all report notebooks. */
  notebooks?: readonly string[];
  /** Where the HTML report goes, relative to `root`. Default: `figures/report.html`. */
  htmlPath?: string;
  /** Run environment (`OBS_*`), checked by preflight and passed to the kernel. Default: this process's. */
  env?: Record<string, string>;
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
  /** Draw the crawl's progress as a bar. Default: whether stderr is a terminal. */
  tty?: boolean;
}

/**
 * Lists the report's notebooks, `notebooks/[0-9][0-9]_*.ipynb`, in run order
 * ({@linkcode runOrder}: by name, the executive summary last).
 *
 * @param root Repository root.
 * @returns Paths relative to `root`; empty when there are none.
 */
export async function reportNotebooks(root: string = projectRoot()): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(join(root, "notebooks"))) {
      if (entry.isFile && REPORT_NOTEBOOK.test(entry.name)) names.push(entry.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return runOrder(names.map((n) => join("notebooks", n)));
}

/** The parsed command line of `deno task report`. */
export interface ReportArgs {
  help: boolean;
  /** Named notebooks, relative to the root, in run order; null for all. */
  notebooks: string[] | null;
}

/**
 * Parse `deno task report` arguments: `--help`/`-h`, and notebook names. A name may be a path
 * (relative to the working directory or the root) or a bare file name under `notebooks/`; it must
 * be one of the report's notebooks.
 *
 * @param args Command-line arguments.
 * @param root Repository root.
 * @param cwd Working directory paths are relative to. Default: `Deno.cwd()`.
 * @throws {UsageError} For an unknown option or a name that is not a report notebook.
 * @example
 * ```ts
 * await parseReportArgs(["notebooks/02_network_overview.ipynb"], "/repo");
 * // { help: false, notebooks: ["notebooks/02_network_overview.ipynb"] }
 * ```
 */
export async function parseReportArgs(
  args: readonly string[],
  root: string,
  cwd: string = Deno.cwd(),
): Promise<ReportArgs> {
  if (args.some((a) => a === "--help" || a === "-h")) return { help: true, notebooks: null };
  const known = await reportNotebooks(root);
  const named: string[] = [];
  for (const arg of args) {
    if (arg.startsWith("-")) {
      throw new UsageError(`report: unknown option ${JSON.stringify(arg)} (--help for usage)`);
    }
    const candidates = [
      relative(root, isAbsolute(arg) ? arg : resolve(cwd, arg)),
      relative(root, resolve(root, arg)),
      join("notebooks", basename(arg)),
    ];
    const hit = candidates.find((c) => known.includes(c));
    if (!hit) {
      throw new UsageError(
        `report: ${JSON.stringify(arg)} is not one of the report's notebooks (${
          known.join(", ") || "none found"
        })`,
      );
    }
    if (!named.includes(hit)) named.push(hit);
  }
  return { help: false, notebooks: named.length ? runOrder(named) : null };
}

/** One line from nbrun's `--status` file. */
interface NbrunStatus {
  ok: boolean;
  notebook?: string;
  cell?: number | null;
  ename?: string;
  evalue?: string;
  failed_copy?: string;
}

/**
 * The `report` task: checks the run (preflight: parameters, seeds, folders) before anything
 * starts, sets the machine up (idempotent, one summary line), runs the report's notebooks (or the
 * named ones) in order ({@linkcode reportSchedule}: 02-05 side by side) on the project's Deno
 * kernel with the crawl's progress on the terminal,
 * and renders them into one HTML file when all of them ran. A notebook that fails is left as it
 * was on disk; its executed copy goes to `.cache/report/failed/`.
 *
 * @param options Root, notebooks, report path, environment, log sink.
 * @returns An exit code of {@linkcode EXIT_CODES}: 0 ok, 1 a notebook failed, 3 nothing answered.
 * @throws {UsageError} When preflight refuses the run (exit code 2). {Error} When setup fails.
 * @example
 * ```ts
 * Deno.exit(await report({ notebooks: ["notebooks/02_network_overview.ipynb"] }));
 * ```
 */
export async function report(options: ReportOptions = {}): Promise<number> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? console.error;
  const env = options.env ?? Deno.env.toObject();
  const all = await reportNotebooks(root);
  if (all.length === 0) {
    throw new UsageError(`report: no notebook matches notebooks/[0-9][0-9]_*.ipynb under ${root}`);
  }
  const notebooks = options.notebooks?.length ? [...options.notebooks] : all;
  const checked = preflight(root, { env, notebooks: notebooks === all ? undefined : notebooks });
  await setup({ root, log });
  const whole = notebooks.length === all.length;
  const htmlPath = options.htmlPath ?? join("figures", "report.html");
  const scratch = join(root, ".cache", "report");
  await Deno.mkdir(scratch, { recursive: true });
  const progressFile = join(scratch, "progress.jsonl");
  const statusFile = join(scratch, "status.json");
  await Deno.writeTextFile(progressFile, "");
  await Deno.remove(statusFile).catch(() => {});
  log(`report: running ${notebooks.join(" ")}`);
  const stopProgress = watchProgress(progressFile, {
    tty: options.tty,
    write: options.log ? (t) => log(t.replace(/\n$/, "")) : undefined,
  });
  let code: number;
  try {
    ({ code } = await runNotebooks(notebooks.map((n) => join(root, n)), {
      ...reportSchedule(notebooks),
      jupyterDir: jupyterDir(root),
      htmlPath: whole ? join(root, htmlPath) : undefined,
      lead: [SUMMARY_NOTEBOOK],
      cellTimeoutS: checked.cellTimeoutS,
      failedDir: join(scratch, "failed"),
      statusPath: statusFile,
      kernelLogPath: join(scratch, "kernel.log"),
      expectedErrors: ["NothingAnswered"],
      env: { ...env, DENO_NO_UPDATE_CHECK: "1", OBS_PROGRESS_FILE: progressFile },
    }));
  } finally {
    await stopProgress();
  }
  if (code === 0) {
    log(
      whole
        ? `report: ok, open ${relative(Deno.cwd(), join(root, htmlPath)) || htmlPath}`
        : `report: ok (${notebooks.length} of ${all.length} notebooks; ${htmlPath} not rebuilt: run all of them for that)`,
    );
    return EXIT_CODES.ok;
  }
  const status: NbrunStatus | null = await Deno.readTextFile(statusFile).then(
    JSON.parse,
    () => null,
  );
  const where = status?.notebook
    ? `${relative(root, status.notebook)} cell ${status.cell ?? "?"}`
    : "a notebook";
  const copy = status?.failed_copy
    ? `; the failed run's copy is ${relative(Deno.cwd(), status.failed_copy)}`
    : "";
  if (status?.ename === "NothingAnswered") {
    log(`report: ${status.evalue}`);
    return EXIT_CODES.nothingAnswered;
  }
  log(
    `report: FAILED in ${where}: ${
      [status?.ename, status?.evalue].filter(Boolean).join(": ") || `exit ${code}`
    }${copy}`,
  );
  return EXIT_CODES.failed;
}

if (import.meta.main) {
  try {
    const root = projectRoot();
    const args = await parseReportArgs(Deno.args, root);
    if (args.help) {
      console.log(REPORT_USAGE);
      Deno.exit(EXIT_CODES.ok);
    }
    Deno.exit(await report({ root, notebooks: args.notebooks ?? undefined }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(e instanceof UsageError ? EXIT_CODES.usage : EXIT_CODES.failed);
  }
}
