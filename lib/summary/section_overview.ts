/**
 * Section 1 of the executive summary, the network overview: reachable servers, continents,
 * providers, implementations (as claimed), TLS certificate reuse; each number with its
 * denominator and a link to where notebook 02 shows it.
 *
 * @module
 */
import type { SummaryData } from "./load_summary.ts";
import { countOf, NOTEBOOKS, pct, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.overview;

/**
 * The overview's bullet points (Markdown), one per seed item.
 *
 * @param s The summary's data.
 * @returns Markdown lines, each a list item.
 */
export function overviewBullets(s: SummaryData): string[] {
  const t = s.overview;
  const tr = (name: string) => t.transports.find((r) => r.transport === name)?.servers ?? 0;
  const out: string[] = [];
  out.push(
    `- **Reachable servers:** ${
      countOf(t.reachable, t.discovered, "discovered servers")
    } answered the version handshake: ${tr("clearnet")} on clearnet addresses and ${
      tr("onion")
    } onion services; ${countOf(tr("TLS"), t.reachable, "reachable servers")} offer TLS and ${
      countOf(tr("TCP only"), t.reachable, "reachable servers")
    } plaintext TCP only. ${shownIn(NB, "Reachable servers by transport")}`,
  );
  const located = t.continents.filter((r) => r.key !== null && !/onion/i.test(r.label));
  if (located.length) {
    const top = located.slice(0, 3).map((r) => `${text(r.label)} ${r.count} (${pct(r.share)})`);
    out.push(
      `- **Continents:** the reachable servers sit on ${located.length} continents; the largest are ${
        top.join(", ")
      } of ${t.reachable} reachable servers (onion services are not located). ${
        shownIn(NB, "Where the servers are", ["server_map"])
      }`,
    );
  } else {
    out.push(
      `- **Continents:** not measured: no reachable server could be located (the offline databases know none of the addresses). ${
        shownIn(NB, "Where the servers are")
      }`,
    );
  }
  const prov = s.concentration.find((r) => r.dimension === "provider");
  if (prov && prov.servers > 0 && prov.largest !== null) {
    out.push(
      `- **Hosting providers:** ${prov.groups} providers host the ${prov.servers} reachable clearnet servers; ${prov.groups_for_half} of them hold half; the largest, ${
        text(prov.largest)
      }, hosts ${
        countOf(Math.round((prov.largest_share ?? 0) * prov.servers), prov.servers, "servers")
      }; Herfindahl-Hirschman index ${prov.hhi} on the 0-10,000 scale. ${
        shownIn(NB, "Centralization", ["servers_by_provider", "lorenz_concentration"])
      }`,
    );
  } else {
    out.push(
      `- **Hosting providers:** not measured: no reachable clearnet server could be placed in a provider. ${
        shownIn(NB, "Who runs the networks")
      }`,
    );
  }
  const impl = t.implementations.filter((r) => r.key !== null);
  if (impl.length) {
    const top = impl.slice(0, 4).map((r) => `${text(r.label)} ${r.count} (${pct(r.share)})`);
    out.push(
      `- **Software (as claimed in \`server.version\`):** ${impl.length} implementations among ${t.reachable} reachable servers: ${
        top.join(", ")
      }. ${shownIn(NB, "Software, protocol and tip", ["servers_by_implementation"])}`,
    );
  }
  const r = s.reuse;
  if (r) {
    const share = (m: string) => r.shares.find((x) => x.measure.startsWith(m))?.hosts ?? 0;
    const parts = [
      `${countOf(share("self-signed"), r.hosts, "TLS hosts")} present a self-signed certificate`,
      `${share("CA-issued")} a CA-issued one`,
      `${share("expired")} an expired one`,
      `${share("sharing a certificate")} share a certificate with another host`,
    ];
    const tpl = r.templates[0], burst = r.bursts[0];
    const extra = [
      tpl
        ? `the largest numbered name template, ${text(tpl.template)}, covers ${tpl.hosts} hosts`
        : null,
      burst
        ? `the largest issuance burst is ${burst.certificates} certificates on ${burst.hosts} hosts within ${burst.span_seconds} s`
        : null,
    ].filter((x) => x !== null);
    out.push(
      `- **TLS certificate reuse:** ${parts.join(", ")}${
        extra.length ? `; ${extra.join("; ")}` : ""
      }. ${shownIn(NB, "Certificate reuse", ["certificate_reuse", "certificate_issuance"])}`,
    );
  } else {
    out.push(
      `- **TLS certificate reuse:** not measured: this scan wrote no \`tls.csv\`. ${
        shownIn(NB, "Certificate reuse")
      }`,
    );
  }
  return out;
}
