import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import { FINGERPRINTS_SCHEMA, schemaForFile, SERVERS_SCHEMA, TABLE_SCHEMAS } from "./mod.ts";

Deno.test("TABLE_SCHEMAS: a column name in two tables states why, in every table that has it", () => {
  const tablesOf = new Map<string, string[]>();
  for (const s of TABLE_SCHEMAS) {
    for (const c of s.columns) tablesOf.set(c.name, [...(tablesOf.get(c.name) ?? []), s.table]);
  }
  for (const s of TABLE_SCHEMAS) {
    for (const c of s.columns) {
      if (tablesOf.get(c.name)!.length > 1) {
        assert(
          c.repeats,
          `${s.table}.${c.name} is also in ${
            tablesOf.get(c.name)!.join(", ")
          } but states no reason`,
        );
      } else {
        assert(!c.repeats, `${s.table}.${c.name} says it repeats but is in one table only`);
      }
    }
  }
  // The repeats the review found and this schema removed.
  assert(
    !SERVERS_SCHEMA.columns.some((c) => (c.name as string) === "host"),
    "servers.csv has no host beside server",
  );
  assert(
    !FINGERPRINTS_SCHEMA.columns.some((c) => (c.name as string) === "donation_address"),
    "donation_address is in servers.csv only",
  );
});

Deno.test("TABLE_SCHEMAS: sameAs names an existing column, every column has a description, names are snake_case", () => {
  const all = new Set(TABLE_SCHEMAS.flatMap((s) => s.columns.map((c) => `${s.table}.${c.name}`)));
  for (const s of TABLE_SCHEMAS) {
    for (const c of s.columns) {
      if (c.sameAs) {
        assert(all.has(c.sameAs), `${s.table}.${c.name}: sameAs ${c.sameAs} does not exist`);
      }
      assert(c.description.length > 0, `${s.table}.${c.name} has a description`);
      assert(/^[a-z][a-z0-9_]*$/.test(c.name), `${s.table}.${c.name} is snake_case`);
      if (c.name.endsWith("_ms")) assertEquals(c.unit, "ms", `${s.table}.${c.name} unit`);
    }
  }
});

Deno.test("schemaForFile finds a table by its file name, whatever the directory", () => {
  assertEquals(schemaForFile("/x/derived/servers.csv"), SERVERS_SCHEMA);
  assertThrows(() => schemaForFile("data/peers2.csv"), TypeError, "no table schema for peers2.csv");
});
