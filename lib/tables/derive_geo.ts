/**
 * Derives `geo.csv` (one row per server address; one row for each onion server) from a scan's
 * raw records and the offline IP databases of `lib/geo`. Deterministic: the same records and
 * the same databases give the same rows, sorted by server, then address. Onion servers are
 * their own category (`provider_class` `tor`) and are never geolocated. In a lab run every
 * address is simulated (drawn from a real provider's prefixes) and `simulated` is true.
 *
 * `geo.csv` is the only producer of location and provider facts; analyses join it to
 * `servers.csv` on `server`. Columns are declared in `lib/data/schemas/geo.ts` and documented
 * in `methodology.md` §4.4.
 *
 * @module
 */
import type { ProbeRecord } from "../records/records.ts";
import { columnNames, type RowOf } from "../data/schema.ts";
import { GEO_SCHEMA } from "../data/schemas/geo.ts";
import { tableCsv } from "../data/table_csv.ts";
import { writeFileAtomic } from "../data/atomic_write.ts";
import { projectRoot } from "../data/paths.ts";
import { prefixBucket } from "../analysis/centralization.ts";
import { type GeoEnricher, type GeoProvenance, UNKNOWN_PLACE } from "../geo/geo_enricher.ts";
import type { OpenGeoOptions } from "../geo/open_geo.ts";
import { geoOptionsFromEnv, sharedGeo } from "../geo/shared_geo.ts";
import { lookupAddresses } from "../geo/lookup_addresses.ts";
import { grouped, mainEndpoint, type ScanInput, type ServerRecords } from "./scan_records.ts";

/** Columns of `geo.csv`, in order (from its schema, `lib/data/schemas/geo.ts`). */
export const GEO_COLUMNS = columnNames(GEO_SCHEMA);

/** A row of `geo.csv`. */
export type GeoRow = RowOf<typeof GEO_SCHEMA>;

/** Provider name given to onion servers, which have no address to look up. */
export const ONION_PROVIDER = "Tor onion service";

/**
 * Derive the rows of `geo.csv`.
 *
 * @param records All records of one scan.
 * @param geo An opened enricher (see `openGeo` / `sharedGeo`), or the answers of
 *   `lookupAddresses` for {@linkcode geoAddresses}.
 * @param target `lab`, `live` or `local`; a lab run marks every row `simulated`.
 * @returns Rows sorted by server then address.
 * @example
 * ```ts
 * const rows = deriveGeo(records, await sharedGeo(), "lab");
 * rows[0].provider_class; // "cloud"
 * ```
 */
export function deriveGeo(
  records: ScanInput,
  geo: Pick<GeoEnricher, "lookup">,
  target: string,
): GeoRow[] {
  const { servers } = grouped(records);
  const out: GeoRow[] = [];
  for (const s of servers) {
    const first = s.records[0];
    const base = {
      target,
      simulated: target === "lab",
      server: s.server,
      network: first?.network ?? null,
    };
    if (first?.network === "onion") {
      const reached = transportsReached(s.records, null);
      out.push({
        ...base,
        ip: null,
        ip_version: null,
        main: true,
        reachable_transports: reached,
        bucket: "onion",
        ...UNKNOWN_PLACE,
        provider: ONION_PROVIDER,
        provider_class: "tor",
      });
      continue;
    }
    const { addresses, main } = serverAddresses(s);
    for (const ip of addresses) {
      const g = safeLookup(geo, ip);
      out.push({
        ...base,
        ip,
        ip_version: g?.ip_version ?? (ip.includes(":") ? 6 : 4),
        main: ip === main,
        reachable_transports: transportsReached(s.records, ip),
        bucket: safeBucket(ip),
        continent_code: g?.continent_code ?? null,
        continent: g?.continent ?? null,
        country_code: g?.country_code ?? null,
        country: g?.country ?? null,
        city: g?.city ?? null,
        latitude: round4(g?.latitude ?? null),
        longitude: round4(g?.longitude ?? null),
        asn: g?.asn ?? null,
        as_org: g?.as_org ?? null,
        provider: g?.provider ?? null,
        provider_class: g?.provider_class ?? null,
        geo_source: g?.geo_source ?? null,
        asn_source: g?.asn_source ?? null,
      });
    }
  }
  return out;
}

