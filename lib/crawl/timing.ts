/**
 * The timing phase: after the crawl, at low concurrency, each server's main endpoint is sampled
 * several times, spread over time, for three figures: the TCP connect, the TLS handshake (TLS
 * endpoints) and the application round trip (`server.ping`). The connect and handshake come from
 * a fresh connection per sample; the application round trip from one session per server, opened
 * by the first sample (`server.version` and the first ping in one write) and held open between
 * samples, so that each later application sample is one ping, one round trip. The minimum of the
 * samples is the estimate (queueing only ever adds delay), and the jitter and the sample count of
 * each figure are kept. The crawl's own timings are taken while dozens of batteries share one
 * event loop, which adds tens of ms to a connect on loopback; here the loop's lag is measured
 * while sampling and recorded beside the figures, so a reader can tell a busy observer from a
 * slow server.
 *
 * Sampling is round-robin without barriers: a free worker takes a server whose last sample ended
 * at least `spacingMs` ago, first one whose TLS figure still needs samples, then the fewest samples
 * taken (among servers not started, the longest round trip the crawl saw), so the handshakes come
 * early and a server's samples are spread over the phase. A figure stops being sampled once it has
 * converged: at least `minSamples` counted samples and its two lowest within `toleranceMs` or
 * `toleranceFraction` of the lowest (a second sample that close to the minimum says the floor was
 * reached; queueing, the path's jitter and the observer's own loop lag only ever add); the TLS
 * figure also stops at `tlsSamples`. A sample takes only what is still needed: a bare TCP connect
 * once the handshake needs no more samples, no ping once the application figure has converged.
 * A sample counts (towards convergence) only when it was quiet (the loop's lag at most
 * `quietLagMs` throughout), and for the connect and application figures only when no TLS handshake
 * of the phase ran beside it (a handshake's work on the loop, on both ends in the lab, delays the
 * timers of everything beside it); a sample starts only once the loop is quiet. Beside a
 * handshake, the held session's ping leaves once the handshake is done; beside a bare connect, the
 * connect starts late enough to end after the ping's reply.
 *
 * @module
 */
import { connectElectrum } from "../electrum/connect.ts";
import type { ElectrumSession, Reply } from "../electrum/session.ts";
import type { DialOptions, Transport } from "../net/dial.ts";
import type { Operation, Status } from "../net/status.ts";
import { flushPadding } from "../probes/adaptive.ts";

/** Version stamped on `timing` records (and listed with the probes' in the manifest). */
export const TIMING_VERSION = "3";

/** Servers sampled at once unless the options say otherwise. */
export const TIMING_CONCURRENCY = 24;

/** Servers in progress (each holding one application session) at once unless the options say
 * otherwise. */
export const TIMING_SESSIONS = 1024;

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
  /** The server serves one client at a time (Electrum Personal Server): no application session
   * is held open between its samples, as it would keep the next sample's connection waiting.
   * Default: false. */
  singleClient?: boolean;
  /** A rough round trip known before the phase (the crawl's TCP connect), ms: servers enter the
   * phase longest first, so that the slowest, whose samples take longest, do not end it alone.
   * Default: unknown (entered after those with one, in the given order). */
  rttHintMs?: number | null;
}

