/**
 * Clipping a label to fit a chart's margin.
 *
 * @module
 */

/**
 * `label` as it is when it has at most `maxChars` characters (UTF-16 code units), else its first
 * `maxChars - 1` followed by `…`, so the clipped label is `maxChars` long.
 *
 * @param label The label (untrusted text is fine: it is only cut).
 * @param maxChars Longest label kept whole (at least 1).
 * @returns The label, clipped.
 * @example
 * ```ts
 * clipLabel("electrumx-node-7.example.org", 12); // "electrumx-n…"
 * ```
 */
export function clipLabel(label: string, maxChars: number): string {
  return label.length > maxChars ? label.slice(0, maxChars - 1) + "…" : label;
}
