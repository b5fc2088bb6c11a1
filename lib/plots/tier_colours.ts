/**
 * The colours of the suspicion tiers, shared by the suspicion figures.
 *
 * @module
 */

/** Tiers in drawing order. */
export const TIERS = ["high", "medium", "benign"] as const;

/** Colour scale of the tiers (high red, medium amber, benign grey-blue). */
export const TIER_COLOURS = {
  type: "categorical",
  domain: [...TIERS],
  range: ["#d62728", "#f0a202", "#9fb3c8"],
} as const;
