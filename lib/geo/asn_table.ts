/**
 * IP-to-ASN lookups over the ip-location-db ASN range files, held in sorted typed arrays and
 * searched by bisection.
 *
 * Input format (`asn-ipv4-num.csv`, `asn-ipv6-num.csv`; one inclusive range per line,
 * addresses as unsigned decimal integers, 128-bit for IPv6):
 *
 * ```
 * ip_range_start,ip_range_end,autonomous_system_number,autonomous_system_organization
 * 16777216,16777471,13335,"Cloudflare, Inc."
 * ```
 *
 * See https://github.com/sapics/ip-location-db/tree/main/asn (CC BY 4.0: RouteViews, DB-IP, NRO).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import type { ParsedIp } from "./_ip.ts";

export type { ParsedIp };
import { bundledPaths } from "./_sources.ts";

/** One inclusive address range announced by an AS (addresses as BigInt for both families). */
export interface AsnRange {
  /** First address. */
  readonly start: bigint;
  /** Last address, inclusive. */
  readonly end: bigint;
}

/** The answer of an ASN lookup. */
export interface AsnHit {
  /** Autonomous system number. */
  readonly asn: number;
  /** Organisation name from the range file, or null. */
  readonly as_org: string | null;
}

interface ParsedCsv {
  /** Range starts, `w` unsigned 32-bit words per row, most significant first. */
  starts: Uint32Array;
  /** Range ends (inclusive), same layout. */
  ends: Uint32Array;
  asns: Uint32Array;
  /** Words per address: 1 for IPv4, 4 for IPv6. */
  w: 1 | 4;
}

const COMMA = 44, QUOTE = 34, NL = 10, CR = 13;
const TWO32 = 2 ** 32;

/**
 * Parse one `*-num.csv` file. Decimal numbers are accumulated straight into 32-bit words
 * (multiply-and-carry per digit), which keeps the 128-bit IPv6 bounds out of BigInt.
 */
function parseCsv(bytes: Uint8Array, w: 1 | 4, orgs: Map<number, string>, file: string): ParsedCsv {
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === NL) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== NL) lines++;
  const asns = new Uint32Array(lines);
  const starts = new Uint32Array(lines * w);
  const ends = new Uint32Array(lines * w);
  const decoder = new TextDecoder();
  const n = bytes.length;
  let row = 0;
  let i = 0;
  const fail = (at: number): never => {
    throw new Error(`Malformed ASN range file ${file} at byte ${at} (row ${row + 1})`);
  };
  // Reads decimal digits up to a comma into out[at .. at+words-1] (fails on overflow). Digits
  // are taken four at a time so that word * 10^4 + carry stays exact in a double.
  const num = (out: Uint32Array, at: number, words: number): void => {
    const from = i;
    if (words === 1) {
      let v = 0;
      while (i < n) {
        const c = bytes[i];
        if (c < 48 || c > 57) break;
        v = v * 10 + (c - 48);
        i++;
      }
      if (v >= TWO32) fail(from);
      out[at] = v;
    } else {
      for (let k = 0; k < words; k++) out[at + k] = 0;
      while (i < n) {
        let chunk = 0, scale = 1;
        while (i < n && scale < 10000) {
          const c = bytes[i];
          if (c < 48 || c > 57) break;
          chunk = chunk * 10 + (c - 48);
          scale *= 10;
          i++;
        }
        if (scale === 1) break;
        let carry = chunk;
        for (let k = words - 1; k >= 0; k--) {
          const v = out[at + k] * scale + carry;
          carry = Math.floor(v / TWO32);
          out[at + k] = v - carry * TWO32;
        }
        if (carry !== 0) fail(from);
      }
    }
    if (i === from || bytes[i] !== COMMA) fail(from);
    i++;
  };
  while (i < n) {
    if (bytes[i] === NL || bytes[i] === CR) {
      i++;
      continue;
    }
    num(starts, row * w, w);
    num(ends, row * w, w);
    num(asns, row, 1);
    const asn = asns[row];
    // Organisation: the rest of the line, possibly quoted with "" escapes.
    const orgFrom = i;
    let orgTo: number;
    let quoted = false;
    if (bytes[i] === QUOTE) {
      quoted = true;
      i++;
      while (i < n) {
        if (bytes[i] === QUOTE) {
          if (bytes[i + 1] === QUOTE) i += 2;
          else break;
        } else i++;
      }
      orgTo = ++i;
      while (i < n && bytes[i] !== NL) i++;
    } else {
      while (i < n && bytes[i] !== NL) i++;
      orgTo = i > orgFrom && bytes[i - 1] === CR ? i - 1 : i;
    }
    if (!orgs.has(asn)) {
      let org = decoder.decode(bytes.subarray(orgFrom, orgTo));
      if (quoted) org = org.slice(1, -1).replaceAll('""', '"');
      if (org !== "") orgs.set(asn, org);
    }
    row++;
  }
  return {
    starts: starts.subarray(0, row * w),
    ends: ends.subarray(0, row * w),
    asns: asns.subarray(0, row),
    w,
  };
}

