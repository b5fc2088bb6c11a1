/**
 * Honest labels: what kind of run the data comes from, in words every figure title, caption
 * and the notebook's first output carry, so simulated lab addresses are never presented as the
 * real network.
 *
 * @module
 */

/** The label of one run. */
export interface RunLabel {
  /** Whether the data comes from the emulated lab network. */
  isLab: boolean;
  /** Target name (`lab`, `live`, `local`). */
  target: string;
  /** Short tag for titles: `"LAB RUN (simulated network)"`, or `"live scan <date>"`. */
  tag: string;
  /** One sentence for captions and the first output. */
  sentence: string;
}

/**
 * The label of a run, from its manifest (`data/manifest.json`).
 *
 * @param manifest The manifest, or at least its `target`, `scan_id` and `started_at`.
 * @returns The label.
 * @throws {TypeError} If the manifest has no `target`.
 * @example
 * ```ts
 * runLabel({ target: "lab", scan_id: "lab-1" }).tag; // "LAB RUN (simulated network)"
 * ```
 */
export function runLabel(
  manifest: { target?: unknown; scan_id?: unknown; started_at?: unknown },
): RunLabel {
  if (typeof manifest?.target !== "string") {
    throw new TypeError(
      `runLabel: the manifest has no target (got ${JSON.stringify(manifest?.target)})`,
    );
  }
  const target = manifest.target;
  const when = typeof manifest.started_at === "string"
    ? manifest.started_at.slice(0, 10)
    : "date unknown";
  if (target === "lab") {
    return {
      isLab: true,
      target,
      tag: "LAB RUN (simulated network)",
      sentence:
        "Lab run: an emulated Electrum network on loopback with simulated public addresses " +
        "drawn from real provider prefixes. These are not real servers and not the real network.",
    };
  }
  if (target === "local") {
    return {
      isLab: false,
      target,
      tag: `local scan ${when}`,
      sentence: `Local scan of ${when}: servers given by the operator, not the public network.`,
    };
  }
  return {
    isLab: false,
    target,
    tag: `live scan ${when}`,
    sentence: `Live scan of the public Electrum network, ${when}.`,
  };
}

/**
 * A title with the run's tag appended: `"Servers by provider — LAB RUN (simulated network)"`.
 *
 * @param title The figure's own title.
 * @param label The run label.
 */
export function labelled(title: string, label: RunLabel): string {
  return `${title} — ${label.tag}`;
}
