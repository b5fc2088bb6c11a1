/**
 * Section 5 of the executive summary, recommendations for users and for wallet developers.
 * Each recommendation states the measured number that motivates it (from this scan's tables);
 * the measured effect of following it comes from the privacy experiment's recommendation table
 * when it is there, and is said to be not measured otherwise.
 *
 * @module
 */
import type { SummaryData } from "./load_summary.ts";
import type { PrivacyRecommendation } from "./read_privacy.ts";
import { countOf, NOTEBOOKS, pct, shownIn, text } from "./markdown.ts";
import { changeText } from "./section_privacy.ts";

/** Which rows of the recommendation table each recommendation of the seed reads (by name). */
export const RECOMMENDATION_ROWS = {
  tor: /^Use Tor/,
  rotate: /^Rotate servers/,
  xpub: /xpub/i,
  serverTypes: /^Prefer onion|^Run your own server/,
  batch: /^Batch/,
  randomise: /^Randomise/,
  defensive: /^Decoy|^Split|^A Tor circuit/,
  tls: /^Prefer CA-verified TLS/,
  redundancy: /^Multi-server|^Cross-check/,
} as const;

/** One tried recommendation's measure in words: before to after, denominator, verdict, cost. */
export function effectText(r: PrivacyRecommendation): string {
  return `${text(r.recommendation)}: ${text(r.measure)}, ${
    changeText(r.before, r.after, r.unit, r.denominator)
  }: **${r.verdict === "cost" ? "a cost" : r.verdict}**${
    r.cost && r.cost !== "-" ? ` (cost: ${text(r.cost)})` : ""
  }`;
}

/**
 * The effect the privacy experiment measured for the recommendations whose name matches: a
 * phrase ending the recommendation's line, and one sub-bullet per measure.
 */
function effect(s: SummaryData, key: keyof typeof RECOMMENDATION_ROWS): [string, ...string[]] {
  const rows = s.privacy?.recommendations;
  if (!rows) return ["Its effect is not measured in this run (notebook 05 wrote no table)."];
  const hit = rows.filter((r) => RECOMMENDATION_ROWS[key].test(r.recommendation));
  if (!hit.length) {
    return ["Its effect is not measured in this run (no row in notebook 05's table)."];
  }
  const figs = ["privacy_recommendations", ...(key === "rotate" ? ["privacy_restarts"] : [])]
    .filter((f) => s.figures.includes(f));
  return [
    `Measured effect ${shownIn(NOTEBOOKS.privacy, "Recommendations, tried", figs)}:`,
    ...hit.map((r) => `  - ${effectText(r)}`),
  ];
}

/** A recommendation's bullet: its motivation, then its measured effect. */
function bullet(title: string, motivation: string, measured: [string, ...string[]]): string[] {
  const [phrase, ...lines] = measured;
  return [`- **${title}**${motivation ? ` ${motivation}` : ""} ${phrase}`, ...lines];
}

/**
 * The recommendations (Markdown): a list for users and one for wallet developers.
 *
 * @param s The summary's data.
 */
export function recommendationLines(s: SummaryData): string[] {
  const t = s.overview;
  const tr = (name: string) => t.transports.find((r) => r.transport === name)?.servers ?? 0;
  const prov = s.concentration.find((r) => r.dimension === "provider");
  const provText = prov && prov.largest !== null && prov.servers > 0
    ? `the largest provider, ${text(prov.largest)}, hosts ${
      pct(prov.largest_share)
    } of ${prov.servers} reachable clearnet servers ${
      shownIn(NOTEBOOKS.overview, "Centralization")
    }`
    : "where servers are hosted is not measured here";
  const grouped = s.clusters?.filter((r) => r.operator_group !== null && r.operator_group !== "")
    .length ?? null;
  const groupText = grouped === null || !s.clusters
    ? "operator groups are not measured here"
    : `${countOf(grouped, s.clusters.length, "servers")} belong to operator groups ${
      shownIn(NOTEBOOKS.clusters, "Operator groups")
    }`;
  const r = s.reuse;
  const share = (m: string) => r?.shares.find((x) => x.measure.startsWith(m))?.hosts ?? 0;
  const ov = NOTEBOOKS.overview;
  const users = [
    ...bullet(
      "Use Tor:",
      `a server sees the client's address, and ${provText}; ${
        countOf(tr("onion"), t.reachable, "reachable servers")
      } are onion services.`,
      effect(s, "tor"),
    ),
    ...bullet("Rotate servers, and do not trust one:", `${groupText}.`, effect(s, "rotate")),
    ...bullet(
      "Avoid xpub-style queries",
      "(handing a server the whole wallet).",
      effect(s, "xpub"),
    ),
    ...bullet(
      "Prefer server types:",
      `${countOf(tr("TCP only"), t.reachable, "reachable servers")} speak plaintext TCP only, and ${
        r ? countOf(share("CA-issued"), r.hosts, "TLS hosts") : "an unmeasured number of TLS hosts"
      } present a CA-issued certificate ${
        shownIn(ov, "Certificate reuse")
      }; your own server or an onion server avoids both.`,
      effect(s, "serverTypes"),
    ),
  ];
  const devs = [
    ...bullet("Batch requests", "to minimise timing leaks.", effect(s, "batch")),
    ...bullet("Randomise network behaviour", "(request timing).", effect(s, "randomise")),
    ...bullet(
      "Defensive query patterns",
      "(decoy subscriptions, subscriptions split over servers, a Tor circuit per wallet or per address).",
      effect(s, "defensive"),
    ),
    ...bullet(
      "Stricter TLS validation:",
      `${
        r
          ? `${countOf(share("self-signed"), r.hosts, "TLS hosts")} are self-signed, ${
            countOf(share("expired"), r.hosts, "TLS hosts")
          } expired and ${
            countOf(share("Subject"), r.hosts, "TLS hosts")
          } carry a Subject contradicting their name or location`
          : "certificates were not measured in this run"
      } ${shownIn(ov, "Certificate reuse")}.`,
      effect(s, "tls"),
    ),
    ...bullet(
      "Multi-server redundancy",
      `(cross-check headers and proofs across operators): ${groupText}, and ${provText}.`,
      effect(s, "redundancy"),
    ),
  ];
  return ["**For users**", "", ...users, "", "**For wallet developers**", "", ...devs];
}
