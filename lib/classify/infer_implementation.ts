/**
 * Implementation from behaviour: the family (and a version range where the wire tells it) inferred
 * from wire behaviour alone, never from the version string, with the evidence that decided it,
 * and whether it agrees with what the server claims. A server that claims one software and
 * behaves like another is flagged (`agrees: false`).
 *
 * Each observation votes for the families that show it, with a weight (reference
 * `electrum-servers.md` §1-§6 and §9 for the facts): line endings, key order of results and
 * errors, JSON spacing, ElectrumX's padding, the version-first refusal, `server.features` shape
 * (electrs's flat `hosts`, Fulcrum's `dsproof`), error wording, the empty-batch reply, batch
 * joining, default donation addresses, method support, fee histogram shape and range
 * negotiation. The family with the most weight wins.
 *
 * Version ranges come from `BUILD_HISTORY` (`build_history.ts`): the builds of the winning family,
 * tagged or not, whose traits match the wire; the claimed version is inconsistent only when it lies
 * in none of them. `confidence` is defined on `Inference.confidence`.
 *
 * Pure and deterministic: it reads a server's raw records (`evidenceFromRecords`) and nothing else.
 *
 * @module
 */
import { compareVersions } from "../electrum/compare_versions.ts";
import { EPS_DEFAULT_DONATION, FULCRUM_DEFAULT_DONATION } from "../electrum/shipped_donations.ts";
import { type SoftwareClaim, softwareFamily } from "../analysis/software.ts";
import type { ProbeRecord } from "../records/records.ts";
import { OFFERED_RANGE } from "../probes/version_range.ts";
import { FAMILIES, type Family } from "./family.ts";
import { type Build, BUILD_HISTORY } from "./build_history.ts";
import { satisfiesVersionSet, versionSet } from "./version_set.ts";

export { FAMILIES, type Family };

/** The probes whose records the inference reads; `coverage` counts how many gave a reading. */
export const EVIDENCE_PROBES = [
  "preversion",
  "wire",
  "features",
  "errors",
  "batch",
  "donation",
  "methods",
  "fees",
  "version_range",
] as const;

/** Weight of the claimed family in `confidence` (never in choosing the family). */
export const CLAIM_WEIGHT = 2;
/** Weight against the winner in `confidence` when no known build of it shows the traits seen. */
export const NO_BUILD_WEIGHT = 2;

/** What the inference reads, extracted from one endpoint's records. */
export interface WireEvidence {
  claimedSoftware: string | null;
  preversion: { outcome: string; error: unknown; padded: boolean } | null;
  lineEnding: "lf" | "crlf" | "mixed" | null;
  paddedLines: number;
  lines: number;
  resultKeyOrder: string | null;
  errorKeyOrder: string | null;
  spacing: string | null;
  stringError: boolean;
  featuresKeys: string[] | null;
  featuresHosts: unknown;
  featuresStatus: string | null;
  errorCases: Record<
    string,
    {
      outcome: string;
      reply_kind: string | null;
      code: number | null;
      message: string | null;
      reply: string | null;
    }
  >;
  batch: { outcome: string | null; join: string | null } | null;
  donation: string | null | undefined;
  methods: Record<string, boolean | null> | null;
  histogramShape: string | null;
  mempoolInfoOk: boolean | null;
  rangeProtocol: string | null;
  rangeError: string | null;
  /** How many of `EVIDENCE_PROBES` left a record the inference could read. */
  probesRead: number;
  /**
   * How many of `EVIDENCE_PROBES` could have been read: all nine, less those the battery skipped
   * because the server already looked like EPS (skipping them protects EPS; it is not missing
   * evidence).
   */
  probesExpected: number;
}

