/**
 * Certificate reuse and provenance over `tls.csv` (one row per certificate seen per endpoint):
 * certificates and public keys shared by distinct hosts, templated subject names, issuance
 * bursts, Subject fields that contradict the name or the server's geolocation, and the shares
 * of expired, self-signed and CA-issued certificates and of key types.
 *
 * A *host* is a connected group of server names and addresses: two rows belong to one host
 * when they share a server name or an address. Repeated scans of one server, or one server
 * reached on two ports, therefore count once (the predecessor's false reuse came from counting
 * scans), while one machine behind several names also counts once.
 *
 * Columns read (others are ignored), under either spelling: `server`, `ip`,
 * `chain_position` / `position` (0 or empty = leaf), `sha256` / `sha256_cert`, `spki_sha256` /
 * `sha256_spki`, `subject`, `issuer`, `subject_cn` / `cn`, `subject_c`, `not_before`,
 * `not_after`, `self_signed`, `key_type`, `key_bits`, and when present `validity_at_scan` /
 * `validity` / `expired`, `chain_verifies`, `known_default_cert`.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import { type ShareRow, shareTable } from "./centralization.ts";
import { issuanceRuns } from "./issuance_runs.ts";
import { parseDn, regionCountry } from "./subject_fields.ts";

/** Default chain gap of an issuance burst: notBefore within this many seconds of the previous. */
export const BURST_GAP_SECONDS = 60;

/**
 * Default fewest certificates (on as many distinct hosts) that make an issuance burst. Chosen from
 * what an honest population produces: N certificates issued independently over T seconds give
 * about N·(N·g/T)^(k-1) chains of k certificates each within g seconds of the previous. With
 * g = 60 s, 1,000 live TLS servers renewing over 90 days (N·g/T ≈ 0.008) give about 8 chance
 * pairs per scan, a chance triple in about 1 scan of 17, and a chance chain of 4 in about 1 of
 * 2,000; the 5,000-server lab (about 3,600 honest certificates over 700 days) shows 8-18 pairs,
 * no triple and no chain of 4 on five seeds. So 4 (3 would raise a false alarm every few scans).
 */
export const BURST_MIN_CERTIFICATES = 4;

/** Options of {@linkcode certificateReuse}. */
export interface CertificateReuseOptions {
  /** Time expiry is judged at (use the scan's time). Default: the current time. */
  now?: Date;
  /** Largest gap between consecutive notBefore times within one burst, seconds. Default:
   * {@linkcode BURST_GAP_SECONDS} (60). */
  burstGapSeconds?: number;
  /** Fewest distinct certificates (on as many hosts) that make a burst. Default:
   * {@linkcode BURST_MIN_CERTIFICATES} (4). */
  minBurst?: number;
  /** Fewest distinct hosts that make a name template. Default: 3. */
  minTemplate?: number;
  /** Rows of `geo.csv`, to compare Subject countries with geolocation. Default: none. */
  geo?: readonly Row[];
}

/** A certificate or key presented by more than one host. */
export interface SharedGroup {
  /** SHA-256 of the certificate (or of the SubjectPublicKeyInfo for keys), hex. */
  sha256: string;
  /** Distinct hosts presenting it. */
  hosts: number;
  /** Distinct certificates (1 for a shared certificate; for a shared key, how many carry it). */
  certificates: number;
  /** Subject CN of one of them (untrusted text). */
  cn: string | null;
  /** Issuer as recorded (untrusted text). */
  issuer: string | null;
  self_signed: boolean | null;
  /** Up to five server names, sorted. */
  examples: string[];
}

/** Hosts whose certificate names follow one numbered pattern. */
export interface TemplateGroup {
  /** The pattern: digits as `<N>`, varying middle labels as `<*>`. */
  template: string;
  hosts: number;
  /** Two example CNs (untrusted text). */
  examples: string[];
}

/** Certificates issued within seconds of each other. */
export interface Burst {
  start: string;
  end: string;
  span_seconds: number;
  certificates: number;
  hosts: number;
  /** The most common name template inside the burst, or null. */
  template: string | null;
}

/** A certificate whose Subject contradicts its name or the server's location. */
export interface Contradiction {
  server: string;
  cn: string | null;
  subject_country: string | null;
  subject_locality: string | null;
  /** Cloud region named in the CN, and its country. */
  cn_region: string | null;
  cn_region_country: string | null;
  /** Country of the server's address from the IP databases. */
  geo_country: string | null;
  /** Which pairs disagree, `;`-separated. */
  kinds: string;
}

