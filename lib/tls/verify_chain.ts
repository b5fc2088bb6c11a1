/**
 * Verify a certificate chain as a client would: a path from the leaf to a trust anchor through
 * the chain the server sent, every certificate within its validity, and the leaf matching the
 * host name. Signatures and issuer checks use node:crypto `X509Certificate` (`verify`,
 * `checkIssued`, which also refuses an issuer whose keyUsage lacks keyCertSign); host names use
 * {@linkcode certificateMatchesHost} (Deno's `checkHost` knows no wildcards). The collector
 * passes the system store (node:tls `rootCertificates`) in live mode and the lab CA's root in
 * lab mode.
 *
 * Order of checks, first failure wins: parse, path to an anchor (signatures, CA flags), validity
 * of every certificate on the path, host name.
 *
 * @module
 */
import { X509Certificate } from "node:crypto";
import { certificateMatchesHost } from "./certificate_matches_host.ts";
import { parseCertificate } from "./parse_certificate.ts";

/** Why a chain did or did not verify (after OpenSSL's verify codes). */
export type ChainVerdict =
  | "verified"
  | "empty-chain"
  | "unparsable"
  | "self-signed"
  | "self-signed-in-chain"
  | "unknown-issuer"
  | "bad-signature"
  | "issuer-not-ca"
  | "chain-too-long"
  | "expired"
  | "not-yet-valid"
  | "hostname-mismatch";

/** Result of {@linkcode verifyChain}. */
export interface ChainVerification {
  /** True only when `reason` is `"verified"`. */
  verified: boolean;
  /** The verdict. */
  reason: ChainVerdict;
  /** Which certificate failed (0 = leaf; the anchor is `path.length`), or null. */
  depth: number | null;
  /** Subjects from the leaf up to and including the anchor reached (empty if none). */
  path: string[];
}

/** Options of {@linkcode verifyChain}. */
export interface VerifyChainOptions {
  /** Trusted roots, PEM (each string may hold several certificates). Required; pass `[]` to
   * trust nothing. Parsed anchors are cached per array object, so reuse the same array. */
  trustAnchorsPem: readonly string[];
  /** The time validity is judged at. Default: the current time. */
  now?: Date;
  /** Longest path, certificates including the leaf. Default 8. */
  maxDepth?: number;
}

/** A certificate with the fields path building compares, read once (each read is an op). */
interface Entry {
  x509: X509Certificate;
  raw: Buffer;
  subject: string;
  issuer: string;
}

function entryOf(input: string | Uint8Array): Entry {
  const x509 = new X509Certificate(input);
  // Deno leaves subject/issuer undefined for some odd names; "" still lets signatures decide.
  return { x509, raw: x509.raw, subject: x509.subject ?? "", issuer: x509.issuer ?? "" };
}

const anchorCache = new WeakMap<readonly string[], Entry[]>();

function anchorsOf(pems: readonly string[]): Entry[] {
  let out = anchorCache.get(pems);
  if (out) return out;
  out = [];
  for (const text of pems) {
    if (typeof text !== "string") throw new TypeError("options.trustAnchorsPem must hold strings");
    for (
      const m of text.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)
    ) {
      try {
        out.push(entryOf(m[0]));
      } catch {
        // An unreadable anchor cannot anchor anything; the rest still count.
      }
    }
  }
  anchorCache.set(pems, out);
  return out;
}

function dates(e: Entry): [Date, Date] {
  const c = e.x509;
  const x = c as X509Certificate & { validFromDate?: Date; validToDate?: Date };
  return [x.validFromDate ?? new Date(c.validFrom), x.validToDate ?? new Date(c.validTo)];
}

/**
 * Signature checks already made, by the two certificates' DER (a pure function of both). One
 * signature check costs 1-3 ms in node:crypto, and a crawl sees the same intermediate signed by
 * the same root on every handshake (and a server's leaf on each of its TLS endpoints). Bounded:
 * cleared when full.
 */
const signatureMemo = new Map<string, "yes" | "bad-signature" | "no">();
const SIGNATURE_MEMO_MAX = 4096;

/** Names chain and the signature verifies with the parent's key. */
function signedBy(child: Entry, parent: Entry): "yes" | "bad-signature" | "no" {
  if (child.issuer !== parent.subject) return "no";
  const key = `${child.raw.toString("base64")} ${parent.raw.toString("base64")}`;
  let verdict = signatureMemo.get(key);
  if (verdict) return verdict;
  try {
    verdict = child.x509.verify(parent.x509.publicKey) ? "yes" : "bad-signature";
  } catch {
    verdict = "no";
  }
  if (signatureMemo.size >= SIGNATURE_MEMO_MAX) signatureMemo.clear();
  signatureMemo.set(key, verdict);
  return verdict;
}

