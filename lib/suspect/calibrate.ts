/**
 * Calibration of the indicator weights on a lab run: for each indicator, the likelihood ratio
 * of a hit between the adversary kind it best indicates and the honest servers, with
 * smoothing, clipped to `[1, e^maxWeight]`; its natural log is the weight. One adversary kind
 * can be held out, so that an evaluation can report a kind the weights never saw.
 *
 * Rates: honest `(h + 0.5) / (H + 1)`; kind k `(a_k + m·p) / (n_k + m)`, shrunk towards the
 * indicator's rate over all calibration adversaries p with strength m (default 2), so a kind of
 * two servers cannot make a common indicator look decisive. An indicator only a grouped server
 * can have (`GROUP_SCOPED`) is calibrated among grouped servers, so honest multi-server
 * operators are its comparison.
 *
 * @module
 */
import { GROUP_SCOPED, INDICATOR_SPECS, type IndicatorName } from "./indicator_specs.ts";
import type { HitsByServer } from "./find_indicators.ts";
import { type IndicatorWeights, scoreServers } from "./score_servers.ts";
import type { ReferenceVerdict } from "./reference_verdicts.ts";
import type { LabCalibration } from "./weights.ts";

/** Options of {@linkcode calibrateWeights}. */
export interface CalibrateOptions {
  /** Adversary kind left out of the calibration. Default: none. */
  holdOut?: string | null;
  /** Largest weight (log likelihood ratio). Default: 5 (a ratio of about 150: the lab's ~260
   * honest servers cannot show a false-positive rate much below 1 in 500). */
  maxWeight?: number;
  /** Shrinkage of a kind's hit rate towards all adversaries' (pseudo-servers). Default: 2. */
  shrink?: number;
  /** Operator group by server: the indicators of `GROUP_SCOPED` are calibrated among grouped
   * servers only. Default: none (every server counts for every indicator). */
  groups?: ReadonlyMap<string, string>;
}

/** One indicator's calibration. */
export interface CalibrationRow {
  readonly indicator: IndicatorName;
  readonly honestHits: number;
  readonly honest: number;
  readonly adversaryHits: number;
  readonly adversaries: number;
  /** The kind with the highest smoothed hit rate, or null when no adversary hit it. */
  readonly kind: string | null;
  readonly kindHits: number;
  readonly kindServers: number;
  readonly likelihoodRatio: number;
  readonly weight: number;
}

/** Result of {@linkcode calibrateWeights}. */
export interface Calibration {
  readonly weights: IndicatorWeights;
  readonly rows: readonly CalibrationRow[];
  readonly heldOut: string | null;
}

/**
 * Calibrate weights from hits and the lab's verdicts.
 *
 * @param hits Hits by server (servers without a verdict are ignored).
 * @param verdicts The lab's verdicts.
 * @param options See {@linkcode CalibrateOptions}.
 * @example
 * ```ts
 * const { weights } = calibrateWeights(hits, verdicts, { holdOut: "copycat-fleet" });
 * ```
 */
export function calibrateWeights(
  hits: HitsByServer,
  verdicts: readonly ReferenceVerdict[],
  options: CalibrateOptions = {},
): Calibration {
  const holdOut = options.holdOut ?? null;
  const maxW = options.maxWeight ?? 5;
  const m = options.shrink ?? 2;
  const v = new Map(verdicts.map((x) => [x.server, x]));
  const all = [...hits.keys()].filter((s) => v.has(s) && v.get(s)!.kind !== holdOut);
  const rows: CalibrationRow[] = [];
  const weights = {} as Record<IndicatorName, number>;
  for (const spec of INDICATOR_SPECS) {
    const servers = GROUP_SCOPED.has(spec.name) && options.groups
      ? all.filter((s) => options.groups!.has(s))
      : all;
    const kindSize = new Map<string, number>();
    let honest = 0, adversaries = 0;
    for (const s of servers) {
      const x = v.get(s)!;
      if (x.adversarial) {
        adversaries++;
        kindSize.set(x.kind, (kindSize.get(x.kind) ?? 0) + 1);
      } else honest++;
    }
    let h = 0, a = 0;
    const byKind = new Map<string, number>();
    for (const s of servers) {
      if (!hits.get(s)!.some((x) => x.indicator === spec.name)) continue;
      const x = v.get(s)!;
      if (x.adversarial) {
        a++;
        byKind.set(x.kind, (byKind.get(x.kind) ?? 0) + 1);
      } else h++;
    }
    const honestRate = (h + 0.5) / (honest + 1);
    const p = adversaries ? a / adversaries : 0;
    let best: string | null = null, bestRate = 0;
    for (const [k, n] of [...kindSize].sort(([x], [y]) => (x < y ? -1 : 1))) {
      const rate = ((byKind.get(k) ?? 0) + m * p) / (n + m);
      if ((byKind.get(k) ?? 0) > 0 && rate > bestRate) [best, bestRate] = [k, rate];
    }
    const lr = best ? Math.max(1, bestRate / honestRate) : 1;
    const w = Math.min(maxW, Math.log(lr));
    weights[spec.name] = Math.round(w * 100) / 100;
    rows.push({
      indicator: spec.name,
      honestHits: h,
      honest,
      adversaryHits: a,
      adversaries,
      kind: best,
      kindHits: best ? byKind.get(best)! : 0,
      kindServers: best ? kindSize.get(best)! : 0,
      likelihoodRatio: Math.round(lr * 10) / 10,
      weight: weights[spec.name],
    });
  }
  return { weights, rows, heldOut: holdOut };
}

