/**
 * The shared identifiers an operator group is built from: per server, the value it holds for
 * each kind of identifier (certificate, key, donation address, non-default banner, certificate
 * name template, one template issued in a burst, certificates of one class issued in one batch
 * whatever their names, a closed peer community, same /24 + version +
 * configuration, same `hosts` port tuple). Two servers holding the same value of a kind are a
 * candidate edge; `operator_groups.ts` decides which edges are rare enough to keep.
 *
 * @module
 */
import { SHIPPED_DONATIONS } from "../electrum/shipped_donations.ts";
import { knownCertificate } from "../tls/known_certificates.ts";
import { type CertBatch, certBatches } from "./cert_batches.ts";
import { cellText, type FeatureRow } from "./feature_input.ts";

/** Kinds of shared identifier. */
export type IdentifierKind =
  | "certificate"
  | "public-key"
  | "donation"
  | "banner"
  | "cert-name-template"
  | "cert-burst"
  | "cert-batch"
  | "peer-community"
  | "subnet-version-config"
  | "port-tuple";

/** Every identifier kind, strongest first. */
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  "certificate",
  "public-key",
  "donation",
  "banner",
  "cert-name-template",
  "cert-burst",
  "cert-batch",
  "peer-community",
  "subnet-version-config",
  "port-tuple",
];

/**
 * Kinds shared by strangers too often to explain anything: they only receive explanations.
 */
export const WEAK_KINDS: ReadonlySet<IdentifierKind> = new Set([
  "subnet-version-config",
  "port-tuple",
]);

/**
 * Kinds an operator chooses freely (or that independent servers share only by copying): they
 * can explain one another's sharing. Every kind of {@linkcode IDENTIFIER_KINDS} not in
 * {@linkcode WEAK_KINDS}, strongest first.
 */
export const STRONG_KINDS: ReadonlySet<IdentifierKind> = new Set(
  IDENTIFIER_KINDS.filter((k) => !WEAK_KINDS.has(k)),
);

/** Columns of the feature rows each identifier reads (the names of `features.csv`). */
export interface IdentifierColumns {
  certificate: string;
  publicKey: string;
  donation: string;
  bannerTemplate: string;
  bannerDefault: string;
  cnTemplate: string;
  certIssuer: string;
  certKey: string;
  certIssuedAt: string;
  certValidity: string;
  prefix24: string;
  software: string;
  portTuple: string;
  /** Columns that together make the "configuration" of `subnet-version-config`. */
  config: readonly string[];
}

/** The columns of `features.csv`. */
export const FEATURE_TABLE_COLUMNS: IdentifierColumns = {
  certificate: "cert_fingerprint",
  publicKey: "cert_key_fingerprint",
  donation: "donation",
  bannerTemplate: "banner_template",
  bannerDefault: "banner_default",
  cnTemplate: "cert_cn_template",
  certIssuer: "cert_issuer",
  certKey: "cert_key",
  certIssuedAt: "cert_issued_at",
  certValidity: "cert_validity_days",
  prefix24: "host_prefix24",
  software: "software_claim",
  portTuple: "port_tuple",
  config: ["port_tuple", "transports", "hosts_shape", "banner_default"],
};

/** One advertised peer: `server` lists `peer` (a server key, i.e. its host) in its peer list. */
export interface PeerLink {
  readonly server: string;
  readonly peer: string;
}

/** Options of {@link serverIdentifiers}. */
export interface IdentifierOptions {
  /** Columns to read. Default {@link FEATURE_TABLE_COLUMNS}. */
  columns?: IdentifierColumns;
  /** Every advertised peer of every server. Default: none (no `peer-community` values). */
  peers?: readonly PeerLink[];
  /** Certificates of one template, issuer and key type issued within this gap of each other
   * (chained) form one burst, milliseconds. Default 6 hours. */
  burstGapMs?: number;
  /** Certificates of one issuer, key type and validity length issued within this gap of each
   * other (chained) form one batch, whatever their names, milliseconds. Default 1 hour. */
  batchGapMs?: number;
  /** A closed peer community larger than this share of the servers with a peer list is the
   * network itself, not a group. Default 0.5. */
  maxCommunityShare?: number;
}

/** Whether a certificate fingerprint is a default certificate shipped with server software. */
function shippedCertificate(fingerprint: string | null): boolean {
  return fingerprint !== null && /^[0-9a-f]{64}$/i.test(fingerprint) &&
    knownCertificate(fingerprint) !== null;
}

