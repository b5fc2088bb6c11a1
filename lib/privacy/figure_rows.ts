/**
 * Rows for the privacy figures (`lib/plots/request_timeline.ts`, `before_after_chart.ts`), so
 * notebook cells only call and draw.
 *
 * @module
 */
import type { RecommendationRow } from "./recommendation_table.ts";
import type { WalletTranscript } from "./transcript.ts";

/** Options of {@linkcode timelineRows}. */
export interface TimelineRowsOptions {
  /** The scenario whose transcript is drawn. */
  scenario: string;
  /** Leave out requests after this many seconds. Default: none. */
  untilS?: number;
}

/**
 * One row per logged request of the transcript of `options.scenario` (server labelled with its role, seconds since the
 * wallet started), and the scenario's marks as labelled rules.
 *
 * @throws {RangeError} When no transcript has that scenario.
 * @example
 * ```ts
 * const { rows, marks } = timelineRows(inputs.transcripts, { scenario: "failover" });
 * requestTimeline(rows, { marks });
 * ```
 */
export function timelineRows(
  transcripts: readonly WalletTranscript[],
  options: TimelineRowsOptions,
): {
  rows: { server: string; tS: number; method: string }[];
  marks: { tS: number; label: string }[];
} {
  const scenario = options.scenario;
  const t = transcripts.find((x) => x.scenario === scenario);
  if (!t) {
    throw new RangeError(`timelineRows: no transcript of scenario ${JSON.stringify(scenario)}`);
  }
  const label = new Map(t.servers.map((s) => [s.id, `${s.id} (${s.role})`]));
  const until = options.untilS ?? Infinity;
  return {
    rows: t.events.filter((e) => e.tMs / 1000 <= until).map((e) => ({
      server: label.get(e.server) ?? e.server,
      tS: e.tMs / 1000,
      method: e.method,
    })),
    marks: t.marks.filter((m) => m.tMs / 1000 <= until && m.name !== "stopped").map((m) => ({
      tS: m.tMs / 1000,
      label: m.name,
    })),
  };
}

/** The recommendation table as before/after arrows (label: recommendation and measure). */
export function recommendationArrows(
  rows: readonly RecommendationRow[],
): { label: string; before: number; after: number; verdict: string }[] {
  return rows.map((r) => ({
    label: `${r.recommendation}: ${r.measure}`,
    before: r.before,
    after: r.after,
    verdict: r.verdict,
  }));
}
