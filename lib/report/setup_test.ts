import { join } from "node:path";
import { assert, assertEquals, assertIncludes, assertMatch } from "../testing/assert.ts";
import { ensureDenoInstall, jupyterDir, projectRoot, setup } from "./setup.ts";

Deno.test("projectRoot is the folder holding deno.json, and jupyterDir sits in its .cache", async () => {
  const root = projectRoot();
  assert((await Deno.stat(join(root, "deno.json"))).isFile);
  assertEquals(jupyterDir(root), join(root, ".cache", "jupyter"));
});

Deno.test("setup writes the kernelspec and runs deno install once, then skips everything quickly", async () => {
  const root = await Deno.makeTempDir({ prefix: "setup_test_" });
  try {
    await Deno.writeTextFile(join(root, "deno.json"), '{ "nodeModulesDir": "auto" }\n');
    const lines: string[] = [];
    const log = (l: string) => lines.push(l);
    const first = await setup({ root, log });
    assertEquals(first, { installedPackages: [], kernelspecWritten: true, denoInstalled: true });
    assertIncludes(
      await Deno.readTextFile(join(jupyterDir(root), "kernels", "deno-observatory", "kernel.sh")),
      Deno.execPath(),
    );

    // A project without npm dependencies gets no node_modules/; stand in for a real install.
    await Deno.mkdir(join(root, "node_modules"));
    const started = performance.now();
    const second = await setup({ root, log });
    const ms = performance.now() - started;
    assertEquals(second, { installedPackages: [], kernelspecWritten: false, denoInstalled: false });
    assert(ms < 1000, `second setup took ${ms.toFixed(0)} ms`);

    await Deno.writeTextFile(
      join(root, "deno.json"),
      '{ "nodeModulesDir": "auto", "tasks": {} }\n',
    );
    assertEquals((await setup({ root, log })).denoInstalled, true);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("ensureDenoInstall keeps the installer's output (package lines, build-script warnings) out of the log: one summary line", async () => {
  const root = await Deno.makeTempDir({ prefix: "setup_test_" });
  try {
    // core-js has a build script, so deno install prints a warning box about it (from the cache: offline).
    await Deno.writeTextFile(
      join(root, "deno.json"),
      JSON.stringify({ nodeModulesDir: "auto", imports: { "core-js": "npm:core-js@3.51.0" } }),
    );
    await Deno.copyFile(
      join(projectRoot(), "lib", "report", "testdata", "core-js.lock"),
      join(root, "deno.lock"),
    );
    const lines: string[] = [];
    assertEquals(await ensureDenoInstall({ root, log: (l) => lines.push(l) }), true);
    assertEquals(lines.length, 1, lines.join("\n"));
    assertMatch(
      lines[0],
      /^setup: deno install --frozen: npm packages ready in [0-9.]+ s \(\d+ lines of installer output in .*deno-install\.log\)$/,
    );
    const kept = await Deno.readTextFile(join(root, ".cache", "setup", "deno-install.log"));
    assertIncludes(kept, "core-js");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
