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
import { readFile } from "node:fs/promises";
import type { Reader } from "maxmind";
import { continents, countries } from "countries-list";
import { formatV4, formatV6, isGlobalUnicast, type ParsedIp, parseIp } from "./_ip.ts";
import { bundledPaths, csvBuildDate, packageOf } from "./_sources.ts";
import { families, loadMmdb, mmdbProvenance } from "./_mmdb.ts";
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

/** Options of {@linkcode openGeo}. */
export interface OpenGeoOptions {
  /** MaxMind GeoLite2/GeoIP2 City or Country mmdb (MaxMind schema); answers first. Default: none. */
  maxmindCityPath?: string;
  /** MaxMind GeoLite2/GeoIP2 ASN mmdb; answers the ASN first. Default: none. */
  maxmindAsnPath?: string;
  /** Language of MaxMind place names, falling back to "en". Default: "en". */
  language?: string;
  /** DB-IP Lite City IPv4 mmdb, ip-location-db flat schema; null disables. Default: bundled. */
  dbipCityV4Path?: string | null;
  /** DB-IP Lite City IPv6 mmdb, ip-location-db flat schema; null disables. Default: bundled. */
  dbipCityV6Path?: string | null;
  /** geo-whois-asn-country mmdb (both families, flat schema); null disables. Default: bundled. */
  countryPath?: string | null;
  /** ASN ranges, IPv4, `-num.csv` layout. Default: bundled `asn-ipv4-num.csv`. */
  asnV4CsvPath?: string;
  /** ASN ranges, IPv6, `-num.csv` layout. Default: bundled `asn-ipv6-num.csv`. */
  asnV6CsvPath?: string;
  /** Decoded records kept per mmdb file (0 disables the cache). Default: 50,000. */
  recordCacheSize?: number;
}

interface LocationDb {
  source: GeoSource;
  reader: Reader<AnyRecord>;
  /** Families the file answers for. */
  families: ReadonlySet<4 | 6>;
  maxmind: boolean;
}

const COUNTRIES = countries as unknown as Record<
  string,
  { name: string; continent: string } | undefined
>;
const CONTINENTS = continents as unknown as Record<string, string | undefined>;

function parseOrThrow(ip: string, what: string): ParsedIp {
  const p = parseIp(ip);
  if (p) return p;
  const shown = JSON.stringify(typeof ip === "string" ? ip.slice(0, 100) : ip);
  const hint = typeof ip === "string" && /\.onion$/i.test(ip)
    ? " (onion hosts have no address to look up)"
    : "";
  throw new TypeError(`${what}: not an IPv4 or IPv6 address literal: ${shown}${hint}`);
}

