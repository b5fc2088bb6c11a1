/**
 * Chart: certificate reuse, shape `(rows, options) -> figure`. One horizontal bar per reuse
 * group (a certificate or public key shared by several hosts, a numbered name template, an
 * issuance burst), its length the number of distinct hosts, its colour the kind of group.
 * Labels are certificate text (untrusted): Plot writes them as escaped text nodes, cut to a
 * fixed length here.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { CertificateReuse } from "../analysis/certificate_reuse.ts";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";

/** One reuse group as the chart draws it. */
export interface ReuseGroupRow {
  kind: "shared certificate" | "shared public key" | "name template" | "issuance burst";
  /** What identifies the group (CN, template, fingerprint prefix, burst start). */
  label: string;
  /** Distinct hosts in the group. */
  hosts: number;
}

/** The kinds, in legend order. */
export const REUSE_KINDS = [
  "shared certificate",
  "shared public key",
  "name template",
  "issuance burst",
] as const;

/**
 * The largest reuse groups of each kind, as chart rows.
 *
 * @param reuse The result of `certificateReuse`.
 * @param perKind Groups kept per kind. Default: 4.
 * @returns Rows for {@linkcode certificateReuseChart}.
 */
export function reuseGroupRows(reuse: CertificateReuse, perKind = 4): ReuseGroupRow[] {
  const fp = (h: string) => `sha256 ${h.slice(0, 12)}…`;
  return [
    ...reuse.sharedCertificates.slice(0, perKind).map((g) => ({
      kind: "shared certificate" as const,
      label: g.cn ? `CN ${g.cn}` : `${fp(g.sha256)} (${g.issuer ?? "no CN"})`,
      hosts: g.hosts,
    })),
    ...reuse.sharedKeys.slice(0, perKind).map((g) => ({
      kind: "shared public key" as const,
      label: `${fp(g.sha256)} in ${g.certificates} cert${g.certificates === 1 ? "" : "s"}`,
      hosts: g.hosts,
    })),
    ...reuse.templates.slice(0, perKind).map((t) => ({
      kind: "name template" as const,
      label: t.template,
      hosts: t.hosts,
    })),
    ...reuse.bursts.slice(0, perKind).map((b) => ({
      kind: "issuance burst" as const,
      label: `${b.start.slice(0, 19)}Z, ${b.span_seconds} s`,
      hosts: b.hosts,
    })),
  ];
}

/** Options of {@linkcode certificateReuseChart}. */
export interface CertificateReuseChartOptions extends FigureOptions {
  /** Width, pixels. Default: 760. */
  width?: number;
  /** Longest label, characters. Default: 40. */
  maxLabel?: number;
}

/**
 * Draw the reuse groups.
 *
 * @param rows Groups (see {@linkcode reuseGroupRows}).
 * @param options See {@linkcode CertificateReuseChartOptions}.
 * @returns A standalone `<svg>` element.
 */
export function certificateReuseChart(
  rows: readonly ReuseGroupRow[],
  options: CertificateReuseChartOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const maxLabel = options.maxLabel ?? 40;
  const data = rows.map((r, i) => ({
    ...r,
    y: `${i + 1}. ${clipLabel(r.label, maxLabel)}`,
  }));
  const kinds = REUSE_KINDS.filter((k) => rows.some((r) => r.kind === k));
  const chart = Plot.plot({
    document,
    width: options.width ?? 760,
    height: 60 + 22 * Math.max(1, data.length) + 16 * kinds.length,
    marginLeft: 300,
    marginRight: 30,
    marginBottom: 44 + 15 * kinds.length,
    x: { label: "distinct hosts", grid: true, labelAnchor: "right", labelOffset: 30 },
    y: { domain: data.map((d) => d.y), label: null },
    color: { type: "categorical", domain: [...REUSE_KINDS], range: PALETTE },
    marks: [
      Plot.barX(data, { y: "y", x: "hosts", fill: "kind" }),
      Plot.text(data, {
        y: "y",
        x: "hosts",
        text: (d) => String(d.hosts),
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
      }),
      Plot.ruleX([0]),
      ...legendMarks(kinds.map((k) => ({ key: k, label: k })), {
        anchor: "bottom-left",
        offset: 44,
        direction: "down",
      }),
    ],
  }) as unknown as Element;
  const empty = rows.length
    ? ""
    : " No certificate or key is shared by two distinct hosts, and no template or burst was found.";
  return frameFigure(chart, {
    ...options,
    document,
    note: "A host is a distinct server name or address (repeated scans of one host count once)." +
      empty,
  });
}
