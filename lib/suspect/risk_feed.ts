/**
 * `risk-feed.json`: the suspicion verdicts of one scan as a feed a wallet could read instead of
 * a hand-kept blacklist (per server: score, tier, indicators with evidence and weight, operator
 * group and its tier), with the scan's provenance; and its JSON Schema, `RISK_FEED_SCHEMA`,
 * written beside it as `risk-feed.schema.json`.
 *
 * @module
 */
import type { DerivedHss } from "./derive_hss.ts";
import { indicatorSpec } from "./indicator_specs.ts";
import { HSS_PRIOR, TIER_THRESHOLDS } from "./score_servers.ts";
import { CALIBRATION_RUN } from "./weights.ts";

/** Version of the feed's format (bumped when the schema changes). */
export const RISK_FEED_VERSION = "1";

const TIER = { type: "string", enum: ["high", "medium", "benign"] } as const;
const STR = { type: "string" } as const;
const NSTR = { type: ["string", "null"] } as const;
/** UTC ISO 8601, as the manifest writes times. */
const ISO = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";

/** The JSON Schema (draft-07) of `risk-feed.json`. */
export const RISK_FEED_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://electrum-observatory.invalid/risk-feed.schema.json",
  title: "Electrum Observatory risk feed",
  description:
    "Honeypot Suspicion Scores of one scan (methodology section 10): indicators, never verdicts of intent.",
  type: "object",
  additionalProperties: false,
  required: ["feed_version", "provenance", "method", "servers", "groups"],
  properties: {
    feed_version: { const: RISK_FEED_VERSION },
    provenance: {
      type: "object",
      additionalProperties: false,
      required: ["scan_id", "target", "started_at", "finished_at", "vantage", "tool"],
      properties: {
        scan_id: STR,
        target: { type: "string", enum: ["lab", "local", "live"] },
        started_at: { type: "string", pattern: ISO },
        finished_at: { type: "string", pattern: ISO },
        vantage: STR,
        tool: {
          type: "object",
          additionalProperties: false,
          required: ["name", "version"],
          properties: { name: STR, version: STR },
        },
      },
    },
    method: {
      type: "object",
      additionalProperties: false,
      required: ["prior", "thresholds", "calibration"],
      properties: {
        prior: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
        thresholds: {
          type: "object",
          additionalProperties: false,
          required: ["high", "medium"],
          properties: { high: { type: "number" }, medium: { type: "number" } },
        },
        calibration: {
          type: "object",
          additionalProperties: false,
          required: ["scan_id", "lab_seed", "held_out"],
          properties: { scan_id: STR, lab_seed: STR, held_out: NSTR },
        },
      },
    },
    servers: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: [
          "server",
          "hss",
          "tier",
          "evidence",
          "indicators",
          "operator_group",
          "group_tier",
        ],
        properties: {
          server: { type: "string", minLength: 1 },
          hss: { type: "number", minimum: 0, maximum: 100 },
          tier: TIER,
          evidence: STR,
          indicators: {
            type: "array",
            items: {
              type: "object",
              additionalProperties: false,
              required: ["name", "category", "value", "weight", "rows"],
              properties: {
                name: STR,
                category: { type: "string", enum: ["tls", "behaviour", "latency", "clustering"] },
                value: STR,
                weight: { type: "number", minimum: 0 },
                rows: { type: "array", items: STR, maxItems: 5 },
              },
            },
          },
          operator_group: NSTR,
          group_tier: { oneOf: [TIER, { type: "null" }] },
        },
      },
    },
    groups: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["group", "servers", "tier", "reason"],
        properties: {
          group: STR,
          servers: { type: "integer", minimum: 1 },
          tier: TIER,
          reason: STR,
        },
      },
    },
  },
} as const;

/** The scan's provenance as the manifest records it. */
export interface FeedManifest {
  readonly scan_id: string;
  readonly target: string;
  readonly started_at: string;
  readonly finished_at: string;
  readonly vantage: string;
  readonly tool: { readonly name: string; readonly version: string };
}

/**
 * Build the feed of one scan.
 *
 * @param derived The scores (`deriveHss`).
 * @param manifest The scan's manifest.
 * @returns An object that validates against {@linkcode RISK_FEED_SCHEMA}.
 * @example
 * ```ts
 * const feed = riskFeed(deriveHss(tables), manifest);
 * ```
 */
export function riskFeed(derived: DerivedHss, manifest: FeedManifest): Record<string, unknown> {
  const tierOf = new Map(derived.groups.map((g) => [g.group, g.tier]));
  const servers = derived.scores.map((s) => ({
    server: s.server,
    hss: s.hss,
    tier: s.tier,
    evidence: s.evidence,
    indicators: s.hits.map((h) => ({
      name: h.indicator,
      category: indicatorSpec(h.indicator).category,
      value: h.value,
      weight: h.weight,
      rows: h.evidence.slice(0, 5),
    })),
    operator_group: s.group,
    group_tier: s.group ? tierOf.get(s.group) ?? null : null,
  }));
  return {
    feed_version: RISK_FEED_VERSION,
    provenance: {
      scan_id: manifest.scan_id,
      target: manifest.target,
      started_at: manifest.started_at,
      finished_at: manifest.finished_at,
      vantage: manifest.vantage,
      // A manifest without a tool leaves these out, and the schema refuses the feed.
      tool: { name: manifest.tool?.name, version: manifest.tool?.version },
    },
    method: {
      prior: HSS_PRIOR,
      thresholds: { ...TIER_THRESHOLDS },
      calibration: {
        scan_id: CALIBRATION_RUN.scanId,
        lab_seed: CALIBRATION_RUN.labSeed,
        held_out: CALIBRATION_RUN.heldOut,
      },
    },
    servers,
    groups: derived.groups.map((g) => ({
      group: g.group,
      servers: g.servers,
      tier: g.tier,
      reason: g.reason,
    })),
  };
}
