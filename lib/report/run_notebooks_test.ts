// End-to-end: these tests start the Deno kernel through Debian's Jupyter (`deno task setup`
// installs it). Each works in its own temp folder with its own kernelspec for this Deno.
import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertIncludes,
  assertMatch,
  assertRejects,
} from "../testing/assert.ts";
import { writeKernelspec } from "./kernelspec.ts";
import { runNotebooks } from "./run_notebooks.ts";

type Cell = { cell_type: "code" | "markdown"; source: string; metadata?: Record<string, unknown> };

type Notebook = {
  // deno-lint-ignore no-explicit-any
  cells: any[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
};

function notebook(cells: (string | Cell)[], metadata: Record<string, unknown> = {}): Notebook {
  return {
    cells: cells.map((c) => {
      const cell = typeof c === "string" ? { cell_type: "code", source: c } : c;
      return cell.cell_type === "code"
        ? { execution_count: null, outputs: [], metadata: {}, ...cell }
        : { metadata: {}, ...cell };
    }),
    metadata,
    nbformat: 4,
    nbformat_minor: 5,
  };
}

async function withTempProject(
  fn: (dir: string, jupyterDir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "nbrun_test_" });
  try {
    const jupyterDir = join(dir, "jupyter");
    await writeKernelspec(jupyterDir);
    await fn(dir, jupyterDir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const write = (path: string, nb: unknown) => Deno.writeTextFile(path, JSON.stringify(nb, null, 1));
const read = async (path: string): Promise<Notebook> => JSON.parse(await Deno.readTextFile(path));

/** The page's DOM after Chromium (Debian's, installed by setup) has loaded it, offline. */
async function headlessDom(htmlPath: string, profileDir: string): Promise<string> {
  const out = await new Deno.Command("chromium", {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      `--user-data-dir=${profileDir}`,
      "--dump-dom",
      `file://${htmlPath}`,
    ],
    stdin: "null",
  }).output();
  assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout);
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle id="dot" r="9"/></svg>';
const DISPLAYS = 12;

Deno.test("runNotebooks keeps every Deno output, renders SVG inline and escapes text, and reruns to identical bytes", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const path = join(dir, "01_tiny.ipynb");
    const html = join(dir, "out", "report.html");
    await write(
      path,
      notebook([
        { cell_type: "markdown", source: "# Tiny" },
        'console.log("server said <script>alert(1)</script>")',
        `await Deno.jupyter.display({ "image/svg+xml": ${JSON.stringify(SVG)} }, { raw: true })`,
        '({ [Symbol.for("Jupyter.display")]() { return { "text/html": "<b id=\\"own\\">ours</b>" }; } })',
        // Many outputs, one of them a display the cell does not await: stock nbclient loses
        // some of these when the kernel reports idle first, and the kernel may label a late one
        // with the next request.
        ...Array.from(
          { length: DISPLAYS },
          (_, i) =>
            `console.log("line ${i}"); Deno.jupyter.display({ "text/plain": "loose ${i}" }, { raw: true }); ` +
            `await Deno.jupyter.display({ "text/plain": "shown ${i}" }, { raw: true })`,
        ),
      ]),
    );
    const first = await runNotebooks([path], { jupyterDir, htmlPath: html, output: "piped" });
    assertEquals(first.code, 0, first.stderr);
    assertIncludes(first.stdout, "01_tiny.ipynb ok in");

    const nb = await read(path);
    const outputs = nb.cells.slice(1).map((c) => c.outputs);
    assertEquals(outputs[0][0].text.join(""), "server said <script>alert(1)</script>\n");
    assertEquals(outputs[1][0].data["image/svg+xml"].join(""), SVG);
    assertEquals(outputs[2][0].data["text/html"].join(""), '<b id="own">ours</b>');
    // Every output in its own cell, none lost.
    outputs.slice(3).forEach((cellOutputs, i) => {
      const shown = cellOutputs.map((o: { text?: string[]; data?: Record<string, string[]> }) =>
        o.text?.join("") ?? o.data!["text/plain"].join("")
      );
      assertEquals(shown.sort(), [`line ${i}\n`, `loose ${i}`, `shown ${i}`], `cell ${i + 4}`);
    });
    assertEquals(
      nb.cells.slice(1).map((c) => c.execution_count),
      Array.from({ length: DISPLAYS + 3 }, (_, i) => i + 1),
    );
    for (const cell of nb.cells) assertEquals(cell.metadata, {});

    const page = await Deno.readTextFile(html);
    assertIncludes(page, SVG);
    assertIncludes(page, '<b id="own">ours</b>');
    assertIncludes(page, "server said &lt;script&gt;alert(1)&lt;/script&gt;");
    assert(!page.includes("<script>alert(1)"), "stream text must be escaped");
    assert(!/<script[^>]+src=/.test(page), "the report must not load external scripts");
    // As a browser parses it: the figure keeps its shape inside the <svg>.
    const dom = await headlessDom(html, join(dir, "chromium"));
    assertMatch(dom, /<svg[^>]*><circle id="dot" r="9"><\/circle><\/svg>/);

    const before = await Deno.readTextFile(path);
    const second = await runNotebooks([path], { jupyterDir, output: "piped" });
    assertEquals(second.code, 0, second.stderr);
    assertEquals(await Deno.readTextFile(path), before);
  });
});

