import { assertEquals } from "../testing/assert.ts";
import { folderOf, importGraph } from "../testing/import_graph.ts";
import { EMULATOR, MAY_IMPORT_EMULATOR } from "../testing/layers.ts";

// Beside the ground-truth test in network_test.ts: that one keeps the truth file away from the
// observer; this one keeps the whole emulator away from it. Unit tests of observer folders may
// still build fixtures with the lab (a certificate from lib/lab/certs, say); product code may not.
Deno.test("observer isolation: no observer file under lib/ imports lib/lab/", async () => {
  const root = new URL("../../", import.meta.url).pathname;
  const offenders = (await importGraph(root))
    .filter((e) => folderOf(e.to) === EMULATOR && folderOf(e.from) !== EMULATOR)
    .filter((e) => !MAY_IMPORT_EMULATOR.has(folderOf(e.from)))
    .map((e) => `${e.from} -> ${e.to}`);
  assertEquals(offenders, []);
});
