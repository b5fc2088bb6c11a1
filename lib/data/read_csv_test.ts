import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { csvCell } from "./csv.ts";
import { csvRecords, parseCsv, readCsv } from "./read_csv.ts";
import { defineTable } from "./schema.ts";
import { FINGERPRINTS_SCHEMA, SERVERS_SCHEMA } from "./schemas/mod.ts";
import { tableCsv } from "./table_csv.ts";

const T = defineTable({
  table: "t.csv",
  grain: "test rows",
  producer: "this test",
  columns: [
    { name: "text", type: "string", nullable: true, emptyString: true, description: "" },
    { name: "plain", type: "string", nullable: true, description: "" },
    { name: "version", type: "version", nullable: true, description: "" },
    { name: "n", type: "number", nullable: true, description: "" },
    { name: "i", type: "integer", nullable: true, description: "" },
    { name: "b", type: "boolean", nullable: true, description: "" },
  ],
});

// Pieces a hostile server (or an unlucky one) could put in a string: separators, quotes, line
// breaks, every control character, formula starts, escape look-alikes, numbers and booleans as
// text, and non-ASCII (combining marks, astral plane, line separator, BOM, right-to-left mark).
const PIECES = [
  "",
  "a",
  " ",
  ",",
  '"',
  "'",
  "\n",
  "\r",
  "\r\n",
  "\t",
  "=",
  "+",
  "-",
  "@",
  "\\",
  "\\x1b",
  "\\x5c",
  "\\X7F",
  "x41",
  "1.10",
  "-1",
  "true",
  "null",
  "é",
  "e\u0301",
  "🙂",
  "\u2028",
  "\ufeff",
  "\u200f",
  "中文",
  ...Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)),
  "\x7f",
];

Deno.test("parseCsv round-trips every pair and triple of adversarial pieces through tableCsv", () => {
  const strings = new Set<string>();
  for (const a of PIECES) for (const b of PIECES) strings.add(a + b);
  for (let k = 0; k < 4000; k++) {
    // A fixed walk over triples (no randomness: the same strings every run).
    strings.add(
      PIECES[k % PIECES.length] + PIECES[(k * 7) % PIECES.length] +
        PIECES[(k * 13 + 5) % PIECES.length],
    );
  }
  const rows = [...strings].map((s) => ({
    text: s,
    plain: s,
    version: s,
    n: null,
    i: null,
    b: null,
  }));
  const back = parseCsv(tableCsv(rows, T), T);
  assertEquals(back.length, rows.length);
  back.forEach((r, k) => {
    const s = rows[k].text;
    assertEquals(r.text, s, `text ${JSON.stringify(s)}`);
    assertEquals(r.plain, s === "" ? null : s, `plain ${JSON.stringify(s)}`);
    assertEquals(r.version, s === "" ? null : s, `version ${JSON.stringify(s)}`);
  });
  assert(strings.size > 3000, "the property covers thousands of strings");
});

Deno.test("parseCsv round-trips numbers, booleans and nulls by the schema's types", () => {
  const rows = [
    { text: null, plain: null, version: null, n: -0.000123, i: -42, b: false },
    { text: "", plain: "", version: "1.4.3", n: 1e21, i: 9007199254740991, b: true },
    { text: "x", plain: "y", version: "1.10", n: 3.5, i: 0, b: null },
  ];
  assertEquals(parseCsv(tableCsv(rows, T), T), [
    { text: null, plain: null, version: null, n: -0.000123, i: -42, b: false },
    { text: "", plain: null, version: "1.4.3", n: 1e21, i: 9007199254740991, b: true },
    { text: "x", plain: "y", version: "1.10", n: 3.5, i: 0, b: null },
  ]);
});

Deno.test("parseCsv keeps versions as strings: protocol_max 1.10 is not 1.1 and 1.6 is not a number", () => {
  const header = FINGERPRINTS_SCHEMA.columns.map((c) => c.name);
  const line = (protocol: string) =>
    header.map((n) =>
      n === "server"
        ? "a"
        : n === "transport"
        ? "tls"
        : n === "port"
        ? "50002"
        : n === "claim_mismatch"
        ? "false"
        : n === "protocol_max"
        ? protocol
        : ""
    ).join(",");
  const rows = parseCsv(
    [header.join(","), line("1.10"), line("1.6"), line("1.4.3")].join("\n") + "\n",
    FINGERPRINTS_SCHEMA,
  );
  assertEquals(rows.map((r) => r.protocol_max), ["1.10", "1.6", "1.4.3"]);
  assertEquals(rows.map((r) => r.port), [50002, 50002, 50002]);
});

