/**
 * Test and bench helper: the timing phase's figures in a scan's `servers.csv` set beside the lab's
 * configured paths, rebuilt from the seed as the lab builds its population. Each clearnet server
 * gives two figures (TCP round trip, application round trip); a relay also gives its extra delay
 * (application minus TCP round trip) against its upstream leg plus its own added delay. The bar
 * of `tests/timing_e2e_test.ts` is max(5 ms, 5 %) of the path.
 *
 * @module
 */
import { parseCsv } from "../../lib/data/read_csv.ts";
import { SERVERS_SCHEMA } from "../../lib/data/schemas/mod.ts";
import { buildPopulation, rtt } from "../../lib/lab/population.ts";
import { segmentAddressPicker } from "../../lib/lab/addresses/addresses.ts";

/** One measured figure and the path it should recover. */
export interface PathFigure {
  /** `<host id> <role> <personality> <server>` (the server is the fourth word). */
  label: string;
  server: string;
  kind: "tcp" | "app" | "tls";
  /** The measured minimum, ms (not a number when the server was not timed). */
  got: unknown;
  /** The configured round trip, ms. */
  want: number;
  samples: unknown;
  loopLagMs: unknown;
}

/** One relay's recovered extra delay. */
export interface RelayFigure {
  label: string;
  server: string;
  /** Application minus TCP round trip as measured, ms. */
  extra: number;
  /** Upstream leg plus the relay's own added delay, ms. */
  want: number;
}

/** The bar of the timing test: max(5 ms, 5 %) of the path. */
export const barMs = (pathMs: number): number => Math.max(5, 0.05 * pathMs);

/**
 * Pair a scan's timed servers with the lab's configured paths.
 *
 * @param serversCsvPath The scan's `servers.csv`.
 * @param lab The lab's clearnet size and seed (as passed in `OBS_LAB_SIZE`, `OBS_SEED`).
 * @returns The TCP and application figures of every clearnet server found in the lab, the
 *   relays' extra delays, and apart (the timing test's bar does not cover them) the TLS handshake
 *   figures of the servers with one (the lab's dial holds a handshake for one path round trip).
 */
export async function timingPathFigures(
  serversCsvPath: string,
  lab: { size: number; seed: string },
): Promise<{ figures: PathFigure[]; relays: RelayFigure[]; tls: PathFigure[]; timed: number }> {
  const hosts = buildPopulation({
    clearnet: lab.size,
    seed: lab.seed,
    pickAddress: segmentAddressPicker,
  });
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const byKey = new Map(
    hosts.filter((h) => !h.onion || h.ipv4).map((h) => [(h.hostname ?? h.ipv4)!.toLowerCase(), h]),
  );
  const rows = parseCsv(await Deno.readTextFile(serversCsvPath), SERVERS_SCHEMA);
  const figures: PathFigure[] = [];
  const relays: RelayFigure[] = [];
  const tls: PathFigure[] = [];
  let timed = 0;
  for (const row of rows) {
    const h = byKey.get(String(row.server));
    if (!h || h.onion) continue;
    timed++;
    const server = String(row.server);
    const label = `${h.id} ${h.role} ${h.personality} ${server}`;
    const up = h.upstream ? byId.get(h.upstream)! : null;
    // Through a relay: vantage to relay, the relay's own delay, relay to upstream.
    const extraWant = up ? h.extraLatencyMs + rtt(h.region!, up.region!) : 0;
    const base = { label, server, loopLagMs: row.timing_loop_lag_ms };
    figures.push(
      { ...base, kind: "tcp", got: row.tcp_rtt_ms, want: h.rttMs, samples: row.tcp_rtt_samples },
      {
        ...base,
        kind: "app",
        got: row.app_rtt_ms,
        want: h.rttMs + extraWant,
        samples: row.app_rtt_samples,
      },
    );
    if (row.tls_rtt_ms !== null && row.tls_rtt_ms !== undefined) {
      tls.push({
        ...base,
        kind: "tls",
        got: row.tls_rtt_ms,
        want: h.rttMs,
        samples: row.tls_rtt_samples,
      });
    }
    if (up) {
      relays.push({
        label,
        server,
        extra: (row.app_rtt_ms as number) - (row.tcp_rtt_ms as number),
        want: extraWant,
      });
    }
  }
  return { figures, relays, tls, timed };
}

/** How far the figures lie from their paths. */
export interface PathErrorStats {
  figures: number;
  /** Median of measured minus configured, ms (null without figures). */
  medianErrorMs: number | null;
  /** Figures more than half the bar above their path. */
  aboveHalfBar: number;
  /** Figures more than 0.9 of the bar above. */
  aboveNineTenthsBar: number;
  /** Figures above the bar. */
  aboveBar: number;
  /** Figures more than 1 ms below their path. */
  belowPath: number;
  /** Figures with no measured value. */
  missing: number;
}

/**
 * Summarise figures' errors against the bar.
 *
 * @param figures From {@linkcode timingPathFigures}.
 */
export function pathErrorStats(figures: readonly PathFigure[]): PathErrorStats {
  const errs: number[] = [];
  let half = 0, nine = 0, over = 0, below = 0, missing = 0;
  for (const f of figures) {
    if (typeof f.got !== "number") {
      missing++;
      continue;
    }
    const e = f.got - f.want;
    errs.push(e);
    if (e > 0.5 * barMs(f.want)) half++;
    if (e > 0.9 * barMs(f.want)) nine++;
    if (e > barMs(f.want)) over++;
    if (e < -1) below++;
  }
  errs.sort((a, b) => a - b);
  return {
    figures: figures.length,
    medianErrorMs: errs.length ? errs[Math.floor(errs.length / 2)] : null,
    aboveHalfBar: half,
    aboveNineTenthsBar: nine,
    aboveBar: over,
    belowPath: below,
    missing,
  };
}
