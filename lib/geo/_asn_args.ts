/**
 * Internal: argument checks shared by `providerPrefixes` and `pickAddressInProvider`.
 *
 * @module
 */
import { type AsnTable, sharedAsnTable } from "./asn_table.ts";
import type { GeoEnricher } from "./geo_enricher.ts";

/** Check an ASN argument and pick the table; shared with `pickAddressInProvider`. */
export function resolveAsnArgs(
  fn: string,
  asn: number,
  version: unknown,
  geo: Pick<GeoEnricher, "asnTable"> | undefined,
): AsnTable {
  if (!Number.isInteger(asn) || asn < 0 || asn > 0xffff_ffff) {
    throw new TypeError(`${fn}: asn must be an integer in 0..4294967295, got ${asn}`);
  }
  if (version !== 4 && version !== 6) {
    throw new TypeError(`${fn}: version must be 4 or 6, got ${version}`);
  }
  return geo?.asnTable ?? sharedAsnTable();
}
