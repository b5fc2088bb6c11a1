/**
 * Scans over time: read archived scans back (`load_archived_scan.ts`; the archive itself is
 * written by `lib/records/archive_scan.ts` at the end of every scan), compare two of them
 * (`compare_scans.ts`: new, gone, changed servers, version/implementation/certificate changes,
 * new operator groups, tier changes, first-seen bursts), say it in words
 * (`comparison_lines.ts`), and the `deno task compare` command (`compare_cli.ts`).
 *
 * @example
 * ```ts
 * import { compareScans, loadArchivedScan } from "./mod.ts";
 * const c = compareScans(await loadArchivedScan(dir, "previous"), await loadArchivedScan(dir, "latest"));
 * ```
 *
 * @module
 */
export * from "./load_archived_scan.ts";
export * from "./compare_scans.ts";
export * from "./comparison_lines.ts";
export * from "./compare_cli.ts";
export * from "./over_time_section.ts";
