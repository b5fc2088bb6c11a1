/** The Python that runs notebooks: Debian's, with its Jupyter packages (not pyenv's or a venv's). */
export const SYSTEM_PYTHON = "/usr/bin/python3";

/** How to tell whether a Debian package is present without asking dpkg. */
export type PackageProbe =
  /** A module `/usr/bin/python3 -I` can import. */
  | { python: string }
  /** Any one of these files exists. */
  | { paths: readonly string[] };

/**
 * Debian packages the project needs, each with a cheap probe. Installed with
 * `apt-get install -y --no-install-recommends` by {@linkcode installSystemPackages}.
 *
 * - `jupyter-nbconvert`, `python3-nbclient`, `jupyter-client`, `python3-ipykernel`: run the
 *   notebooks headless (`lib/report/nbrun.py`) and render the HTML report.
 * - `jupyter-notebook`: the interactive Jupyter Notebook of the `notebook` task (and the browser
 *   test that drives it).
 * - `chromium`: checks the rendered report and figures in a headless browser (tests, bench).
 * - `fonts-dejavu-core`: the font figures are rendered with (resvg draws no text without one).
 * - `iproute2`: `ip link set lo up` inside the test runner's private network namespace.
 * - `electrum`: Debian's Electrum wallet, driven against lab servers by later tests.
 * - `nmap`: port-scan baseline for benchmarks.
 */
export const APT_PACKAGES: Readonly<Record<string, PackageProbe>> = {
  "jupyter-nbconvert": { python: "nbconvert" },
  "python3-nbclient": { python: "nbclient" },
  "jupyter-client": { python: "jupyter_client" },
  "python3-ipykernel": { python: "ipykernel" },
  "jupyter-notebook": { python: "notebook" },
  "chromium": { paths: ["/usr/bin/chromium"] },
  "fonts-dejavu-core": { paths: ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"] },
  "iproute2": { paths: ["/usr/bin/ip", "/usr/sbin/ip", "/sbin/ip", "/bin/ip"] },
  "electrum": { paths: ["/usr/bin/electrum"] },
  "nmap": { paths: ["/usr/bin/nmap"] },
};

/** The `apt-get install` command line for the given packages (all of {@linkcode APT_PACKAGES} by default). */
export function aptInstallCommand(
  packages: readonly string[] = Object.keys(APT_PACKAGES),
): string[] {
  return ["apt-get", "install", "-y", "--no-install-recommends", ...packages];
}

function exists(path: string): boolean {
  try {
    Deno.statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lists the packages of {@linkcode APT_PACKAGES} whose probe fails. Costs one short
 * `python3 -I` run (module lookup without import, about 20 ms) and a few `stat`s.
 *
 * @param packages Probes to check. Default: {@linkcode APT_PACKAGES}.
 * @returns Missing package names, in the table's order; empty when all are present.
 * @example
 * ```ts
 * const missing = await missingSystemPackages(); // [] on a set-up machine
 * ```
 */
export async function missingSystemPackages(
  packages: Readonly<Record<string, PackageProbe>> = APT_PACKAGES,
): Promise<string[]> {
  const modules = Object.values(packages).flatMap((p) => ("python" in p ? [p.python] : []));
  let missingModules = new Set(modules);
  if (modules.length > 0 && exists(SYSTEM_PYTHON)) {
    const script = "import sys, importlib.util as u\n" +
      "print(' '.join(m for m in sys.argv[1:] if u.find_spec(m) is None))";
    const out = await new Deno.Command(SYSTEM_PYTHON, {
      args: ["-I", "-c", script, ...modules],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (out.success) {
      missingModules = new Set(new TextDecoder().decode(out.stdout).split(/\s+/).filter(Boolean));
    }
  }
  return Object.entries(packages)
    .filter(([, probe]) =>
      "python" in probe ? missingModules.has(probe.python) : !probe.paths.some(exists)
    )
    .map(([name]) => name);
}

/** Options for {@linkcode installSystemPackages}. */
export interface InstallOptions {
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
  /** Seconds apt waits for another apt/dpkg holding the lock. Default: 900. */
  lockTimeoutS?: number;
}

async function run(cmd: string[], env: Record<string, string>): Promise<void> {
  const status = await new Deno.Command(cmd[0], { args: cmd.slice(1), env, stdin: "null" }).spawn()
    .status;
  if (!status.success) {
    throw new Error(`setup: \`${cmd.join(" ")}\` failed with exit code ${status.code}`);
  }
}

/**
 * Installs Debian packages with apt-get: one `apt-get update`, then one
 * `apt-get install -y --no-install-recommends`. Needs root and apt-get; without them it throws
 * an error that names the exact command to run by hand.
 *
 * @param packages Package names, usually from {@linkcode missingSystemPackages}.
 * @param options Log sink and apt lock timeout.
 * @throws {Error} When not root, when apt-get is missing, or when apt-get fails.
 * @example
 * ```ts
 * await installSystemPackages(await missingSystemPackages());
 * ```
 */
export async function installSystemPackages(
  packages: readonly string[],
  options: InstallOptions = {},
): Promise<void> {
  if (packages.length === 0) return;
  const log = options.log ?? console.error;
  const install = aptInstallCommand(packages);
  if (Deno.uid() !== 0 || !exists("/usr/bin/apt-get")) {
    const why = Deno.uid() !== 0 ? "this is not root" : "apt-get is not available";
    throw new Error(
      `setup: missing system packages: ${
        packages.join(", ")
      }; ${why}, so install them yourself:\n` +
        `  sudo apt-get update && sudo ${install.join(" ")}`,
    );
  }
  const lock = ["-o", `DPkg::Lock::Timeout=${options.lockTimeoutS ?? 900}`];
  const env = { DEBIAN_FRONTEND: "noninteractive" };
  log(`setup: installing ${packages.join(" ")}`);
  await run(["apt-get", ...lock, "update"], env);
  await run([install[0], ...lock, ...install.slice(1)], env);
}
