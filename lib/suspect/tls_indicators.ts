/**
 * The TLS indicators of the suspicion score (see `INDICATOR_SPECS`): name templates, issuance
 * bursts and provider-wide issuance clusters, Subject contradictions, weak or absurd keys,
 * shipped default certificates, certificates shared across operators or naming another server,
 * expiry, and a TLS stack unlike the claimed software's.
 *
 * @module
 */
import {
  BURST_GAP_SECONDS,
  BURST_MIN_CERTIFICATES,
  certificateReuse,
  nameTemplate,
} from "../analysis/certificate_reuse.ts";
import { issuanceRuns } from "../analysis/issuance_runs.ts";
import { type IndicatorHit, ref, type SuspectContext, text } from "./suspect_context.ts";

/** Options of {@linkcode tlsIndicators}. */
export interface TlsIndicatorOptions {
  /** Largest notBefore gap within a provider-wide issuance cluster, seconds. Default: 3,600. */
  providerGapSeconds?: number;
  /** Fewest hosts sharing a name template. Default: 3. */
  minTemplate?: number;
  /** Fewest servers claiming a family before its TLS stacks are compared. Default: 5. */
  minStackPeers?: number;
}

const ZERO_JARM = /^0+$/;

/** A distinct leaf certificate with a readable notBefore, its servers and the AS it was seen on. */
interface DatedCert {
  sha256: string;
  t: number;
  holders: Set<string>;
  asn: string;
}

/** Issuance runs (by server count) of `certs`, by certificate: the run's size and span. */
function chains(
  certs: DatedCert[],
  gapSeconds: number,
  minCertificates: number,
): Map<string, { size: number; spanS: number }> {
  const out = new Map<string, { size: number; spanS: number }>();
  for (const run of issuanceRuns(certs, { gapSeconds, minCertificates })) {
    const info = { size: run.length, spanS: Math.round((run.at(-1)!.t - run[0].t) / 1000) };
    for (const c of run) out.set(c.sha256, info);
  }
  return out;
}

/**
 * Find the TLS indicators of every scored server.
 *
 * @param ctx The indexed tables.
 * @param options See {@linkcode TlsIndicatorOptions}.
 * @returns Hits by server (servers without a hit absent).
 * @example
 * ```ts
 * tlsIndicators(suspectContext(tables)).get("electrumx-node-1.example");
 * ```
 */
