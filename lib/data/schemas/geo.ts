/**
 * Schema of `geo.csv`: one row per server address, plus one row per onion server (section 6.1).
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

const PLACE = "empty when unknown (never 0)";

/** The schema of `geo.csv`. */
export const GEO_SCHEMA = defineTable({
  table: "geo.csv",
  grain: "one row per server address; one row per onion server",
  producer: "lib/tables/derive_geo.ts",
  columns: [
    col("target", "enum", "the scan's target", {
      nullable: false,
      values: ["lab", "local", "live"],
      repeats: "as in servers.csv, so geo.csv is read alone by the bucket and provider measures",
    }),
    col(
      "simulated",
      "boolean",
      "true in a lab run: the address was drawn from a real provider's prefixes, it is not a real server",
      {
        nullable: false,
      },
    ),
    col("server", "string", "the server's key; join on it", {
      nullable: false,
      repeats: SERVER_REPEATS,
    }),
    col("network", "enum", "`clearnet` or `onion`", {
      nullable: false,
      values: ["clearnet", "onion"],
      repeats:
        "as in servers.csv, so geo.csv's onion rows (no address) are told apart when it is read alone",
    }),
    col("ip", "string", "the address (empty for onions)", {
      repeats: "join key to tls.csv's endpoint rows",
    }),
    col("ip_version", "integer", "4 or 6 (empty for onions)", {
      repeats: "different grain: here each address's, in servers.csv the main endpoint's",
    }),
    col(
      "main",
      "boolean",
      "the address the probe battery ran on (the one the overview counts for the server)",
      { nullable: false },
    ),
    col(
      "reachable_transports",
      "list",
      "transports with a successful `reach` on this address (`tcp;tls`), empty if none",
    ),
    col(
      "bucket",
      "string",
      "the Electrum client's diversification bucket: IPv4 /16, IPv6 /48, `onion`",
    ),
    col("continent_code", "string", `continent code; ${PLACE}`),
    col("continent", "string", `continent; ${PLACE}`),
    col("country_code", "string", `ISO 3166 country code; ${PLACE}`),
    col("country", "string", `country; ${PLACE}`),
    col("city", "string", `city; ${PLACE}`),
    col("latitude", "number", `latitude rounded to 4 decimals; ${PLACE}`, { unit: "degrees" }),
    col("longitude", "number", `longitude rounded to 4 decimals; ${PLACE}`, { unit: "degrees" }),
    col("asn", "integer", "autonomous system number"),
    col("as_org", "string", "autonomous system organisation"),
    col("provider", "string", "provider name (onions: `Tor onion service`)"),
    col("provider_class", "enum", "provider class (onions: `tor`)", {
      values: ["cloud", "hosting", "residential", "tor", "other"],
    }),
    col("geo_source", "string", "the database that answered the location"),
    col("asn_source", "string", "the database that answered the ASN"),
  ],
});