/** Compare the w-word numbers a[i] and b[j]. */
function cmp(a: Uint32Array, i: number, b: Uint32Array, j: number, w: number): number {
  for (let k = 0; k < w; k++) {
    const x = a[i * w + k], y = b[j * w + k];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Sort rows by start if needed and clip overlaps so that the later (more specific) row wins. */
function normalise(p: ParsedCsv): void {
  const { w } = p;
  const len = p.asns.length;
  let sorted = true;
  for (let k = 1; k < len && sorted; k++) {
    if (cmp(p.starts, k, p.starts, k - 1, w) < 0) sorted = false;
  }
  if (!sorted) {
    const idx = Array.from({ length: len }, (_, k) => k).sort((a, b) =>
      cmp(p.starts, a, p.starts, b, w)
    );
    const permute = (arr: Uint32Array, ww: number) => {
      const out = new Uint32Array(arr.length);
      idx.forEach((from, to) => out.set(arr.subarray(from * ww, from * ww + ww), to * ww));
      return out;
    };
    p.starts = permute(p.starts, w);
    p.ends = permute(p.ends, w);
    p.asns = permute(p.asns, 1);
  }
  for (let k = 1; k < len; k++) {
    if (cmp(p.starts, k, p.ends, k - 1, w) <= 0) {
      // previous end := this start - 1 (multi-word decrement with borrow)
      p.ends.set(p.starts.subarray(k * w, k * w + w), (k - 1) * w);
      for (let m = w - 1; m >= 0; m--) {
        const at = (k - 1) * w + m;
        if (p.ends[at] > 0) {
          p.ends[at]--;
          break;
        }
        p.ends[at] = 0xffff_ffff;
      }
    }
  }
}

function toBig(a: Uint32Array, row: number, w: number): bigint {
  let v = 0n;
  for (let k = 0; k < w; k++) v = (v << 32n) | BigInt(a[row * w + k]);
  return v;
}

/**
 * An in-memory IP-to-ASN table for IPv4 and IPv6. Range bounds are held in `Uint32Array`s
 * (one word per IPv4 address, four per IPv6 address, most significant first) and searched by
 * bisection. Build one with {@linkcode loadAsnTable}.
 */
export class AsnTable {
  readonly #v4: ParsedCsv;
  readonly #v6: ParsedCsv;
  readonly #orgs = new Map<number, string>();
  readonly #byAsn: [Map<number, number[]> | null, Map<number, number[]> | null] = [null, null];
  readonly #q = new Uint32Array(4);
  /** The files the table was read from. */
  readonly files: { readonly v4: string; readonly v6: string };

  /** Build from the contents of the two CSV files (prefer {@linkcode loadAsnTable}). */
  constructor(v4Csv: Uint8Array, v6Csv: Uint8Array, files: { v4: string; v6: string }) {
    this.files = files;
    this.#v4 = parseCsv(v4Csv, 1, this.#orgs, files.v4);
    normalise(this.#v4);
    this.#v6 = parseCsv(v6Csv, 4, this.#orgs, files.v6);
    normalise(this.#v6);
  }

  /** Number of IPv4 and IPv6 ranges held. */
  get rangeCount(): { v4: number; v6: number } {
    return { v4: this.#v4.asns.length, v6: this.#v6.asns.length };
  }

  /** The organisation name the file gives for `asn`, or null. */
  org(asn: number): string | null {
    return this.#orgs.get(asn) ?? null;
  }

  /** The AS announcing a parsed address, or null if no range holds it. */
  lookup(p: ParsedIp): AsnHit | null {
    let at = -1;
    let t: ParsedCsv;
    if (p.version === 4) {
      t = this.#v4;
      const x = p.v4, s = t.starts;
      let lo = 0, hi = s.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (s[mid] <= x) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (at >= 0 && x > t.ends[at]) at = -1;
    } else {
      t = this.#v6;
      const q = this.#q, v = p.v6;
      q[0] = Number(v >> 96n);
      q[1] = Number((v >> 64n) & 0xffff_ffffn);
      q[2] = Number((v >> 32n) & 0xffff_ffffn);
      q[3] = Number(v & 0xffff_ffffn);
      let lo = 0, hi = t.asns.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(t.starts, mid, q, 0, 4) <= 0) {
          at = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (at >= 0 && cmp(q, 0, t.ends, at, 4) > 0) at = -1;
    }
    if (at < 0) return null;
    const asn = t.asns[at];
    return { asn, as_org: this.org(asn) };
  }

  /**
   * All ranges announced by `asn` in one address family, in address order. The per-ASN index
   * is built once per family on first use (one pass over the table).
   */
  ranges(asn: number, version: 4 | 6): AsnRange[] {
    const slot = version === 4 ? 0 : 1;
    const t = version === 4 ? this.#v4 : this.#v6;
    let index = this.#byAsn[slot];
    if (!index) {
      index = new Map();
      const a = t.asns;
      for (let k = 0; k < a.length; k++) {
        const list = index.get(a[k]);
        if (list) list.push(k);
        else index.set(a[k], [k]);
      }
      this.#byAsn[slot] = index;
    }
    return (index.get(asn) ?? []).map((k) => ({
      start: toBig(t.starts, k, t.w),
      end: toBig(t.ends, k, t.w),
    }));
  }
}

/** Options of {@linkcode loadAsnTable}. */
export interface LoadAsnTableOptions {
  /** IPv4 range file in the `-num.csv` layout. Default: `@ip-location-db/asn/asn-ipv4-num.csv`. */
  v4Path?: string;
  /** IPv6 range file in the `-num.csv` layout. Default: `@ip-location-db/asn/asn-ipv6-num.csv`. */
  v6Path?: string;
}

/**
 * Read the ASN range files into an {@linkcode AsnTable} (synchronous; about 0.3 s and 20 MB
 * for the bundled files).
 *
 * @param options File paths; defaults are the bundled npm package files.
 * @returns The table.
 * @throws {Error} If a file cannot be read or is malformed (the message names the file).
 * @example
 * ```ts
 * import { loadAsnTable } from "./asn_table.ts";
 * const table = loadAsnTable();
 * table.lookup({ version: 4, v4: 0x08080808 }); // { asn: 15169, as_org: "Google LLC" }
 * ```
 */
export function loadAsnTable(options: LoadAsnTableOptions = {}): AsnTable {
  const defaults = options.v4Path && options.v6Path ? null : bundledPaths();
  const v4 = options.v4Path ?? defaults!.asnV4Csv;
  const v6 = options.v6Path ?? defaults!.asnV6Csv;
  const read = (f: string) => {
    try {
      return readFileSync(f);
    } catch (err) {
      throw new Error(`Cannot read ASN range file ${f}: ${(err as Error).message}`, { cause: err });
    }
  };
  return new AsnTable(read(v4), read(v6), { v4, v6 });
}

let shared: AsnTable | undefined;

/**
 * The bundled ASN table, read on first call and kept for the life of the process (so that
 * repeated lab picks do not re-read 30 MB). Pass an enricher's `asnTable` instead where one
 * is open, to hold a single copy.
 *
 * @returns The shared table.
 * @throws {Error} If the bundled files cannot be read.
 * @example
 * ```ts
 * import { sharedAsnTable } from "./asn_table.ts";
 * sharedAsnTable().org(24940); // "Hetzner Online GmbH"
 * ```
 */
export function sharedAsnTable(): AsnTable {
  shared ??= loadAsnTable();
  return shared;
}