export function tlsIndicators(
  ctx: SuspectContext,
  options: TlsIndicatorOptions = {},
): Map<string, IndicatorHit[]> {
  const providerGapS = options.providerGapSeconds ?? 3600;
  const minTemplate = options.minTemplate ?? 3;
  const minStack = options.minStackPeers ?? 5;
  const scored = new Set(ctx.scored);
  const out = new Map<string, IndicatorHit[]>();
  const hit = (s: string, h: IndicatorHit) => out.set(s, [...(out.get(s) ?? []), h]);

  // Population-wide: templates, certificate and key holders, issuance chains.
  const tmplServers = new Map<string, Set<string>>();
  const certServers = new Map<string, Set<string>>();
  const keyServers = new Map<string, Set<string>>();
  const certs = new Map<string, DatedCert>();
  for (const r of ctx.allLeaves) {
    const s = String(r.server);
    const sha = String(r.sha256);
    // Templates over self-signed leaves only: a CA-issued name is a verified domain's, and a
    // numbered scheme under one verified domain is an operator's naming (left to the grouping).
    const t = r.self_signed === true ? nameTemplate(text(r.subject_cn)) : null;
    if (t) tmplServers.set(t, (tmplServers.get(t) ?? new Set()).add(s));
    certServers.set(sha, (certServers.get(sha) ?? new Set()).add(s));
    const k = text(r.spki_sha256);
    if (k) keyServers.set(k, (keyServers.get(k) ?? new Set()).add(s));
    const nb = Date.parse(String(r.not_before ?? ""));
    if (!Number.isFinite(nb)) continue;
    const c = certs.get(sha) ??
      { sha256: sha, t: nb, holders: new Set(), asn: String(ctx.geo.get(s)?.asn ?? "") };
    c.holders.add(s);
    certs.set(sha, c);
  }
  const bursts = chains([...certs.values()], BURST_GAP_SECONDS, BURST_MIN_CERTIFICATES);
  const byAsn = new Map<string, DatedCert[]>();
  for (const c of certs.values()) {
    if (!c.asn) continue;
    byAsn.set(c.asn, [...(byAsn.get(c.asn) ?? []), c]);
  }
  const providerChains = new Map<string, { size: number; spanS: number }>();
  for (const list of byAsn.values()) {
    for (const [k, v] of chains(list, providerGapS, 4)) providerChains.set(k, v);
  }
  const contradictions = new Map(
    certificateReuse(ctx.allLeaves, { geo: ctx.geoRows }).contradictions.map((c) => [c.server, c]),
  );
  // TLS stacks per claimed family.
  const stackHolders = new Map<string, Map<string, number>>();
  const familyCount = new Map<string, number>();
  for (const s of ctx.scored) {
    const fam = text(ctx.fingerprint.get(s)?.family_claimed);
    const jarm = text(ctx.feature.get(s)?.tls_stack);
    if (!fam || !jarm || ZERO_JARM.test(jarm)) continue;
    familyCount.set(fam, (familyCount.get(fam) ?? 0) + 1);
    const m = stackHolders.get(fam) ?? new Map<string, number>();
    m.set(jarm, (m.get(jarm) ?? 0) + 1);
    stackHolders.set(fam, m);
  }

  for (const s of ctx.scored) {
    const leaves = ctx.leaves.get(s) ?? [];
    const seen = new Set<string>();
    const once = (name: IndicatorHit["indicator"], value: string, evidence: string[]) => {
      if (seen.has(name)) return;
      seen.add(name);
      hit(s, { indicator: name, value, evidence });
    };
    for (const r of leaves) {
      const sha = String(r.sha256);
      const cn = text(r.subject_cn);
      const shortSha = `sha256=${sha.slice(0, 12)}`;
      const t = r.self_signed === true ? nameTemplate(cn) : null;
      if (t && (tmplServers.get(t)?.size ?? 0) >= minTemplate) {
        once("cert-name-template", `${t}, ${tmplServers.get(t)!.size} hosts`, [
          ref("tls.csv", s, "subject_cn", cn),
        ]);
      }
      const b = bursts.get(sha);
      if (b) {
        once("issuance-burst", `${b.size} certificates within ${b.spanS} s`, [
          ref("tls.csv", s, "not_before", r.not_before),
        ]);
      }
      const p = providerChains.get(sha);
      if (p) {
        once(
          "issuance-cluster-on-provider",
          `${p.size} certificates on AS${ctx.geo.get(s)?.asn} within ${
            (p.spanS / 60).toFixed(0)
          } min`,
          [
            ref("tls.csv", s, "not_before", r.not_before),
            ref("geo.csv", s, "asn", ctx.geo.get(s)?.asn),
          ],
        );
      }
      const kt = text(r.key_type), bits = Number(r.key_bits);
      if (
        (kt === "rsa" && (bits < 2048 || bits > 16384)) || (kt === "ec" && bits < 224)
      ) once("weak-or-absurd-key", `${kt}-${bits}`, [ref("tls.csv", s, "key_bits", bits)]);
      const def = text(r.known_default_cert);
      if (def) once("default-certificate", def, [ref("tls.csv", s, "known_default_cert", def)]);
      const names = [
        cn,
        ...String(r.san_dns ?? "").split(";"),
        ...String(r.san_ip ?? "").split(";"),
      ].filter((x): x is string => !!x).map((x) => x.toLowerCase());
      if (!def) {
        const g = ctx.group.get(s);
        const others = new Set([
          ...(certServers.get(sha) ?? []),
          ...(keyServers.get(String(r.spki_sha256)) ?? []),
        ]);
        // A certificate that names this server is its own, and so is one presented by a server
        // whose `hosts` name this server and not itself: that other server holds this server's
        // certificate (a relay presenting its upstream's), which is its evidence, not this one's.
        const owner = (o: string) => names.includes(o.toLowerCase());
        const hosts = (o: string) =>
          (ctx.peers.get(o) ?? []).filter((p) => p.source === "server.features")
            .map((p) => String(p.peer_host).toLowerCase());
        const borrows = (o: string) =>
          (owner(s) && !owner(o)) ||
          (hosts(o).includes(s.toLowerCase()) && !hosts(o).includes(o.toLowerCase()));
        const sameCert = new Set(certServers.get(sha) ?? []);
        const foreign = [...others].filter((o) =>
          o !== s && (!g || ctx.group.get(o) !== g) && !(sameCert.has(o) && borrows(o))
        );
        if (foreign.length) {
          once(
            "cert-shared-across-operators",
            `with ${foreign.length} other: ${foreign.slice(0, 2).join(", ")}`,
            [
              ref("tls.csv", s, "sha256", sha),
              ...foreign.slice(0, 2).map((o) => ref("tls.csv", o, "sha256", sha)),
            ],
          );
        }
      }
      const named = names.filter((n) => n !== s && scored.has(n));
      if (!names.includes(s) && named.length) {
        once("cert-names-other-server", named[0], [ref("tls.csv", s, "subject_cn", cn)]);
      }
      const v = text(r.validity_at_scan);
      if (v === "expired" || v === "not-yet-valid") {
        once("cert-expired", v, [ref("tls.csv", s, "validity_at_scan", v), shortSha]);
      }
      const c = contradictions.get(s);
      if (c) {
        once("subject-contradiction", c.kinds.replaceAll(";", ", "), [
          ref("tls.csv", s, "subject", r.subject),
        ]);
      }
    }
    const fam = text(ctx.fingerprint.get(s)?.family_claimed);
    const jarm = text(ctx.feature.get(s)?.tls_stack);
    if (
      fam && jarm && !ZERO_JARM.test(jarm) && (familyCount.get(fam) ?? 0) >= minStack &&
      stackHolders.get(fam)!.get(jarm) === 1
    ) {
      once("tls-stack-unlike-claim", `JARM ${jarm.slice(0, 12)}… claiming ${fam}`, [
        ref("fingerprints.csv", s, "jarm_fingerprint", jarm),
      ]);
    }
  }
  return out;
}
