/**
 * A scan comparison in words: Markdown for the notebook (server text escaped by the caller's
 * `escape`), plain text for `deno task compare`.
 *
 * @module
 */
import type { ScanComparison } from "./compare_scans.ts";

/** How many servers a line lists before it says "and N more". */
export const LISTED = 12;

/** Options of {@linkcode comparisonLines}. */
export interface ComparisonLinesOptions {
  /** Escapes server text (names, software strings). Default: none (plain text). */
  escape?: (s: string) => string;
  /** Servers listed per line. Default: {@linkcode LISTED}. */
  listed?: number;
}

/**
 * The comparison as lines, one per finding, each with its count.
 *
 * @param c From `compareScans`.
 * @param options Escaping and list length.
 * @example
 * ```ts
 * console.log(comparisonLines(c).join("\n"));
 * ```
 */
export function comparisonLines(c: ScanComparison, options: ComparisonLinesOptions = {}): string[] {
  const esc = options.escape ?? ((s: string) => s);
  const n = options.listed ?? LISTED;
  const list = (xs: readonly string[]) =>
    xs.length === 0
      ? "none"
      : xs.slice(0, n).map(esc).join(", ") + (xs.length > n ? `, and ${xs.length - n} more` : "");
  const kinds = (k: string) => c.changes.filter((x) => x.kind === k);
  const changeList = (k: string) =>
    list(kinds(k).map((x) => `${x.server} (${x.from || "none"} -> ${x.to || "none"})`));
  const groupList = (gs: ScanComparison["groupChanges"]) =>
    gs.length
      ? `: ${
        gs.map((g) =>
          `${g.group} (${g.servers.length} servers, ${g.newServers.length} new: ${
            list(g.newServers)
          })`
        ).join("; ")
      }`
      : "";
  const changed = new Set(c.changes.map((x) => x.server)).size;
  const lines = [
    `Scan ${esc(c.a.scan_id)} (${c.a.answered} servers answered) against scan ${
      esc(c.b.scan_id)
    } (${c.b.answered} answered).`,
    `- New servers: ${c.newServers.length} of ${c.b.answered}: ${list(c.newServers)}`,
    `- Gone servers: ${c.goneServers.length} of ${c.a.answered}: ${list(c.goneServers)}`,
    `- Changed servers: ${changed} of ${c.b.answered - c.newServers.length} in both scans.`,
    `  - Version changes: ${kinds("version").length}: ${changeList("version")}`,
    `  - Claimed implementation changes: ${kinds("implementation").length}: ${
      changeList("implementation")
    }`,
    `  - Inferred implementation changes: ${kinds("inferred-implementation").length}: ${
      changeList("inferred-implementation")
    }`,
    `  - Certificate changes: ${kinds("certificate").length}: ${
      list(kinds("certificate").map((x) => x.server))
    }`,
    `- New operator groups: ${c.groupChanges.filter((g) => g.isNew).length}${
      groupList(c.groupChanges.filter((g) => g.isNew))
    }`,
    `- Operator groups joined by new servers: ${c.groupChanges.filter((g) => !g.isNew).length}${
      groupList(c.groupChanges.filter((g) => !g.isNew))
    }`,
    c.tierChanges === null
      ? "- Suspicion tier changes: not measured (a scan without hss.csv)."
      : `- Suspicion tier changes: ${c.tierChanges.length}: ${
        list(c.tierChanges.map((t) => `${t.server} (${t.from} -> ${t.to})`))
      }`,
    `- First-seen bursts: ${c.bursts.length}${
      c.bursts.length
        ? `: ${
          c.bursts.map((b) =>
            `${esc(b.template)}: ${b.servers.length} new servers${
              b.not_before_span_s !== null
                ? `, certificates issued within ${b.not_before_span_s} s`
                : ""
            }${b.first_seen_span_s !== null ? `, first seen within ${b.first_seen_span_s} s` : ""}`
          ).join("; ")
        }`
        : ""
    }`,
  ];
  return lines;
}