/**
 * Sink strongly connected components of the advertise graph restricted to the servers given:
 * sets whose members advertise only one another (every advertised peer is a member), with at
 * least two members each advertising at least one peer (Tarjan's algorithm, iterative), each
 * extended by the servers that advertise only its members.
 */
export function closedPeerCommunities(
  servers: readonly string[],
  peers: readonly PeerLink[],
): string[][] {
  const index = new Map(servers.map((s, i) => [s, i]));
  const n = servers.length;
  const out: number[][] = Array.from({ length: n }, () => []);
  const outside = new Uint8Array(n); // lists a peer that is not one of the servers
  for (const l of peers) {
    const a = index.get(l.server.toLowerCase());
    if (a === undefined) continue;
    const b = index.get(l.peer.toLowerCase());
    if (b === undefined) outside[a] = 1;
    else if (b !== a) out[a].push(b);
  }
  const idx = new Int32Array(n).fill(-1), low = new Int32Array(n), comp = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0, comps = 0;
  for (let root = 0; root < n; root++) {
    if (idx[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    idx[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const v = top[0];
      if (top[1] < out[v].length) {
        const w = out[v][top[1]++];
        if (idx[w] < 0) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], idx[w]);
      } else {
        work.pop();
        if (work.length) {
          const u = work[work.length - 1][0];
          low[u] = Math.min(low[u], low[v]);
        }
        if (low[v] === idx[v]) {
          let w: number;
          do {
            w = stack.pop()!;
            onStack[w] = 0;
            comp[w] = comps;
          } while (w !== v);
          comps++;
        }
      }
    }
  }
  const members: number[][] = Array.from({ length: comps }, () => []);
  for (let i = 0; i < n; i++) members[comp[i]].push(i);
  const result: string[][] = [];
  for (const m of members) {
    if (m.length < 2) continue;
    const c = comp[m[0]];
    const sink = m.every((i) =>
      !outside[i] && out[i].length > 0 && out[i].every((j) => comp[j] === c)
    );
    if (!sink) continue;
    // Servers that advertise only members (nobody lists them back) belong to it too.
    const inside = new Set(m);
    for (let grown = true; grown;) {
      grown = false;
      for (let i = 0; i < n; i++) {
        if (inside.has(i) || outside[i] || out[i].length === 0) continue;
        if (out[i].every((j) => inside.has(j))) {
          inside.add(i);
          grown = true;
        }
      }
    }
    result.push([...inside].sort((a, b) => a - b).map((i) => servers[i]));
  }
  return result;
}

/** Result of {@link serverIdentifiers}. */
export interface ServerIdentifiers {
  /** Per row, kind -> value. */
  readonly values: Map<IdentifierKind, string>[];
  /** Per row, the certificate's template key (name template | issuer | key type), whether or
   * not it is in a burst; null without a certificate. A `cert-burst` value is this key, " @ ",
   * and the burst's first issuance time. */
  readonly certTemplate: (string | null)[];
  /** Per row, the certificate's issuance time, ms since 1970 (null when unknown). */
  readonly issuedMs: (number | null)[];
  /** The burst gap used, ms. */
  readonly burstGapMs: number;
  /** Each `cert-batch` value's batch, with its p-value. */
  readonly batches: ReadonlyMap<string, CertBatch>;
}

/**
 * Per server, the value it holds of each identifier kind (absent when it has none: no
 * certificate, an empty or default banner, no donation address, ...). Values are prefixed by
 * nothing and compared within a kind only.
 *
 * @param rows Feature rows (`server` plus the columns of `options.columns`).
 * @param options See {@link IdentifierOptions}.
 * @returns One map per row, kind -> value, in row order, and the certificate details the
 *   burst test needs. A `subnet-version-config` value is the /24, " | ", then the claimed
 *   software and configuration.
 * @throws {RangeError} on a bad option or a duplicated server key.
 *
 * @example
 * ```ts
 * serverIdentifiers(rows)[0].get("donation"); // "bc1q..." or undefined
 * ```
 */
