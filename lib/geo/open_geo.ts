/**
 * Offline IP enrichment: location (continent, country, city, coordinates), autonomous system
 * and provider class for IPv4 and IPv6 addresses, from local databases only.
 *
 * Location answers come from the first database that knows the address's country: a
 * user-supplied MaxMind GeoLite2/GeoIP2 City (or Country) file, then DB-IP Lite City
 * (ip-location-db flat schema, one file per address family), then geo-whois-asn-country
 * (country only). The ASN comes from a user-supplied MaxMind ASN file, then the
 * ip-location-db ASN ranges.
 *
 * @module
 */
import type { Reader } from "maxmind";
import { formatV4, formatV6, isGlobalUnicast, type ParsedIp, parseIp } from "./_ip.ts";
import { families, loadMmdb, mmdbProvenance } from "./_mmdb.ts";
import {
  asksMaxmindAsn,
  asnCsvProvenance,
  canonical,
  checkAsn,
  checkCity,
  fillLocation,
  geoPlan,
  MAXMIND_ATTRIBUTION,
  MAXMIND_LICENSE,
  mmdbKey,
  readAsnCsv,
} from "./_chain.ts";
import { AsnTable } from "./asn_table.ts";
import { classifyProvider } from "./classify_provider.ts";
import {
  type GeoEnricher,
  type GeoNetwork,
  type GeoProvenance,
  type GeoRecord,
  type GeoSource,
  UNKNOWN_PLACE,
} from "./geo_enricher.ts";
import { type AnyRecord, readLocation, text } from "./_records.ts";
import type { OpenGeoOptions } from "./_chain.ts";

export type { OpenGeoOptions } from "./_chain.ts";

interface LocationDb {
  source: GeoSource;
  reader: Reader<AnyRecord>;
  /** Families the file answers for. */
  families: ReadonlySet<4 | 6>;
  maxmind: boolean;
}

function parseOrThrow(ip: string, what: string): ParsedIp {
  const p = parseIp(ip);
  if (p) return p;
  const shown = JSON.stringify(typeof ip === "string" ? ip.slice(0, 100) : ip);
  const hint = typeof ip === "string" && /\.onion$/i.test(ip)
    ? " (onion hosts have no address to look up)"
    : "";
  throw new TypeError(`${what}: not an IPv4 or IPv6 address literal: ${shown}${hint}`);
}

/**
 * Open the offline IP databases (about 180 MB of files; about 0.4 s on a 2-core machine).
 *
 * @param options Database paths; every default is the bundled npm copy.
 * @returns An enricher whose `lookup` is synchronous.
 * @throws {TypeError} If a MaxMind path holds a database of the wrong type.
 * @throws {Error} If a file cannot be read or parsed (the message names the file).
 * @example
 * ```ts
 * import { openGeo } from "./open_geo.ts";
 * const geo = await openGeo();
 * geo.lookup("8.8.8.8").asn; // 15169
 * geo.lookup("8.8.8.8").provider; // "Google Cloud"
 * geo.lookup("10.0.0.1").country_code; // null
 * ```
 */
export async function openGeo(options: OpenGeoOptions = {}): Promise<GeoEnricher> {
  const plan = geoPlan(options, "openGeo");
  const { lang, cacheSize } = plan;
  // allSettled: when one file fails, wait for the others' reads too, so none is left in flight.
  const settled = await Promise.allSettled<Reader<AnyRecord> | Uint8Array | null>([
    ...plan.locations.map((d) => loadMmdb(d.file, cacheSize)),
    plan.maxmindAsn ? loadMmdb(plan.maxmindAsn, cacheSize) : null,
    readAsnCsv(plan.asnV4Csv),
    readAsnCsv(plan.asnV6Csv),
  ]);
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const values = settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
  const readers = values.slice(0, plan.locations.length) as Reader<AnyRecord>[];
  const [mmAsn, csv4, csv6] = values.slice(plan.locations.length) as [
    Reader<AnyRecord> | null,
    Uint8Array,
    Uint8Array,
  ];
  plan.locations.forEach((d, i) => {
    if (d.source === "maxmind-city") checkCity(readers[i], d.file, "openGeo");
  });
  if (mmAsn) checkAsn(mmAsn, plan.maxmindAsn!, "openGeo");
  const table = new AsnTable(csv4, csv6, { v4: plan.asnV4Csv, v6: plan.asnV6Csv });

  const chain: LocationDb[] = plan.locations.map((d, i) => ({
    source: d.source,
    reader: readers[i],
    families: families(readers[i], d.only),
    maxmind: d.maxmind,
  }));
  const prov: GeoProvenance[] = plan.locations.map((d, i) =>
    mmdbProvenance(d.name, d.file, readers[i], d.license, d.attribution)
  );
  if (mmAsn) {
    prov.push(
      mmdbProvenance(
        "MaxMind ASN (user-supplied)",
        plan.maxmindAsn!,
        mmAsn,
        MAXMIND_LICENSE,
        MAXMIND_ATTRIBUTION,
      ),
    );
  }
  prov.push(...asnCsvProvenance(plan.asnV4Csv, plan.asnV6Csv));

  function lookup(ip: string): GeoRecord {
    const p = parseOrThrow(ip, "lookup");
    const rec: GeoRecord = { ip, ip_version: p.version, ...UNKNOWN_PLACE };
    if (!isGlobalUnicast(p)) return rec;
    // mmdb readers parse the text themselves; hand them the unmapped canonical form.
    const key = mmdbKey(ip, p);
    for (const db of chain) {
      if (!db.families.has(p.version)) continue;
      const loc = readLocation(db.maxmind, db.reader.get(key), lang);
      if (!loc) continue;
      fillLocation(rec, loc, db.source);
      break;
    }
    const mm = mmAsn && asksMaxmindAsn(mmAsn, p) ? mmAsn.get(key) : null;
    if (mm && typeof mm.autonomous_system_number === "number") {
      rec.asn = mm.autonomous_system_number;
      rec.as_org = text(mm.autonomous_system_organization);
      rec.asn_source = "maxmind-asn";
    } else {
      const hit = table.lookup(p);
      if (hit) {
        rec.asn = hit.asn;
        rec.as_org = hit.as_org;
        rec.asn_source = "ip-location-db-asn";
      }
    }
    const cls = classifyProvider(rec.asn, rec.as_org);
    rec.provider = cls.provider;
    rec.provider_class = cls.provider_class;
    return rec;
  }

  function locationNetwork(ip: string): GeoNetwork {
    const p = parseOrThrow(ip, "locationNetwork");
    const width = p.version === 4 ? 32 : 128;
    const key = canonical(p);
    let len = 0;
    let answer: ReturnType<typeof readLocation> = null;
    let source: GeoSource | null = null;
    for (const db of chain) {
      if (!db.families.has(p.version)) continue;
      const [r, depth] = db.reader.getWithPrefixLength(key);
      len = Math.max(len, Math.min(depth, width));
      answer = readLocation(db.maxmind, r, lang);
      if (answer) {
        source = db.source;
        break;
      }
    }
    const base = p.version === 4
      ? formatV4(len === 0 ? 0 : Number((BigInt(p.v4) >> BigInt(32 - len)) << BigInt(32 - len)))
      : formatV6((p.v6 >> BigInt(128 - len)) << BigInt(128 - len));
    return {
      network: `${base}/${len}`,
      country_code: answer?.country_code ?? null,
      geo_source: source,
    };
  }

  return {
    lookup,
    locationNetwork,
    provenance: () => prov.map((x) => ({ ...x })),
    asnTable: table,
  };
}
