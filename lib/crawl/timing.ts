/**
 * The timing phase: after the crawl, at low concurrency, each server's main endpoint is sampled
 * several times, spread over time: a fresh connection per sample gives one TCP connect, one TLS
 * handshake (TLS endpoints) and one application round trip (`server.ping` after
 * `server.version`). The minimum of the samples is the estimate (queueing only ever adds delay),
 * and the jitter and the sample count of each figure are kept. The crawl's own timings are taken
 * while dozens of batteries share one event loop, which adds tens of ms to a connect on loopback;
 * here the loop's lag is measured while sampling and recorded beside the figures, so a reader can
 * tell a busy observer from a slow server.
 *
 * Sampling is round-robin without barriers: a free worker takes the server with the fewest samples
 * whose last sample ended at least `spacingMs` ago, so a server's samples are spread over the
 * phase rather than taken in one burst. A figure stops being sampled once it has converged: at
 * least `minSamples` samples and its two lowest within `toleranceMs` or `toleranceFraction` of the
 * lowest (a second sample that close to the minimum says the floor was reached; queueing, the
 * path's jitter and the observer's own loop lag only ever add). A sample takes only what is still
 * needed: a TCP connect alone once the TLS handshake and the application round trip have
 * converged, no application requests once that has. Only quiet samples (the loop's lag at most
 * `quietLagMs` throughout) count towards convergence, and a sample starts only once the loop is
 * quiet, so more servers can be sampled at once without the observer's own load passing for a
 * converged minimum.
 *
 * @module
 */
import { connectElectrum } from "../electrum/connect.ts";
import type { DialOptions, Transport } from "../net/dial.ts";
import type { Operation, Status } from "../net/status.ts";
import { PADDING_FLUSH } from "../probes/adaptive.ts";

/** Version stamped on `timing` records (and listed with the probes' in the manifest). */
export const TIMING_VERSION = "2";

/** Servers sampled at once unless the options say otherwise. */
export const TIMING_CONCURRENCY = 24;

/** One endpoint to time (the main endpoint the crawl's battery ran on). */
export interface TimingTarget {
  server: string;
  host: string;
  /** The address as the world sees it (simulated in the lab). */
  ip: string | null;
  /** The address dialled. */
  dialIp: string;
  port: number;
  transport: Transport;
  /** Replies were padded (ElectrumX >= 1.18): each ping is paired with a request that releases the hold. */
  padded: boolean;
}

/** Options of {@linkcode measureTimings}. */
export interface TimingOptions {
  /** The most samples per server. Default: 8. */
  samples?: number;
  /** Quiet samples every figure gets before it may stop early (capped by `samples`). Default: 5. */
  minSamples?: number;
  /** A figure has converged when its two lowest samples differ by at most this, ms, or by
   * `toleranceFraction` of the lowest, whichever is larger. Default: 1. */
  toleranceMs?: number;
  /** See `toleranceMs`. Default: 0.01. */
  toleranceFraction?: number;
  /** The most servers sampled at once. The phase starts at 12 (or fewer) and adapts: one more
   * after each quiet sample, a quarter fewer (at most once a second, never under 8) after a sample
   * the loop's lag disturbed. Default: {@linkcode TIMING_CONCURRENCY} (24). */
  concurrency?: number;
  /** Least time between two samples of one server, ms. Default: 250. */
  spacingMs?: number;
  /** Deadline of one request, ms. Default: 4,000. */
  requestTimeoutMs?: number;
  /** A sample is quiet when the event loop's lag stayed at or under this while it ran, ms; only
   * quiet samples count towards convergence, and a new sample starts only once the loop's latest
   * lag is at most this (waiting at most `quietWaitMs`), which keeps the loop quiet whatever the
   * concurrency. Default: 5. */
  quietLagMs?: number;
  /** Longest wait for a quiet loop before a sample starts anyway, ms. Default: 200. */
  quietWaitMs?: number;
  /** Period of the event-loop lag monitor, ms. Default: 10. */
  lagIntervalMs?: number;
  /** A server whose samples fail this many times in a row gets no more. Default: 2. */
  maxConsecutiveFailures?: number;
}

