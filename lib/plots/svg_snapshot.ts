/**
 * Figure snapshots for the tests of this folder (after Observable Plot's
 * `test/plot-snapshot.js`): numbers rounded and long geometry paths shortened before comparing
 * with a golden file in `testdata/` (`.svg.snap`, so that `deno fmt` leaves it alone).
 *
 * @module
 */
import { assertEquals } from "../testing/assert.ts";
import { figureSvg } from "./export_figure.ts";

/** Round every number to an integer and shorten geometry paths, so snapshots stay stable. */
export function normaliseSvg(svg: string): string {
  return svg
    .replace(/\sd="[^"]{160,}"/g, ' d="(long path)"')
    .replace(/-?\d+\.\d+(e-?\d+)?/g, (m) => String(Math.round(Number(m))))
    .replace(/></g, ">\n<");
}

/**
 * Compare a figure with `testdata/<name>.svg.snap`, or write it when `OBS_UPDATE_SNAPSHOTS=1`
 * (then review the diff).
 *
 * @throws {AssertionError} when the normalised SVG differs from the snapshot.
 */
export async function assertSvgSnapshot(name: string, figure: Element): Promise<void> {
  const actual = normaliseSvg(figureSvg(figure)) + "\n";
  const path = new URL(`./testdata/${name}.svg.snap`, import.meta.url);
  if (Deno.env.get("OBS_UPDATE_SNAPSHOTS") === "1") {
    await Deno.writeTextFile(path, actual);
    return;
  }
  const expected = await Deno.readTextFile(path);
  assertEquals(actual, expected, `snapshot ${name} differs (OBS_UPDATE_SNAPSHOTS=1 to update)`);
}