/** Result of {@linkcode certificateReuse}. */
export interface CertificateReuse {
  /** Leaf certificate rows read. */
  endpoints: number;
  /** Distinct hosts presenting a certificate. */
  hosts: number;
  /** Distinct leaf certificates. */
  certificates: number;
  sharedCertificates: SharedGroup[];
  sharedKeys: SharedGroup[];
  templates: TemplateGroup[];
  bursts: Burst[];
  /** Every distinct certificate with a readable notBefore, in time order, marked when it is
   * part of a burst (for an issuance timeline). */
  issuance: { sha256: string; not_before: string; hosts: number; in_burst: boolean }[];
  contradictions: Contradiction[];
  /** Host certificates (distinct host, certificate pairs) by practice: CA-issued, self-signed, ... */
  practices: ShareRow[];
  /** Host certificates by key type and size. */
  keys: ShareRow[];
  /** Shares of hosts: expired, self-signed, CA-issued, sharing a certificate, sharing a key. */
  shares: { measure: string; hosts: number; share: number }[];
}

const text = (
  v: unknown,
): string | null => (v === null || v === undefined || v === "" ? null : String(v));
const bool = (
  v: unknown,
):
  | boolean
  | null => (v === true || v === "true" ? true : v === false || v === "false" ? false : null);

class Hosts {
  #parent = new Map<string, string>();
  find(x: string): string {
    let p = this.#parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.#parent.set(x, p);
    return p;
  }
  union(a: string, b: string) {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.#parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

/**
 * The numbered-name template of a CN, or null when the CN has no digits or is an address.
 * Labels are split on `.` and `-`; digit runs become `<N>`; names of more than three labels
 * keep the first and last two labels and write the middle as one wildcard, so that
 * `electrumx-us-east4-node-7` and `electrumx-europe-west3-node-12` share
 * `electrumx-<*>-node-<N>`.
 *
 * @param cn A subject CN.
 * @returns The grouping key, or null.
 * @example
 * ```ts
 * nameTemplate("electrumx-us-east4-node-7"); // "electrumx-<*>-node-<N>"
 * nameTemplate("electrum2.example.org"); // "electrum<N>.example.org"
 * ```
 */
export function nameTemplate(cn: string | null): string | null {
  if (!cn || !/\d/.test(cn) || /^[\d.]+$|:/.test(cn)) return null;
  const parts = cn.toLowerCase().split(/([.-])/);
  const labels = parts.filter((_, i) => i % 2 === 0).map((l) => l.replace(/\d+/g, "<N>"));
  const seps = parts.filter((_, i) => i % 2 === 1);
  if (labels.length <= 3) return labels.map((l, i) => l + (seps[i] ?? "")).join("");
  const n = labels.length;
  return `${labels[0]}${seps[0]}<*>${seps[n - 3]}${labels[n - 2]}${seps[n - 2]}${labels[n - 1]}`;
}

/**
 * Analyse certificate reuse.
 *
 * @param rows Rows of `tls.csv`.
 * @param options See {@linkcode CertificateReuseOptions}.
 * @returns Shared certificates and keys, templates, bursts, contradictions and shares.
 * @example
 * ```ts
 * const r = certificateReuse(await readCsv("data/tls.csv"), { geo, now: new Date(manifest.started_at) });
 * r.sharedCertificates[0].hosts; // e.g. 7 (a default certificate shipped with the software)
 * ```
 */
export function certificateReuse(
  rows: readonly Row[],
  options: CertificateReuseOptions = {},
): CertificateReuse {
  const now = (options.now ?? new Date()).getTime();
  const minBurst = options.minBurst ?? BURST_MIN_CERTIFICATES;
  const minTemplate = options.minTemplate ?? 3;
  const leaves = rows.map(canonicalRow).filter((r) =>
    (r.position === null || Number(r.position) === 0) && text(r.sha256_cert)
  );

  const hosts = new Hosts();
  for (const r of leaves) if (text(r.ip)) hosts.union(`s:${r.server}`, `i:${r.ip}`);
  const hostOf = (r: Row) => hosts.find(`s:${r.server}`);

  const certs = new Map<string, Row>();
  const certHosts = new Map<string, Set<string>>();
  const keyHosts = new Map<string, Set<string>>();
  const keyCerts = new Map<string, Set<string>>();
  const serversOf = new Map<string, Set<string>>();
  // Distinct certificates per host (a host reached under two names may show two).
  const hostCerts = new Map<string, Map<string, Row>>();
  for (const r of leaves) {
    const c = String(r.sha256_cert);
    const h = hostOf(r);
    if (!certs.has(c)) certs.set(c, r);
    add(certHosts, c, h);
    add(serversOf, c, String(r.server));
    const k = text(r.sha256_spki);
    if (k) {
      add(keyHosts, k, h);
      add(keyCerts, k, c);
      add(serversOf, `k:${k}`, String(r.server));
    }
    let hc = hostCerts.get(h);
    if (!hc) hostCerts.set(h, hc = new Map());
    if (!hc.has(c)) hc.set(c, r);
  }

  const sharedCertificates: SharedGroup[] = [...certHosts].filter(([, hs]) => hs.size > 1).map(
    ([c, hs]) => {
      const r = certs.get(c)!;
      return {
        sha256: c,
        hosts: hs.size,
        certificates: 1,
        cn: text(r.cn),
        issuer: text(r.issuer),
        self_signed: bool(r.self_signed),
        examples: [...serversOf.get(c)!].sort().slice(0, 5),
      };
    },
  ).sort(bySize);
  const sharedKeys: SharedGroup[] = [...keyHosts].filter(([, hs]) => hs.size > 1).map(([k, hs]) => {
    const r = certs.get([...keyCerts.get(k)!][0])!;
    return {
      sha256: k,
      hosts: hs.size,
      certificates: keyCerts.get(k)!.size,
      cn: text(r.cn),
      issuer: text(r.issuer),
      self_signed: bool(r.self_signed),
      examples: [...serversOf.get(`k:${k}`)!].sort().slice(0, 5),
    };
  }).sort(bySize);

  // Templates: one CN per host.
  const tmplHosts = new Map<string, Set<string>>();
  const tmplCns = new Map<string, Set<string>>();
  const pairs = [...hostCerts].sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([h, hc]) => [...hc.values()].map((r) => ({ h, r })));
  for (const { h, r } of pairs) {
    const t = nameTemplate(text(r.cn));
    if (!t) continue;
    add(tmplHosts, t, h);
    add(tmplCns, t, String(r.cn));
  }
  const templates: TemplateGroup[] = [...tmplHosts].filter(([, hs]) => hs.size >= minTemplate)
    .map(([t, hs]) => ({
      template: t,
      hosts: hs.size,
      examples: [...tmplCns.get(t)!].sort().slice(0, 2),
    }))
    .sort((a, b) => b.hosts - a.hosts || (a.template < b.template ? -1 : 1));