/** What the phase needs from the crawl besides its options. */
export interface TimingContext {
  /** Dial options (policy, path model, deadlines); the transport comes from each target. */
  dial: Omit<DialOptions, "transport">;
  /** The client name sent in `server.version`. */
  clientName: string;
  /** Awaited before every connection (the global rate limit). */
  beforeConnect?: () => Promise<void>;
  /** Called once per server when its samples are complete. */
  onResult: (target: TimingTarget, result: TimingOutput) => Promise<void> | void;
  signal?: AbortSignal;
}

/** One server's timing outcome (the `timing` record). */
export interface TimingOutput {
  status: Status;
  op: Operation | null;
  message: string | null;
  duration_ms: number;
  data: Record<string, unknown>;
}

/** What the whole phase did. */
export interface TimingSummary {
  servers: number;
  samplesPerServer: number;
  /** The most servers allowed at once (the option). */
  concurrency: number;
  /** The highest concurrency the adaptive limit reached. */
  concurrencyPeak: number;
  /** Samples taken over all servers. */
  samplesTaken: number;
  /** Wall time of the phase, ms. */
  durationMs: number;
  /** Event-loop lag over the whole phase: median and maximum, ms. */
  loopLagMedianMs: number | null;
  loopLagMaxMs: number | null;
}

interface Acc {
  connect: number[];
  tls: number[];
  app: number[];
  /** The same figures from quiet samples only (what convergence is judged on). */
  quiet: { connect: number[]; tls: number[]; app: number[] };
  lags: number[];
  failures: { status: Status; op: Operation | null; message: string | null }[];
  first: number | null;
  last: number;
  /** Failed samples in a row. */
  failedInRow: number;
  /** Samples started. */
  taken: number;
  busy: boolean;
  done: boolean;
}

/** Whether a figure's minimum has converged: enough samples, the two lowest close together. */
export function converged(
  samples: readonly number[],
  minSamples: number,
  toleranceMs: number,
  toleranceFraction: number,
): boolean {
  if (samples.length < Math.max(2, minSamples)) return false;
  let a = Infinity, b = Infinity;
  for (const x of samples) {
    if (x < a) [a, b] = [x, a];
    else if (x < b) b = x;
  }
  return b - a <= Math.max(toleranceMs, toleranceFraction * a);
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Mean absolute difference of consecutive samples (RFC 3550-style jitter), ms to 0.01; null under 2 samples. */
export function jitterMs(samples: readonly number[]): number | null {
  if (samples.length < 2) return null;
  let sum = 0;
  for (let i = 1; i < samples.length; i++) sum += Math.abs(samples[i] - samples[i - 1]);
  return r2(sum / (samples.length - 1));
}

/** Samples the event loop's lag: how late a periodic timer fires, ms. */
class LagMonitor {
  readonly events: { t: number; lag: number }[] = [];
  #timer: ReturnType<typeof setInterval>;
  constructor(periodMs: number) {
    let last = performance.now();
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.events.push({ t: now, lag: Math.max(0, now - last - periodMs) });
      last = now;
    }, periodMs);
  }
  /** Lags observed between two times. */
  between(t0: number, t1: number): number[] {
    const out: number[] = [];
    for (let i = this.events.length - 1; i >= 0 && this.events[i].t >= t0; i--) {
      if (this.events[i].t <= t1) out.push(this.events[i].lag);
    }
    return out;
  }
  /** The latest lag observed, ms (0 before the first). */
  latest(): number {
    return this.events.at(-1)?.lag ?? 0;
  }
  stop() {
    clearInterval(this.#timer);
  }
}

function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Time every target: up to `samples` samples each (fewer once every figure has converged),
 * `concurrency` servers at once, one fresh connection per sample. Never throws for network trouble: failed samples are kept in the record.
 *
 * @param targets The endpoints to time.
 * @param ctx Dial options, client name, rate limit and the result callback.
 * @param options Samples, concurrency, spacing.
 * @returns What the phase did.
 * @throws {RangeError} If `samples`, `minSamples` or `concurrency` is not a positive integer.
 * @example
 * ```ts
 * await measureTimings(targets, { dial: { policy: { mode: "lab" } }, clientName: "x", onResult: (t, r) => console.log(t.server, r.data.app_min_ms) });
 * ```
 */
