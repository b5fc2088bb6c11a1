import { assertEquals, assertThrows } from "../testing/assert.ts";
import { defineTable } from "./schema.ts";
import { tableCsv } from "./table_csv.ts";

const T = defineTable({
  table: "t.csv",
  grain: "test rows",
  producer: "this test",
  columns: [
    { name: "id", type: "string", nullable: false, description: "" },
    { name: "kept", type: "string", nullable: true, emptyString: true, description: "" },
    { name: "dropped", type: "string", nullable: true, description: "" },
    { name: "n", type: "integer", nullable: true, description: "" },
    { name: "kind", type: "enum", nullable: true, values: ["a", "b"], description: "" },
    { name: "t", type: "timestamp", nullable: true, description: "" },
  ],
});

Deno.test('tableCsv writes an empty string as "" only where the schema keeps it apart from null', () => {
  const row = { id: "x", kept: "", dropped: "", n: null, kind: null, t: null };
  assertEquals(tableCsv([row], T), 'id,kept,dropped,n,kind,t\nx,"",,,,\n');
  assertEquals(tableCsv([{ ...row, kept: null }], T), "id,kept,dropped,n,kind,t\nx,,,,,\n");
});

Deno.test("tableCsv refuses a row that does not fit the schema, naming table, row and column", () => {
  const ok = { id: "x", kept: null, dropped: null, n: 1, kind: "a", t: "2026-11-24T10:00:00.000Z" };
  tableCsv([ok], T);
  assertThrows(() => tableCsv([ok, { ...ok, id: null }], T), TypeError, "t.csv row 1, column id");
  assertThrows(() => tableCsv([{ ...ok, n: 1.5 }], T), TypeError, "not an integer");
  assertThrows(() => tableCsv([{ ...ok, n: NaN }], T), TypeError, "column n");
  assertThrows(() => tableCsv([{ ...ok, n: "1" }], T), TypeError, "column n");
  assertThrows(() => tableCsv([{ ...ok, kind: "c" }], T), TypeError, "not one of a|b");
  assertThrows(() => tableCsv([{ ...ok, t: "yesterday" }], T), TypeError, "UTC ISO 8601");
  assertThrows(() => tableCsv([{ ...ok, host: "x" }], T), TypeError, "key host is not a column");
  // An empty string in a never-null column would be written as an empty cell and read back as
  // null: refused where it is made.
  assertThrows(
    () => tableCsv([{ ...ok, id: "" }], T),
    TypeError,
    "empty string in a column that is never null",
  );
});

Deno.test("defineTable refuses duplicate names, enums without values and empty strings in number columns", () => {
  const c = { type: "string", nullable: true, description: "" } as const;
  assertThrows(
    () =>
      defineTable({
        table: "x",
        grain: "",
        producer: "",
        columns: [{ name: "a", ...c }, { name: "a", ...c }],
      }),
    TypeError,
    "twice",
  );
  assertThrows(
    () =>
      defineTable({
        table: "x",
        grain: "",
        producer: "",
        columns: [{ name: "a", ...c, type: "enum" }],
      }),
    TypeError,
    "no values",
  );
  assertThrows(
    () =>
      defineTable({
        table: "x",
        grain: "",
        producer: "",
        columns: [{ name: "a", ...c, type: "integer", emptyString: true }],
      }),
    TypeError,
    "cannot hold",
  );
});