  // Bursts over distinct certificates with a readable notBefore.
  const dated = [...certs].map(([c, r]) => ({
    sha256: c,
    r,
    t: Date.parse(String(r.not_before ?? "")),
    holders: certHosts.get(c)!,
  })).filter((x) => Number.isFinite(x.t)).sort((a, b) =>
    a.t - b.t || (a.sha256 < b.sha256 ? -1 : 1)
  );
  const runs = issuanceRuns(dated, {
    gapSeconds: options.burstGapSeconds ?? BURST_GAP_SECONDS,
    minCertificates: minBurst,
  });
  const inBurst = new Set(runs.flat().map((x) => x.sha256));
  const bursts: Burst[] = runs.map((run) => {
    const tt = shareTable(run.map((x) => ({ t: nameTemplate(text(x.r.cn)) })), "t").filter((x) =>
      x.key !== null
    );
    return {
      start: new Date(run[0].t).toISOString(),
      end: new Date(run.at(-1)!.t).toISOString(),
      span_seconds: (run.at(-1)!.t - run[0].t) / 1000,
      certificates: run.length,
      hosts: new Set(run.flatMap((x) => [...x.holders])).size,
      template: tt[0] && tt[0].count >= 2 ? String(tt[0].key) : null,
    };
  });
  bursts.sort((a, b) => b.certificates - a.certificates || (a.start < b.start ? -1 : 1));

