/**
 * Internal: what {@linkcode openGeo} and {@linkcode lookupAddresses} share: which databases
 * answer in which order (the location chain and the ASN sources, from the options), how an
 * answer fills a record, and each database's provenance. `openGeo` holds every database at
 * once; `lookupAddresses` opens them one after another.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import type { Reader } from "maxmind";
import { continents, countries } from "countries-list";
import { formatV4, formatV6, type ParsedIp } from "./_ip.ts";
import { bundledPaths, csvBuildDate, packageOf } from "./_sources.ts";
import type { GeoProvenance, GeoRecord, GeoSource } from "./geo_enricher.ts";
import type { AnyRecord, readLocation } from "./_records.ts";

/** Options of `openGeo` and `lookupAddresses`: the databases and their order. */
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

/** One location database of the chain, in the order they answer. */
export interface LocationSpec {
  file: string;
  source: GeoSource;
  /** The one family a single-family file answers for; undefined: as its metadata says. */
  only: 4 | 6 | undefined;
  /** MaxMind schema (else the ip-location-db flat schema). */
  maxmind: boolean;
  name: string;
  license: string;
  attribution: string;
}

/** The databases the options name, in the order they answer. */
export interface GeoPlan {
  lang: string;
  cacheSize: number;
  /** Location databases, first answering first (files not in use left out). */
  locations: LocationSpec[];
  /** A MaxMind ASN mmdb that answers the ASN before the ranges, or null. */
  maxmindAsn: string | null;
  asnV4Csv: string;
  asnV6Csv: string;
}

export const MAXMIND_LICENSE = "MaxMind GeoLite2 EULA or GeoIP2 licence";
const DBIP_ATTRIBUTION = "IP Geolocation by DB-IP (https://db-ip.com)";
export const MAXMIND_ATTRIBUTION =
  "This product includes GeoLite2 data created by MaxMind, available from https://www.maxmind.com";

/**
 * Which files answer, from the options (bundled npm copies by default).
 *
 * @throws {RangeError} If `recordCacheSize` is not an integer >= 0.
 */
export function geoPlan(options: OpenGeoOptions, caller: string): GeoPlan {
  const lang = options.language ?? "en";
  const cacheSize = options.recordCacheSize ?? 50_000;
  if (!Number.isInteger(cacheSize) || cacheSize < 0) {
    throw new RangeError(`${caller}: recordCacheSize must be an integer >= 0, got ${cacheSize}`);
  }
  const needBundled = options.dbipCityV4Path === undefined ||
    options.dbipCityV6Path === undefined ||
    options.countryPath === undefined || !options.asnV4CsvPath || !options.asnV6CsvPath;
  const bundled = needBundled ? bundledPaths() : null;
  const pick = (v: string | null | undefined, d: string): string => (v === undefined ? d : v ?? "");
  const dbip4 = pick(options.dbipCityV4Path, bundled?.dbipCityV4 ?? "");
  const dbip6 = pick(options.dbipCityV6Path, bundled?.dbipCityV6 ?? "");
  const country = pick(options.countryPath, bundled?.country ?? "");
  const all: LocationSpec[] = [
    {
      file: options.maxmindCityPath ?? "",
      source: "maxmind-city",
      only: undefined,
      maxmind: true,
      name: "MaxMind City (user-supplied)",
      license: MAXMIND_LICENSE,
      attribution: MAXMIND_ATTRIBUTION,
    },
    {
      file: dbip4,
      source: "dbip-city",
      only: 4,
      maxmind: false,
      name: "DB-IP Lite City via ip-location-db, IPv4",
      license: "CC BY 4.0",
      attribution: DBIP_ATTRIBUTION,
    },
    {
      file: dbip6,
      source: "dbip-city",
      only: 6,
      maxmind: false,
      name: "DB-IP Lite City via ip-location-db, IPv6",
      license: "CC BY 4.0",
      attribution: DBIP_ATTRIBUTION,
    },
    {
      file: country,
      source: "geo-whois-asn-country",
      only: undefined,
      maxmind: false,
      name: "geo-whois-asn-country via ip-location-db",
      license: "CC0 1.0",
      attribution: "ip-location-db (GeoFeed, RIR whois via NRO, ASN data)",
    },
  ];
  return {
    lang,
    cacheSize,
    locations: all.filter((d) => d.file),
    maxmindAsn: options.maxmindAsnPath || null,
    asnV4Csv: options.asnV4CsvPath ?? bundled!.asnV4Csv,
    asnV6Csv: options.asnV6CsvPath ?? bundled!.asnV6Csv,
  };
}