/**
 * The whole calibration in its two passes: the indicators found from the tables, then
 * `group-suspicious`, which depends on the members' scores under the first weights.
 *
 * @param hits Hits by server from `findIndicators` (`deriveHss(...).hits`).
 * @param groups Operator group by server.
 * @param verdicts The lab's verdicts.
 * @param options See {@linkcode CalibrateOptions}.
 * @example
 * ```ts
 * const { hits, groupOf } = deriveHss(tables);
 * const c = calibrate(hits, groupOf, verdicts, { holdOut: "copycat-fleet" });
 * ```
 */
export function calibrate(
  hits: HitsByServer,
  groups: ReadonlyMap<string, string>,
  verdicts: readonly ReferenceVerdict[],
  options: CalibrateOptions = {},
): Calibration {
  const first = calibrateWeights(hits, verdicts, { ...options, groups });
  const scores = scoreServers(hits, groups, first.weights);
  const all: HitsByServer = new Map(scores.map((s) => [s.server, [...s.hits]]));
  return calibrateWeights(all, verdicts, { ...options, groups });
}

/** The opening of the generated `lab_calibration.ts`. */
const MODULE_HEAD = `/**
 * The lab run the indicator weights are calibrated on (read by \`weights.ts\`), as
 * \`calibrate.ts\` printed it: per indicator, its hits among the honest servers and in the
 * adversary kind it best indicates, and its weight. Generated, not edited: to recalibrate on a lab
 * run's data directory (the lab's reference file beside it; \`deno.json\` names both), \`deno task
 * calibrate > lib/suspect/lab_calibration.ts\`, then \`deno fmt\` the file.
 *
 * @module
 */

/** The calibration run and each indicator's weight with its counts (\`LabCalibration\`). */
export const LAB_CALIBRATION = `;

/**
 * Print `lab_calibration.ts` (the weights `weights.ts` reads) from a lab run's data directory:
 * `deno run -A lib/suspect/calibrate.ts <data dir> <reference file> [held-out kind]`.
 */
async function main(args: string[]): Promise<void> {
  const [dir, reference, holdOut = "copycat-fleet"] = args;
  if (!dir || !reference) {
    console.error("usage: calibrate.ts <data dir> <reference file> [held-out kind]");
    return;
  }
  const { loadSuspectTables } = await import("./load_suspect_tables.ts");
  const { deriveHss } = await import("./derive_hss.ts");
  const { vantageOf } = await import("./vantage_of.ts");
  const { loadReferenceVerdicts } = await import("./reference_verdicts.ts");
  const { tables, manifest } = await loadSuspectTables(dir);
  // The hits the score sees on this run (with the vantage's place, as the pipeline scores).
  const { hits, groupOf } = deriveHss(tables, { behaviour: { vantage: vantageOf(manifest) } });
  const c = calibrate(hits, groupOf, await loadReferenceVerdicts(reference), { holdOut });
  const lab = manifest.lab;
  if (!lab) throw new Error(`${dir}/manifest.json: not a lab run (no lab section)`);
  const calibration: LabCalibration = {
    run: {
      scanId: manifest.scan_id,
      labSeed: lab.seed,
      clearnet: lab.clearnet,
      onion: lab.onion,
      heldOut: c.heldOut,
    },
    indicators: Object.fromEntries(c.rows.map((r) => [r.indicator, {
      weight: r.weight,
      honestHits: r.honestHits,
      honest: r.honest,
      kind: r.kind,
      kindHits: r.kindHits,
      kindServers: r.kindServers,
    }])) as LabCalibration["indicators"],
  };
  console.log(`${MODULE_HEAD}${JSON.stringify(calibration, null, 2)};`);
}

if (import.meta.main) await main(Deno.args);