export async function measureTimings(
  targets: readonly TimingTarget[],
  ctx: TimingContext,
  options: TimingOptions = {},
): Promise<TimingSummary> {
  const samples = options.samples ?? 8;
  const minSamples = Math.min(samples, options.minSamples ?? 5);
  const concurrency = options.concurrency ?? TIMING_CONCURRENCY;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new RangeError(`samples must be a positive integer, got ${samples}`);
  }
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new RangeError(`minSamples must be a positive integer, got ${options.minSamples}`);
  }
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const spacingMs = options.spacingMs ?? 250;
  const requestTimeoutMs = options.requestTimeoutMs ?? 4000;
  const tolMs = options.toleranceMs ?? 1;
  const tolFraction = options.toleranceFraction ?? 0.01;
  const started = performance.now();
  const monitor = new LagMonitor(options.lagIntervalMs ?? 10);
  const accs = targets.map((): Acc => ({
    connect: [],
    tls: [],
    app: [],
    quiet: { connect: [], tls: [], app: [] },
    lags: [],
    failures: [],
    first: null,
    last: -Infinity,
    failedInRow: 0,
    taken: 0,
    busy: false,
    done: false,
  }));
  const maxFailures = options.maxConsecutiveFailures ?? 2;
  const quietLagMs = options.quietLagMs ?? 5;
  const quietWaitMs = options.quietWaitMs ?? 200;
  const lagInterval = options.lagIntervalMs ?? 10;
  const need = (t: TimingTarget, acc: Acc): Need => ({
    connect: !converged(acc.quiet.connect, minSamples, tolMs, tolFraction),
    tls: t.transport === "tls" && !converged(acc.quiet.tls, minSamples, tolMs, tolFraction),
    app: !converged(acc.quiet.app, minSamples, tolMs, tolFraction),
  });
  // Wait (bounded) until the loop is quiet: the workers back off while it is busy.
  const quiet = async () => {
    const until = performance.now() + quietWaitMs;
    while (monitor.latest() > quietLagMs && performance.now() < until && !ctx.signal?.aborted) {
      await new Promise((r) => setTimeout(r, lagInterval));
    }
  };
  // The next server to sample: the fewest samples taken, then the earliest due; null when none
  // is left (all done or in flight).
  const pick = (): number | null => {
    let best: number | null = null;
    for (let i = 0; i < accs.length; i++) {
      const a = accs[i];
      if (a.busy || a.done) continue;
      if (
        best === null || a.taken < accs[best].taken ||
        (a.taken === accs[best].taken && a.last < accs[best].last)
      ) best = i;
    }
    return best;
  };
  // Adaptive concurrency (additive increase, multiplicative decrease on loop lag).
  const floor = Math.min(8, concurrency);
  let allowed = Math.min(12, concurrency);
  let inFlight = 0;
  let lastCut = -Infinity;
  let peak = allowed;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  try {
    const worker = async () => {
      while (!ctx.signal?.aborted) {
        const i = pick();
        if (i === null) return;
        const acc = accs[i];
        acc.busy = true;
        try {
          const wait = acc.last + spacingMs - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          while (inFlight >= allowed && !ctx.signal?.aborted) await sleep(lagInterval);
          inFlight++;
          let wasQuiet = false;
          try {
            await quiet();
            await ctx.beforeConnect?.();
            acc.taken++;
            wasQuiet = await sampleOnce(
              targets[i],
              acc,
              ctx,
              requestTimeoutMs,
              monitor,
              need(targets[i], acc),
              quietLagMs,
            );
          } finally {
            inFlight--;
          }
          if (wasQuiet) allowed = Math.min(concurrency, allowed + 1);
          else if (performance.now() - lastCut >= 1000) {
            allowed = Math.max(floor, Math.floor(allowed * 0.75));
            lastCut = performance.now();
          }
          peak = Math.max(peak, allowed);
        } finally {
          acc.busy = false;
        }
        const n = need(targets[i], acc);
        if (
          acc.taken >= samples || acc.failedInRow >= maxFailures || (!n.connect && !n.tls && !n.app)
        ) acc.done = true;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  } finally {
    monitor.stop();
  }
  for (const [i, t] of targets.entries()) await ctx.onResult(t, output(accs[i], samples));
  const all = monitor.events.map((e) => e.lag);
  return {
    servers: targets.length,
    samplesPerServer: samples,
    concurrency,
    concurrencyPeak: peak,
    samplesTaken: accs.reduce((a, x) => a + x.taken, 0),
    durationMs: Math.round(performance.now() - started),
    loopLagMedianMs: all.length ? r2(median(all)!) : null,
    loopLagMaxMs: all.length ? r2(Math.max(...all)) : null,
  };
}

/** What a sample still has to measure. */
interface Need {
  connect: boolean;
  tls: boolean;
  app: boolean;
}

/** Take one sample; returns whether it was quiet. */
async function sampleOnce(
  t: TimingTarget,
  acc: Acc,
  ctx: TimingContext,
  requestTimeoutMs: number,
  monitor: LagMonitor,
  need: Need,
  quietLagMs: number,
): Promise<boolean> {
  const n = { connect: acc.connect.length, tls: acc.tls.length, app: acc.app.length };
  const t0 = performance.now();
  acc.first ??= t0;
  let failed = false;
  const fail = (f: { status: Status; op?: Operation | null; message?: string | null }) => {
    failed = true;
    if (acc.failures.length < 5) {
      acc.failures.push({
        status: f.status,
        op: f.op ?? null,
        message: (f.message ?? "").slice(0, 200) || null,
      });
    }
  };
  // A TCP connect alone when nothing past it is still needed (a TLS port accepts TCP as well).
  const tcpOnly = !need.tls && !need.app;
  const c = await connectElectrum({ host: t.host, ip: t.dialIp, port: t.port }, {
    ...ctx.dial,
    transport: tcpOnly ? "tcp" : t.transport,
    signal: ctx.signal,
    session: { requestTimeoutMs },
  });
  if (c.status !== "success") {
    fail(c);
  } else {
    const { connectMs, tlsMs } = c.dial.timings;
    if (connectMs !== null) acc.connect.push(r2(connectMs));
    if (tlsMs !== null) acc.tls.push(r2(tlsMs));
    try {
      if (need.app) {
        const v = c.session.request("server.version", [ctx.clientName, "1.4"]);
        if (t.padded) void c.session.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
        const vr = await v;
        if (vr.status !== "success") {
          fail({
            status: vr.status,
            op: "rpc",
            message: vr.status === "rpc-error" ? JSON.stringify(vr.error) : vr.message,
          });
        } else {
          const ping = c.session.request("server.ping", []);
          if (t.padded) void c.session.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
          const pr = await ping;
          if (pr.status === "success") acc.app.push(r2(pr.rttMs));
          else {fail({
              status: pr.status,
              op: "rpc",
              message: pr.status === "rpc-error" ? JSON.stringify(pr.error) : pr.message,
            });}
        }
      }
    } finally {
      c.session.close();
    }
  }
  acc.failedInRow = failed ? acc.failedInRow + 1 : 0;
  acc.last = performance.now();
  const lags = monitor.between(t0, acc.last);
  acc.lags.push(...lags);
  // Quiet: the loop was never late by more than quietLagMs while this sample ran.
  const quiet = lags.every((l) => l <= quietLagMs);
  if (quiet) {
    for (const k of ["connect", "tls", "app"] as const) acc.quiet[k].push(...acc[k].slice(n[k]));
  }
  return quiet;
}

function output(acc: Acc, planned: number): TimingOutput {
  const min = (xs: number[]) => (xs.length ? Math.min(...xs) : null);
  const ok = acc.connect.length > 0 || acc.app.length > 0;
  const f = acc.failures.at(-1);
  return {
    status: ok ? "success" : f?.status ?? "aborted",
    op: ok ? null : f?.op ?? null,
    message: ok ? null : f?.message ?? "no sample taken",
    duration_ms: acc.first === null ? 0 : Math.round(acc.last - acc.first),
    data: {
      samples_planned: planned,
      // Fewer than planned when every figure converged early (or sampling failed).
      samples_taken: acc.taken,
      // Samples during which the loop's lag stayed under quietLagMs (convergence counts only these).
      samples_quiet: Math.max(acc.quiet.connect.length, acc.quiet.app.length),
      connect_ms: acc.connect,
      tls_ms: acc.tls,
      app_ms: acc.app,
      connect_min_ms: min(acc.connect),
      tls_min_ms: min(acc.tls),
      app_min_ms: min(acc.app),
      connect_jitter_ms: jitterMs(acc.connect),
      tls_jitter_ms: jitterMs(acc.tls),
      app_jitter_ms: jitterMs(acc.app),
      loop_lag_max_ms: acc.lags.length ? r2(Math.max(...acc.lags)) : null,
      loop_lag_median_ms: acc.lags.length ? r2(median(acc.lags)!) : null,
      failures: acc.failures,
    },
  };
}
