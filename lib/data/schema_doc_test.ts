import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { projectPath } from "./paths.ts";
import { fillSchemaBlocks, schemaMarkdown } from "./schema_doc.ts";
import { TABLE_SCHEMAS } from "./schemas/mod.ts";

Deno.test("methodology.md §4 holds exactly the column tables generated from the schemas", async () => {
  const text = await Deno.readTextFile(projectPath("methodology.md"));
  assertEquals(
    text,
    fillSchemaBlocks(text),
    "methodology.md differs from the schemas: run `deno run -A lib/data/schema_doc.ts`",
  );
  const section4 = text.slice(text.indexOf("## 4. Data files"), text.indexOf("## 5."));
  for (const s of TABLE_SCHEMAS) {
    assert(section4.includes(schemaMarkdown(s)), `${s.table} is documented in section 4`);
    for (const c of s.columns) {
      assert(section4.includes(`| \`${c.name}\` |`), `${s.table}.${c.name} in §4`);
    }
  }
});

Deno.test("fillSchemaBlocks refuses a block without a schema and a schema without a block", () => {
  assertThrows(
    () => fillSchemaBlocks("<!-- schema:nope.csv -->\n<!-- /schema -->"),
    TypeError,
    "nope.csv",
  );
  assertThrows(() => fillSchemaBlocks("no blocks"), TypeError, "no schema block for servers.csv");
});