/** The verdict. */
export interface Inference {
  /** Inferred family, or null when nothing was observed. */
  family: Family | null;
  /**
   * Versions of the inferred family whose known builds (tagged or not) show what the wire showed,
   * as `>=a <=b`, several joined by ` || ` (both bounds inclusive); null when the wire does not
   * narrow it or no known build matches.
   */
  versionRange: string | null;
  /** The observations that voted, `feature=value -> families (weight)`, strongest first. */
  evidence: string[];
  /**
   * How far the verdict can be trusted, 0..1 (two decimals); null when nothing voted. It is
   * `agreement * coverage`:
   * - `agreement`: the winner's weight over all weight cast, where the claimed family (when the
   *   string names one) adds `CLAIM_WEIGHT` to the winner if it agrees and to the total either
   *   way, and a combination of traits that no known build of the winner produces adds
   *   `NO_BUILD_WEIGHT` to the total. Votes for other families and a contrary claim lower it.
   * - `coverage`: `probesRead / probesExpected`, the share of `EVIDENCE_PROBES` that left a
   *   readable record (probes skipped because the server already looked like EPS are not
   *   expected); a server that answered few probes cannot be told apart well.
   */
  confidence: number | null;
  /** The `coverage` factor of `confidence`, 0..1. */
  coverage: number;
  /** Family named by the claimed software string, or null if unrecognised. */
  claimedFamily: Family | null;
  claimedVersion: string | null;
  /** Claimed and inferred family agree; null when either is unknown. */
  agrees: boolean | null;
  /**
   * False only when some known build of the inferred family shows the traits seen and none of
   * those builds carries the claimed version; null when either is unknown or nothing matched.
   */
  versionConsistent: boolean | null;
}

/** Claimed families (analysis/software.ts) as the inference names them. */
const CLAIMED: Record<SoftwareClaim["family"], Family | null> = {
  ElectrumX: "electrumx",
  Fulcrum: "fulcrum",
  "electrs-esplora": "esplora",
  "mempool-electrs": "esplora",
  electrs: "electrs",
  EPS: "eps",
  other: null,
};

/** Parse a claimed software string into a family and a numeric version (for agreement only). */
export function claimedFamily(
  software: string | null,
): { family: Family | null; version: string | null } {
  if (!software) return { family: null, version: null };
  const v = software.match(/(\d+\.\d+(?:\.\d+)?)/)?.[1] ?? null;
  return { family: CLAIMED[softwareFamily(software).family], version: v };
}

/** A protocol version as `server.version` negotiates it against our offered range. */
function negotiated(protocolMax: string): string {
  const cap = OFFERED_RANGE[1];
  return compareVersions(protocolMax, cap) > 0 ? cap : protocolMax;
}

const sameVersion = (a: string, b: string) => compareVersions(a, b) === 0;

/** Families with a known build that negotiates this protocol. */
function familiesSpeaking(protocol: string): Family[] {
  return FAMILIES.filter((f) =>
    BUILD_HISTORY.some((b) => b.family === f && sameVersion(negotiated(b.protocolMax), protocol))
  );
}