/** May `parent` issue certificates: basicConstraints cA and, if present, keyCertSign. */
function mayIssue(child: Entry, parent: Entry): boolean {
  try {
    return parent.x509.ca && child.x509.checkIssued(parent.x509);
  } catch {
    return false;
  }
}

/**
 * Verify `chainDer` (leaf first, as sent by the server) for `hostname` against trust anchors.
 *
 * @param chainDer The certificates the server sent, DER, leaf first.
 * @param hostname The name or IP address dialled; null skips the host-name check.
 * @param options Trust anchors (required), `now` (default current time), `maxDepth` (8).
 * @returns `{verified, reason, depth, path}`; never throws on the certificates themselves.
 * @throws {TypeError} if `chainDer` is not an array of Uint8Array, `hostname` is not a
 *   non-empty string or null, or `options.trustAnchorsPem` is missing.
 * @example
 * ```ts
 * import { rootCertificates } from "node:tls";
 * const v = verifyChain([leafDer, intermediateDer], "electrum.example.org", {
 *   trustAnchorsPem: rootCertificates,
 * });
 * if (!v.verified) console.log(v.reason); // "self-signed", "hostname-mismatch", ...
 * ```
 */
export function verifyChain(
  chainDer: readonly Uint8Array[],
  hostname: string | null,
  options: VerifyChainOptions,
): ChainVerification {
  if (!Array.isArray(chainDer) || chainDer.some((d) => !(d instanceof Uint8Array))) {
    throw new TypeError("chainDer must be an array of Uint8Array");
  }
  if (hostname !== null && (typeof hostname !== "string" || hostname === "")) {
    throw new TypeError(
      `hostname must be a non-empty string or null, got ${JSON.stringify(hostname)}`,
    );
  }
  if (!options || !Array.isArray(options.trustAnchorsPem)) {
    throw new TypeError("options.trustAnchorsPem must be an array of PEM strings");
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError("options.now must be a valid Date");
  }
  const maxDepth = options.maxDepth ?? 8;
  if (!Number.isInteger(maxDepth) || maxDepth < 1) {
    throw new RangeError(`options.maxDepth must be a positive integer, got ${maxDepth}`);
  }
  const result = (reason: ChainVerdict, depth: number | null, path: Entry[] = []) => ({
    verified: reason === "verified",
    reason,
    depth,
    path: path.map((c) => c.subject.replace(/\n/g, ", ")),
  });
  if (chainDer.length === 0) return result("empty-chain", null);
  const leafRecord = parseCertificate(chainDer[0], { maxBytes: 1 << 20, maxSans: 10_000 });
  if (!leafRecord.ok) return result("unparsable", 0);
  const certs: Entry[] = [];
  for (let i = 0; i < chainDer.length && i < 32; i++) {
    try {
      certs.push(entryOf(chainDer[i]));
    } catch {
      if (i === 0) return result("unparsable", 0);
      // A junk extra certificate is ignored, as clients do; it just cannot be a path step.
    }
  }
  const anchors = anchorsOf(options.trustAnchorsPem);
  const leaf = certs[0];

  // Build the path: leaf, intermediates from what was sent, then an anchor.
  const path = [leaf];
  let anchored = false;
  let sawBadSignature = false;
  while (!anchored) {
    const cur = path[path.length - 1];
    if (anchors.some((a) => a.raw.equals(cur.raw))) {
      anchored = true; // the certificate itself is trusted (pinned or a sent root)
      break;
    }
    const anchor = anchors.find((a) => {
      const r = signedBy(cur, a);
      if (r === "bad-signature") sawBadSignature = true;
      return r === "yes";
    });
    if (anchor) {
      path.push(anchor);
      anchored = true;
      break;
    }
    if (path.length >= maxDepth) return result("chain-too-long", path.length - 1, path);
    const next = certs.find((c) => {
      if (path.includes(c)) return false;
      const r = signedBy(cur, c);
      if (r === "bad-signature") sawBadSignature = true;
      return r === "yes";
    });
    if (!next) {
      const depth = path.length - 1;
      if (sawBadSignature) return result("bad-signature", depth, path);
      const selfIssued = signedBy(cur, cur) === "yes";
      if (selfIssued) {
        return result(depth === 0 ? "self-signed" : "self-signed-in-chain", depth, path);
      }
      return result("unknown-issuer", depth, path);
    }
    if (!mayIssue(cur, next)) return result("issuer-not-ca", path.length, path);
    path.push(next);
  }

  for (let d = 0; d < path.length; d++) {
    const [from, to] = dates(path[d]);
    if (now > to) return result("expired", d, path);
    if (now < from) return result("not-yet-valid", d, path);
  }
  if (hostname !== null && !certificateMatchesHost(leafRecord, hostname)) {
    return result("hostname-mismatch", 0, path);
  }
  return result("verified", null, path);
}
