/**
 * The overview's headline numbers in words, for the notebook's closing "what was seen" cell.
 *
 * @module
 */
import type { CertificateReuse } from "./certificate_reuse.ts";
import type { ConcentrationRow } from "./concentration.ts";
import type { OverviewTables } from "./overview.ts";
import type { RunLabel } from "./run_label.ts";

const pct = (
  x: number | null | undefined,
) => (x === null || x === undefined ? "?" : `${(x * 100).toFixed(1)}%`);

/**
 * Sentences summarising the overview (plain text; the caller escapes them for display).
 *
 * @param tables From `overviewTables`.
 * @param concentration From `concentrationSummary`.
 * @param reuse From `certificateReuse`, or null when there is no `tls.csv`.
 * @param label The run's label (lab runs say so first).
 * @returns One sentence per finding.
 * @example
 * ```ts
 * overviewFindings(t, conc, reuse, d.label).join(" ");
 * ```
 */
export function overviewFindings(
  tables: OverviewTables,
  concentration: readonly ConcentrationRow[],
  reuse: CertificateReuse | null,
  label: RunLabel,
): string[] {
  const out: string[] = [];
  if (label.isLab) {
    out.push("Lab run: these findings describe the emulated population, not the real network.");
  }
  const tr = (name: string) => tables.transports.find((r) => r.transport === name);
  out.push(
    `${tables.reachable} of ${tables.discovered} discovered servers answered; ${
      pct(tr("TLS")?.share)
    } offer TLS, ${pct(tr("onion")?.share)} are onion services and ${
      pct(tr("IPv6 reachable")?.share)
    } answered over IPv6.`,
  );
  const by = (dim: string) => concentration.find((r) => r.dimension === dim);
  const asn = by("ASN"),
    prov = by("provider"),
    country = by("country"),
    impl = by("implementation");
  if (asn && prov) {
    out.push(
      `${asn.groups_for_half} autonomous system(s) and ${prov.groups_for_half} provider(s) hold half of the reachable clearnet servers; the largest provider, ${prov.largest}, holds ${
        pct(prov.largest_share)
      } (HHI ${prov.hhi}).`,
    );
  }
  if (country) {
    out.push(
      `The largest country, ${country.largest}, holds ${
        pct(country.largest_share)
      } (HHI ${country.hhi}).`,
    );
  }
  const v4 = by("IPv4 /16 (Electrum bucket)");
  if (v4 && v4.servers) {
    out.push(
      `The ${v4.servers} reachable IPv4 servers fall into ${v4.groups} /16 buckets (the Electrum client keeps at most one non-main connection per bucket); the fullest, ${v4.largest}, holds ${
        pct(v4.largest_share)
      }.`,
    );
  }
  if (impl) {
    out.push(
      `${impl.largest} is claimed by ${
        pct(impl.largest_share)
      } of the servers that named their software.`,
    );
  }
  if (reuse) {
    const t = reuse.templates[0], b = reuse.bursts[0], c = reuse.sharedCertificates[0];
    if (c) out.push(`The most shared certificate is presented by ${c.hosts} distinct hosts.`);
    if (t) out.push(`The largest numbered name template, ${t.template}, covers ${t.hosts} hosts.`);
    if (b) {
      out.push(
        `The largest issuance burst: ${b.certificates} certificates on ${b.hosts} hosts within ${b.span_seconds} s from ${b.start}.`,
      );
    }
    const contra = reuse.shares.find((s) => s.measure.startsWith("Subject"));
    if (contra?.hosts) {
      out.push(
        `${contra.hosts} TLS hosts carry a Subject that contradicts their name or location.`,
      );
    }
  } else out.push("No certificate rows: certificate reuse was not analysed.");
  return out;
}
