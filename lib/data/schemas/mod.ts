/**
 * The schemas of the derived tables, one file per table, and the lookup by file name.
 *
 * @module
 */
import type { TableSchema } from "../schema.ts";
import { FEATURES_SCHEMA } from "./features.ts";
import { CLUSTERS_SCHEMA } from "./clusters.ts";
import { FINGERPRINTS_SCHEMA } from "./fingerprints.ts";
import { GEO_SCHEMA } from "./geo.ts";
import { HSS_SCHEMA } from "./hss.ts";
import { PEERS_SCHEMA } from "./peers.ts";
import { PRIVACY_RECOMMENDATIONS_SCHEMA } from "./privacy_recommendations.ts";
import { PRIVACY_RISKS_SCHEMA } from "./privacy_risks.ts";
import { SERVERS_SCHEMA } from "./servers.ts";
import { TLS_SCHEMA } from "./tls.ts";

export {
  CLUSTERS_SCHEMA,
  FEATURES_SCHEMA,
  FINGERPRINTS_SCHEMA,
  GEO_SCHEMA,
  HSS_SCHEMA,
  PEERS_SCHEMA,
  PRIVACY_RECOMMENDATIONS_SCHEMA,
  PRIVACY_RISKS_SCHEMA,
  SERVERS_SCHEMA,
  TLS_SCHEMA,
};

/** Every table the observatory writes into `data/`, in the order methodology §4 documents them. */
export const TABLE_SCHEMAS: readonly TableSchema[] = [
  SERVERS_SCHEMA,
  FINGERPRINTS_SCHEMA,
  TLS_SCHEMA,
  GEO_SCHEMA,
  PEERS_SCHEMA,
  FEATURES_SCHEMA,
  CLUSTERS_SCHEMA,
  HSS_SCHEMA,
  PRIVACY_RISKS_SCHEMA,
  PRIVACY_RECOMMENDATIONS_SCHEMA,
];

/**
 * The schema of a table file, by its name (the last path segment).
 *
 * @throws {TypeError} If the name is not a known table.
 * @example
 * ```ts
 * schemaForFile("data/servers.csv") === SERVERS_SCHEMA; // true
 * ```
 */
export function schemaForFile(path: string): TableSchema {
  const name = path.split(/[\\/]/).at(-1);
  const s = TABLE_SCHEMAS.find((t) => t.table === name);
  if (!s) {
    throw new TypeError(
      `${path}: no table schema for ${name} (known: ${
        TABLE_SCHEMAS.map((t) => t.table).join(", ")
      })`,
    );
  }
  return s;
}
