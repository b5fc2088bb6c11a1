import { assertEquals } from "../testing/assert.ts";
import { defineTable, volatileColumns } from "./schema.ts";

Deno.test("volatileColumns: the columns marked volatile, in file order; none when none is marked", () => {
  const c = { type: "number", nullable: true, description: "" } as const;
  const schema = defineTable({
    table: "t.csv",
    grain: "test",
    producer: "test",
    columns: [
      { name: "b_ms", ...c, volatile: true },
      { name: "kept", ...c },
      { name: "not_volatile", ...c, volatile: false },
      { name: "a_samples", ...c, volatile: true },
    ],
  });
  assertEquals(volatileColumns(schema), ["b_ms", "a_samples"]);
  assertEquals(volatileColumns({ ...schema, columns: [{ name: "x", ...c }] }), []);
});
