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
 * Sampling is in rounds: every server gets one sample per round, and a server's samples are at
 * least `spacingMs` apart, so they span the whole phase rather than one burst.
 *
 * @module
 */
import { connectElectrum } from "../electrum/connect.ts";
import type { DialOptions, Transport } from "../net/dial.ts";
import type { Operation, Status } from "../net/status.ts";
import { PADDING_FLUSH } from "../probes/adaptive.ts";

/** Version stamped on `timing` records (and listed with the probes' in the manifest). */
export const TIMING_VERSION = "1";

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
  /** Samples per server (rounds). Default: 8. */
  samples?: number;
  /** Servers sampled at once. Default: 16. */
  concurrency?: number;
  /** Least time between two samples of one server, ms. Default: 1,000. */
  spacingMs?: number;
  /** Deadline of one request, ms. Default: 4,000. */
  requestTimeoutMs?: number;
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
  concurrency: number;
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
  lags: number[];
  failures: { status: Status; op: Operation | null; message: string | null }[];
  first: number | null;
  last: number;
  /** Failed samples in a row. */
  failedInRow: number;
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
 * Time every target: `samples` rounds, `concurrency` servers at once, one fresh connection per
 * sample. Never throws for network trouble: failed samples are kept in the record.
 *
 * @param targets The endpoints to time.
 * @param ctx Dial options, client name, rate limit and the result callback.
 * @param options Samples, concurrency, spacing.
 * @returns What the phase did.
 * @throws {RangeError} If `samples` or `concurrency` is not a positive integer.
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
  const concurrency = options.concurrency ?? 16;
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError(`samples must be a positive integer, got ${samples}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  const spacingMs = options.spacingMs ?? 1000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 4000;
  const started = performance.now();
  const monitor = new LagMonitor(options.lagIntervalMs ?? 10);
  const accs = targets.map((): Acc => ({ connect: [], tls: [], app: [], lags: [], failures: [], first: null, last: -Infinity, failedInRow: 0 }));
  const maxFailures = options.maxConsecutiveFailures ?? 2;
  try {
    for (let round = 0; round < samples && !ctx.signal?.aborted; round++) {
      let next = 0;
      const worker = async () => {
        while (next < targets.length && !ctx.signal?.aborted) {
          const i = next++;
          const acc = accs[i];
          if (acc.failedInRow >= maxFailures) continue;
          const wait = acc.last + spacingMs - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          await ctx.beforeConnect?.();
          await sampleOnce(targets[i], acc, ctx, requestTimeoutMs, monitor);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
    }
  } finally {
    monitor.stop();
  }
  for (const [i, t] of targets.entries()) await ctx.onResult(t, output(accs[i], samples));
  const all = monitor.events.map((e) => e.lag);
  return {
    servers: targets.length,
    samplesPerServer: samples,
    concurrency,
    durationMs: Math.round(performance.now() - started),
    loopLagMedianMs: all.length ? r2(median(all)!) : null,
    loopLagMaxMs: all.length ? r2(Math.max(...all)) : null,
  };
}

async function sampleOnce(t: TimingTarget, acc: Acc, ctx: TimingContext, requestTimeoutMs: number, monitor: LagMonitor) {
  const t0 = performance.now();
  acc.first ??= t0;
  let failed = false;
  const fail = (f: { status: Status; op?: Operation | null; message?: string | null }) => {
    failed = true;
    if (acc.failures.length < 5) acc.failures.push({ status: f.status, op: f.op ?? null, message: (f.message ?? "").slice(0, 200) || null });
  };
  const c = await connectElectrum({ host: t.host, ip: t.dialIp, port: t.port }, {
    ...ctx.dial,
    transport: t.transport,
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
      const v = c.session.request("server.version", [ctx.clientName, "1.4"]);
      if (t.padded) void c.session.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
      const vr = await v;
      if (vr.status !== "success") fail({ status: vr.status, op: "rpc", message: vr.status === "rpc-error" ? JSON.stringify(vr.error) : vr.message });
      else {
        const ping = c.session.request("server.ping", []);
        if (t.padded) void c.session.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
        const pr = await ping;
        if (pr.status === "success") acc.app.push(r2(pr.rttMs));
        else fail({ status: pr.status, op: "rpc", message: pr.status === "rpc-error" ? JSON.stringify(pr.error) : pr.message });
      }
    } finally {
      c.session.close();
    }
  }
  acc.failedInRow = failed ? acc.failedInRow + 1 : 0;
  acc.last = performance.now();
  acc.lags.push(...monitor.between(t0, acc.last));
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