  // Contradictions, one per host.
  const geoByIp = new Map<string, string | null>();
  const geoByServer = new Map<string, string | null>();
  for (const g of options.geo ?? []) {
    const cc = text(g.country_code);
    if (text(g.ip)) geoByIp.set(String(g.ip), cc);
    if (g.main === true || !geoByServer.has(String(g.server))) {
      geoByServer.set(String(g.server), cc);
    }
  }
  const contradictions: Contradiction[] = [];
  const contradictingHosts = new Set<string>();
  for (const { h, r } of pairs) {
    const dn = parseDn(text(r.subject));
    if (text(r.subject_c)) dn.C = String(r.subject_c);
    const cn = text(r.cn) ?? dn.CN ?? null;
    const placeholder = dn.O === "Internet Widgits Pty Ltd" || dn.ST === "Some-State";
    const sc = placeholder ? null : dn.C?.toUpperCase() ?? null;
    const region = regionCountry(cn);
    const gc = (text(r.ip) ? geoByIp.get(String(r.ip)) : undefined) ??
      geoByServer.get(String(r.server)) ?? null;
    const kinds: string[] = [];
    if (region && sc && region.country !== sc) kinds.push("cn-region-vs-subject-country");
    if (sc && gc && sc !== gc) kinds.push("subject-country-vs-geolocation");
    if (region && gc && region.country !== gc) kinds.push("cn-region-vs-geolocation");
    if (kinds.length) {
      contradictingHosts.add(h);
      contradictions.push({
        server: String(r.server),
        cn,
        subject_country: sc,
        subject_locality: dn.L ?? null,
        cn_region: region?.region ?? null,
        cn_region_country: region?.country ?? null,
        geo_country: gc,
        kinds: kinds.join(";"),
      });
    }
  }

  // Practices and keys per (host, certificate); shares per host (a host counts when any of
  // its certificates qualifies).
  const perCert = pairs.map(({ h, r }) => {
    const selfSigned = bool(r.self_signed);
    const expired = isExpired(r, now);
    const practice = selfSigned === null
      ? "unknown"
      : selfSigned
      ? (expired ? "self-signed, expired" : "self-signed")
      : (expired ? "CA-issued, expired" : "CA-issued");
    const kt = text(r.key_type);
    return {
      h,
      practice,
      expired,
      selfSigned,
      key: kt ? `${kt.toUpperCase()} ${text(r.key_bits) ?? "?"}` : null,
    };
  });
  const nHosts = hostCerts.size;
  const count = (f: (x: typeof perCert[number]) => boolean) =>
    new Set(perCert.filter(f).map((x) => x.h)).size;
  const sharingCert =
    new Set([...certHosts.values()].filter((hs) => hs.size > 1).flatMap((hs) => [...hs])).size;
  const sharingKey =
    new Set([...keyHosts.values()].filter((hs) => hs.size > 1).flatMap((hs) => [...hs])).size;
  const share = (measure: string, n: number) => ({
    measure,
    hosts: n,
    share: nHosts ? n / nHosts : 0,
  });
  return {
    endpoints: leaves.length,
    hosts: nHosts,
    certificates: certs.size,
    sharedCertificates,
    sharedKeys,
    templates,
    bursts,
    issuance: dated.map((x) => ({
      sha256: x.sha256,
      not_before: new Date(x.t).toISOString(),
      hosts: x.holders.size,
      in_burst: inBurst.has(x.sha256),
    })),
    contradictions,
    practices: shareTable(perCert, "practice"),
    keys: shareTable(perCert, "key"),
    shares: [
      share("expired", count((x) => x.expired === true)),
      share("self-signed", count((x) => x.selfSigned === true)),
      share("CA-issued", count((x) => x.selfSigned === false)),
      share("sharing a certificate with another host", sharingCert),
      share("sharing a public key with another host", sharingKey),
      share("Subject contradicting name or location", contradictingHosts.size),
    ],
  };
}

/**
 * One `tls.csv` row under the column names used here (`tls.csv` as written by
 * `lib/tables/derive_tls.ts` uses `sha256`, `spki_sha256`, `subject_cn`, `chain_position`,
 * `validity_at_scan`; the first documented draft used `sha256_cert`, `sha256_spki`, `cn`,
 * `position`, `validity`).
 */
function canonicalRow(r: Row): Row {
  const pick = (...ks: string[]) => {
    for (const k of ks) if (r[k] !== undefined && r[k] !== null && r[k] !== "") return r[k];
    return null;
  };
  return {
    ...r,
    sha256_cert: pick("sha256_cert", "sha256"),
    sha256_spki: pick("sha256_spki", "spki_sha256"),
    cn: pick("cn", "subject_cn"),
    position: pick("position", "chain_position"),
    validity: pick("validity", "validity_at_scan"),
  };
}

function isExpired(r: Row, now: number): boolean | null {
  const v = text(r.validity);
  if (v) return v === "expired";
  const e = bool(r.expired);
  if (e !== null) return e;
  const t = Date.parse(String(r.not_after ?? ""));
  return Number.isFinite(t) ? t < now : null;
}

function add<K, V>(m: Map<K, Set<V>>, k: K, v: V) {
  let s = m.get(k);
  if (!s) m.set(k, s = new Set());
  s.add(v);
}

function bySize(a: SharedGroup, b: SharedGroup): number {
  return b.hosts - a.hosts || (a.sha256 < b.sha256 ? -1 : 1);
}
