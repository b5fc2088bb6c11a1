/**
 * Look up a known set of addresses with the databases opened one at a time, each released
 * before the next is read, so the memory held at once is the largest database rather than all
 * of them (about 70 MB instead of 180 MB with the bundled files).
 *
 * @module
 */
import { isGlobalUnicast, type ParsedIp, parseIp } from "./_ip.ts";
import { families, mmdbProvenance, mmdbReader, ScratchBuffer } from "./_mmdb.ts";
import { stat } from "node:fs/promises";
import {
  asksMaxmindAsn,
  asnCsvProvenance,
  checkAsn,
  checkCity,
  fillLocation,
  geoPlan,
  MAXMIND_ATTRIBUTION,
  MAXMIND_LICENSE,
  mmdbKey,
} from "./_chain.ts";
import { AsnTable } from "./asn_table.ts";
import { classifyProvider } from "./classify_provider.ts";
import { type GeoProvenance, type GeoRecord, UNKNOWN_PLACE } from "./geo_enricher.ts";
import { readLocation, text } from "./_records.ts";
import type { OpenGeoOptions } from "./_chain.ts";

/** The answers of {@linkcode lookupAddresses}. */
export interface AddressLookups {
  /**
   * The record of one of the addresses given, as `openGeo(options).lookup(ip)` gives it.
   *
   * @throws {TypeError} If `ip` is not an address literal (as `openGeo`'s `lookup` does).
   * @throws {RangeError} If `ip` was not among the addresses looked up.
   */
  lookup(ip: string): GeoRecord;
  /** The databases that answered, as `openGeo(options).provenance()` lists them. */
  provenance(): GeoProvenance[];
}

/**
 * Enrich a set of addresses as {@linkcode openGeo}'s `lookup` does (same chain of databases,
 * same records), but with the databases opened one after another: each location database in
 * the chain's order answers the addresses no earlier one located, and is dropped before the
 * next is read; then the ASN sources. For deriving a table from a scan, whose addresses are
 * all known up front; `openGeo` is for look-ups one at a time.
 *
 * @param ips Addresses to look up (duplicates and non-literals allowed: a non-literal is
 *   skipped here and its `lookup` throws a TypeError).
 * @param options Database paths, as for `openGeo`. Default: the bundled databases.
 * @returns The records by address, and the databases' provenance.
 * @throws {RangeError} If `recordCacheSize` is not an integer >= 0.
 * @throws {TypeError} If a MaxMind path holds a database of the wrong type.
 * @throws {Error} If a file cannot be read or parsed (the message names the file).
 * @example
 * ```ts
 * const geo = await lookupAddresses(["8.8.8.8", "2a01:4f8::1"]);
 * geo.lookup("8.8.8.8").provider; // "Google Cloud"
 * ```
 */
export async function lookupAddresses(
  ips: Iterable<string>,
  options: OpenGeoOptions = {},
): Promise<AddressLookups> {
  const plan = geoPlan(options, "lookupAddresses");
  const records = new Map<string, GeoRecord>();
  // Global unicast addresses still to locate, with their parsed form and mmdb key.
  const global: { rec: GeoRecord; p: ParsedIp; key: string }[] = [];
  for (const ip of ips) {
    if (records.has(ip)) continue;
    const p = parseIp(ip);
    if (!p) continue;
    const rec: GeoRecord = { ip, ip_version: p.version, ...UNKNOWN_PLACE };
    records.set(ip, rec);
    if (isGlobalUnicast(p)) global.push({ rec, p, key: mmdbKey(ip, p) });
  }
  let pending = global;
  const prov: GeoProvenance[] = [];
  // Every file is read into one buffer, the largest file's size (or both ASN range files'),
  // in turn; it is freed on return. The ASN ranges' parsed table (about 40 MB) is the one
  // other large allocation.
  const mmdbs = [
    ...plan.locations.map((d) => d.file),
    ...(plan.maxmindAsn ? [plan.maxmindAsn] : []),
  ];
  const sizeOf = async (f: string) => (await stat(f).catch(() => ({ size: 0 }))).size;
  const sizes = await Promise.all(mmdbs.map(sizeOf));
  const csvBytes = (await sizeOf(plan.asnV4Csv)) + (await sizeOf(plan.asnV6Csv));
  const scratch = new ScratchBuffer(Math.max(csvBytes, ...sizes));
  try {
    for (const d of plan.locations) {
      const reader = mmdbReader(
        await scratch.read(d.file, "MaxMind-format database"),
        d.file,
        plan.cacheSize,
      );
      if (d.source === "maxmind-city") checkCity(reader, d.file, "lookupAddresses");
      prov.push(mmdbProvenance(d.name, d.file, reader, d.license, d.attribution));
      const fams = families(reader, d.only);
      const left: typeof pending = [];
      for (const a of pending) {
        const loc = fams.has(a.p.version)
          ? readLocation(d.maxmind, reader.get(a.key), plan.lang)
          : null;
        if (loc) fillLocation(a.rec, loc, d.source);
        else left.push(a);
      }
      pending = left;
    }
    // The ASN: a user's MaxMind ASN file first, then the ranges.
    let unanswered = global;
    if (plan.maxmindAsn) {
      const mmAsn = mmdbReader(
        await scratch.read(plan.maxmindAsn, "MaxMind-format database"),
        plan.maxmindAsn,
        plan.cacheSize,
      );
      checkAsn(mmAsn, plan.maxmindAsn, "lookupAddresses");
      prov.push(
        mmdbProvenance(
          "MaxMind ASN (user-supplied)",
          plan.maxmindAsn,
          mmAsn,
          MAXMIND_LICENSE,
          MAXMIND_ATTRIBUTION,
        ),
      );
      unanswered = [];
      for (const a of global) {
        const mm = asksMaxmindAsn(mmAsn, a.p) ? mmAsn.get(a.key) : null;
        if (mm && typeof mm.autonomous_system_number === "number") {
          a.rec.asn = mm.autonomous_system_number;
          a.rec.as_org = text(mm.autonomous_system_organization);
          a.rec.asn_source = "maxmind-asn";
        } else unanswered.push(a);
      }
    }
    // Both range files side by side in the buffer: the table keeps copies of what it needs.
    const v4Size = (await scratch.read(plan.asnV4Csv, "ASN range file")).length;
    const v6 = await scratch.read(plan.asnV6Csv, "ASN range file", v4Size);
    const table = new AsnTable(scratch.bytes(0, v4Size), v6, {
      v4: plan.asnV4Csv,
      v6: plan.asnV6Csv,
    });
    for (const a of unanswered) {
      const hit = table.lookup(a.p);
      if (hit) {
        a.rec.asn = hit.asn;
        a.rec.as_org = hit.as_org;
        a.rec.asn_source = "ip-location-db-asn";
      }
    }
  } finally {
    scratch.release();
  }
  for (const a of global) {
    const cls = classifyProvider(a.rec.asn, a.rec.as_org);
    a.rec.provider = cls.provider;
    a.rec.provider_class = cls.provider_class;
  }
  prov.push(...asnCsvProvenance(plan.asnV4Csv, plan.asnV6Csv));
  return {
    lookup(ip: string): GeoRecord {
      const rec = records.get(ip);
      if (rec) return { ...rec };
      if (!parseIp(ip)) {
        const shown = JSON.stringify(typeof ip === "string" ? ip.slice(0, 100) : ip);
        throw new TypeError(`lookup: not an IPv4 or IPv6 address literal: ${shown}`);
      }
      throw new RangeError(`lookup: ${ip} was not among the addresses looked up`);
    },
    provenance: () => prov.map((x) => ({ ...x })),
  };
}