/** Options of {@linkcode measureTimings}. */
export interface TimingOptions {
  /** The most samples per server. Default: 10. */
  samples?: number;
  /** Counted samples (quiet; for the connect and application figures also with no handshake
   * beside them) every figure gets before it may stop early (capped by `samples`). Default: 5. */
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
  /** The most TLS handshake samples per server (capped by `samples`): a handshake is the phase's
   * main work on the loop, on both ends in the lab, so the TLS figure gets fewer samples than the
   * connect and application figures, whose samples are cheap. Default: 4. */
  tlsSamples?: number;
  /** The most servers in progress at once: a server enters at its first sample and leaves when
   * its sampling ends, and holds one application session open in between (its later application
   * samples are one `server.ping` each on it). A server not started waits for a place. Default:
   * {@linkcode TIMING_SESSIONS} (1,024). */
  sessions?: number;
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
  /** Application samples taken on the held session. */
  appHeld: number;
  /** The application session held open between samples, if any. */
  session: ElectrumSession | null;
  /** Picked at least once (in progress until done). */
  started: boolean;
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
 * `concurrency` servers at once, a fresh connection per sample for the connect and handshake and
 * one held session per server for the pings. Never throws for network trouble: failed samples are
 * kept in the record; every held session is closed when the phase ends.
 *
 * @param targets The endpoints to time.
 * @param ctx Dial options, client name, rate limit and the result callback.
 * @param options Samples, concurrency, spacing.
 * @returns What the phase did.
 * @throws {RangeError} If `samples`, `minSamples`, `tlsSamples`, `concurrency` or `sessions` is
 *   not a positive integer.
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
  const samples = options.samples ?? 10;
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
  const sessions = options.sessions ?? TIMING_SESSIONS;
  if (!Number.isInteger(sessions) || sessions < 1) {
    throw new RangeError(`sessions must be a positive integer, got ${sessions}`);
  }
  const tlsSamples = Math.min(samples, options.tlsSamples ?? 4);
  if (!Number.isInteger(tlsSamples) || tlsSamples < 1) {
    throw new RangeError(`tlsSamples must be a positive integer, got ${options.tlsSamples}`);
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
    appHeld: 0,
    session: null,
    started: false,
    busy: false,
    done: false,
  }));
  const maxFailures = options.maxConsecutiveFailures ?? 2;
  const handshakes: Handshakes = { inFlight: 0, started: 0 };
  const quietLagMs = options.quietLagMs ?? 5;
  const quietWaitMs = options.quietWaitMs ?? 200;
  const lagInterval = options.lagIntervalMs ?? 10;
  const need = (t: TimingTarget, acc: Acc): Need => ({
    connect: !converged(acc.quiet.connect, minSamples, tolMs, tolFraction),
    tls: t.transport === "tls" && acc.tls.length < tlsSamples &&
      !converged(acc.quiet.tls, minSamples, tolMs, tolFraction),
    app: !converged(acc.quiet.app, minSamples, tolMs, tolFraction),
  });
  // Wait (bounded) until the loop is quiet: the workers back off while it is busy.
  const quiet = async () => {
    const until = performance.now() + quietWaitMs;
    while (monitor.latest() > quietLagMs && performance.now() < until && !ctx.signal?.aborted) {
      await new Promise((r) => setTimeout(r, lagInterval));
    }
  };
  // Servers in progress (started, not done): at most `sessions`.
  let inProgress = 0;
  const hint = targets.map((t) => t.rttHintMs ?? -Infinity);
  // Whether server i is a better next pick than server j, both candidates (due = its spacing has
  // passed): a due one first; among due ones the fewest samples taken, then (not started) the
  // longest round trip known, then the earliest last sample; among none due, the soonest due.
  const better = (i: number, j: number, now: number): boolean => {
    const a = accs[i], b = accs[j];
    const dueA = a.last + spacingMs <= now, dueB = b.last + spacingMs <= now;
    if (dueA !== dueB) return dueA;
    if (!dueA) return a.last < b.last;
    const tlsA = need(targets[i], a).tls, tlsB = need(targets[j], b).tls;
    if (tlsA !== tlsB) return tlsA;
    if (a.taken !== b.taken) return a.taken < b.taken;
    if (hint[i] !== hint[j]) return hint[i] > hint[j];
    return a.last < b.last;
  };
  // The next server to sample among those in progress and, while fewer than `sessions` are, those
  // not started; null when none is left (all done, in flight, or waiting for a place).
  const pick = (): number | null => {
    const now = performance.now();
    let best: number | null = null;
    for (let i = 0; i < accs.length; i++) {
      const a = accs[i];
      if (a.busy || a.done || (!a.started && inProgress >= sessions)) continue;
      if (best === null || better(i, best, now)) best = i;
    }
    return best;
  };
  // Adaptive concurrency (additive increase, multiplicative decrease on loop lag).
  const floor = Math.min(8, concurrency);
  let allowed = Math.min(12, concurrency);
  let inFlight = 0;
  let lastCut = -Infinity;
  let peak = allowed;
  try {
    const worker = async () => {
      while (!ctx.signal?.aborted) {
        const i = pick();
        if (i === null) {
          // Servers not started wait for a place: come back once one may have freed.
          if (accs.some((a) => !a.started && !a.done)) {
            await sleep(lagInterval);
            continue;
          }
          return;
        }
        const acc = accs[i];
        acc.busy = true;
        if (!acc.started) {
          acc.started = true;
          inProgress++;
        }
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
              handshakes,
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
        ) {
          acc.done = true;
          inProgress--;
          acc.session?.close();
          acc.session = null;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  } finally {
    monitor.stop();
    for (const a of accs) a.session?.close();
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** TLS handshakes of the phase: in flight now, and started so far. */
interface Handshakes {
  inFlight: number;
  started: number;
}

/** What a sample still has to measure. */
interface Need {
  connect: boolean;
  tls: boolean;
  app: boolean;
}

/** The outcome of one request as a failure to keep, or null when it succeeded. */
function replyFailure(
  r: Reply,
): { status: Status; op: Operation; message: string | null } | null {
  if (r.status === "success") return null;
  return {
    status: r.status,
    op: "rpc",
    message: r.status === "rpc-error" ? JSON.stringify(r.error) : r.message,
  };
}

/**
 * One `server.ping` on a session, paired with the request that releases the padding hold on padded
 * servers (one write apart, no round trip between them); its RTT runs from the ping's own send.
 */
function ping(session: ElectrumSession, padded: boolean): Promise<Reply> {
  const p = session.request("server.ping", []);
  if (padded) flushPadding(session);
  return p;
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
  handshakes: Handshakes,
): Promise<boolean> {
  const n = { connect: acc.connect.length, tls: acc.tls.length, app: acc.app.length };
  const t0 = performance.now();
  // Clean: no TLS handshake of the phase (this sample's own included) ran while it did.
  const clean0 = handshakes.inFlight === 0, started0 = handshakes.started;
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
  // The held session is let go as soon as the application round trip needs no more samples.
  if (!need.app && acc.session) {
    acc.session.close();
    acc.session = null;
  }
  const held = acc.session;
  const tcpOnly = !need.tls && (held !== null || !need.app);
  // The ping on the held session leaves once the fresh connection's TLS handshake is done (or its
  // dial is over), so that its reply does not arrive while the handshake works the loop.
  let release = () => {};
  const released = new Promise<void>((r) => release = r);
  // A fresh connection, for the connect and handshake figures (and to open the application
  // session when none is held): a TCP connect alone when nothing past it is still needed there.
  const fresh = async () => {
    let shaking = !tcpOnly && t.transport === "tls";
    if (shaking) {
      handshakes.inFlight++;
      handshakes.started++;
    }
    const shaken = () => {
      if (shaking) handshakes.inFlight--;
      shaking = false;
      release();
    };
    const c = await connectElectrum({ host: t.host, ip: t.dialIp, port: t.port }, {
      ...ctx.dial,
      transport: tcpOnly ? "tcp" : t.transport,
      signal: ctx.signal,
      session: { requestTimeoutMs },
      onHandshake: shaken,
    }).finally(shaken);
    if (c.status !== "success") return fail(c);
    const { connectMs, tlsMs } = c.dial.timings;
    if (connectMs !== null) acc.connect.push(r2(connectMs));
    if (tlsMs !== null) acc.tls.push(r2(tlsMs));
    if (!need.app || held !== null) return c.session.close();
    // No session held yet: `server.version` and the ping go out together (a server that wants
    // the version first still reads it first), so this costs one round trip, not two.
    const v = c.session.request("server.version", [ctx.clientName, "1.4"]);
    const p = ping(c.session, t.padded);
    const vf = replyFailure(await v);
    const pr = await p;
    if (vf || pr.status !== "success") {
      c.session.close();
      return fail(vf ?? replyFailure(pr)!);
    }
    acc.app.push(r2(pr.rttMs));
    // Kept open for the next samples' pings, unless the server serves one client at a time.
    if (t.singleClient) c.session.close();
    else acc.session = c.session;
  };
  // A ping on the held session, while the fresh connection (if any) is dialled: at once beside a
  // bare TCP connect (no handshake), after the handshake beside a TLS one.
  const onHeld = async (s: ElectrumSession) => {
    if (need.tls) await released;
    const pr = await ping(s, t.padded);
    if (pr.status === "success") {
      acc.app.push(r2(pr.rttMs));
      acc.appHeld++;
      return;
    }
    s.close();
    if (acc.session === s) acc.session = null;
    fail(replyFailure(pr)!);
  };
  const dialNeeded = need.connect || need.tls || (need.app && held === null);
  if (need.app && held !== null && dialNeeded && tcpOnly) {
    // A bare connect beside the ping: the connect starts late enough to end (and be torn down)
    // after the ping's reply, judged from the lowest samples so far (jitter adds up to 10 %), or
    // after the reply when there are none.
    const appMin = acc.app.length ? Math.min(...acc.app) : null;
    const connectMin = acc.connect.length ? Math.min(...acc.connect) : null;
    const pinged = onHeld(held);
    if (appMin === null || connectMin === null) await pinged;
    else await sleep(Math.max(0, 1.1 * appMin + 3 - connectMin));
    await Promise.all([pinged, fresh()]);
  } else {
    const work: Promise<void>[] = [];
    if (dialNeeded) work.push(fresh());
    if (need.app && held !== null) work.push(onHeld(held));
    await Promise.all(work);
  }
  acc.failedInRow = failed ? acc.failedInRow + 1 : 0;
  acc.last = performance.now();
  const lags = monitor.between(t0, acc.last);
  acc.lags.push(...lags);
  // Quiet: the loop was never late by more than quietLagMs while this sample ran.
  const quiet = lags.every((l) => l <= quietLagMs);
  const clean = clean0 && handshakes.started === started0;
  if (quiet) {
    // The connect and application figures converge on clean samples only: a handshake's work
    // on the loop (both ends, in the lab) delays the timers of everything beside it.
    for (const k of ["connect", "app"] as const) {
      if (clean) acc.quiet[k].push(...acc[k].slice(n[k]));
    }
    acc.quiet.tls.push(...acc.tls.slice(n.tls));
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
      // Samples that count towards convergence: the loop's lag under quietLagMs throughout, and
      // (for the connect and application figures) no TLS handshake of the phase beside them.
      samples_quiet: Math.max(acc.quiet.connect.length, acc.quiet.app.length),
      // Application samples taken as one ping on the session held open between samples.
      app_held_samples: acc.appHeld,
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
