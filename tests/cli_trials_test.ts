/**
 * End to end: the trials of a new user, each as a test (exit code, message, files untouched), run
 * as the user runs them (`deno run -A lib/.../x.ts`, as `deno task x` does) in a temporary copy of
 * the project, so the committed notebooks, data and figures are never touched.
 */
import { assert, assertEquals, assertIncludes, assertMatch } from "../lib/testing/assert.ts";
import { projectCopy } from "./helpers/project_copy.ts";

const TINY = { OBS_LAB_SIZE: "10", OBS_LATENCY: "0", OBS_SEED: "cli-trials" };

/** stderr is exactly one line (a message, no dump, no stack trace). */
function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  assertEquals(lines.length, 1, `expected one line, got:\n${stderr}`);
  return lines[0];
}

Deno.test({
  name:
    "cli trials: preflight refusals, --help, task descriptions, nothing answered, one named notebook",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn(t) {
    const p = await projectCopy();
    try {
      const notebooks = await p.snapshot("notebooks");
      const data = await p.snapshot("data");
      const untouched = async (label: string) => {
        assertEquals(await p.snapshot("notebooks"), notebooks, `${label}: notebooks changed`);
        assertEquals(await p.snapshot("data"), data, `${label}: data changed`);
      };
      // The scan folders under data/scans/ now (a working copy may hold earlier scans there,
      // which a failed run must leave as they are).
      const scanFolders = () => {
        try {
          return new Set([...Deno.readDirSync(`${p.root}/data/scans`)].map((e) => e.name));
        } catch (e) {
          if (e instanceof Deno.errors.NotFound) return new Set<string>();
          throw e;
        }
      };
      /** A failed run keeps its records in one new scan folder: remove exactly that folder. */
      const removeNewScan = async (before: Set<string>, label: string) => {
        const added = [...scanFolders()].filter((n) => !before.has(n));
        assertEquals(added.length, 1, `${label}: the failed scan keeps its records in one folder`);
        await Deno.remove(`${p.root}/data/scans/${added[0]}`, { recursive: true });
      };

      await t.step(
        "refused before anything runs: exit 2, one line naming the parameter, nothing written",
        async () => {
          const trials: [string[], Record<string, string>, string | RegExp][] = [
            [
              [],
              { OBS_TARGET: "local", OBS_SEEDS: "8.8.8.8:50001:t" },
              'OBS_SEEDS: the local target dials only 127.0.0.0/8 and ::1, not "8.8.8.8"',
            ],
            [[], { OBS_LAB_SIZE: "abc" }, "OBS_LAB_SIZE must be an integer in 10..5000, got abc"],
            [[], { OBS_TARGET: "local" }, "The local target needs OBS_SEEDS"],
            [[], { OBS_CELL_TIMEOUT_S: "soon" }, "OBS_CELL_TIMEOUT_S"],
            [["--bogus"], {}, 'report: unknown option "--bogus"'],
            [["notebooks/99_nothing.ipynb"], {}, "is not one of the report's notebooks"],
          ];
          for (const [args, env, message] of trials) {
            const r = await p.run("lib/report/report.ts", args, env);
            assertEquals(r.code, 2, `${args} ${JSON.stringify(env)}: ${r.stderr}`);
            assertIncludes(oneLine(r.stderr), message as string);
            await untouched(JSON.stringify(env));
          }
          // No scan folder, no scratch, no kernel: nothing was started.
          assertEquals((await p.snapshot(".cache/report")).size, 0);
        },
      );

      await t.step(
        "collect: --help, a negative flag value named by its flag (exit 2), nothing answered (exit 3)",
        async () => {
          const help = await p.run("lib/pipeline/cli.ts", ["--help"]);
          assertEquals(help.code, 0, help.stderr);
          assertIncludes(help.stdout, "deno task collect [options]");
          assertIncludes(help.stdout, "--concurrency N");
          for (const args of [["--concurrency", "-1"], ["--concurrency=-1"]]) {
            const r = await p.run("lib/pipeline/cli.ts", args);
            assertEquals(r.code, 2, r.stderr);
            assertEquals(oneLine(r.stderr), "collect: --concurrency must be in 1..1000, got -1");
          }
          const scansBefore = scanFolders();
          const nothing = await p.run("lib/pipeline/cli.ts", [
            "--target",
            "local",
            "--seeds",
            "127.0.0.99:50001:t",
          ]);
          assertEquals(nothing.code, 3, nothing.stderr);
          const [progress, reason] = nothing.stderr.trim().split("\n");
          assertMatch(progress, /^collect: crawling: 1\/1 servers done, 0 in flight, \d+ records$/);
          assertMatch(reason, /^collect: 0 of 1 servers answered: 127\.0\.0\.99:50001 refused \(/);
          await removeNewScan(scansBefore, "collect");
          const blocked = await p.run("lib/pipeline/cli.ts", ["--out", "deno.json/data"]);
          assertEquals(blocked.code, 2, blocked.stderr);
          assertIncludes(
            oneLine(blocked.stderr),
            'collect: --out: "deno.json/data" is not a folder',
          );
          const unknown = await p.run("lib/pipeline/cli.ts", ["--bogus"]);
          assertEquals(unknown.code, 2);
          assertIncludes(oneLine(unknown.stderr), "--bogus");
          await untouched("collect");
        },
      );

      await t.step("every task has a description and a --help", async () => {
        const list = await new Deno.Command(Deno.execPath(), {
          args: ["task"],
          cwd: p.root,
          env: { NO_COLOR: "1" },
          stdin: "null",
        }).output();
        const text = new TextDecoder().decode(list.stderr) + new TextDecoder().decode(list.stdout);
        const tasks = Object.keys(JSON.parse(await Deno.readTextFile(`${p.root}/deno.json`)).tasks);
        for (const name of tasks) {
          assertMatch(
            text,
            new RegExp(`- ${name}\\n    // \\S`),
            `task ${name} has no description`,
          );
        }
        const scripts = [
          "lib/report/report.ts",
          "lib/report/setup.ts",
          "lib/report/test_runner.ts",
          "lib/lab/cli.ts",
          "lib/pipeline/cli.ts",
          "bench/run.ts",
        ];
        for (const script of scripts) {
          const r = await p.run(script, ["--help"]);
          assertEquals(r.code, 0, `${script} --help: ${r.stderr}`);
          assertMatch(r.stdout, /^deno task \w+/, script);
        }
      });

      await t.step(
        "nothing listening: exit 3, '0 of 1 servers answered', data and notebooks as they were, progress shown",
        async () => {
          const scansBefore = scanFolders();
          const r = await p.run("lib/report/report.ts", ["notebooks/01_collect.ipynb"], {
            OBS_TARGET: "local",
            OBS_SEEDS: "127.0.0.99:50001:t",
          });
          assertEquals(r.code, 3, r.stderr);
          const last = r.stderr.trim().split("\n").at(-1)!;
          assertMatch(last, /^report: 0 of 1 servers answered: 127\.0\.0\.99:50001 refused \(/);
          assertIncludes(r.stderr, "report: crawling: 1/1 servers done");
          assert(!r.stderr.includes("    at "), `a stack trace on the terminal:\n${r.stderr}`);
          await removeNewScan(scansBefore, "nothing answered");
          await untouched("nothing answered");
          const copy = JSON.parse(
            await Deno.readTextFile(`${p.root}/.cache/report/failed/01_collect.ipynb`),
          );
          assert(
            copy.cells.some((c: { outputs?: { output_type: string }[] }) =>
              c.outputs?.some((o) => o.output_type === "error")
            ),
          );
        },
      );

      await t.step(
        "collect with no arguments says it crawls the lab; then one named notebook runs alone on data/",
        async () => {
          const c = await p.run("lib/pipeline/cli.ts", [], TINY);
          assertEquals(c.code, 0, c.stderr);
          assertIncludes(c.stderr, "collect: no --target given: crawling the lab (10 servers");
          const collected = await p.snapshot("notebooks");
          const html = await Deno.stat(`${p.root}/figures/report.html`).then(
            (s) => s.mtime?.getTime(),
            () => null,
          );
          const r = await p.run(
            "lib/report/report.ts",
            ["notebooks/02_network_overview.ipynb"],
            TINY,
          );
          assertEquals(r.code, 0, r.stderr);
          assertIncludes(r.stdout, "nbrun: running 02_network_overview.ipynb");
          assert(!r.stdout.includes("01_collect"), "only the named notebook runs");
          const all = [...Deno.readDirSync(`${p.root}/notebooks`)].filter((e) =>
            /^\d\d_.*\.ipynb$/.test(e.name)
          ).length;
          assertIncludes(
            r.stderr,
            `report: ok (1 of ${all} notebooks; figures/report.html not rebuilt`,
          );
          const after = await p.snapshot("notebooks");
          assertEquals(
            after.get("notebooks/01_collect.ipynb"),
            collected.get("notebooks/01_collect.ipynb"),
          );
          assert(
            after.get("notebooks/02_network_overview.ipynb") !==
              collected.get("notebooks/02_network_overview.ipynb"),
            "02 ran",
          );
          assertEquals(
            await Deno.stat(`${p.root}/figures/report.html`).then(
              (s) =>
                s.mtime?.getTime(),
              () => null,
            ),
            html,
          );
        },
      );
    } finally {
      await p.remove();
    }
  },
});
