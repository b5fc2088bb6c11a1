import { assertEquals } from "../testing/assert.ts";
import { asRead } from "./as_read.ts";
import { parseCsv } from "./read_csv.ts";
import type { TableSchema } from "./schema.ts";
import { tableCsv } from "./table_csv.ts";

const SCHEMA: TableSchema = {
  table: "t.csv",
  grain: "one row per test case",
  producer: "lib/data/as_read_test.ts",
  columns: [
    { name: "s", type: "string", nullable: true, description: "a string" },
    { name: "e", type: "string", nullable: true, emptyString: true, description: 'keeps ""' },
    { name: "n", type: "number", nullable: true, description: "a number" },
    { name: "b", type: "boolean", nullable: true, description: "a boolean" },
    { name: "v", type: "version", nullable: true, description: "a version" },
  ],
};

Deno.test("asRead gives what readCsv reads back after tableCsv, cell for cell", () => {
  const rows = [
    { s: "", e: "", n: -0, b: false, v: "1.10" },
    { s: "=SUM(A1)", e: "'=x", n: 1e-7, b: true, v: null },
    { s: 'tab\there \\x41 \u0001 "q", \r\nnext', e: null, n: 0.1 + 0.2, b: null },
    { s: " lead", e: "x", n: 123456789012, v: "1.4.3" },
    {},
  ];
  assertEquals(asRead(rows, SCHEMA), parseCsv(tableCsv(rows, SCHEMA), SCHEMA));
  assertEquals(Object.keys(asRead([{ v: "1" }], SCHEMA)[0]), ["s", "e", "n", "b", "v"]);
});
