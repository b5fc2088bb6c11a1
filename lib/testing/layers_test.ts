import { assertEquals } from "./assert.ts";
import { findCycles, folderEdges, folderOf, importGraph } from "./import_graph.ts";
import { LAYERS, layerViolation } from "./layers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;

Deno.test("lib/: no import cycle between files", async () => {
  const edges = await importGraph(ROOT);
  assertEquals(findCycles(edges.map((e) => [e.from, e.to])), []);
});

Deno.test("lib/: no import cycle between folders", async () => {
  const folders = folderEdges(await importGraph(ROOT));
  const pairs = [...folders.keys()].map((k) => k.split(" -> ") as [string, string]);
  assertEquals(findCycles(pairs), []);
});

Deno.test("lib/: every folder import points down the layer table", async () => {
  const folders = folderEdges(await importGraph(ROOT));
  const offenders: string[] = [];
  for (const [key, edges] of folders) {
    const [from, to] = key.split(" -> ");
    const why = layerViolation(from, to);
    if (why) offenders.push(`${why}: ${edges.map((e) => `${e.from} -> ${e.to}`).join(", ")}`);
  }
  assertEquals(offenders, []);
});

Deno.test("lib/: every folder of lib/ is in the layer table exactly once", async () => {
  const folders = new Set<string>();
  for await (const e of Deno.readDir(ROOT + "lib")) if (e.isDirectory) folders.add(e.name);
  const listed = LAYERS.flat();
  assertEquals([...folders].filter((f) => !listed.includes(f)).sort(), []);
  assertEquals(listed.length, new Set(listed).size);
});

Deno.test("findCycles: finds a two-file cycle and a longer one, ignores a chain", () => {
  assertEquals(findCycles([["a", "b"], ["b", "a"], ["b", "c"]]), [["a", "b"]]);
  assertEquals(findCycles([["x", "y"], ["y", "z"], ["z", "x"], ["z", "w"]]), [["x", "y", "z"]]);
  assertEquals(findCycles([["a", "b"], ["b", "c"]]), []);
  assertEquals(findCycles([["s", "s"]]), [["s"]]);
});

Deno.test("importGraph: reads static, type-only, re-export and dynamic imports; skips comments", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/lib/a`, { recursive: true });
    await Deno.mkdir(`${dir}/lib/b`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/lib/a/one.ts`,
      [
        `import { x } from "../b/two.ts";`,
        `import type { Y } from "../b/three.ts";`,
        `export * from "./four.ts";`,
        `/** @example import { z } from "../b/never.ts"; */`,
        `// import { w } from "../b/never.ts";`,
        `const m = await import("../b/five.ts");`,
        `import ext from "npm:thing";`,
      ].join("\n"),
    );
    const edges = await importGraph(dir);
    assertEquals(edges.map((e) => `${e.to}${e.typeOnly ? " (type)" : ""}`), [
      "lib/a/four.ts",
      "lib/b/five.ts",
      "lib/b/three.ts (type)",
      "lib/b/two.ts",
    ]);
    assertEquals(folderOf("lib/lab/certs/lab_key.ts"), "lab");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("layerViolation: upward, same-floor and observer-to-emulator imports are refused", () => {
  assertEquals(layerViolation("crawl", "probes"), null);
  assertEquals(layerViolation("pipeline", "lab"), null);
  assertEquals(layerViolation("probes", "crawl") !== null, true);
  assertEquals(layerViolation("crawl", "tables") !== null, true);
  assertEquals(layerViolation("tables", "lab") !== null, true);
  assertEquals(layerViolation("nowhere", "net") !== null, true);
});
