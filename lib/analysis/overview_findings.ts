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
) => (x === null || x === undefined ? "an unknown share" : `${(x * 100).toFixed(1)}%`);

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
  } else if (label.target === "local") {
    out.push(
      "Local run: these findings describe the servers given for it, not the public network.",
    );
  }
  const tr = (name: string) => tables.transports.find((r) => r.transport === name);
  out.push(
    `${tables.reachable} of ${tables.discovered} discovered servers answered; ${
      pct(tr("TLS")?.share)
    } offer TLS, ${pct(tr("onion")?.share)} are onion services and ${
      pct(tr("IPv6 reachable")?.share)
    } answered over IPv6.`,
  );
  // A dimension is only reported when some server could be placed in it (a local run's
  // loopback addresses are in no database; a sentence of nulls says nothing).
  const by = (dim: string) => {
    const r = concentration.find((x) => x.dimension === dim);
    return r && r.servers > 0 && r.largest !== null ? r : undefined;
  };
  const asn = by("ASN"),
    prov = by("provider"),
    country = by("country"),
    impl = by("implementation");
  const unplaced = ["ASN", "provider", "country"].map((d) =>
    concentration.find((r) => r.dimension === d)
  )
    .filter((r) => r && r.servers === 0 && r.unknown > 0);
  if (unplaced.length === 3) {
    out.push(
      `None of the ${
        unplaced[0]!.unknown
      } reachable clearnet servers could be placed in an autonomous system, provider or country (the offline databases know none of their addresses${
        label.target === "local" ? ": the servers of a local run are on loopback" : ""
      }), so where they are and how concentrated is not measured.`,
    );
  }
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
  if (
    impl && impl.groups > 1 && impl.largest_share !== null &&
    Math.abs(impl.largest_share * impl.groups - 1) < 1e-9
  ) {
    // Every implementation equally common: naming one "the largest" would mislead.
    out.push(
      `The ${impl.servers} servers that named their software claim ${impl.groups} implementations, each equally often.`,
    );
  } else if (impl) {
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
