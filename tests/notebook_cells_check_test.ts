/**
 * Type-checks the code cells of every numbered notebook (the Deno kernel does not): the cells of
 * one notebook are joined into a temporary module beside it, so its relative imports resolve, and
 * `deno check` runs on it.
 */
import { assertEquals } from "../lib/testing/assert.ts";
import { projectPath } from "../lib/data/paths.ts";

Deno.test("every numbered notebook's code cells type-check", async () => {
  const dir = projectPath("notebooks");
  const names = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) =>
    /^\d\d_.*\.ipynb$/.test(n)
  ).sort();
  const modules: string[] = [];
  try {
    for (const name of names) {
      const nb = JSON.parse(await Deno.readTextFile(`${dir}/${name}`));
      const code = nb.cells
        .filter((c: { cell_type: string }) => c.cell_type === "code")
        .map((c: { source: string[] | string }, i: number) =>
          `// cell ${i + 1}\n${Array.isArray(c.source) ? c.source.join("") : c.source};`
        )
        .join("\n\n");
      const path = `${dir}/.cellcheck_${name.replace(/\.ipynb$/, "")}_${
        crypto.randomUUID().slice(0, 8)
      }.ts`;
      await Deno.writeTextFile(
        path,
        `// Generated from ${name} by tests/notebook_cells_check_test.ts\nexport {};\n${code}\n`,
      );
      modules.push(path);
    }
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["check", "--quiet", ...modules],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
    assertEquals(out.code, 0, `type errors in notebook cells:\n${text}`);
  } finally {
    for (const m of modules) await Deno.remove(m).catch(() => {});
  }
});