const MAXMIND_LICENSE = "MaxMind GeoLite2 EULA or GeoIP2 licence";
const DBIP_ATTRIBUTION = "IP Geolocation by DB-IP (https://db-ip.com)";
const MAXMIND_ATTRIBUTION =
  "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com";

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
  const lang = options.language ?? "en";
  const cacheSize = options.recordCacheSize ?? 50_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new RangeError(`openGeo: recordCacheSize must be an integer >= 0, got ${cacheSize}`);
  }
  const needBundled = options.dbipCityV4Path === undefined ||
    options.dbipCityV6Path === undefined ||
    options.countryPath === undefined || !options.asnV4CsvPath || !options.asnV6CsvPath;
  const bundled = needBundled ? bundledPaths() : null;
  const pick = (v: string | null | undefined, d: string): string => (v === undefined ? d : v ?? "");
  const dbip4 = pick(options.dbipCityV4Path, bundled?.dbipCityV4 ?? "");
  const dbip6 = pick(options.dbipCityV6Path, bundled?.dbipCityV6 ?? "");
  const country = pick(options.countryPath, bundled?.country ?? "");
  const asn4 = options.asnV4CsvPath ?? bundled!.asnV4Csv;
  const asn6 = options.asnV6CsvPath ?? bundled!.asnV6Csv;

  const readCsv = async (f: string) => {
    try {
      return await readFile(f);
    } catch (err) {
      throw new Error(`Cannot read ASN range file ${f}: ${(err as Error).message}`, { cause: err });
    }
  };
  // allSettled: when one file fails, wait for the others' reads too, so none is left in flight.
  const settled = await Promise.allSettled(
    [
      options.maxmindCityPath ? loadMmdb(options.maxmindCityPath, cacheSize) : null,
      options.maxmindAsnPath ? loadMmdb(options.maxmindAsnPath, cacheSize) : null,
      dbip4 ? loadMmdb(dbip4, cacheSize) : null,
      dbip6 ? loadMmdb(dbip6, cacheSize) : null,
      country ? loadMmdb(country, cacheSize) : null,
      readCsv(asn4),
      readCsv(asn6),
    ] as const,
  );
  const failure = settled.find((r) => r.status === "rejected");
  if (failure) throw (failure as PromiseRejectedResult).reason;
  const [mmCity, mmAsn, r4, r6, rc, csv4, csv6] = settled.map((r) =>
    (r as PromiseFulfilledResult<unknown>).value
  ) as [
    Awaited<ReturnType<typeof loadMmdb>> | null,
    Awaited<ReturnType<typeof loadMmdb>> | null,
    Awaited<ReturnType<typeof loadMmdb>> | null,
    Awaited<ReturnType<typeof loadMmdb>> | null,
    Awaited<ReturnType<typeof loadMmdb>> | null,
    Awaited<ReturnType<typeof readCsv>>,
    Awaited<ReturnType<typeof readCsv>>,
  ];
  if (mmCity && !/City|Country/.test(mmCity.metadata.databaseType)) {
    throw new TypeError(
      `openGeo: maxmindCityPath ${options.maxmindCityPath} holds a "${mmCity.metadata.databaseType}" database, not a MaxMind City or Country one`,
    );
  }
  if (mmAsn && !/ASN/.test(mmAsn.metadata.databaseType)) {
    throw new TypeError(
      `openGeo: maxmindAsnPath ${options.maxmindAsnPath} holds a "${mmAsn.metadata.databaseType}" database, not a MaxMind ASN one`,
    );
  }
  const table = new AsnTable(csv4, csv6, { v4: asn4, v6: asn6 });

  const chain: LocationDb[] = [];
  const prov: GeoProvenance[] = [];
  const located = [
    {
      reader: mmCity,
      file: options.maxmindCityPath,
      source: "maxmind-city",
      only: undefined,
      maxmind: true,
      name: "MaxMind City (user-supplied)",
      license: MAXMIND_LICENSE,
      attribution: MAXMIND_ATTRIBUTION,
    },
    {
      reader: r4,
      file: dbip4,
      source: "dbip-city",
      only: 4,
      maxmind: false,
      name: "DB-IP Lite City via ip-location-db, IPv4",
      license: "CC BY 4.0",
      attribution: DBIP_ATTRIBUTION,
    },
    {
      reader: r6,
      file: dbip6,
      source: "dbip-city",
      only: 6,
      maxmind: false,
      name: "DB-IP Lite City via ip-location-db, IPv6",
      license: "CC BY 4.0",
      attribution: DBIP_ATTRIBUTION,
    },
    {
      reader: rc,
      file: country,
      source: "geo-whois-asn-country",
      only: undefined,
      maxmind: false,
      name: "geo-whois-asn-country via ip-location-db",
      license: "CC0 1.0",
      attribution: "ip-location-db (GeoFeed, RIR whois via NRO, ASN data)",
    },
  ] as const;
  for (const d of located) {
    if (!d.reader) continue;
    chain.push({
      source: d.source,
      reader: d.reader,
      families: families(d.reader, d.only),
      maxmind: d.maxmind,
    });
    prov.push(mmdbProvenance(d.name, d.file!, d.reader, d.license, d.attribution));
  }
  if (mmAsn) {
    prov.push(
      mmdbProvenance(
        "MaxMind ASN (user-supplied)",
        options.maxmindAsnPath!,
        mmAsn,
        MAXMIND_LICENSE,
        MAXMIND_ATTRIBUTION,
      ),
    );
  }
  for (const [fam, file] of [[4, asn4], [6, asn6]] as const) {
    const pkg = packageOf(file);
    const built = csvBuildDate(file);
    prov.push({
      database: `ip-location-db ASN ranges, IPv${fam}`,
      file,
      package: pkg ? `${pkg.name}@${pkg.version}` : null,
      build_date: built.date,
      build_date_from: built.from,
      license: "CC BY 4.0",
      attribution:
        "RouteViews (https://www.routeviews.org), DB-IP (https://db-ip.com), NRO (https://www.nro.net)",
    });
  }

  const canonical = (p: ParsedIp) => (p.version === 4 ? formatV4(p.v4) : formatV6(p.v6));

  function lookup(ip: string): GeoRecord {
    const p = parseOrThrow(ip, "lookup");
    const rec: GeoRecord = { ip, ip_version: p.version, ...UNKNOWN_PLACE };
    if (!isGlobalUnicast(p)) return rec;
    // mmdb readers parse the text themselves; hand them the unmapped canonical form.
    const key = p.version === 4 && !ip.includes(":") ? ip : canonical(p);
    for (const db of chain) {
      if (!db.families.has(p.version)) continue;
      const loc = readLocation(db.maxmind, db.reader.get(key), lang);
      if (!loc) continue;
      const c = COUNTRIES[loc.country_code];
      rec.country_code = loc.country_code;
      rec.country = c?.name ?? loc.country_name;
      rec.continent_code = c?.continent ?? loc.continent_code;
      rec.continent = rec.continent_code ? CONTINENTS[rec.continent_code] ?? null : null;
      rec.city = loc.city;
      rec.latitude = loc.latitude;
      rec.longitude = loc.longitude;
      rec.geo_source = db.source;
      break;
    }
    const mm = mmAsn && (p.version === 4 || mmAsn.metadata.ipVersion === 6) ? mmAsn.get(key) : null;
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
