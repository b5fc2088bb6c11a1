/**
 * The population every overview table and figure counts: one row per server, joining
 * `servers.csv` (what the server answered) with `geo.csv` (where its main address is and who
 * runs the network), with the claimed software read into family and version.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import { softwareFamily } from "./software.ts";

/** One server as the overview counts it. Unknown values are null. */
export interface ServerView {
  server: string;
  network: "clearnet" | "onion";
  /** Answered on at least one endpoint (`status` success). */
  reachable: boolean;
  /** Reached over plain TCP. */
  tcp: boolean;
  /** Reached over TLS. */
  tls: boolean;
  /** Has at least one IPv6 address (from DNS or as its name). */
  has_ipv6: boolean;
  /** Reached over at least one IPv6 address. */
  ipv6_reachable: boolean;
  /** The claimed software string, as sent (untrusted text). */
  software: string | null;
  /** Implementation family read from the claim. */
  family: string | null;
  /** Claimed version. */
  version: string | null;
  /** Protocol negotiated when offered "1.4" alone (always 1.4 from a server that answers). */
  protocol: string | null;
  /** Protocol negotiated when offered the range ["1.4", "1.6"]: the highest the server speaks. */
  protocol_max: string | null;
  /** Blocks behind the consensus tip. */
  tip_lag_blocks: number | null;
  /** The address the battery ran on (null for onions). */
  ip: string | null;
  /** Electrum's diversification bucket (IPv4 /16, IPv6 /48, `onion`). */
  bucket: string | null;
  continent: string | null;
  country_code: string | null;
  country: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
  asn: number | null;
  as_org: string | null;
  provider: string | null;
  provider_class: string | null;
  /** Whether the address is simulated (a lab run). */
  simulated: boolean;
}

const str = (
  v: unknown,
): string | null => (v === null || v === undefined || v === "" ? null : String(v));
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Join servers and their main address's enrichment into one row per server.
 *
 * @param servers Rows of `servers.csv`.
 * @param geo Rows of `geo.csv` (any order). Servers without a geo row keep unknown location.
 * @returns One row per server, in the order of `servers`.
 * @example
 * ```ts
 * const pop = serverPopulation(await readCsv("data/servers.csv"), await readCsv("data/geo.csv"));
 * pop.filter((s) => s.reachable).length;
 * ```
 */
export function serverPopulation(servers: readonly Row[], geo: readonly Row[]): ServerView[] {
  const byServer = new Map<string, Row[]>();
  for (const g of geo) {
    const k = String(g.server);
    let list = byServer.get(k);
    if (!list) byServer.set(k, list = []);
    list.push(g);
  }
  return servers.map((s) => {
    const rows = byServer.get(String(s.server)) ?? [];
    const main = rows.find((g) => g.main === true) ?? rows[0];
    const transports = String(s.transports_reachable ?? "").split(";");
    const software = str(s.software);
    const claim = software ? softwareFamily(software) : null;
    const network = s.network === "onion" ? "onion" : "clearnet";
    return {
      server: String(s.server),
      network,
      reachable: s.status === "success",
      tcp: transports.includes("tcp"),
      tls: transports.includes("tls"),
      has_ipv6: str(s.ipv6) !== null || rows.some((g) => g.ip_version === 6),
      ipv6_reachable: rows.some((g) => g.ip_version === 6 && str(g.reachable_transports) !== null),
      software,
      family: claim?.family ?? null,
      version: claim?.version ?? null,
      protocol: str(s.protocol),
      protocol_max: str(s.protocol_max),
      tip_lag_blocks: num(s.tip_lag_blocks),
      ip: str(main?.ip),
      bucket: str(main?.bucket) ?? (network === "onion" ? "onion" : null),
      continent: str(main?.continent),
      country_code: str(main?.country_code),
      country: str(main?.country),
      city: str(main?.city),
      latitude: num(main?.latitude),
      longitude: num(main?.longitude),
      asn: num(main?.asn),
      as_org: str(main?.as_org),
      provider: str(main?.provider),
      provider_class: str(main?.provider_class) ?? (network === "onion" ? "tor" : null),
      simulated: main?.simulated === true || s.target === "lab",
    };
  });
}
