/**
 * The features of one or more groups, and a feature's value as a number for a distance.
 *
 * @module
 */
import {
  FEATURE_GROUPS,
  FEATURE_SPECS,
  type FeatureGroup,
  type FeatureSpec,
} from "../../data/schemas/features.ts";

/**
 * The declared features of the given groups, in column order.
 *
 * @param groups Groups to keep. Default: every group.
 * @throws {RangeError} If a group is not one of `FEATURE_GROUPS`.
 * @example
 * ```ts
 * featureSet(["behaviour"]).map((f) => f.name); // ["wire_line_ending", ...]
 * ```
 */
export function featureSet(groups: readonly FeatureGroup[] = FEATURE_GROUPS): FeatureSpec[] {
  for (const g of groups) {
    if (!FEATURE_GROUPS.includes(g)) {
      throw new RangeError(
        `featureSet: unknown group ${JSON.stringify(g)} (known: ${FEATURE_GROUPS.join(", ")})`,
      );
    }
  }
  return FEATURE_SPECS.filter((f) => groups.includes(f.group));
}

/**
 * A version as a number that orders like the version (`1.4.2` -> 1.004002): up to three
 * dot-separated parts, each below 1,000; null when the text is not such a version.
 */
export function versionNumber(v: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,3}))?(?:\.(\d{1,3}))?$/.exec(v.trim());
  if (!m) return null;
  return Number(m[1]) + Number(m[2] ?? 0) / 1e3 + Number(m[3] ?? 0) / 1e6;
}

/**
 * The number a `numeric` or `ordinal` feature's value stands for in a distance: numbers as
 * they are (`log1p` of them when the feature says `log`, negatives clamped to 0 first),
 * timestamps as milliseconds since 1970, versions by {@linkcode versionNumber}. Null when
 * unknown or not a number.
 *
 * @throws {TypeError} If the feature is not `numeric` or `ordinal`.
 * @example
 * ```ts
 * featureNumber(FEATURE_SPECS.find((f) => f.name === "protocol_max_negotiated")!, "1.4.2"); // 1.004002
 * ```
 */
export function featureNumber(spec: FeatureSpec, value: unknown): number | null {
  if (spec.kind !== "numeric" && spec.kind !== "ordinal") {
    throw new TypeError(`featureNumber: ${spec.name} is ${spec.kind}, not numeric or ordinal`);
  }
  if (value === null || value === undefined) return null;
  let n: number | null;
  if (spec.type === "timestamp") n = typeof value === "string" ? Date.parse(value) : null;
  else if (spec.type === "version") n = typeof value === "string" ? versionNumber(value) : null;
  else n = typeof value === "number" ? value : null;
  if (n === null || !Number.isFinite(n)) return null;
  return spec.log ? Math.log1p(Math.max(0, n)) : n;
}
