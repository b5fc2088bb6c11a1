/**
 * Every column of every table in `data/` is documented in methodology.md section 4, and every
 * column documented there is one the table really has: the committed tables' headers against
 * the schema blocks of methodology.md (which `schema_doc_test.ts` keeps equal to the schemas).
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { projectPath } from "./paths.ts";
import { csvRecords } from "./read_csv.ts";

/** The column names each `<!-- schema:X -->` block of methodology.md documents, by table. */
export function documentedColumns(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const block = /<!-- schema:([\w.-]+) -->\n([\s\S]*?)<!-- \/schema -->/g;
  for (const [, table, body] of markdown.matchAll(block)) {
    const names = [...body.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]);
    out.set(table, names);
  }
  return out;
}

Deno.test("documentedColumns reads the column names of each schema block", () => {
  const md = "x\n<!-- schema:a.csv -->\n| column | type |\n|---|---|\n| `server` | string |\n" +
    "| `n_ms` | number |\n<!-- /schema -->\n";
  assertEquals([...documentedColumns(md)], [["a.csv", ["server", "n_ms"]]]);
});

Deno.test("every CSV in data/ has its columns documented in methodology.md, in order, and nothing more", async () => {
  const documented = documentedColumns(await Deno.readTextFile(projectPath("methodology.md")));
  assert(documented.size >= 7, `schema blocks found: ${[...documented.keys()]}`);
  const files = [...Deno.readDirSync(projectPath("data"))]
    .filter((e) => e.isFile && e.name.endsWith(".csv")).map((e) => e.name).sort();
  assert(files.includes("servers.csv"), "the committed tables are in data/");
  for (const file of files) {
    const header = csvRecords(await Deno.readTextFile(projectPath("data", file)))[0]
      .map((f) => f.text);
    const doc = documented.get(file);
    assert(doc, `data/${file} is not documented in methodology.md (no schema block)`);
    assertEquals(
      header,
      doc,
      `data/${file}: its header and its documented columns differ (undocumented: ${
        header.filter((c) => !doc.includes(c))
      }; documented but absent: ${doc.filter((c) => !header.includes(c))})`,
    );
  }
});
