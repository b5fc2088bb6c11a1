import { assertEquals, assertMatch } from "../testing/assert.ts";
import { writableFolderProblem } from "./writable_folder.ts";

Deno.test("writableFolderProblem: a folder or a creatable one is fine; a file in the way is named; nothing is written", async () => {
  const root = await Deno.makeTempDir({ prefix: "writable_folder_test_" });
  try {
    await Deno.writeTextFile(`${root}/file`, "x");
    assertEquals(writableFolderProblem(root), null);
    assertEquals(writableFolderProblem(`${root}/new/deeper`), null);
    assertMatch(writableFolderProblem(`${root}/file`)!, /is not a folder$/);
    assertMatch(writableFolderProblem(`${root}/file/data`)!, /is not a folder$/);
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["file"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
