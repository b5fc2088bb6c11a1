import { dirname, join } from "node:path";
import { projectRoot } from "../data/paths.ts";
import { writeKernelspec } from "./kernelspec.ts";
import { installSystemPackages, missingSystemPackages } from "./system_packages.ts";

export { projectRoot };

/** The project-local Jupyter data folder, `<root>/.cache/jupyter`; put it on `JUPYTER_PATH`. */
export function jupyterDir(root: string = projectRoot()): string {
  return join(root, ".cache", "jupyter");
}

/** Options for {@linkcode setup}. */
export interface SetupOptions {
  /** Repository root. Default: {@linkcode projectRoot}. */
  root?: string;
  /** Deno binary for the kernel and `deno install`. Default: `Deno.execPath()`. */
  denoPath?: string;
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
}

/** What {@linkcode setup} did; every field is false on an already set-up machine. */
export interface SetupResult {
  installedPackages: string[];
  kernelspecWritten: boolean;
  denoInstalled: boolean;
}

async function depsHash(root: string): Promise<string> {
  const parts = await Promise.all(
    ["deno.json", "deno.lock"].map((f) =>
      Deno.readFile(join(root, f)).catch(() => new Uint8Array())
    ),
  );
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length + 1, 0));
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length + 1;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Runs `deno install --frozen` unless `node_modules/` exists and a stamp in `.cache/` shows it
 * was done for the same `deno.json`, `deno.lock` and Deno version. The installer's output goes to
 * `.cache/setup/deno-install.log`; `log` gets one summary line (and the output's tail on failure).
 *
 * @returns Whether `deno install` ran.
 * @throws {Error} If `deno install` fails (for example a lock file out of date with `deno.json`).
 */
export async function ensureDenoInstall(options: SetupOptions = {}): Promise<boolean> {
  const root = options.root ?? projectRoot();
  const stampPath = join(root, ".cache", "setup", "deno-install.json");
  const stamp = JSON.stringify({ deno: Deno.version.deno, deps: await depsHash(root) });
  const haveModules = await Deno.stat(join(root, "node_modules")).then(() => true, () => false);
  if (haveModules && (await Deno.readTextFile(stampPath).catch(() => null)) === stamp) return false;
  const log = options.log ?? console.error;
  const started = performance.now();
  // The installer's own output (one line per package on a first run, warning boxes about build
  // scripts) goes to a log file; the terminal gets one summary line.
  const out = await new Deno.Command(options.denoPath ?? Deno.execPath(), {
    args: ["install", "--frozen"],
    cwd: root,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const logPath = join(root, ".cache", "setup", "deno-install.log");
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  await Deno.mkdir(dirname(logPath), { recursive: true });
  await Deno.writeTextFile(logPath, text);
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (!out.success) {
    throw new Error(
      `setup: \`deno install --frozen\` failed with exit code ${out.code}; if deno.json changed, ` +
        "update the lock file with `deno install` and commit deno.lock. Its last lines:\n" +
        lines.slice(-8).map((l) => `  ${l}`).join("\n"),
    );
  }
  log(
    `setup: deno install --frozen: npm packages ready in ${
      ((performance.now() - started) / 1000).toFixed(1)
    } s (${lines.length} lines of installer output in ${logPath})`,
  );
  await Deno.mkdir(dirname(stampPath), { recursive: true });
  await Deno.writeTextFile(stampPath, stamp);
  return true;
}

/**
 * Prepares this machine to run the notebooks and the tests; idempotent, and quick (well under
 * a second) when nothing is missing:
 *
 * 1. Debian packages ({@linkcode APT_PACKAGES}): probed cheaply; missing ones are installed
 *    with apt-get when running as root, otherwise it throws naming the command to run.
 * 2. The project-local kernelspec `deno-observatory` under `.cache/jupyter/kernels/`, running
 *    this Deno (`Deno.execPath()`); rewritten only when it changed.
 * 3. `deno install --frozen`, skipped when `deno.json`/`deno.lock` did not change since.
 *
 * @param options Root, Deno binary, log sink.
 * @returns What was done.
 * @throws {Error} When packages are missing and cannot be installed, or a step fails.
 * @example
 * ```ts
 * await setup();
 * ```
 */
export async function setup(options: SetupOptions = {}): Promise<SetupResult> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? console.error;
  const missing = await missingSystemPackages();
  await installSystemPackages(missing, { log });
  if (missing.length > 0) {
    const still = await missingSystemPackages();
    if (still.length > 0) {
      throw new Error(`setup: still missing after apt-get install: ${still.join(", ")}`);
    }
  }
  const spec = await writeKernelspec(jupyterDir(root), { denoPath: options.denoPath });
  if (spec.changed) log(`setup: kernelspec written to ${spec.dir}`);
  const denoInstalled = await ensureDenoInstall({ ...options, root, log });
  return { installedPackages: missing, kernelspecWritten: spec.changed, denoInstalled };
}

/** Usage of `deno task setup`. */
export const SETUP_USAGE = `deno task setup

Installs what the notebooks and tests need, idempotently (well under a second once done): the
Debian packages of lib/report/system_packages.ts (with apt-get when root; otherwise it prints the
command), the project's Jupyter kernel under .cache/jupyter/, and npm packages (deno install
--frozen; its output goes to .cache/setup/deno-install.log). Takes no arguments.`;

if (import.meta.main) {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(SETUP_USAGE);
    Deno.exit(0);
  }
  if (Deno.args.length) {
    console.error(
      `setup: takes no arguments, got ${JSON.stringify(Deno.args[0])} (--help for usage)`,
    );
    Deno.exit(2);
  }
  const started = performance.now();
  try {
    const r = await setup();
    const did = [
      r.installedPackages.length ? `installed ${r.installedPackages.join(" ")}` : "",
      r.kernelspecWritten ? "wrote kernelspec" : "",
      r.denoInstalled ? "ran deno install" : "",
    ].filter(Boolean);
    console.error(
      `setup: ${did.length ? did.join(", ") : "nothing to do"} (${
        Math.round(performance.now() - started)
      } ms)`,
    );
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
}