Deno.test("runNotebooks stops at a failing cell, names it, leaves the notebook as it was, copies the failed run to failedDir, runs no later notebook", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const bad = join(dir, "01_bad.ipynb");
    const later = join(dir, "02_later.ipynb");
    await write(
      bad,
      notebook(['console.log("before")', 'throw new Error("boom-42")', 'console.log("after")']),
    );
    await write(later, notebook(['console.log("later")']));
    const untouched = await Deno.readTextFile(bad);
    const failedDir = join(dir, "scratch");
    const statusPath = join(dir, "status.json");
    const r = await runNotebooks([bad, later], {
      jupyterDir,
      output: "piped",
      failedDir,
      statusPath,
    });
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, "FAILED 01_bad.ipynb");
    assertIncludes(r.stderr, "01_bad.ipynb cell 1");
    assertIncludes(r.stderr, 'throw new Error("boom-42")');
    assertIncludes(r.stderr, "Error: boom-42");
    assertIncludes(r.stderr, join(failedDir, "01_bad.ipynb"));
    assertEquals(await Deno.readTextFile(bad), untouched);
    const nb = await read(join(failedDir, "01_bad.ipynb"));
    assertEquals(nb.cells[0].outputs[0].text.join(""), "before\n");
    assertEquals(nb.cells[1].outputs[0].output_type, "error");
    assertEquals(nb.cells[2].outputs, []);
    assertEquals((await read(later)).cells[0].outputs, []);
    const status = JSON.parse(await Deno.readTextFile(statusPath));
    assertEquals([status.ok, status.notebook, status.cell, status.evalue], [
      false,
      bad,
      1,
      "boom-42",
    ]);
    assertEquals(status.failed_copy, join(failedDir, "01_bad.ipynb"));

    // An expected error gets one line instead of the cell dump; the kernel's output goes to a log.
    await write(
      bad,
      notebook([
        'class Nothing extends Error { name = "NothingAnswered" }; throw new Nothing("0 of 1")',
      ]),
    );
    const kernelLogPath = join(dir, "kernel.log");
    const q = await runNotebooks([bad], {
      jupyterDir,
      output: "piped",
      failedDir,
      statusPath,
      expectedErrors: ["NothingAnswered"],
      kernelLogPath,
    });
    assertEquals(q.code, 1);
    assertMatch(
      q.stderr,
      /^nbrun: 01_bad.ipynb stopped at cell 0: NothingAnswered \(copy: .*\)\n$/,
    );
    assertEquals(JSON.parse(await Deno.readTextFile(statusPath)).evalue, "0 of 1");
    assertIncludes(await Deno.readTextFile(kernelLogPath), "jupyter");
  });
});

