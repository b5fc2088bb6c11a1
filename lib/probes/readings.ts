/**
 * The probe's own readings: the status words a probe writes where a server's words would stand
 * (`fingerprints.csv`'s `err_*` and `version_range_error` cells, and the `features.csv` columns
 * derived from them). A reading says what the collector saw (silence, a hang-up, a case not sent,
 * a probe skipped on purpose), never how a server words an error, so a comparison of wordings
 * across servers must leave them out. Built from the closed status sets themselves
 * (`lib/net/status.ts` and the `errors` probe's case outcomes), never copied by hand.
 *
 * @module
 */
import { STATUSES } from "../net/status.ts";
import { ERROR_CASE_OUTCOMES } from "./errors.ts";

/** The prefix of an error case whose reply was followed by the server hanging up. */
export const THEN_CLOSED_PREFIX = "then-closed: ";

/** Every status word a probe writes in place of a server's words. */
export const PROBE_READINGS: ReadonlySet<string> = new Set<string>([
  ...STATUSES.filter((s) => s !== "success"),
  ...ERROR_CASE_OUTCOMES.filter((o) => o !== "reply" && o !== "reply-closed"),
]);

/**
 * Whether a cell is a probe's reading rather than a server's words: one of
 * {@linkcode PROBE_READINGS}, or a reply the server followed by hanging up (its wording then
 * depends on how the collector read the close, so it is not compared as wording).
 *
 * @param cell A wording cell (`fingerprints.csv` `err_*` / `version_range_error`, or a
 *   `features.csv` `wording_*` column); null is not a reading.
 * @returns True for a reading.
 * @example
 * ```ts
 * isProbeReading("unsupported"); // true: the version_range probe was skipped
 * isProbeReading("-32601 unknown method <q>"); // false: the server's words
 * ```
 */
export function isProbeReading(cell: string | null): boolean {
  return cell !== null && (PROBE_READINGS.has(cell) || cell.startsWith(THEN_CLOSED_PREFIX));
}
