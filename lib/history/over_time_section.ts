/**
 * The executive summary's "over time" section: this scan against the one archived before it
 * (same target), in words with counts, or a plain sentence when there is nothing to compare yet.
 *
 * @module
 */
import { labelled, runLabel } from "../analysis/run_label.ts";
import { readScanIndex } from "../records/archive_scan.ts";
import { text } from "../summary/markdown.ts";
import { loadArchivedScan } from "./load_archived_scan.ts";
import { compareScans } from "./compare_scans.ts";
import { comparisonLines } from "./comparison_lines.ts";

/** The section's heading without its run tag. */
export const OVER_TIME_TITLE = "7. Over time";

/**
 * The section as Markdown, from its `##` heading on.
 *
 * @param archiveDir The scan archive (`data/archive`).
 * @param scanId The scan the summary describes (compared with the archived scan of the same
 *   target before it).
 * @example
 * ```ts
 * showMarkdown(await overTimeMarkdown(`${dataDir()}/archive`, s.scanId));
 * ```
 */
export async function overTimeMarkdown(archiveDir: string, scanId: string): Promise<string> {
  const index = await readScanIndex(archiveDir);
  const i = index.findIndex((x) => x.scan_id === scanId);
  const current = index[i];
  const before = i > 0
    ? index.slice(0, i).reverse().find((x) => x.target === current.target)
    : undefined;
  if (!current || !before) {
    return [
      `## ${OVER_TIME_TITLE} — nothing to compare in this run`,
      "",
      current
        ? `- This is the first archived ${
          text(current.target)
        } scan in \`data/archive/\` (${index.length} scans archived): no earlier scan to compare it with. Scan again later (on a lab: the clock 7 days on, \`OBS_LAB_WEEK=1\`) and \`deno task compare\` lists what changed.`
        : `- This scan is not in the archive (\`data/archive/index.json\`, ${index.length} scans): nothing to compare.`,
    ].join("\n");
  }
  const [a, b] = [
    await loadArchivedScan(archiveDir, before.scan_id),
    await loadArchivedScan(archiveDir, current.scan_id),
  ];
  const lines = comparisonLines(compareScans(a, b), { escape: text });
  return [
    `## ${labelled(OVER_TIME_TITLE, runLabel(b.manifest))}`,
    "",
    lines[0],
    "",
    ...lines.slice(1),
    "",
    "Computed by `lib/history/` from the two archived scans; `deno task compare " +
    `${text(before.scan_id)} ${text(current.scan_id)}\` prints the same.`,
  ].join("\n");
}