Deno.test("runNotebooks fails a cell that runs longer than cellTimeoutS", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const path = join(dir, "01_slow.ipynb");
    await write(path, notebook(["await new Promise((r) => setTimeout(r, 30_000))"]));
    const started = performance.now();
    const r = await runNotebooks([path], { jupyterDir, cellTimeoutS: 1, output: "piped" });
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, "01_slow.ipynb cell 0");
    assertIncludes(r.stderr, "CellTimeoutError");
    assert(performance.now() - started < 20_000, "the timeout must cut the cell short");
  });
});

/** A cell that writes `mine`, then waits (at most 30 s) until `theirs` exists; throws if it never does. */
const rendezvous = (mine: string, theirs: string) =>
  `await Deno.writeTextFile(${JSON.stringify(mine)}, "x"); ` +
  `for (let i = 0; i < 600; i++) { try { await Deno.stat(${JSON.stringify(theirs)}); break; } ` +
  `catch { await new Promise((r) => setTimeout(r, 50)); } } await Deno.stat(${
    JSON.stringify(theirs)
  }); "met"`;
/** The plain-text result of a notebook's first code cell (Deno colours it; the colours removed). */
const plain = (nb: Notebook, cell = 0) =>
  // deno-lint-ignore no-control-regex
  nb.cells[cell].outputs[0].data["text/plain"].join("").replace(/\x1b\[[0-9;]*m/g, "");
const logLine = (line: string) =>
  `await Deno.writeTextFile("order.log", ${JSON.stringify(line + "\n")}, { append: true })`;

Deno.test("runNotebooks runs the concurrent notebooks of one stage side by side (they meet), and the next stage only after them", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const paths = ["01_first", "02_a", "03_b", "00_last"].map((n) => join(dir, `${n}.ipynb`));
    await write(paths[0], notebook([logLine("01 end")]));
    // Each waits for the other: run one after the other, the first would give up after 30 s.
    await write(paths[1], notebook([rendezvous("a.flag", "b.flag"), logLine("02 end")]));
    await write(paths[2], notebook([rendezvous("b.flag", "a.flag"), logLine("03 end")]));
    await write(paths[3], notebook([logLine("00 start")]));
    const r = await runNotebooks(paths, {
      jupyterDir,
      output: "piped",
      concurrent: ["02_a.ipynb", "03_b.ipynb"],
      jobs: 2,
    });
    assertEquals(r.code, 0, r.stderr);
    for (const p of paths.slice(1, 3)) {
      assertEquals(plain(await read(p)), '"met"');
    }
    const order = (await Deno.readTextFile(join(dir, "order.log"))).trim().split("\n");
    assertEquals(order[0], "01 end");
    assertEquals(order.slice(1, 3).sort(), ["02 end", "03 end"]);
    assertEquals(order[3], "00 start");
  });
});

Deno.test("runNotebooks: a failure in a concurrent stage lets the notebook beside it finish and starts no later notebook", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const paths = ["02_bad", "03_ok", "04_waiting", "00_last"].map((n) => join(dir, `${n}.ipynb`));
    await write(paths[0], notebook(['throw new Error("boom-7")']));
    await write(paths[1], notebook(['await new Promise((r) => setTimeout(r, 500)); "ok"']));
    await write(paths[2], notebook(['"never"']));
    await write(paths[3], notebook(['"never"']));
    const untouched = await Promise.all(paths.map((p) => Deno.readTextFile(p)));
    const statusPath = join(dir, "status.json");
    const r = await runNotebooks(paths, {
      jupyterDir,
      output: "piped",
      concurrent: ["02_bad.ipynb", "03_ok.ipynb", "04_waiting.ipynb"],
      jobs: 2,
      startAhead: 3,
      failedDir: join(dir, "failed"),
      statusPath,
    });
    assertEquals(r.code, 1);
    assertIncludes(r.stderr, "FAILED 02_bad.ipynb");
    assertIncludes(r.stdout, "03_ok.ipynb ok in");
    assertEquals(plain(await read(paths[1])), '"ok"');
    assertEquals(await Deno.readTextFile(paths[0]), untouched[0]);
    assertEquals(await Deno.readTextFile(paths[2]), untouched[2]);
    assertEquals(await Deno.readTextFile(paths[3]), untouched[3]);
    const status = JSON.parse(await Deno.readTextFile(statusPath));
    assertEquals([status.ok, status.notebook, status.evalue], [false, paths[0], "boom-7"]);
  });
});

