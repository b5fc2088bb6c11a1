import { assert, assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { exportFigureAs } from "./export_figure_as.ts";
import { publishFigure } from "./publish_figure.ts";
import { parseHTML } from "linkedom";

const render = (d: object) =>
  (d as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]();

function figure(): Element {
  const { document } = parseHTML("<html><body></body></html>");
  const svg = document.createElement("svg");
  svg.setAttribute("width", "400");
  svg.setAttribute("height", "200");
  svg.setAttribute("viewBox", "0 0 400 200");
  svg.innerHTML =
    '<rect x="10" y="10" width="380" height="180" fill="steelblue"></rect><text x="20" y="40">Servers</text>';
  return svg as unknown as Element;
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const v = new DataView(bytes.buffer, bytes.byteOffset);
  return [v.getUint32(16), v.getUint32(20)];
}

Deno.test("publishFigure writes SVG and PNG and its caption names both files and the export one-liner", async () => {
  const dir = await Deno.makeTempDir({ prefix: "publish_figure_test_" });
  try {
    const shown = render(await publishFigure(figure(), "demo_chart", { dir }));
    assertIncludes(
      shown["text/plain"],
      `Saved as ${dir}/demo_chart.svg and ${dir}/demo_chart.png.`,
    );
    assertIncludes(
      shown["text/markdown"],
      "`deno task figure demo_chart --width 1920 --format pdf`",
    );
    assertIncludes(
      await Deno.readTextFile(`${dir}/demo_chart.svg`),
      'xmlns="http://www.w3.org/2000/svg"',
    );
    assertEquals(pngSize(await Deno.readFile(`${dir}/demo_chart.png`)), [800, 400]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exportFigureAs writes a published figure again as PNG, SVG or PDF at another width", async () => {
  const dir = await Deno.makeTempDir({ prefix: "export_figure_as_test_" });
  try {
    await publishFigure(figure(), "demo_chart", { dir });
    const png = await exportFigureAs("demo_chart", { dir, width: 1000 });
    assertEquals(png, `${dir}/demo_chart_1000px.png`);
    assertEquals(pngSize(await Deno.readFile(png)), [1000, 500]);
    const svg = await Deno.readTextFile(
      await exportFigureAs("demo_chart", { dir, width: 200, format: "svg" }),
    );
    assert(
      /^<svg[^>]*\swidth="200"[^>]*>/.test(svg) && /^<svg[^>]*\sheight="100"/.test(svg),
      svg.slice(0, 200),
    );
    assertIncludes(svg, 'viewBox="0 0 400 200"');
    const pdf = await exportFigureAs("demo_chart", { dir, format: "pdf", out: `${dir}/out.pdf` });
    const bytes = await Deno.readFile(pdf);
    assertEquals(new TextDecoder().decode(bytes.slice(0, 5)), "%PDF-");
    assertIncludes(
      new TextDecoder("latin1").decode(bytes),
      "/MediaBox [0 0 300 150]",
      "a 400x200 px page is 300x150 pt",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("exportFigureAs names a missing figure, a bad format and a bad width", async () => {
  await assertRejects(
    () => exportFigureAs("absent", { dir: "/nonexistent" }),
    Error,
    'run the cell that publishes "absent"',
  );
  await assertRejects(() => exportFigureAs("x", { format: "gif" as "png" }), TypeError, '"gif"');
  await assertRejects(() => exportFigureAs("x", { width: 1.5 }), RangeError, "1.5");
  await assertRejects(() => exportFigureAs("../x"), TypeError, '"../x"');
});