Deno.test("parseCsv tells an empty donation address from an unknown one", () => {
  const base = Object.fromEntries(SERVERS_SCHEMA.columns.map((c) => [c.name, null])) as Record<
    string,
    string | number | null
  >;
  const row = (donation: string | null) => ({
    ...base,
    target: "lab",
    server: "a.example",
    network: "clearnet",
    status: "success",
    first_seen: "2026-11-24T10:00:00.000Z",
    last_seen: "2026-11-24T10:00:01.000Z",
    donation_address: donation,
  });
  const csv = tableCsv([row(""), row(null), row("bc1qexample")], SERVERS_SCHEMA);
  assertEquals(parseCsv(csv, SERVERS_SCHEMA).map((r) => r.donation_address), [
    "",
    null,
    "bc1qexample",
  ]);
});

Deno.test("parseCsv decodes the control-character escapes csvCell wrote", () => {
  const csv = `text,plain,version,n,i,b\n${csvCell("\x1b[31mred\x00")},${csvCell("a\\x1bb")},,,,\n`;
  assertEquals(parseCsv(csv, T)[0].text, "\x1b[31mred\x00");
  assertEquals(parseCsv(csv, T)[0].plain, "a\\x1bb");
});

Deno.test("parseCsv throws on a header that is not the schema's, a short record or a cell of the wrong type", () => {
  assertThrows(() => parseCsv("text,plain\n", T), TypeError, "missing: version,n,i,b");
  assertThrows(() => parseCsv("plain,text,version,n,i,b\n", T), TypeError, "order differs");
  assertThrows(() => parseCsv("text,plain,version,n,i,b\na,b\n", T), TypeError, "line 2: 2 fields");
  assertThrows(() => parseCsv("text,plain,version,n,i,b\n,,,,1.5,\n", T), TypeError, "column i");
  assertThrows(() => parseCsv("text,plain,version,n,i,b\n,,,x,,\n", T), TypeError, "column n");
  assertThrows(() => parseCsv("text,plain,version,n,i,b\n,,,,,yes\n", T), TypeError, "column b");
});

Deno.test("csvRecords reads RFC 4180: quoted separators, doubled quotes, CRLF, a missing final newline", () => {
  assertEquals(csvRecords('a,"b,""c""\r\nd"\r\n,""'), [
    [{ text: "a", quoted: false }, { text: 'b,"c"\r\nd', quoted: true }],
    [{ text: "", quoted: false }, { text: "", quoted: true }],
  ]);
  assertThrows(() => csvRecords('"open'), SyntaxError);
  assertThrows(() => csvRecords('"a"b'), SyntaxError);
});

Deno.test("readCsv picks the schema from the file name and refuses an unknown table", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/servers.csv`, tableCsv([], SERVERS_SCHEMA));
    assertEquals(await readCsv(`${dir}/servers.csv`), []);
    await Deno.writeTextFile(`${dir}/other.csv`, "a\n1\n");
    let err: unknown = null;
    await readCsv(`${dir}/other.csv`).catch((e) => (err = e));
    assert(
      err instanceof TypeError && /no table schema for other\.csv/.test(err.message),
      String(err),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("parseCsv earlierSchema: a column the schema gained reads as null, one it lost is dropped, the rest still checked", () => {
  const older = 'n,gone,text\n1.5,x,"a,b"\n,y,\n';
  assertThrows(() => parseCsv(older, T), TypeError, "header does not match the schema");
  assertEquals(parseCsv(older, T, { earlierSchema: true }), [
    { text: "a,b", plain: null, version: null, n: 1.5, i: null, b: null },
    { text: null, plain: null, version: null, n: null, i: null, b: null },
  ]);
  assertThrows(
    () => parseCsv("n,text\nnot a number,a\n", T, { earlierSchema: true }),
    TypeError,
    "line 2, column n",
  );
  assertThrows(() => parseCsv("n\n1,2\n", T, { earlierSchema: true }), TypeError, "2 fields");
  assertThrows(() => parseCsv("x,y\n1,2\n", T, { earlierSchema: true }), TypeError, "no column");
});