/**
 * Every address {@linkcode deriveGeo} looks up for these records (onion servers have none), so
 * that they can be looked up in one batch (`lookupAddresses`, one database open at a time).
 *
 * @param records All records of one scan.
 * @returns The addresses, each once.
 * @example
 * ```ts
 * const geo = await lookupAddresses(geoAddresses(records));
 * const rows = deriveGeo(records, geo, "lab");
 * ```
 */
export function geoAddresses(records: ScanInput): string[] {
  const out = new Set<string>();
  for (const s of grouped(records).servers) {
    if (s.records[0]?.network === "onion") continue;
    for (const ip of serverAddresses(s).addresses) out.add(ip);
  }
  return [...out];
}

/** A clearnet server's addresses (resolved or dialled; sorted) and its main one. */
function serverAddresses(s: ServerRecords): { addresses: string[]; main: string | null } {
  const resolve = s.records.find((r) => r.probe === "resolve");
  const listed = (resolve?.data.addresses as string[] | undefined) ?? [];
  const dialled = s.records.filter((r) => r.probe === "reach" && r.ip).map((r) => r.ip!);
  const addresses = [...new Set([...listed, ...dialled])].sort();
  const main = mainEndpoint(s)?.ip ?? listed.find((a) => !a.includes(":")) ?? listed[0] ?? null;
  return { addresses, main };
}

/** Transports with a successful `reach` on this address (null: any address, for onions). */
function transportsReached(records: readonly ProbeRecord[], ip: string | null): string | null {
  const t = new Set<string>();
  for (const r of records) {
    if (
      r.probe === "reach" && r.status === "success" && r.transport && (ip === null || r.ip === ip)
    ) {
      t.add(r.transport);
    }
  }
  return [...t].sort().join(";") || null;
}

// The databases store float32 coordinates; four decimals (about 11 m) drop the noise digits.
function round4(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e4) / 1e4;
}

function safeLookup(geo: Pick<GeoEnricher, "lookup">, ip: string) {
  try {
    return geo.lookup(ip);
  } catch {
    // A resolver answer that is not an address literal is recorded with unknown location.
    return null;
  }
}

function safeBucket(ip: string): string | null {
  try {
    return prefixBucket(ip);
  } catch {
    return null;
  }
}

/** What {@linkcode writeGeoTable} wrote. */
export interface GeoTableResult {
  /** Path of `geo.csv`. */
  path: string;
  /** Databases that answered, for the manifest. */
  provenance: GeoProvenance[];
}

/**
 * Derive `geo.csv` into `dataDir` (atomic write) with the shared enricher.
 *
 * @param records All records of one scan.
 * @param dataDir Directory of the derived tables.
 * @param target `lab`, `live` or `local`.
 * @param options Database paths. Default: bundled databases, or `OBS_MAXMIND_CITY` /
 *   `OBS_MAXMIND_ASN` when set.
 * @returns The path and the databases' provenance.
 */
export async function writeGeoTable(
  records: ScanInput,
  dataDir: string,
  target: string,
  options?: OpenGeoOptions,
): Promise<GeoTableResult> {
  const geo = await sharedGeo(options);
  const path = `${dataDir}/geo.csv`;
  await writeFileAtomic(path, tableCsv(deriveGeo(records, geo, target), GEO_SCHEMA));
  return { path, provenance: geo.provenance() };
}

/**
 * The enrichment block of a scan manifest: which databases (name, package, build date,
 * licence, attribution) enrich this scan's addresses. Spread it into the manifest.
 *
 * @param options Database paths, as for {@linkcode writeGeoTable}.
 * @returns `{ enrichment: { databases } }`.
 */
export async function enrichmentManifest(
  options?: OpenGeoOptions,
): Promise<{ enrichment: { databases: GeoProvenance[] } }> {
  // The databases are opened one after another for their metadata and released, not kept
  // open for the rest of the process.
  const geo = await lookupAddresses([], options ?? geoOptionsFromEnv());
  const root = projectRoot() + "/";
  const databases = geo.provenance().map((d) => ({
    ...d,
    file: d.file.startsWith(root) ? d.file.slice(root.length) : d.file,
  }));
  return { enrichment: { databases } };
}