/** The builds of a family whose traits match the wire; every build when the wire says nothing. */
export function matchingBuilds(family: Family, e: WireEvidence): Build[] {
  const pv = e.preversion;
  const padded = e.paddedLines > 0 || pv?.padded === true
    ? true
    : e.lines >= 3 && pv
    ? false
    : null;
  const versionFirst = pv?.outcome === "version-first"
    ? true
    : pv?.outcome === "answered"
    ? false
    : null;
  const handling = e.rangeProtocol !== null
    ? "accepts"
    : e.rangeError && /Range\(/.test(e.rangeError)
    ? "range-refusal"
    : e.rangeError && /requested protocol version/.test(e.rangeError)
    ? "exact-refusal"
    : null;
  return BUILD_HISTORY.filter((b) =>
    b.family === family &&
    (e.rangeProtocol === null || sameVersion(negotiated(b.protocolMax), e.rangeProtocol)) &&
    (padded === null || b.padded === undefined || b.padded === padded) &&
    (versionFirst === null || b.versionFirst === undefined || b.versionFirst === versionFirst) &&
    (handling === null || b.rangeHandling === undefined || b.rangeHandling === handling)
  );
}

/**
 * Infer the implementation from wire evidence.
 *
 * @example
 * ```ts
 * inferImplementation(evidenceFromRecords(records)).family; // "fulcrum"
 * ```
 */
export function inferImplementation(e: WireEvidence): Inference {
  const votes: { text: string; families: Family[]; weight: number }[] = [];
  const vote = (text: string, families: Family[], weight: number) =>
    votes.push({ text, families, weight });
  const all: Family[] = [...FAMILIES];
  const but = (...xs: Family[]) => all.filter((f) => !xs.includes(f));

  if (e.lineEnding === "crlf") vote("line_ending=crlf", ["fulcrum"], 3);
  else if (e.lineEnding === "lf") vote("line_ending=lf", but("fulcrum"), 1);
  const padded = e.paddedLines > 0 || e.preversion?.padded === true;
  if (padded) vote("padding=yes", ["electrumx"], 3);
  if (e.spacing === "python") vote("spacing=python", ["eps"], 3);
  else if (e.spacing === "compact") vote("spacing=compact", but("eps"), 0.5);
  if (e.resultKeyOrder === "jsonrpc,result,id") {
    vote("result_keys=jsonrpc,result,id", ["electrumx", "eps"], 2);
  } else if (e.resultKeyOrder === "id,jsonrpc,result") {
    vote("result_keys=id,jsonrpc,result", ["fulcrum", "electrs", "esplora"], 2);
  }
  if (e.errorKeyOrder === "jsonrpc,error,id") vote("error_keys=jsonrpc,error,id", ["electrumx"], 2);
  else if (e.errorKeyOrder === "error,id,jsonrpc") {
    vote("error_keys=error,id,jsonrpc", ["fulcrum", "electrs", "esplora"], 2);
  } else if (e.errorKeyOrder === "error,jsonrpc,id") {
    vote("error_keys=error,jsonrpc,id", ["eps"], 2);
  }
  if (e.stringError) vote("error=bare-string", ["esplora"], 3);

  const pv = e.preversion;
  if (pv) {
    if (pv.outcome === "version-first") vote("preversion=version-first", ["electrumx"], 4);
    // EPS never answers `server.features` (reference §3): a server silent before
    // `server.version` that answered it on the main session was slow, not EPS.
    else if (pv.outcome === "silent" && e.featuresStatus !== "success") {
      vote("preversion=silent", ["eps"], 4);
    } else if (pv.outcome === "error") {
      const msg = typeof pv.error === "string"
        ? pv.error
        : (pv.error as { message?: unknown } | null)?.message;
      if (
        typeof msg === "string" && /unknown method server\.features|discovery is disabled/.test(msg)
      ) vote("preversion=features-unknown", ["esplora"], 3);
    } else if (pv.outcome === "answered") {
      vote("preversion=answered", ["electrumx", "fulcrum", "electrs"], 1);
    }
  }

  if (e.featuresStatus === "timeout") vote("features=silent", ["eps"], 3);
  if (e.featuresKeys) {
    const k = e.featuresKeys;
    if (k.includes("dsproof")) vote("features=dsproof", ["fulcrum"], 3);
    else if (k[0] === "hosts" && k[1] === "pruning") {
      vote("features_order=hosts,pruning,...", ["electrumx"], 2);
    }
    const h = e.featuresHosts as Record<string, unknown> | null;
    if (h && typeof h === "object" && !Array.isArray(h) && typeof h.tcp_port === "number") {
      vote("features_hosts=flat", ["electrs"], 3);
    }
  }

  const c = e.errorCases;
  const m = (name: string) => c[name]?.message ?? "";
  const o = (name: string) => c[name]?.outcome ?? null;
  if (c.unknown_method) {
    const msg = m("unknown_method");
    if (/^unknown method "/.test(msg)) vote("unknown_method=electrumx-wording", ["electrumx"], 2);
    else if (/^Unsupported request:/.test(msg)) {
      vote("unknown_method=fulcrum-wording", ["fulcrum"], 2);
    } else if (msg === "method not found") vote("unknown_method=electrs-wording", ["electrs"], 2);
    else if (/^unknown method \S+/.test(msg)) {
      vote("unknown_method=esplora-wording", ["esplora"], 2);
    }
  }
  if (c.bad_params) {
    const msg = m("bad_params");
    if (/arguments passed to method/.test(msg)) {
      vote("bad_params=electrumx-wording", ["electrumx"], 2);
    } else if (/^Expected at (least|most)|^Missing required params/.test(msg)) {
      vote("bad_params=fulcrum-wording", ["fulcrum"], 2);
    } else if (msg === "invalid params") vote("bad_params=invalid-params", ["electrs"], 1);
    else if (/missing height|non-integer height|missing hash/.test(msg)) {
      vote("bad_params=esplora-wording", ["esplora"], 2);
    }
  }
  if (o("no_method") === "silent") vote("no_method=silent", ["electrumx"], 2);
  else if (m("no_method") === "Invalid JSON RPC object") {
    vote("no_method=fulcrum-wording", ["fulcrum"], 2);
  } else if (m("no_method") === "invalid request") {
    vote("no_method=invalid-request", ["electrs", "esplora"], 1);
  } else if (o("no_method") === "closed") vote("no_method=closed", ["esplora", "eps"], 1);
  if (c.extra_key?.outcome === "reply") {
    if (c.extra_key.code === -32600) vote("extra_key=rejected", ["fulcrum"], 3);
    else if (c.extra_key.reply_kind === "result") vote("extra_key=ignored", but("fulcrum"), 0.5);
  }
  if (c.not_object?.outcome === "reply") {
    const msg = m("not_object");
    if (msg === "request object must be a dictionary") {
      vote("not_object=electrumx-wording", ["electrumx"], 2);
    } else if (msg === "Invalid request") vote("not_object=Invalid-request", ["fulcrum"], 1);
    else if (msg === "invalid request") {
      vote("not_object=invalid-request", ["electrs", "esplora"], 1);
    }
  }
  if (c.empty_batch) {
    const r = c.empty_batch;
    if (r.message === "batch is empty") vote("empty_batch=batch-is-empty", ["electrumx"], 2);
    else if (r.message === "Invalid request") vote("empty_batch=Invalid-request", ["fulcrum"], 1);
    else if (r.reply_kind === "batch" && r.reply === "[]") {
      vote("empty_batch=[]", ["electrs", "esplora"], 2);
    } else if (r.outcome === "closed") vote("empty_batch=closed", ["esplora", "eps"], 1);
  }
  if (c.malformed_json) {
    const r = c.malformed_json;
    if (r.message === "invalid JSON") vote("malformed=invalid-JSON", ["electrumx"], 2);
    else if (/^Failed to parse Json/.test(r.message ?? "")) {
      vote("malformed=fulcrum-echo", ["fulcrum"], 2);
    } else if (r.message === "parse error") {
      vote("malformed=parse-error", ["electrs", "esplora"], 1);
    } else if (r.outcome === "closed") vote("malformed=closed", ["esplora", "eps"], 1);
  }
  if (e.batch) {
    if (e.batch.join === "comma-space") vote("batch_join=comma-space", ["electrumx"], 2);
    else if (e.batch.join === "comma") {
      vote("batch_join=comma", ["fulcrum", "electrs", "esplora"], 1);
    } else if (e.batch.outcome === "closed") vote("batch=closed", ["esplora", "eps"], 1);
  }
  if (e.donation !== undefined) {
    if (e.donation === "") vote("donation=empty", ["electrumx"], 1);
    else if (e.donation === FULCRUM_DEFAULT_DONATION) {
      vote("donation=fulcrum-default", ["fulcrum"], 1);
    } else if (e.donation === null) vote("donation=null", ["electrs", "esplora"], 1);
    else if (e.donation === EPS_DEFAULT_DONATION) vote("donation=eps-default", ["eps"], 1);
  }
  if (e.methods) {
    if (e.methods["blockchain.scripthash.get_first_use"] === true) {
      vote("get_first_use=yes", ["fulcrum"], 2);
    }
    if (e.methods["blockchain.scripthash.get_mempool"] === false) {
      vote("get_mempool=no", ["electrs", "esplora", "eps"], 1);
    }
  }
  if (e.histogramShape === "decimal") vote("histogram=decimal", ["electrumx"], 1);
  else if (e.histogramShape === "pow2") vote("histogram=pow2", ["electrs", "esplora"], 1);
  if (e.mempoolInfoOk === true) vote("mempool.get_info@1.4=yes", ["fulcrum"], 1);
  if (e.rangeProtocol) {
    // Every family with a known build that negotiates this version (build_history.ts); a version
    // only one family ever spoke weighs more.
    const speakers = familiesSpeaking(e.rangeProtocol);
    if (speakers.length > 0) {
      vote(`range=${e.rangeProtocol}`, speakers, speakers.length === 1 ? 2 : 1);
    }
  } else if (
    e.rangeError && /Range\(|requested protocol version|unsupported request/.test(e.rangeError)
  ) vote("range=electrs-refusal", ["electrs"], 2);

  const score = new Map<Family, number>(FAMILIES.map((f) => [f, 0]));
  let total = 0;
  for (const v of votes) {
    total += v.weight;
    for (const f of v.families) score.set(f, score.get(f)! + v.weight);
  }
  let family: Family | null = null;
  for (const f of FAMILIES) {
    if (score.get(f)! > 0 && (family === null || score.get(f)! > score.get(family)!)) family = f;
  }

  const claim = claimedFamily(e.claimedSoftware);
  const builds = family ? matchingBuilds(family, e) : [];
  const known = family !== null && BUILD_HISTORY.some((b) => b.family === family);
  const noBuild = known && builds.length === 0;
  const set = versionSet(builds);
  const versionRange = set.text;
  const evidence = votes
    .filter((v) => family !== null && v.families.includes(family))
    .sort((a, b) => b.weight - a.weight)
    .map((v) => `${v.text} -> ${v.families.join("/")} (${v.weight})`);
  const against = votes.filter((v) => family !== null && !v.families.includes(family)).map((v) =>
    `against: ${v.text} -> ${v.families.join("/")} (${v.weight})`
  );
  if (noBuild) {
    against.push(`against: no known ${family} build shows these traits (${NO_BUILD_WEIGHT})`);
  }
  const coverage = e.probesExpected > 0 ? Math.min(1, e.probesRead / e.probesExpected) : 0;
  let confidence: number | null = null;
  if (family && total > 0) {
    const claimFor = claim.family === family ? CLAIM_WEIGHT : 0;
    const claimCast = claim.family ? CLAIM_WEIGHT : 0;
    const agreement = (score.get(family)! + claimFor) /
      (total + claimCast + (noBuild ? NO_BUILD_WEIGHT : 0));
    confidence = Math.round(agreement * coverage * 100) / 100;
  }
  return {
    family,
    versionRange,
    evidence: [...evidence, ...against],
    confidence,
    coverage: Math.round(coverage * 100) / 100,
    claimedFamily: claim.family,
    claimedVersion: claim.version,
    agrees: family && claim.family ? family === claim.family : null,
    versionConsistent: family && claim.family === family && claim.version && versionRange
      ? satisfiesVersionSet(claim.version, versionRange)
      : null,
  };
}

/**
 * A record the inference reads something from: a success, an error reply (the server answered,
 * and its wording is evidence), or silence on `server.features` (EPS's tell).
 */
function readable(r: ProbeRecord | undefined): boolean {
  if (!r) return false;
  return r.status === "success" || r.status === "rpc-error" ||
    (r.probe === "features" && r.status === "timeout");
}

/** A record the battery skipped because the server already looked like EPS. */
function skippedAsEps(r: ProbeRecord | undefined): boolean {
  const why = r?.status === "unsupported" ? r.data?.skipped : undefined;
  return typeof why === "string" && why.startsWith("EPS-like");
}

/**
 * Extract wire evidence from the records of a server's main endpoint.
 *
 * @param records The records of one endpoint (one server's main endpoint), any order.
 */
export function evidenceFromRecords(records: readonly ProbeRecord[]): WireEvidence {
  const get = (p: string) => records.find((r) => r.probe === p);
  const d = (p: string) => get(p)?.data as Record<string, unknown> | undefined;
  const pv = get("preversion");
  const pvd = pv?.status === "success" ? pv.data : null;
  const wire = d("wire");
  const features = get("features");
  const version = get("version");
  const errorsRec = get("errors");
  const cases: WireEvidence["errorCases"] = {};
  if (errorsRec?.status === "success") {
    for (
      const c
        of (errorsRec.data.cases as WireEvidence["errorCases"][string][] & { case: string }[]) ?? []
    ) {
      cases[(c as unknown as { case: string }).case] = c;
    }
  }
  const batchRec = get("batch");
  const donation = get("donation");
  const methodsRec = get("methods");
  const fees = get("fees");
  const range = get("version_range");
  const pvStyle = pvd?.style as { paddingSpaces?: number } | null | undefined;
  const mi = fees?.data.mempool_info as { ok?: boolean } | undefined;
  return {
    claimedSoftware: version?.status === "success" ? (version.data.software as string) : null,
    preversion: pvd
      ? {
        outcome: String(pvd.outcome),
        error: pvd.error ?? null,
        padded: (pvStyle?.paddingSpaces ?? 0) >= 16,
      }
      : null,
    lineEnding: (wire?.line_ending as WireEvidence["lineEnding"]) ?? null,
    paddedLines: (wire?.padded_lines as number) ?? 0,
    lines: (wire?.lines as number) ?? 0,
    resultKeyOrder: (wire?.result_key_order as string) ?? null,
    errorKeyOrder: (wire?.error_key_order as string) ?? null,
    spacing: (wire?.spacing as string) ?? null,
    stringError: wire?.string_error === true,
    featuresKeys: features?.status === "success"
      ? ((features.data.keys as string[] | null) ?? null)
      : null,
    featuresHosts: features?.status === "success"
      ? (features.data.features as Record<string, unknown> | undefined)?.hosts ?? null
      : null,
    featuresStatus: features?.status ?? null,
    errorCases: cases,
    batch: batchRec?.status === "success"
      ? {
        outcome: (batchRec.data.outcome as string) ?? null,
        join: (batchRec.data.join as string) ?? null,
      }
      : null,
    donation: donation?.status === "success"
      ? (donation.data.donation_address as string | null)
      : undefined,
    methods: methodsRec?.status === "success"
      ? (methodsRec.data.support as Record<string, boolean | null>)
      : null,
    histogramShape: fees?.status === "success"
      ? ((fees.data.histogram_shape as string) ?? null)
      : null,
    mempoolInfoOk: mi && "ok" in mi && !("skipped" in mi) ? mi.ok === true : null,
    rangeProtocol: range?.status === "success" && range.data.protocol != null
      ? String(range.data.protocol)
      : null,
    rangeError: range?.status === "rpc-error" ? (range.message ?? null) : null,
    probesRead: EVIDENCE_PROBES.filter((p) => readable(get(p))).length,
    probesExpected: EVIDENCE_PROBES.filter((p) => !skippedAsEps(get(p))).length,
  };
}
