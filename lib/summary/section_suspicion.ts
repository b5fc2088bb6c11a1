/**
 * Section 3 of the executive summary, honeypot suspicion, from `hss.csv` (and `clusters.csv` for
 * why a group is a group): servers by tier; the high and the medium servers with their top
 * evidence, a group's members summed up in one line (they share their evidence) and servers in
 * no group named one by one; the tiers per operator group as a table; and the benign clusters
 * named with their reason (what links them, and their highest score). A plain "not measured"
 * when the table is absent.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import type { HssRow } from "./read_hss.ts";
import type { Tier } from "../suspect/score_servers.ts";
import { countOf, NOTEBOOKS, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.suspicion;

/** How many servers in no group the summary names per tier. */
export const HIGH_NAMED = 10;

/** How many member servers a group's line names. */
export const MEMBERS_NAMED = 3;

/** Options of {@linkcode suspicionBullets}. */
export interface SuspicionOptions {
  /** Rows of `clusters.csv` (for each group's evidence), or null. Default: null. */
  clusters?: readonly Row[] | null;
  /** Names of the published figures; a figure not among them is not linked. Default: all linked. */
  figures?: readonly string[];
}

const score = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

function range(rows: readonly HssRow[]): string {
  const xs = rows.map((r) => r.hss);
  const [lo, hi] = [Math.min(...xs), Math.max(...xs)];
  return lo === hi ? `HSS ${score(hi)}` : `HSS ${score(lo)}-${score(hi)}`;
}

/** The most frequent value, ties broken by first appearance. */
function mostCommon(xs: readonly string[]): string | null {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  let best: string | null = null;
  for (const [k, n] of m) if (best === null || n > m.get(best)!) best = k;
  return best;
}

/** Lines for the servers of one tier: one per group, then the servers in no group. */
function tierLines(rows: readonly HssRow[]): string[] {
  const byGroup = new Map<string, HssRow[]>();
  const alone: HssRow[] = [];
  for (const r of rows) {
    if (r.group === null) alone.push(r);
    else byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
  }
  const out: string[] = [];
  for (const [g, members] of [...byGroup].sort((a, b) => b[1].length - a[1].length)) {
    const names = members.slice(0, MEMBERS_NAMED).map((r) => text(r.server)).join(", ");
    out.push(
      `  - operator group ${text(g)}: ${members.length} servers, ${range(members)} (${names}${
        members.length > MEMBERS_NAMED ? `, and ${members.length - MEMBERS_NAMED} more` : ""
      }); top evidence: ${text(mostCommon(members.map((r) => r.evidence)) || "none recorded")}`,
    );
  }
  const sorted = [...alone].sort((a, b) => b.hss - a.hss || a.server.localeCompare(b.server));
  for (const r of sorted.slice(0, HIGH_NAMED)) {
    out.push(
      `  - ${text(r.server)} (in no group): HSS ${score(r.hss)}; ${
        text(r.evidence || "no evidence recorded")
      }`,
    );
  }
  if (sorted.length > HIGH_NAMED) {
    out.push(`  - and ${sorted.length - HIGH_NAMED} more servers in no group`);
  }
  return out;
}

/**
 * The suspicion bullets (Markdown).
 *
 * @param rows Rows of `hss.csv`, or null when absent.
 * @param options `clusters.csv` rows and the published figures.
 * @example
 * ```ts
 * suspicionBullets(s.hss, { clusters: s.clusters, figures: s.figures });
 * ```
 */
