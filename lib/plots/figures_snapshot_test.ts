/**
 * Figure snapshot tests (after Observable Plot's `test/plot-snapshot.js`): each chart helper
 * renders fixed rows into a fresh headless document; numbers are rounded and long geometry
 * paths shortened before comparing with the golden files in `testdata/` (`.svg.snap`, so that
 * `deno fmt` leaves them alone). Regenerate them with
 * `OBS_UPDATE_SNAPSHOTS=1 deno test -A lib/plots/figures_snapshot_test.ts` and review the diff.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { shareTable } from "../analysis/centralization.ts";
import { certificateReuseChart, type ReuseGroupRow } from "./certificate_reuse_chart.ts";
import { figureDocument } from "./document.ts";
import { exportFigure, figureSvg, svgToPng } from "./export_figure.ts";
import { issuanceTimeline } from "./issuance_timeline.ts";
import { lorenzChart } from "./lorenz_chart.ts";
import { serverMap } from "./server_map.ts";
import { serversByImplementation } from "./servers_by_implementation.ts";
import { shareBars } from "./share_bars.ts";
import { wrapText } from "./frame_figure.ts";
import { assertSvgSnapshot } from "./svg_snapshot.ts";

const LAB = "LAB RUN (simulated network)";

async function snapshot(name: string, figure: Element) {
  await assertSvgSnapshot(name, figure);
}

const servers = [
  {
    latitude: 50.11,
    longitude: 8.68,
    family: "ElectrumX",
    provider: "Hetzner",
    provider_class: "hosting",
    network: "clearnet",
  },
  {
    latitude: 50.11,
    longitude: 8.68,
    family: "ElectrumX",
    provider: "Hetzner",
    provider_class: "hosting",
    network: "clearnet",
  },
  {
    latitude: 39.04,
    longitude: -77.49,
    family: "Fulcrum",
    provider: "Google Cloud",
    provider_class: "cloud",
    network: "clearnet",
  },
  {
    latitude: -33.87,
    longitude: 151.21,
    family: "electrs",
    provider: "Telstra",
    provider_class: "residential",
    network: "clearnet",
  },
  {
    latitude: null,
    longitude: null,
    family: "ElectrumX",
    provider: "Tor onion service",
    provider_class: "tor",
    network: "onion",
  },
];

Deno.test("serverMap snapshot: dots sized by count over the world, legend and counts inside the SVG", async () => {
  const fig = serverMap(servers, {
    document: figureDocument(),
    title: `Servers — ${LAB}`,
    caption: "Simulated addresses.",
    width: 640,
  });
  const svg = figureSvg(fig);
  assert(
    svg.includes(LAB) && svg.includes("ElectrumX (2)") && svg.includes("1 onion, never geolocated"),
  );
  await snapshot("server_map", fig);
});

Deno.test("shareBars snapshot: shares with cumulative share and the one-half rule", async () => {
  const rows = shareTable([..."AAAABBBCCD"].map((p) => ({ p })), "p");
  await snapshot(
    "share_bars",
    shareBars(rows, {
      document: figureDocument(),
      groupLabel: "provider",
      title: `Servers by provider — ${LAB}`,
    }),
  );
});

Deno.test("lorenzChart snapshot: one curve per grouping with Gini in the legend", async () => {
  const rows = [{ x: 0, y: 0 }, { x: 0.5, y: 0.25 }, { x: 1, y: 1 }].map((p) => ({
    dimension: "ASN",
    ...p,
  }));
  await snapshot(
    "lorenz",
    lorenzChart(rows, {
      document: figureDocument(),
      gini: { ASN: 0.25 },
      title: `Lorenz — ${LAB}`,
      width: 360,
    }),
  );
});

Deno.test("certificateReuseChart snapshot: groups by kind, host counts", async () => {
  const rows: ReuseGroupRow[] = [
    { kind: "name template", label: "electrumx-<*>-node-<N>", hosts: 80 },
    { kind: "issuance burst", label: "2026-03-14T09:12:00Z, 312 s", hosts: 80 },
    { kind: "shared certificate", label: "CN <script>alert(1)</script>", hosts: 6 },
  ];
  const fig = certificateReuseChart(rows, {
    document: figureDocument(),
    title: `Certificate reuse — ${LAB}`,
  });
  const svg = figureSvg(fig);
  assert(!svg.includes("<script>") && svg.includes("&lt;script&gt;"), "server text is escaped");
  await snapshot("certificate_reuse", fig);
});

Deno.test("issuanceTimeline snapshot: weekly counts, burst certificates coloured apart", async () => {
  const rows = [
    ...Array.from(
      { length: 6 },
      (_, k) => ({ not_before: `2026-03-14T09:12:0${k}.000Z`, in_burst: true }),
    ),
    { not_before: "2026-01-05T00:00:00.000Z", in_burst: false },
    { not_before: "2025-11-20T00:00:00.000Z", in_burst: false },
    { not_before: "2018-03-13T00:00:00.000Z", in_burst: false },
  ];
  const fig = issuanceTimeline(rows, { document: figureDocument(), title: `Issuance — ${LAB}` });
  assert(figureSvg(fig).includes("1 older not drawn"));
  await snapshot("issuance_timeline", fig);
});

Deno.test("serversByImplementation snapshot: title and caption inside the exported SVG", async () => {
  const rows = ["ElectrumX 1.19.0", "ElectrumX 1.16.0", "Fulcrum 2.1.1", "<b>evil</b> 1.0"].map((
    software,
  ) => ({ software }));
  const fig = serversByImplementation(rows, {
    document: figureDocument(),
    title: `Implementations — ${LAB}`,
    caption: "Claimed software.",
  });
  const svg = figureSvg(fig);
  assert(svg.includes(LAB) && svg.includes("Claimed software."));
  await snapshot("servers_by_implementation", fig);
});

Deno.test("exportFigure writes SVG and a PNG with text rendered (DejaVu fonts)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const fig = shareBars(shareTable([{ p: "A" }, { p: "B" }], "p"), { title: "Text" });
    const { svg, png } = await exportFigure(fig, dir, "bars");
    assert((await Deno.readTextFile(svg)).startsWith("<svg"));
    const bytes = await Deno.readFile(png);
    assertEquals([...bytes.slice(1, 4)], [0x50, 0x4e, 0x47]);
    // Without text the PNG compresses much smaller: rendering with fonts adds the glyphs.
    const blank = svgToPng(figureSvg(fig).replace(/<text[\s\S]*?<\/text>/g, ""));
    assert(
      bytes.length > blank.length * 1.2,
      `PNG with text ${bytes.length} vs without ${blank.length}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("wrapText breaks at spaces and cuts overlong words", () => {
  assertEquals(wrapText("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
  assertEquals(wrapText("abcdefghij", 4), ["abcd", "efgh", "ij"]);
});
