import { join } from "node:path";
import { projectRoot, setup } from "./setup.ts";

/** Set (to `1`) in the environment of tests that run inside the private network namespace. */
export const NETNS_MARKER = "OBS_TEST_NETNS";

/** Folders searched for `*_test.ts` when no path is given: unit tests and end-to-end tests. */
export const DEFAULT_TEST_PATHS: readonly string[] = ["lib/", "tests/"];

/**
 * Environment of every test run: a fixed time zone, live network mode forbidden in `lib/net`
 * (tests are offline), no Deno update check, and the namespace marker when it applies.
 */
export function testEnv(inNamespace: boolean): Record<string, string> {
  return {
    TZ: "UTC",
    OBS_FORBID_LIVE: "1",
    DENO_NO_UPDATE_CHECK: "1",
    ...(inNamespace ? { [NETNS_MARKER]: "1" } : {}),
  };
}

/**
 * The `deno test` runs of the suite, as argument lists. Every run has all permissions (the
 * kernel and the lab need them; the address guard in `lib/net` is what keeps tests on loopback),
 * the op and resource sanitizers (off by default in Deno 2.9, so a leaked timer or socket would
 * otherwise pass) and the frozen lock. Without a path there are two runs: the unit tests beside
 * the code (`lib/`) two modules at a time (`--parallel`), then the end-to-end tests (`tests/`)
 * one module at a time, because each of those starts whole labs, kernels, wallets or browsers
 * that load both cores, and their deadlines should measure the code, not the neighbours.
 * Extra arguments go into every run; when one of them is an existing path there is one run, of
 * that path, in parallel.
 *
 * @param extra Arguments for `deno test`, e.g. `["--filter", "dial"]` or `["lib/net/"]`.
 * @param root Repository root, to resolve paths.
 * @returns One argument list (after `deno`) per run.
 * @example
 * ```ts
 * testRuns(["lib/net/"], "/repo"); // [["test", "-A", ..., "--parallel", "lib/net/"]]
 * ```
 */
export function testRuns(extra: readonly string[], root: string = projectRoot()): string[][] {
  const exists = (p: string) => {
    try {
      Deno.statSync(join(root, p));
      return true;
    } catch {
      return false;
    }
  };
  const base = ["test", "-A", "--sanitize-ops", "--sanitize-resources", "--frozen"];
  if (extra.some((a) => !a.startsWith("-") && exists(a))) {
    return [[...base, "--parallel", ...extra]];
  }
  const runs: string[][] = [];
  if (exists("lib/")) runs.push([...base, "--parallel", ...extra, "lib/"]);
  if (exists("tests/")) runs.push([...base, ...extra, "tests/"]);
  return runs;
}

/** Passed and failed counts from `deno test` output (its closing `| N passed ... | N failed` line). */
export function testCounts(output: string): { passed: number; failed: number } | null {
  // deno-lint-ignore no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, "");
  const lines = plain.split("\n").filter((l) => /^(ok|FAILED) \| \d+ passed/.test(l.trim()));
  const last = lines.at(-1);
  if (!last) return null;
  const m = last.match(/(\d+) passed.*?\| (\d+) failed/);
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : null;
}

async function succeeds(cmd: string, args: string[]): Promise<boolean> {
  try {
    const out = await new Deno.Command(cmd, { args, stdin: "null", stdout: "null", stderr: "null" })
      .output();
    return out.success;
  } catch {
    return false;
  }
}

/**
 * Whether tests can run in a private network namespace with only loopback, so nothing they
 * do can leave the machine: needs root, `unshare` and `ip`, and not being inside one already.
 *
 * @returns `null` when it can be used, else the reason it cannot.
 */
export async function privateNetworkUnavailable(): Promise<string | null> {
  if (Deno.env.get(NETNS_MARKER)) return `already inside it (${NETNS_MARKER} is set)`;
  if (Deno.uid() !== 0) return "not root";
  if (!(await succeeds("unshare", ["-n", "ip", "link", "set", "lo", "up"]))) {
    return "`unshare -n` or `ip` is missing or not permitted here";
  }
  return null;
}

/** Options for {@linkcode runTests}. */
export interface RunTestsOptions {
  /** Repository root. Default: the project root. */
  root?: string;
  /** Run setup (apt packages, kernelspec, `deno install`) first. Default: true. */
  setup?: boolean;
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
}

/**
 * The `test` task: setup (it needs the network, so it runs first), then `deno test` over
 * `lib/` and `tests/` inside a private network namespace (`unshare -n`, loopback up) when
 * {@linkcode privateNetworkUnavailable} allows, else directly, with {@linkcode testEnv}.
 *
 * @param extra Arguments passed through to `deno test`.
 * @param options Root, whether to run setup, log sink.
 * @returns `deno test`'s exit code.
 * @throws {Error} When setup fails.
 * @example
 * ```ts
 * Deno.exit(await runTests(["--filter", "nbrun"]));
 * ```
 */
export async function runTests(
  extra: readonly string[],
  options: RunTestsOptions = {},
): Promise<number> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? console.error;
  if (options.setup ?? true) await setup({ root, log });
  const deno = Deno.execPath();
  const why = await privateNetworkUnavailable();
  log(
    why === null
      ? "test: private network namespace in use (unshare -n, loopback only)"
      : `test: private network namespace NOT in use: ${why}`,
  );
  let code = 0, passed = 0, failed = 0;
  for (const args of testRuns(extra, root)) {
    const [cmd, cmdArgs] = why === null
      ? ["unshare", ["-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', deno, ...args]]
      : [deno, args];
    log(`test: deno ${args.join(" ")}`);
    const child = new Deno.Command(cmd, {
      args: cmdArgs,
      cwd: root,
      env: testEnv(why === null),
      stdin: "null",
      stdout: "piped",
    }).spawn();
    // Tee the output, keeping its tail to read the counts.
    let tail = "";
    const decoder = new TextDecoder();
    for await (const chunk of child.stdout) {
      await Deno.stdout.write(chunk);
      tail = (tail + decoder.decode(chunk, { stream: true })).slice(-8192);
    }
    const status = await child.status;
    const counts = testCounts(tail);
    if (counts) {
      passed += counts.passed;
      failed += counts.failed;
    }
    if (status.code !== 0 && code === 0) code = status.code;
  }
  // One plain closing line for the whole suite (CI reads it; each run above printed its own).
  console.log(`\ntest: ${passed} passed, ${failed} failed`);
  return code !== 0 ? code : failed > 0 ? 1 : 0;
}

/** Usage of `deno task test`. */
export const TEST_USAGE = `deno task test [PATH...] [DENO TEST FLAGS...]

Runs setup, then deno test with the op and resource sanitizers over lib/ (two modules at a time)
and tests/ (one at a time), with TZ=UTC and live mode forbidden, inside a loopback-only network
namespace when run as root. A path replaces lib/ tests/ (deno task test lib/net/); other flags go
to deno test (deno task test --filter dial). Exit code: deno test's (0 when every test passed).`;

if (import.meta.main) {
  if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
    console.log(TEST_USAGE);
    Deno.exit(0);
  }
  try {
    Deno.exit(await runTests(Deno.args));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
}
