/**
 * Section 5 of the executive summary, recommendations for users and for wallet developers.
 * Each recommendation states the measured number that motivates it (from this scan's tables);
 * the measured effect of following it comes from the privacy experiment's recommendation table
 * when it is there, and is said to be not measured otherwise.
 *
 * @module
 */
import type { SummaryData } from "./load_summary.ts";
import { countOf, NOTEBOOKS, pct, shownIn, text } from "./markdown.ts";
import { pick } from "./section_privacy.ts";

/** The effect the privacy experiment measured for a recommendation whose name matches. */
function effect(s: SummaryData, match: RegExp): string {
  const rows = s.privacy?.recommendations;
  if (!rows) return "its effect is not measured in this run (notebook 05)";
  const row = rows.find((r) => match.test(pick(r, ["recommendation", "name"])));
  if (!row) return "its effect is not measured in this run (no row in notebook 05's table)";
  const e = pick(row, ["effect_measured", "effect", "measured_effect"]);
  const cost = pick(row, ["cost"]);
  return `measured effect: ${text(e || "none recorded")}${
    cost ? `, at a cost of ${text(cost)}` : ""
  } ${shownIn(NOTEBOOKS.privacy, "Recommendations")}`;
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
    `- **Use Tor:** a server sees the client's address, and ${provText}; ${
      tr("onion")
    } of ${t.reachable} reachable servers are onion services. Tor: ${effect(s, /tor/i)}.`,
    `- **Rotate servers, and do not trust one:** ${groupText}. Rotation: ${effect(s, /rotat/i)}.`,
    `- **Avoid xpub-style queries** (handing a server the whole wallet): ${effect(s, /xpub/i)}.`,
    `- **Prefer server types:** ${
      countOf(tr("TCP only"), t.reachable, "reachable servers")
    } speak plaintext TCP only, and ${
      r ? countOf(share("CA-issued"), r.hosts, "TLS hosts") : "an unmeasured number of TLS hosts"
    } present a CA-issued certificate ${
      shownIn(ov, "Certificate reuse")
    }; your own server or an onion server avoids both. Server types: ${
      effect(s, /prefer|type|own server|onion/i)
    }.`,
  ];
  const devs = [
    `- **Batch requests** to minimise timing leaks: ${effect(s, /batch/i)}.`,
    `- **Randomise network behaviour** (timing, decoy or split subscriptions): ${
      effect(s, /random|decoy|split/i)
    }.`,
    `- **Defensive query patterns:** ${effect(s, /defensive|query pattern/i)}.`,
    `- **Stricter TLS validation:** ${
      r
        ? `${countOf(share("self-signed"), r.hosts, "TLS hosts")} are self-signed, ${
          share("expired")
        } expired and ${share("Subject")} carry a Subject contradicting their name or location`
        : "certificates were not measured in this run"
    } ${shownIn(ov, "Certificate reuse")}. Strict validation: ${effect(s, /tls|valid/i)}.`,
    `- **Multi-server redundancy** (cross-check headers and proofs across operators): ${groupText}, and ${provText}. Cross-checks: ${
      effect(s, /multi|redund|cross/i)
    }.`,
  ];
  return ["**For users**", "", ...users, "", "**For wallet developers**", "", ...devs];
}
