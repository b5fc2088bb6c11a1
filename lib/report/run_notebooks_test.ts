// End-to-end: these tests start the Deno kernel through Debian's Jupyter (`deno task setup`
// installs it). Each works in its own temp folder with its own kernelspec for this Deno.
import { join } from "node:path";
import { assert, assertEquals, assertIncludes, assertMatch } from "../testing/assert.ts";
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
        // Many display messages: stock nbclient loses some of these when the kernel reports
        // idle first.
        ...Array.from(
          { length: DISPLAYS },
          (_, i) =>
            `console.log("line ${i}"); await Deno.jupyter.display({ "text/plain": "shown ${i}" }, { raw: true })`,
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
    const shown = outputs.slice(3).flat().map((o) =>
      o.text?.join("") ?? o.data["text/plain"].join("")
    );
    assertEquals(shown.length, 2 * DISPLAYS, JSON.stringify(shown));
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
