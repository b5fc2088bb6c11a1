import { assert, assertEquals, assertIncludes } from "../testing/assert.ts";
import { escapeHtml } from "./escape.ts";
import { escapeMarkdown, note, showMarkdown, showTable } from "./display.ts";

const render = (d: object) =>
  (d as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();

Deno.test("escapeHtml neutralises tags, attributes and control characters", () => {
  assertEquals(
    escapeHtml(`<img src=x onerror="alert(1)">`),
    "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;",
  );
  assertEquals(escapeHtml("a\x1b[31mb"), "a\\x1b[31mb");
  assertEquals(escapeHtml("`'&"), "&#96;&#39;&amp;");
});

Deno.test("showTable escapes every cell and header and reports hidden rows", () => {
  const rows = Array.from(
    { length: 3 },
    (_, i) => ({ "<th>": `<script>alert(${i})</script>`, n: i }),
  );
  const out = render(showTable(rows, { limit: 2, caption: "<b>x</b>" }));
  const html = out["text/html"];
  assert(!html.includes("<script>"), "no raw script tag");
  assertIncludes(html, "&lt;script&gt;alert(0)&lt;/script&gt;");
  assertIncludes(html, "<th>&lt;th&gt;</th>");
  assertIncludes(html, "&lt;b&gt;x&lt;/b&gt;");
  assertIncludes(html, "1 more rows not shown (3 in all)");
  assert(!out["text/plain"].includes("\x1b"));
});

Deno.test("note escapes interpolated values so they render literally", () => {
  const md = render(note`Server says ${"[click](https://evil.example) <script>"}`)["text/markdown"];
  assert(!md.includes("[click](https"), md);
  assert(!md.includes("<script>"), md);
  assertEquals(escapeMarkdown("*a*"), "\\*a\\*");
  // An apostrophe or quote stays a whole entity (it renders as the character, not as "&#39;").
  assertEquals(escapeMarkdown(`the wallet's "#1"`), "the wallet&#39;s &quot;\\#1&quot;");
  assertEquals(escapeMarkdown("a&b"), "a&amp;b");
});

Deno.test("showMarkdown displays our Markdown as given, as Markdown and as plain text", () => {
  const md = "## Findings\n\n- 12 of 350 servers (3.4%)";
  assertEquals(render(showMarkdown(md)), { "text/markdown": md, "text/plain": md });
});

Deno.test("showTable takes rows typed by an interface (no index signature)", () => {
  // An interface, unlike a type alias, is not assignable to Record<string, unknown>: a row type
  // the library exports as an interface must still be a table's rows without a cast.
  interface Row {
    readonly kind: string;
    readonly high: number;
  }
  const rows: Row[] = [{ kind: "sybil", high: 3 }];
  const out = render(showTable(rows));
  assertEquals(out["text/plain"], "kind\thigh\nsybil\t3");
});

Deno.test("showTable shows only the chosen columns, in their order", () => {
  const html = render(showTable([{ a: 1, b: 2, c: 3 }], { columns: ["c", "a"] }))["text/html"];
  assertIncludes(html, "<th>c</th><th>a</th>");
  assert(!html.includes("<th>b</th>"));
  assertIncludes(html, "<td>3</td><td>1</td>");
});

Deno.test("showTable renders a danfo DataFrame built by frame: escaped cells, NaN as empty, versions as sent", async () => {
  const { frame } = await import("../analysis/frame.ts");
  const { defineTable } = await import("../data/schema.ts");
  const schema = defineTable({
    table: "t.csv",
    grain: "test",
    producer: "test",
    columns: [
      { name: "software", type: "string", nullable: true, description: "" },
      { name: "protocol", type: "version", nullable: true, description: "" },
      { name: "ms", type: "number", nullable: true, description: "" },
    ],
  });
  const df = frame(
    [{ software: "<img src=x onerror=alert(1)>", protocol: "1.10", ms: null }],
    schema,
  );
  const out = (showTable(df) as unknown as Record<symbol, () => Record<string, string>>)
    [Symbol.for("Jupyter.display")]();
  assertIncludes(
    out["text/html"],
    "<td>&lt;img src=x onerror=alert(1)&gt;</td><td>1.10</td><td></td>",
  );
  assert(!out["text/html"].includes("<img"), "no markup from a cell");
});

Deno.test("showTable of no rows says so under the caption instead of an empty table", () => {
  const out = render(showTable([], { caption: "Shared <certificates>" }));
  assertEquals(
    out["text/html"],
    "<p><b>Shared &lt;certificates&gt;</b></p><p><i>None in this run.</i></p>",
  );
  assertEquals(out["text/plain"], "Shared <certificates>\nNone in this run.");
  assertEquals(render(showTable([]))["text/plain"], "None in this run.");
});