/** Read an ASN range file; the error names the file. */
export async function readAsnCsv(file: string): Promise<Uint8Array> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new Error(`Cannot read ASN range file ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** @throws {TypeError} If the user's City path holds another kind of database. */
export function checkCity(reader: Reader<AnyRecord>, path: string, caller: string): void {
  if (!/City|Country/.test(reader.metadata.databaseType)) {
    throw new TypeError(
      `${caller}: maxmindCityPath ${path} holds a "${reader.metadata.databaseType}" database, not a MaxMind City or Country one`,
    );
  }
}

/** @throws {TypeError} If the user's ASN path holds another kind of database. */
export function checkAsn(reader: Reader<AnyRecord>, path: string, caller: string): void {
  if (!/ASN/.test(reader.metadata.databaseType)) {
    throw new TypeError(
      `${caller}: maxmindAsnPath ${path} holds a "${reader.metadata.databaseType}" database, not a MaxMind ASN one`,
    );
  }
}

/** Provenance of the two ASN range files. */
export function asnCsvProvenance(asnV4Csv: string, asnV6Csv: string): GeoProvenance[] {
  return ([[4, asnV4Csv], [6, asnV6Csv]] as const).map(([fam, file]) => {
    const pkg = packageOf(file);
    const built = csvBuildDate(file);
    return {
      database: `ip-location-db ASN ranges, IPv${fam}`,
      file,
      package: pkg ? `${pkg.name}@${pkg.version}` : null,
      build_date: built.date,
      build_date_from: built.from,
      license: "CC BY 4.0",
      attribution:
        "RouteViews (https://www.routeviews.org), DB-IP (https://db-ip.com), NRO (https://www.nro.net)",
    };
  });
}

/** The text an mmdb reader is given for a parsed address (unmapped canonical form). */
export function mmdbKey(ip: string, p: ParsedIp): string {
  if (p.version === 4 && !ip.includes(":")) return ip;
  return canonical(p);
}

/** The canonical text of a parsed address. */
export function canonical(p: ParsedIp): string {
  return p.version === 4 ? formatV4(p.v4) : formatV6(p.v6);
}

const COUNTRIES = countries as unknown as Record<
  string,
  { name: string; continent: string } | undefined
>;
const CONTINENTS = continents as unknown as Record<string, string | undefined>;

/** Fill a record's location fields from a database's answer. */
export function fillLocation(
  rec: GeoRecord,
  loc: NonNullable<ReturnType<typeof readLocation>>,
  source: GeoSource,
): void {
  const c = COUNTRIES[loc.country_code];
  rec.country_code = loc.country_code;
  rec.country = c?.name ?? loc.country_name;
  rec.continent_code = c?.continent ?? loc.continent_code;
  rec.continent = rec.continent_code ? CONTINENTS[rec.continent_code] ?? null : null;
  rec.city = loc.city;
  rec.latitude = loc.latitude;
  rec.longitude = loc.longitude;
  rec.geo_source = source;
}

/** Whether a MaxMind ASN reader is asked about an address of this family. */
export function asksMaxmindAsn(reader: Reader<AnyRecord>, p: ParsedIp): boolean {
  return p.version === 4 || reader.metadata.ipVersion === 6;
}
