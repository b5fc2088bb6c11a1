/**
 * Chart: the global server map, shape `(rows, options) -> figure`. Servers are grouped by
 * location (coordinates rounded to 0.1 degree) and colour key; each group is one dot whose
 * area is proportional to its server count, over the world's country outlines (offline).
 * Onion servers and servers without coordinates are not drawn; the caption counts them.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";
import { worldCountries } from "./world.ts";

/** A server row the map reads (a `ServerView` fits). */
export interface MapRow {
  latitude: number | null;
  longitude: number | null;
  family?: string | null;
  provider?: string | null;
  provider_class?: string | null;
  network?: string;
}

/** Options of {@linkcode serverMap}. */
export interface ServerMapOptions extends FigureOptions {
  /** Colour dots by this column. Default: `"family"` (implementation). */
  colorBy?: "family" | "provider" | "provider_class";
  /** Most colour groups; the rest are merged into "other". Default: 8. */
  maxGroups?: number;
  /** Width in pixels. Default: 960. */
  width?: number;
}

/**
 * Draw the server map.
 *
 * @param rows One row per server (reachable ones, as the caller chooses).
 * @param options See {@linkcode ServerMapOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * const fig = serverMap(pop.filter((s) => s.reachable), { colorBy: "provider_class", title: "Servers" });
 * ```
 */
export function serverMap(rows: readonly MapRow[], options: ServerMapOptions = {}): Element {
  const document = options.document ?? figureDocument();
  const colorBy = options.colorBy ?? "family";
  const maxGroups = options.maxGroups ?? 8;
  const width = options.width ?? 960;
  const located = rows.filter((r) => r.latitude !== null && r.longitude !== null);
  const keyOf = (r: MapRow) => String(r[colorBy] ?? "unknown");
  const totals = new Map<string, number>();
  for (const r of located) totals.set(keyOf(r), (totals.get(keyOf(r)) ?? 0) + 1);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const kept = new Set(ranked.slice(0, ranked.length > maxGroups ? maxGroups - 1 : maxGroups));
  const group = (r: MapRow) => (kept.has(keyOf(r)) ? keyOf(r) : "other");
  const cells = new Map<string, { lat: number; lon: number; key: string; count: number }>();
  for (const r of located) {
    const lat = Math.round(r.latitude! * 10) / 10,
      lon = Math.round(r.longitude! * 10) / 10,
      key = group(r);
    const id = `${lat}|${lon}|${key}`;
    const c = cells.get(id);
    if (c) c.count++;
    else cells.set(id, { lat, lon, key, count: 1 });
  }
  const dots = [...cells.values()].sort((a, b) =>
    b.count - a.count || a.lat - b.lat || a.lon - b.lon || (a.key < b.key ? -1 : 1)
  );
  const domain = [
    ...ranked.filter((k) => kept.has(k)),
    ...(ranked.length > kept.size ? ["other"] : []),
  ];
  const height = Math.round(width * 0.5);
  const chart = Plot.plot({
    document,
    width,
    height,
    projection: "equal-earth",
    color: { type: "categorical", domain, range: PALETTE },
    r: { range: [2.5, 22] },
    marks: [
      Plot.sphere({ fill: "#f4f8fb", stroke: "#c9d6df" }),
      Plot.geo(worldCountries(), { fill: "#e7e7e2", stroke: "#b9b9b0", strokeWidth: 0.5 }),
      Plot.dot(dots, {
        x: "lon",
        y: "lat",
        r: "count",
        fill: "key",
        fillOpacity: 0.75,
        stroke: "white",
        strokeWidth: 0.6,
      }),
      ...legendMarks(
        domain.map((k) => ({
          key: k,
          label: `${k} (${
            k === "other"
              ? located.length -
                ranked.filter((x) => kept.has(x)).reduce((a, x) => a + totals.get(x)!, 0)
              : totals.get(k)
          })`,
        })),
      ),
    ],
  }) as unknown as Element;
  const notDrawn = rows.length - located.length;
  const onions = rows.filter((r) => r.network === "onion").length;
  const note =
    `Dot area is proportional to the number of servers at that place (coordinates rounded to 0.1°); colour: ${
      colorBy === "family"
        ? "implementation (as claimed)"
        : colorBy === "provider_class"
        ? "provider class"
        : "provider"
    }. ${located.length} servers drawn; ${notDrawn} not drawn (${onions} onion, never geolocated; ${
      notDrawn - onions
    } without coordinates). Country outlines: Natural Earth via world-atlas.`;
  return frameFigure(chart, { ...options, document, note });
}
