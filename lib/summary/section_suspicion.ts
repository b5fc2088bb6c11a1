/**
 * Section 3 of the executive summary, honeypot suspicion: servers by tier (high, medium,
 * benign) with the high ones named and their top evidence, and the operator groups whose group
 * tier is benign (the benign clusters), from `hss.csv`; a plain "not measured" when the table is
 * absent.
 *
 * @module
 */
import type { HssRow } from "./read_hss.ts";
import { countOf, NOTEBOOKS, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.suspicion;

/** How many high-tier servers the summary names. */
export const HIGH_NAMED = 10;

/**
 * The suspicion bullets (Markdown).
 *
 * @param rows Rows of `hss.csv`, or null when absent.
 */
export function suspicionBullets(rows: readonly HssRow[] | null): string[] {
  if (rows === null) {
    return [
      "- **Not measured in this run:** `data/hss.csv` is not there, so no server has a Honeypot Suspicion Score here (notebook 04 computes it from TLS anomalies, behavioural anomalies, unusual latency, certificate reuse and operator clustering).",
    ];
  }
  const n = rows.length;
  const tier = (t: string) => rows.filter((r) => r.tier === t);
  const high = [...tier("high")].sort((a, b) => (b.hss ?? -1) - (a.hss ?? -1));
  const medium = tier("medium");
  const benign = tier("benign");
  const out = [
    `- **Servers by tier:** high ${countOf(high.length, n, "scored servers")}, medium ${
      countOf(medium.length, n, "scored servers")
    }, benign ${countOf(benign.length, n, "scored servers")}. ${shownIn(NB, "Tiers")}`,
  ];
  if (high.length) {
    out.push(
      `- **High suspicion** (${high.length} servers; ${
        Math.min(HIGH_NAMED, high.length)
      } highest scores, with their top evidence):`,
    );
    for (const r of high.slice(0, HIGH_NAMED)) {
      out.push(
        `  - ${text(r.server)}: HSS ${r.hss === null ? "unknown" : r.hss.toFixed(2)}${
          r.group ? `, operator group ${text(r.group)}` : ""
        }; ${text(r.evidence || "no evidence recorded")}`,
      );
    }
  }
  if (medium.length) {
    const groups = new Set(medium.map((r) => r.group).filter((g) => g !== null));
    out.push(
      `- **Medium suspicion:** ${medium.length} servers, in ${groups.size} operator groups (the rest in none). ${
        shownIn(NB, "Tiers")
      }`,
    );
  }
  const byGroup = new Map<string, { tier: string | null; servers: number }>();
  for (const r of rows) {
    if (r.group === null) continue;
    const g = byGroup.get(r.group) ?? { tier: r.groupTier, servers: 0 };
    g.servers += 1;
    byGroup.set(r.group, g);
  }
  const benignGroups = [...byGroup].filter(([, g]) => g.tier === "benign");
  out.push(
    `- **Benign clusters:** ${
      countOf(benignGroups.length, byGroup.size, "operator groups")
    } have the benign group tier, holding ${
      benignGroups.reduce((a, [, g]) => a + g.servers, 0)
    } servers. ${shownIn(NB, "Operator groups")}`,
  );
  return out;
}
