import { assertEquals, assertRejects } from "../testing/assert.ts";
import { pathExists } from "./path_exists.ts";

Deno.test("pathExists is true for a file and a folder, false for a missing path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.csv`, "x\n");
    assertEquals(await pathExists(`${dir}/a.csv`), true);
    assertEquals(await pathExists(dir), true);
    assertEquals(await pathExists(`${dir}/missing.csv`), false);
    assertEquals(await pathExists(`${dir}/missing/b.csv`), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("pathExists throws a failure other than absence", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.csv`, "x\n");
    // A file where a folder is expected: ENOTDIR, not "not found".
    await assertRejects(() => pathExists(`${dir}/a.csv/b.csv`), Error);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
