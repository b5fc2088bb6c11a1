/**
 * The import graph of `lib/`: which file imports which, which folder imports which, and the
 * cycles among them. Used by the layer test (`layers_test.ts`); also runnable:
 *
 * ```text
 * deno run --allow-read lib/testing/import_graph.ts   # prints folder edges and any cycles
 * ```
 *
 * Imports are read from the source text (static `import`/`export ... from` and `import("...")`
 * with a string literal); only relative specifiers that land inside `lib/` make edges.
 *
 * @module
 */

/** One import of one file by another, both as paths relative to the repository root. */
export interface ImportEdge {
  /** The importing file, e.g. `lib/probes/tls.ts`. */
  from: string;
  /** The imported file, e.g. `lib/tls/parse_certificate.ts`. */
  to: string;
  /** True for `import type` / `export type` (erased at run time, still a dependency). */
  typeOnly: boolean;
}

/** Options of {@linkcode importGraph}. */
export interface ImportGraphOptions {
  /** Folder to read, relative to the root. Default `"lib"`. */
  dir?: string;
  /** Include `*_test.ts` files. Default `false` (tests may reach across layers). */
  tests?: boolean;
}

const SPECIFIER =
  /(?:^|[\s;}])(import|export)(\s+type)?\b[^;"'`]*?\bfrom\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** Join a relative specifier onto the importing file's folder, both `/`-separated. */
function resolve(fromFile: string, spec: string): string {
  const parts = fromFile.split("/").slice(0, -1);
  for (const p of spec.split("/")) {
    if (p === "." || p === "") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return parts.join("/");
}

/** Strip block and line comments so that examples in JSDoc make no edges. */
function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

/**
 * The import edges of every `.ts` file under `<root>/<dir>`.
 *
 * @param root Repository root (absolute path, with or without a trailing `/`).
 * @returns Edges sorted by importer, then imported file.
 * @example
 * ```ts
 * const edges = await importGraph(new URL("../../", import.meta.url).pathname);
 * ```
 */
export async function importGraph(
  root: string,
  options: ImportGraphOptions = {},
): Promise<ImportEdge[]> {
  const base = root.endsWith("/") ? root : root + "/";
  const dir = options.dir ?? "lib";
  const edges: ImportEdge[] = [];
  const walk = async (rel: string) => {
    for await (const e of Deno.readDir(base + rel)) {
      const path = `${rel}/${e.name}`;
      if (e.isDirectory) {
        await walk(path);
        continue;
      }
      if (!e.name.endsWith(".ts")) continue;
      if (!options.tests && e.name.endsWith("_test.ts")) continue;
      const text = stripComments(await Deno.readTextFile(base + path));
      for (const m of text.matchAll(SPECIFIER)) {
        const spec = m[3] ?? m[4] ?? m[5];
        if (!spec || !spec.startsWith(".")) continue;
        const to = resolve(path, spec);
        if (!to.startsWith(dir + "/")) continue;
        edges.push({ from: path, to, typeOnly: m[2] !== undefined });
      }
    }
  };
  await walk(dir);
  edges.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  return edges;
}

/**
 * The folder a file belongs to for layering: the first folder under `lib/` (`lib/lab/certs/x.ts`
 * -> `lab`); a file directly in `lib/` is its own folder (`lib`).
 */
export function folderOf(path: string): string {
  const parts = path.split("/");
  return parts.length > 2 ? parts[1] : parts[0];
}

/**
 * The strongly connected components with more than one member (or a self-loop) of a directed
 * graph: each is a set of nodes that import one another, directly or through the others.
 *
 * @returns Each cycle's members sorted; the cycles sorted by their first member.
 * @example
 * ```ts
 * findCycles([["a", "b"], ["b", "a"], ["b", "c"]]); // [["a", "b"]]
 * ```
 */
export function findCycles(pairs: Iterable<[string, string]>): string[][] {
  const next = new Map<string, Set<string>>();
  for (const [a, b] of pairs) {
    if (!next.has(a)) next.set(a, new Set());
    if (!next.has(b)) next.set(b, new Set());
    next.get(a)!.add(b);
  }
  // Tarjan's algorithm, iterative so that a deep graph cannot overflow the stack.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const start of next.keys()) {
    if (idx.has(start)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const enter = (n: string) => {
      idx.set(n, index);
      low.set(n, index);
      index++;
      stack.push(n);
      onStack.add(n);
      work.push({ node: n, it: next.get(n)![Symbol.iterator]() });
    };
    enter(start);
    while (work.length > 0) {
      const top = work[work.length - 1];
      const step = top.it.next();
      if (!step.done) {
        const w = step.value;
        if (!idx.has(w)) enter(w);
        else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.node)!));
      }
      if (low.get(top.node) === idx.get(top.node)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.node);
        if (comp.length > 1 || next.get(top.node)!.has(top.node)) out.push(comp.sort());
      }
    }
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Folder-to-folder edges (`lab -> tls`) of file edges, each with the file edges behind it. */
export function folderEdges(edges: ImportEdge[]): Map<string, ImportEdge[]> {
  const out = new Map<string, ImportEdge[]>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    const key = `${a} -> ${b}`;
    if (!out.has(key)) out.set(key, []);
    out.get(key)!.push(e);
  }
  return out;
}

if (import.meta.main) {
  const root = new URL("../../", import.meta.url).pathname;
  const edges = await importGraph(root);
  const folders = folderEdges(edges);
  for (const [k, v] of [...folders].sort()) console.log(`${k} (${v.length})`);
  const fileCycles = findCycles(edges.map((e) => [e.from, e.to]));
  const folderCycles = findCycles(
    [...folders.keys()].map((k) => k.split(" -> ") as [string, string]),
  );
  console.log(`file cycles: ${fileCycles.length}`);
  for (const c of fileCycles) console.log(`  ${c.join(" <-> ")}`);
  console.log(`folder cycles: ${folderCycles.length}`);
  for (const c of folderCycles) console.log(`  ${c.join(" <-> ")}`);
}