Deno.test("runNotebooks startAhead starts a later notebook's kernel while an earlier one runs and loads its imports once", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    // A module that records each time it is evaluated (a test fixture: lib/ modules have no
    // side effects at import).
    await Deno.writeTextFile(
      join(dir, "mark.ts"),
      'await Deno.writeTextFile(new URL("./loads.txt", import.meta.url), "load\\n", { append: true });\n' +
        "export const mark = 42;\n",
    );
    const first = join(dir, "01_first.ipynb");
    const second = join(dir, "02_second.ipynb");
    // The first notebook waits for the second one's module to be loaded: without the kernel
    // started ahead, it would give up after 30 s.
    await write(first, notebook([rendezvous("first.flag", "loads.txt")]));
    await write(second, notebook(['import { mark } from "./mark.ts";\nmark']));
    const r = await runNotebooks([first, second], { jupyterDir, output: "piped", startAhead: 1 });
    assertEquals(r.code, 0, r.stderr);
    assertIncludes(r.stdout, "02_second.ipynb ok in");
    assertIncludes(r.stdout, "kernel started ahead");
    assertEquals(plain(await read(second)), "42");
    assertEquals(await Deno.readTextFile(join(dir, "loads.txt")), "load\n");
  });
});

Deno.test("runNotebooks refuses a jobs or startAhead that is not a whole number in range", async () => {
  await assertRejects(
    () => runNotebooks(["x.ipynb"], { jupyterDir: "j", jobs: 0 }),
    RangeError,
    "jobs",
  );
  await assertRejects(
    () => runNotebooks(["x.ipynb"], { jupyterDir: "j", startAhead: -1 }),
    RangeError,
    "startAhead",
  );
});

Deno.test("runNotebooks stripOnly drops volatile metadata, renumbers counts and is idempotent", async () => {
  await withTempProject(async (dir, jupyterDir) => {
    const path = join(dir, "nb.ipynb");
    const volatile = {
      execution: { "iopub.status.busy": "2024-01-01T00:00:00Z" },
      ExecuteTime: { end_time: "x" },
    };
    const nb = notebook(["1", "2", "3"], {
      widgets: { state: {} },
      papermill: { duration: 3 },
      title: "kept",
    });
    nb.cells[0] = { ...nb.cells[0], execution_count: 7, metadata: { ...volatile, tags: ["kept"] } };
    nb.cells[2] = {
      ...nb.cells[2],
      execution_count: 9,
      outputs: [{
        output_type: "execute_result",
        execution_count: 9,
        data: { "text/plain": "3" },
        metadata: {},
      }],
    };
    await write(path, nb);
    const r = await runNotebooks([path], { jupyterDir, stripOnly: true, output: "piped" });
    assertEquals(r.code, 0, r.stderr);
    const once = await Deno.readTextFile(path);
    const out: Notebook = JSON.parse(once);
    assertEquals(out.metadata, { title: "kept" });
    assertEquals(out.cells.map((c) => c.execution_count), [1, null, 2]);
    assertEquals(out.cells[2].outputs[0].execution_count, 2);
    assertEquals(out.cells[0].metadata, { tags: ["kept"] });
    assertEquals(out.cells.map((c) => c.id), ["cell-0", "cell-1", "cell-2"]);
    await runNotebooks([path], { jupyterDir, stripOnly: true, output: "piped" });
    assertEquals(await Deno.readTextFile(path), once);
  });
});