export function serverIdentifiers(
  rows: readonly FeatureRow[],
  options: IdentifierOptions = {},
): ServerIdentifiers {
  const c = options.columns ?? FEATURE_TABLE_COLUMNS;
  const gap = options.burstGapMs ?? 6 * 3600_000;
  const maxShare = options.maxCommunityShare ?? 0.5;
  if (!(gap >= 0) || !Number.isFinite(gap)) throw new RangeError(`burstGapMs ${gap} invalid`);
  if (!(maxShare > 0 && maxShare <= 1)) throw new RangeError(`maxCommunityShare ${maxShare}`);
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.server)) throw new RangeError(`server ${r.server} appears twice`);
    seen.add(r.server);
  }
  const ids = rows.map((r) => {
    const m = new Map<IdentifierKind, string>();
    const put = (k: IdentifierKind, v: string | null) => v !== null && m.set(k, v);
    // A shipped default certificate (and its key) is every install's: no identifier.
    if (!shippedCertificate(cellText(r[c.certificate]))) {
      put("certificate", cellText(r[c.certificate]));
      put("public-key", cellText(r[c.publicKey]));
    }
    const donation = cellText(r[c.donation]);
    if (donation !== null && !SHIPPED_DONATIONS.has(donation)) put("donation", donation);
    if (r[c.bannerDefault] === false) put("banner", cellText(r[c.bannerTemplate]));
    put("cert-name-template", cellText(r[c.cnTemplate]));
    const prefix = cellText(r[c.prefix24]);
    if (prefix !== null && prefix !== "onion") {
      const parts = [prefix, cellText(r[c.software]) ?? "?", ...c.config.map((k) => String(r[k]))];
      put("subnet-version-config", parts.join(" | "));
    }
    const ports = cellText(r[c.portTuple]);
    put("port-tuple", ports);
    return m;
  });

  // Bursts: certificates of one (template, issuer, key) chained by issuance gaps <= gap.
  const byTemplate = new Map<string, { i: number; t: number }[]>();
  const certTemplate: (string | null)[] = new Array(rows.length).fill(null);
  const issuedMs: (number | null)[] = new Array(rows.length).fill(null);
  const issuedAny: (number | null)[] = new Array(rows.length).fill(null);
  rows.forEach((r, i) => {
    const tpl = cellText(r[c.cnTemplate]);
    const at = r[c.certIssuedAt];
    const t = typeof at === "string" ? Date.parse(at) : typeof at === "number" ? at : NaN;
    if (Number.isFinite(t)) issuedAny[i] = t;
    if (tpl === null) return;
    const key = [tpl, cellText(r[c.certIssuer]) ?? "?", cellText(r[c.certKey]) ?? "?"].join(" | ");
    certTemplate[i] = key;
    if (!Number.isFinite(t)) return;
    issuedMs[i] = t;
    const list = byTemplate.get(key) ?? [];
    list.push({ i, t });
    byTemplate.set(key, list);
  });
  for (const [key, list] of byTemplate) {
    list.sort((a, b) => a.t - b.t || a.i - b.i);
    let start = 0;
    for (let k = 1; k <= list.length; k++) {
      if (k === list.length || list[k].t - list[k - 1].t > gap) {
        if (k - start >= 2) {
          const from = new Date(list[start].t).toISOString();
          for (let x = start; x < k; x++) ids[list[x].i].set("cert-burst", `${key} @ ${from}`);
        }
        start = k;
      }
    }
  }

  // Batches: one class of certificate issued in one run, across name templates.
  const batches = new Map<string, CertBatch>();
  const batchInput = rows.map((r, i) => {
    const fingerprint = cellText(r[c.certificate]);
    const days = r[c.certValidity];
    return {
      fingerprint,
      issuer: cellText(r[c.certIssuer]),
      key: cellText(r[c.certKey]),
      validityDays: typeof days === "number" && Number.isFinite(days) ? days : null,
      issuedMs: shippedCertificate(fingerprint) ? null : issuedAny[i],
    };
  });
  for (const b of certBatches(batchInput, { gapMs: options.batchGapMs })) {
    batches.set(b.value, b);
    for (const i of b.rows) ids[i].set("cert-batch", b.value);
  }

  if (options.peers && options.peers.length) {
    const servers = rows.map((r) => r.server.toLowerCase());
    const listing = new Set(options.peers.map((p) => p.server.toLowerCase()));
    const withList = servers.filter((s) => listing.has(s)).length;
    const pos = new Map(servers.map((s, i) => [s, i]));
    for (const community of closedPeerCommunities(servers, options.peers)) {
      if (community.length > maxShare * withList) continue;
      const name = `closed list of ${community.length}: ${[...community].sort()[0]} ...`;
      for (const s of community) ids[pos.get(s)!].set("peer-community", name);
    }
  }
  return { values: ids, certTemplate, issuedMs, burstGapMs: gap, batches };
}
