/**
 * The column tables of `methodology.md` §4, generated from the table schemas. Each table sits
 * between `<!-- schema:NAME -->` and `<!-- /schema -->` markers; `schema_doc_test.ts` fails when
 * the text there differs from the schema, and running this file rewrites it:
 *
 * ```sh
 * deno run -A lib/data/schema_doc.ts
 * ```
 *
 * @module
 */
import { projectPath } from "./paths.ts";
import type { Column, TableSchema } from "./schema.ts";
import { TABLE_SCHEMAS } from "./schemas/mod.ts";

const TYPE_TEXT: Record<Column["type"], string> = {
  string: "string",
  integer: "integer",
  number: "number",
  boolean: "boolean",
  version: "version string",
  timestamp: "timestamp (UTC)",
  enum: "enum",
  list: "`;`-list",
};

function nullText(c: Column): string {
  if (!c.nullable) return "never";
  return c.emptyString ? 'empty cell; `""` is an empty string' : "empty cell";
}

function meaning(c: Column): string {
  const parts = [c.description];
  if (c.values || c.repeats || c.sameAs) parts[0] = c.description.replace(/\.?$/, ".");
  if (c.values) parts.push(`One of ${c.values.map((v) => `\`${v}\``).join(", ")}.`);
  if (c.repeats) parts.push(`*Repeated:* ${c.repeats}.`);
  if (c.sameAs) parts.push(`*Same value as* \`${c.sameAs}\`.`);
  return parts.join(" ").replace(/\|/g, "\\|");
}

/**
 * The Markdown table of one schema's columns (column, type, unit, when unknown, meaning).
 *
 * @example
 * ```ts
 * schemaMarkdown(SERVERS_SCHEMA).split("\n")[0]; // "| column | type | unit | unknown | meaning |"
 * ```
 */
export function schemaMarkdown(schema: TableSchema): string {
  return [
    "| column | type | unit | unknown | meaning |",
    "|---|---|---|---|---|",
    ...schema.columns.map((c) =>
      `| \`${c.name}\` | ${TYPE_TEXT[c.type]} | ${c.unit ?? ""} | ${nullText(c)} | ${meaning(c)} |`
    ),
  ].join("\n");
}

const BLOCK = /<!-- schema:([\w.-]+) -->\n[\s\S]*?<!-- \/schema -->/g;

/**
 * Replace every `<!-- schema:NAME -->` block of a Markdown text with the generated table.
 *
 * @throws {TypeError} If a block names a table without a schema, or a schema has no block.
 */
export function fillSchemaBlocks(
  markdown: string,
  schemas: readonly TableSchema[] = TABLE_SCHEMAS,
): string {
  const seen = new Set<string>();
  const out = markdown.replace(BLOCK, (_, name: string) => {
    const s = schemas.find((t) => t.table === name);
    if (!s) throw new TypeError(`schema block names ${name}, which has no schema`);
    seen.add(name);
    return `<!-- schema:${name} -->\n${schemaMarkdown(s)}\n<!-- /schema -->`;
  });
  const missing = schemas.filter((s) => !seen.has(s.table)).map((s) => s.table);
  if (missing.length) throw new TypeError(`no schema block for ${missing.join(", ")}`);
  return out;
}

if (import.meta.main) {
  const path = projectPath("methodology.md");
  await Deno.writeTextFile(path, fillSchemaBlocks(await Deno.readTextFile(path)));
}
