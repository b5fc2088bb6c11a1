/**
 * Does a certificate name a host? RFC 6125 matching as browsers and OpenSSL do it: IP addresses
 * only against iPAddress SANs; DNS names case-insensitively against dNSName SANs, with a
 * wildcard only as the whole left-most label (`*.example.org` matches `a.example.org`, not
 * `example.org` or `a.b.example.org`); the subject CN only when there is no dNSName SAN.
 *
 * Written here because Deno's `X509Certificate.checkHost` (2.9) matches exactly and
 * case-sensitively, without wildcards, which would call most Let's Encrypt wildcard
 * certificates mismatched.
 *
 * @module
 */
import { ipBytesOf, ipText } from "./_decode.ts";
import type { ParsedCertificate } from "./parse_certificate.ts";

function dnsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, "");
  if (p === host) return true;
  if (!p.startsWith("*.")) return false;
  const rest = p.slice(2);
  if (!rest.includes(".") || rest.includes("*")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot + 1) === rest;
}

/**
 * Whether `cert` names `host`.
 *
 * @param cert A parsed certificate (parse with a `maxSans` large enough for the names you
 *   expect; names beyond it are not looked at).
 * @param host A DNS name or an IP address (IPv6 with or without brackets).
 * @returns True if a SAN (or, lacking dNSName SANs, the subject CN) matches.
 * @throws {TypeError} if `host` is not a non-empty string.
 * @example
 * ```ts
 * const rec = parseCertificate(der);
 * if (rec.ok && !certificateMatchesHost(rec, "electrum.example.org")) console.log("mismatch");
 * ```
 */
export function certificateMatchesHost(cert: ParsedCertificate, host: string): boolean {
  if (typeof host !== "string" || host === "") {
    throw new TypeError(`host must be a non-empty string, got ${JSON.stringify(host)}`);
  }
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const ip = ipBytesOf(bare);
  if (ip !== null) return cert.sanIp.includes(ipText(ip));
  const name = bare.toLowerCase().replace(/\.$/, "");
  if (cert.sanDns.length) return cert.sanDns.some((p) => dnsMatches(p, name));
  return cert.subjectCn !== null && dnsMatches(cert.subjectCn, name);
}