export function suspicionBullets(
  rows: readonly HssRow[] | null,
  options: SuspicionOptions = {},
): string[] {
  if (rows === null) {
    return [
      "- **Not measured in this run:** `data/hss.csv` is not there, so no server has a Honeypot Suspicion Score here (notebook 04 computes it from TLS anomalies, behavioural anomalies, unusual latency, certificate reuse and operator clustering).",
    ];
  }
  const figs = (names: string[]) =>
    options.figures ? names.filter((f) => options.figures!.includes(f)) : names;
  const n = rows.length;
  const tier = (t: Tier) => rows.filter((r) => r.tier === t);
  const [high, medium, benign] = [tier("high"), tier("medium"), tier("benign")];
  const out = [
    `- **Servers by tier:** high ${countOf(high.length, n, "scored servers")}, medium ${
      countOf(medium.length, n, "scored servers")
    }, benign ${
      countOf(benign.length, n, "scored servers")
    } (high: HSS 90 or more of 100; medium: 50 or more). ${
      shownIn(NB, "The score by tier, provider and implementation", figs(["hss_distribution"]))
    }`,
  ];
  const tiers: [string, HssRow[], string][] = [
    ["High suspicion", high, "High-suspicion servers"],
    ["Medium suspicion", medium, "Medium-suspicion servers"],
  ];
  for (const [title, members, section] of tiers) {
    if (!members.length) {
      out.push(`- **${title}:** none of ${n} scored servers.`);
      continue;
    }
    const grouped = members.filter((r) => r.group !== null).length;
    out.push(
      `- **${title}:** ${
        countOf(members.length, n, "scored servers")
      }, ${grouped} of them in operator groups; each group with its top evidence, then the servers in no group, highest score first: ${
        shownIn(NB, section, figs(["hss_evidence_matrix"]))
      }`,
      ...tierLines(members),
    );
  }
  out.push(...groupLines(rows, options.clusters ?? null, figs));
  return out;
}

/** The tiers per operator group (a table) and the benign clusters with their reason. */
function groupLines(
  rows: readonly HssRow[],
  clusters: readonly Row[] | null,
  figs: (names: string[]) => string[],
): string[] {
  const groups = new Map<string, HssRow[]>();
  for (const r of rows) {
    if (r.group !== null) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  }
  const link = shownIn(NB, "Operator groups: benign clusters and suspicious groups", figs([]));
  if (groups.size === 0) return [`- **Operator groups:** none in this scan. ${link}`];
  const evidence = new Map<string, string>();
  for (const r of clusters ?? []) {
    const g = r.operator_group, e = r.operator_evidence;
    if (typeof g === "string" && typeof e === "string" && !evidence.has(g)) evidence.set(g, e);
  }
  const order: Record<string, number> = { high: 0, medium: 1, benign: 2 };
  const list = [...groups].map(([group, members]) => ({
    group,
    members,
    tier: members[0].groupTier ?? "benign",
  })).sort((a, b) =>
    order[a.tier] - order[b.tier] || b.members.length - a.members.length ||
    a.group.localeCompare(b.group)
  );
  const count = (ms: HssRow[], t: Tier) => ms.filter((m) => m.tier === t).length;
  const out = [
    `- **Tiers per operator group:** ${groups.size} operator groups hold ${
      countOf([...groups.values()].reduce((a, m) => a + m.length, 0), rows.length, "scored servers")
    }; a group is high when half or more of its members are, medium when any member is medium or high, else benign. ${link}`,
    "",
    "| group | servers | group tier | high | medium | benign | highest HSS |",
    "|---|---|---|---|---|---|---|",
    ...list.map((g) =>
      `| ${text(g.group)} | ${g.members.length} | ${g.tier} | ${count(g.members, "high")} | ${
        count(g.members, "medium")
      } | ${count(g.members, "benign")} | ${score(Math.max(...g.members.map((m) => m.hss)))} |`
    ),
    "",
  ];
  const benign = list.filter((g) => g.tier === "benign");
  out.push(
    `- **Benign clusters:** ${countOf(benign.length, groups.size, "operator groups")}, holding ${
      benign.reduce((a, g) => a + g.members.length, 0)
    } servers: linked as one operator, yet no member scores 50 or more. ${link}`,
    ...benign.map((g) =>
      `  - ${text(g.group)} (${g.members.length} servers, highest HSS ${
        score(Math.max(...g.members.map((m) => m.hss)))
      }): linked by ${
        evidence.has(g.group)
          ? text(evidence.get(g.group))
          : "evidence not in this run's clusters.csv"
      }`
    ),
  );
  return out;
}
