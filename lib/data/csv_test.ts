import { assertEquals, assertThrows } from "../testing/assert.ts";
import { csvCell, toCsv } from "./csv.ts";
import { writeFileAtomic } from "./atomic_write.ts";

Deno.test("csvCell neutralises cells that would start a formula (OWASP)", () => {
  assertEquals(csvCell("=1+1"), `"'=1+1"`);
  assertEquals(csvCell("+cmd|' /C calc'!A0"), `"'+cmd|' /C calc'!A0"`);
  assertEquals(csvCell("-2+3"), `"'-2+3"`);
  assertEquals(csvCell("@SUM(A1)"), `"'@SUM(A1)"`);
  assertEquals(csvCell("\tx"), '"\'\tx"');
  assertEquals(csvCell(-1), "-1");
  assertEquals(csvCell(3.5), "3.5");
});

Deno.test("csvCell quotes separators and escapes control characters", () => {
  assertEquals(csvCell('a,"b"'), `"a,""b"""`);
  assertEquals(csvCell("line\nbreak"), `"line\nbreak"`);
  assertEquals(csvCell("\x1b[31mred"), "\\x1b[31mred");
  assertEquals(csvCell(null), "");
  assertEquals(csvCell(undefined), "");
  assertEquals(csvCell(NaN), "");
});

Deno.test("toCsv writes a header and rows in column order, unknown as empty", () => {
  assertEquals(toCsv([{ a: 1, b: null }, { a: "x", b: "=y" }], ["a", "b"]), `a,b\n1,\nx,"'=y"\n`);
  assertThrows(() => toCsv([], ["a", "a"]), TypeError);
});

Deno.test("writeFileAtomic replaces the file and leaves no temporary behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFileAtomic(`${dir}/f.csv`, "one\n");
    await writeFileAtomic(`${dir}/f.csv`, "two\n");
    assertEquals(await Deno.readTextFile(`${dir}/f.csv`), "two\n");
    const names = [...Deno.readDirSync(dir)].map((e) => e.name);
    assertEquals(names, ["f.csv"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseCsv round-trips strings through the formula guard, and types numbers and nulls", async () => {
  const { parseCsv } = await import("./read_csv.ts");
  const { defineTable } = await import("./schema.ts");
  const schema = defineTable({
    table: "t.csv",
    grain: "test",
    producer: "test",
    columns: [
      { name: "s", type: "string", nullable: false, description: "" },
      { name: "n", type: "integer", nullable: false, description: "" },
      { name: "e", type: "string", nullable: true, description: "" },
      { name: "q", type: "string", nullable: false, description: "" },
      { name: "plain", type: "string", nullable: false, description: "" },
    ],
  });
  const rows = [{ s: "=1+1", n: -3, e: null, q: "'=x", plain: "a,b" }];
  const back = parseCsv(toCsv(rows, ["s", "n", "e", "q", "plain"]), schema);
  assertEquals(back, [{ s: "=1+1", n: -3, e: null, q: "'=x", plain: "a,b" }]);
});
