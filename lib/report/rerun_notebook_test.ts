import { join } from "node:path";
import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { rerunDifferences, rerunNotebook, stableOutput } from "./rerun_notebook.ts";
import { jupyterDir, projectRoot, setup } from "./setup.ts";
import type { ScanManifest } from "../pipeline/scan.ts";

Deno.test("stableOutput masks timestamps, scan ids, progress lines and *_ms columns, nothing else", () => {
  const html =
    '<table class="obs-table"><thead><tr><th>server</th><th>latency_ms</th></tr></thead>' +
    "<tbody><tr><td>a</td><td>8.29</td></tr><tr><td>b</td><td></td></tr></tbody></table>";
  const out = stableOutput({
    output_type: "execute_result",
    execution_count: 7,
    data: {
      "text/html": html,
      "text/plain": "server\tlatency_ms\na\t8.29\nb\t",
      "text/markdown":
        "Scan **lab-2026-12-03T08-24-30-991Z** at 2026-12-03T08:24:31.002Z: 11 servers",
    },
  });
  assertEquals(out, {
    output_type: "execute_result",
    data: {
      "text/html": html.replace("<td>8.29</td>", "<td>ms</td>").replace("<td></td>", "<td>ms</td>"),
      "text/plain": "server\tlatency_ms\na\tms\nb\tms",
      "text/markdown": "Scan **lab-<time>** at <time>: 11 servers",
    },
  });
  assertEquals(
    stableOutput({ output_type: "stream", name: "stdout", text: "0.9 s: 1/11 servers done\n" }),
    null,
  );
  assertEquals(
    stableOutput({
      output_type: "stream",
      name: "stdout",
      text: ["11 rows\n", "1.1 s: 11/11 done\n"],
    }),
    { output_type: "stream", name: "stdout", text: "11 rows\n" },
  );
  // Measured times in an inspected object, coloured or not; the figures of a measured object.
  const manifest =
    "{ wall_ms: \x1b[33m8123.4\x1b[39m, timing: { servers: 11, measured: { samples_taken: \x1b[33m88\x1b[39m, loop_lag_max_ms: 3, loop_lag_median_ms: \x1b[1mnull\x1b[22m } } }";
  assertEquals(
    stableOutput({ output_type: "execute_result", data: { "text/plain": manifest } }),
    {
      output_type: "execute_result",
      data: {
        "text/plain":
          "{ wall_ms: <ms>, timing: { servers: 11, measured: { samples_taken: <measured>, loop_lag_max_ms: <measured>, loop_lag_median_ms: <measured> } } }",
      },
    },
  );
});

Deno.test("stableOutput masks every figure of the manifest's measured object, a field added there included; the settings beside it stay", () => {
  type Timing = NonNullable<ScanManifest["timing"]>;
  const timing = (measured: Timing["measured"], servers = 11): Timing => ({
    servers,
    samples_per_server: 8,
    concurrency: 24,
    path_emulated: true,
    measured,
  });
  const first = {
    samples_taken: 2492,
    concurrency_peak: 24,
    duration_ms: 47445,
    loop_lag_median_ms: 0.95,
    loop_lag_max_ms: 36.71,
  };
  const second = { ...first, samples_taken: 2301, concurrency_peak: 17, loop_lag_median_ms: null };
  // A load-dependent count the manifest may gain later; nothing in rerun_notebook.ts names it.
  const later = (m: Timing["measured"], n: number) => ({ ...m, handshakes_retried: n });
  const shown = (value: unknown, form: "inspect" | "colours" | "json") => {
    const text = form === "json"
      ? JSON.stringify(value, null, 2)
      : Deno.inspect(value, { colors: form === "colours", depth: 8 });
    return stableOutput({ output_type: "execute_result", data: { "text/plain": text } });
  };
  for (const form of ["inspect", "colours", "json"] as const) {
    const a = { scan_id: "lab-1", servers: 11, timing: timing(later(first, 3)) };
    const b = { scan_id: "lab-1", servers: 11, timing: timing(later(second, 9)) };
    assertEquals(shown(a, form), shown(b, form), form);
    assert(!JSON.stringify(shown(a, form)).includes("2492"), form);
    // What the run was asked to do is not masked: another server count is a difference.
    const c = { scan_id: "lab-1", servers: 11, timing: timing(later(first, 3), 12) };
    assert(JSON.stringify(shown(a, form)) !== JSON.stringify(shown(c, form)), form);
  }
});

Deno.test("rerunNotebook runs cells twice in one kernel; rerunDifferences flags only the cell with hidden state", async () => {
  await setup({ log: () => {} });
  const dir = await Deno.makeTempDir({ prefix: "rerun_test_" });
  try {
    const code = (source: string) => ({
      cell_type: "code",
      metadata: {},
      source,
      outputs: [],
      execution_count: null,
    });
    const nb = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {
        kernelspec: { name: "deno-observatory", display_name: "Deno", language: "typescript" },
      },
      cells: [
        code("const base = 20;\nbase"),
        code("const doubled = base * 2;\ndoubled"),
        // Hidden state: counts how often it ran, so its second run shows something else.
        code(
          "const g = globalThis as unknown as { runs?: number };\ng.runs = (g.runs ?? 0) + 1;\n`runs: ${g.runs}`",
        ),
        code("`sum: ${base + doubled}`"),
      ].map((c, i) => ({ ...c, id: `c${i}` })),
    };
    const path = join(dir, "hidden_state.ipynb");
    await Deno.writeTextFile(path, JSON.stringify(nb));
    const r = await rerunNotebook(path, {
      jupyterDir: jupyterDir(projectRoot()),
      seed: 3,
      cellTimeoutS: 60,
    });
    assertEquals(r.failure, null);
    assertEquals(r.order[0], 0, "pass 2 starts with the parameters cell");
    assertEquals([...r.order].sort(), [0, 1, 2, 3]);
    const diffs = rerunDifferences(r);
    assertEquals(diffs.map((d) => d.index), [2]);
    assert(
      JSON.stringify(diffs[0].first).includes("runs: 1") &&
        JSON.stringify(diffs[0].second).includes("runs: 2"),
    );
    assertEquals(JSON.parse(await Deno.readTextFile(path)), nb, "the notebook file is unchanged");

    // A cell that throws in pass 1 is reported with its source and error.
    nb.cells[3].source = "throw new Error('boom')";
    await Deno.writeTextFile(path, JSON.stringify(nb));
    const failed = await rerunNotebook(path, {
      jupyterDir: jupyterDir(projectRoot()),
      cellTimeoutS: 60,
    });
    assertEquals(failed.failure?.index, 3);
    assertThrows(() => rerunDifferences(failed), Error, "boom");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
