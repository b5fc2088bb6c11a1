/**
 * The layer table of `lib/`: which folder may import which. A folder may import only folders on
 * a lower floor; the observer folders never import the emulator (`lab/`). The layer test
 * (`layers_test.ts`) checks every import of `lib/` against this table and lists cycles.
 * `lib/README.md` draws the same picture for readers.
 *
 * @module
 */

/**
 * Floors of `lib/`, bottom first. A folder imports only folders on lower floors (never one on its
 * own floor), so the folder graph has no cycle by construction.
 */
export const LAYERS: readonly (readonly string[])[] = [
  /* 0 */ ["net", "bitcoin"],
  /* 1 */ ["data", "electrum", "tls", "geo", "records", "testing"],
  /* 2 */ ["analysis", "stats", "lab"],
  /* 3 */ ["probes", "plots", "cluster", "privacy"],
  /* 4 */ ["classify", "crawl", "suspect"],
  /* 5 */ ["tables"],
  /* 6 */ ["pipeline"],
  /* 7 */ ["notebook"],
  /* 8 */ ["report", "summary"],
  /* 9 */ ["history"],
];

/** The emulator: the world the observatory measures in lab mode. */
export const EMULATOR = "lab";

/**
 * Folders that may start the emulator: the collecting pipeline (it runs a lab scan when the
 * target is `lab`), and the test helpers. Every other folder is observer and never imports
 * `lib/lab/`.
 */
export const MAY_IMPORT_EMULATOR: ReadonlySet<string> = new Set(["pipeline", "testing"]);

/** The floor of a folder, or undefined for a folder the table does not name. */
export function floorOf(folder: string): number | undefined {
  const i = LAYERS.findIndex((f) => f.includes(folder));
  return i < 0 ? undefined : i;
}

/**
 * Why `from` may not import `to` (null when it may).
 *
 * @example
 * ```ts
 * layerViolation("probes", "crawl"); // "probes (floor 3) imports crawl (floor 4): not below it"
 * layerViolation("crawl", "probes"); // null
 * ```
 */
export function layerViolation(from: string, to: string): string | null {
  if (from === to) return null;
  const a = floorOf(from);
  const b = floorOf(to);
  if (a === undefined) return `${from} is not in the layer table (lib/testing/layers.ts)`;
  if (b === undefined) return `${to} is not in the layer table (lib/testing/layers.ts)`;
  if (to === EMULATOR && !MAY_IMPORT_EMULATOR.has(from)) {
    return `${from} is an observer folder and imports the emulator (${to})`;
  }
  if (b >= a) return `${from} (floor ${a}) imports ${to} (floor ${b}): not below it`;
  return null;
}
