/**
 * Fast, strict parsing of IP literals into numbers: IPv4 as an unsigned 32-bit number, IPv6 as a
 * 128-bit BigInt, and formatting back (dotted quad, RFC 5952). The one parser and formatter of
 * address literals; `address.ts`, `lib/geo`, `lib/tls` and the lab build on it.
 *
 * @module
 */

/** Parse a dotted quad (no leading zeros beyond "0", four parts) into a number, or null. */
export function parseV4(s: string): number | null {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46; // a virtual final "."
    if (c === 46) {
      if (digits === 0 || part > 255) return null;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      // A leading zero makes the part ambiguous (octal in some parsers): reject.
      if (digits === 1 && part === 0) return null;
      part = part * 10 + (c - 48);
      if (++digits > 3) return null;
    } else {
      return null;
    }
  }
  return parts === 4 ? value : null;
}

/** Parse an IPv6 literal (with optional `%zone`, embedded IPv4 tail allowed) into a BigInt. */
export function parseV6(input: string): bigint | null {
  let s = input;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (s.length < 2 || s.length > 45) return null;
  const groups: number[] = [];
  let gap = -1;
  let i = 0;
  if (s.startsWith("::")) {
    gap = 0;
    i = 2;
    if (s.length === 2) return 0n;
  } else if (s[0] === ":") {
    return null;
  }
  while (i < s.length) {
    let j = i;
    let word = 0;
    while (j < s.length && j - i < 5) {
      const c = s.charCodeAt(j);
      const d = c >= 48 && c <= 57
        ? c - 48
        : c >= 97 && c <= 102
        ? c - 87
        : c >= 65 && c <= 70
        ? c - 55
        : -1;
      if (d < 0) break;
      word = word * 16 + d;
      j++;
    }
    if (j < s.length && s[j] === ".") {
      // Embedded IPv4 tail: must be last and leave room for two groups.
      const v4 = parseV4(s.slice(i));
      if (v4 === null) return null;
      groups.push(v4 >>> 16, v4 & 0xffff);
      i = s.length;
      break;
    }
    if (j === i || j - i > 4) return null;
    groups.push(word);
    i = j;
    if (i === s.length) break;
    if (s[i] !== ":") return null;
    if (s[i + 1] === ":") {
      if (gap >= 0) return null;
      gap = groups.length;
      i += 2;
    } else {
      i += 1;
      if (i === s.length) return null; // trailing single colon
    }
  }
  if (gap >= 0) {
    if (groups.length > 7) return null;
    groups.splice(gap, 0, ...new Array(8 - groups.length).fill(0));
  }
  if (groups.length !== 8) return null;
  // Number keeps 53 bits exactly, so combine four 32-bit words.
  return (BigInt(groups[0] * 65536 + groups[1]) << 96n) |
    (BigInt(groups[2] * 65536 + groups[3]) << 64n) |
    (BigInt(groups[4] * 65536 + groups[5]) << 32n) |
    BigInt(groups[6] * 65536 + groups[7]);
}

/** Format an unsigned 32-bit number as a dotted quad. */
export function formatV4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Format a 128-bit BigInt as a canonical (RFC 5952) IPv6 literal. */
export function formatV6(v: bigint): string {
  const g: number[] = [];
  for (let k = 7; k >= 0; k--) g.push(Number((v >> BigInt(k * 16)) & 0xffffn));
  // Longest run of two or more zero groups is compressed (first one on ties).
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(":");
  return hex.slice(0, bestStart).join(":") + "::" + hex.slice(bestStart + bestLen).join(":");
}
