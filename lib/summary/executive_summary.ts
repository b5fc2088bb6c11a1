/**
 * The executive summary: the seed's outline (network overview, behavioural clusters, honeypot
 * suspicion, privacy risks, recommendations, deliverables) filled from this scan's tables. Every
 * number carries its unit and denominator and links to the notebook section and figure that
 * show it; every heading that gives a number carries the run's tag (`LAB RUN (simulated
 * network)` on a lab run); a section whose table is absent says plainly that it was not
 * measured. Server text is escaped.
 *
 * @module
 */
import { labelled } from "../analysis/run_label.ts";
import type { SummaryData } from "./load_summary.ts";
import { overviewBullets } from "./section_overview.ts";
import { clusterBullets } from "./section_clusters.ts";
import { suspicionBullets } from "./section_suspicion.ts";
import { privacyBullets } from "./section_privacy.ts";
import { recommendationLines } from "./section_recommendations.ts";
import { deliverableLines } from "./section_deliverables.ts";
import { text } from "./markdown.ts";
import { type Displayable, showMarkdown } from "../notebook/display.ts";

/** The sections, in the seed's order. */
export const SUMMARY_SECTIONS = [
  "overview",
  "clusters",
  "suspicion",
  "privacy",
  "recommendations",
  "deliverables",
] as const;

/** One section's id. */
export type SummarySectionId = typeof SUMMARY_SECTIONS[number];

/** One section of the summary. */
export interface SummarySection {
  id: SummarySectionId;
  /** The heading's text without the run tag. */
  title: string;
  /** False when the section's table is absent (its text says so). */
  measured: boolean;
  /** The section as Markdown, from its `##` heading on. */
  markdown: string;
}

const TITLES: Record<SummarySectionId, string> = {
  overview: "1. Network overview",
  clusters: "2. Behavioural clusters",
  suspicion: "3. Honeypot suspicion rankings",
  privacy: "4. Privacy risk assessment",
  recommendations: "5. Recommendations",
  deliverables: "6. Deliverables",
};

/**
 * The summary's sections.
 *
 * @param s The summary's data (`loadSummaryData`).
 * @returns One section per seed section, in order.
 * @example
 * ```ts
 * const sections = executiveSummary(await loadSummaryData());
 * sections[0].markdown; // "## 1. Network overview — LAB RUN (simulated network)\n\n- ..."
 * ```
 */
export function executiveSummary(s: SummaryData): SummarySection[] {
  const body: Record<SummarySectionId, { lines: string[]; measured: boolean }> = {
    overview: { lines: overviewBullets(s), measured: true },
    clusters: { lines: clusterBullets(s.clusters), measured: s.clusters !== null },
    suspicion: {
      lines: suspicionBullets(s.hss, { clusters: s.clusters, figures: s.figures }),
      measured: s.hss !== null,
    },
    privacy: { lines: privacyBullets(s.privacy, s.figures), measured: s.privacy !== null },
    recommendations: { lines: recommendationLines(s), measured: true },
    deliverables: { lines: deliverableLines(s), measured: true },
  };
  return SUMMARY_SECTIONS.map((id) => {
    const { lines, measured } = body[id];
    const heading = measured
      ? labelled(TITLES[id], s.label)
      : `${TITLES[id]} — not measured in this run`;
    return {
      id,
      title: TITLES[id],
      measured,
      markdown: [`## ${heading}`, "", ...lines].join("\n"),
    };
  });
}

/**
 * The summary's opening paragraph: what kind of run, which scan, when.
 *
 * @param s The summary's data.
 */
export function summaryIntro(s: SummaryData): string {
  return [
    `**${s.label.tag}.** ${s.label.sentence}`,
    "",
    `Scan ${text(s.scanId)}${
      s.startedAt ? `, started ${text(s.startedAt)}` : ""
    }. Every number below is computed from this scan's tables in \`data/\` and links to the notebook section and figure that show it; a section whose table this run did not write says so.`,
  ].join("\n");
}

/**
 * One section of the summary, for a notebook cell to display.
 *
 * @param sections From {@linkcode executiveSummary}.
 * @param id The section.
 * @throws {RangeError} For an id that is not a section.
 * @example
 * ```ts
 * showSection(executiveSummary(s), "overview");
 * ```
 */
export function showSection(
  sections: readonly SummarySection[],
  id: SummarySectionId,
): Displayable {
  const section = sections.find((x) => x.id === id);
  if (!section) {
    throw new RangeError(
      `showSection: no section ${JSON.stringify(id)} (${sections.map((x) => x.id).join(", ")})`,
    );
  }
  return showMarkdown(section.markdown);
}
