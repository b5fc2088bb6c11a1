/**
 * Sets of software versions as unions of closed intervals, written in the npm-semver style
 * `>=1.16.0 <=1.17.0 || >=1.18.0` (each bound inclusive; a missing bound is open).
 *
 * @module
 */
import { compareVersions } from "../electrum/compare_versions.ts";

/** A closed interval of versions; a null bound is open on that side. */
export interface VersionInterval {
  first: string | null;
  last: string | null;
}

const below = (a: string | null, b: string | null) =>
  a === null || (b !== null && compareVersions(a, b) <= 0);

/**
 * Merge intervals into a sorted union with no overlaps, and write it as text.
 *
 * @param intervals Any intervals, any order.
 * @returns The merged intervals, and their text (null when the union is empty or unbounded on
 *   both sides, i.e. says nothing).
 * @example
 * ```ts
 * versionSet([{ first: "1.17.0", last: "1.18.0" }, { first: "1.18.0", last: null }]).text; // ">=1.17.0"
 * ```
 */
export function versionSet(
  intervals: readonly VersionInterval[],
): { intervals: VersionInterval[]; text: string | null } {
  const sorted = [...intervals].sort((a, b) =>
    a.first === b.first ? 0 : below(a.first, b.first) ? -1 : 1
  );
  const merged: VersionInterval[] = [];
  for (const i of sorted) {
    const top = merged.at(-1);
    if (
      top && (top.last === null || (i.first !== null && compareVersions(i.first, top.last) <= 0))
    ) {
      if (top.last !== null && (i.last === null || compareVersions(i.last, top.last) > 0)) {
        top.last = i.last;
      }
    } else merged.push({ ...i });
  }
  if (
    merged.length === 0 ||
    (merged.length === 1 && merged[0].first === null && merged[0].last === null)
  ) {
    return { intervals: merged, text: null };
  }
  const part = (i: VersionInterval) =>
    [i.first ? `>=${i.first}` : null, i.last ? `<=${i.last}` : null].filter(Boolean).join(" ");
  return { intervals: merged, text: merged.map(part).join(" || ") };
}

/**
 * Whether a version lies in a version set written by `versionSet` (also reads `<` bounds).
 *
 * @example
 * ```ts
 * satisfiesVersionSet("1.16.0", ">=1.10.1 <=1.20.2"); // true
 * ```
 */
export function satisfiesVersionSet(version: string, text: string): boolean {
  return text.split(" || ").some((part) =>
    part.split(" ").filter(Boolean).every((c) => {
      if (c.startsWith(">=")) return compareVersions(version, c.slice(2)) >= 0;
      if (c.startsWith("<=")) return compareVersions(version, c.slice(2)) <= 0;
      if (c.startsWith("<")) return compareVersions(version, c.slice(1)) < 0;
      throw new RangeError(
        `satisfiesVersionSet: cannot read bound ${JSON.stringify(c)} in ${JSON.stringify(text)}`,
      );
    })
  );
}
