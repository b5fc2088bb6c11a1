/**
 * Probe `preversion`: on its own short connection, `server.features` sent BEFORE
 * `server.version` (reference §9 step 2). What comes back identifies the family before anything
 * else is sent:
 *
 * - two notifications (`blockchain.relayfee`, `blockchain.estimatefee`), code 1
 *   `use server.version to identify client`, then a close: ElectrumX >= 1.19 (`version-first`);
 * - silence: Electrum Personal Server (`silent`); later probes then avoid what crashes it;
 * - an error (`-32601`, or a bare string): esplora without discovery (`error`);
 * - a features object: the others (`answered`).
 *
 * Runs beside `reach`; a single-client server (EPS) queues `reach` until this connection closes
 * (`reach`'s handshake deadline counts from then).
 * The wait for silence is short and adaptive: max(1,500 ms, 4 x the connection's own round
 * trip), never the full request deadline. Silence counts only from a server that is answering
 * (version 3):
 *
 * - the wait is measured by our own loop: when its timer fired late (the observer's loop was
 *   busy), the reply may be sitting unread in the socket, so the wait goes on for as long again
 *   as it was late (at most the wait itself);
 * - the request sent right after `server.features` (the padding flush, `blockchain.block.headers`,
 *   which EPS answers before `server.version`, reference §2.2 and §6.1) is the server's sign of
 *   life: when it is unanswered too, the server has not been heard at all (a loaded server, or our
 *   path to it, stalled), and the wait goes on to twice its length (capped at the request
 *   deadline); a reply then is recorded with `late_ms`. EPS answers the flush at once, so its
 *   silence costs the wait alone, and its main session's handshake queues no longer;
 * - silence marks the server EPS-like only provisionally: the `features` probe on the main
 *   session settles it (EPS never answers `server.features`, reference §3), before the probes
 *   that avoid EPS decide (`epsVerdict` in `probe.ts`).
 *
 * @module
 */
import { bytesField, clip } from "../records/records.ts";
import { parseMessage } from "../electrum/message.ts";
import type { Reply } from "../electrum/session.ts";
import { PADDING_FLUSH } from "./adaptive.ts";
import { boundJson } from "./simple_call.ts";
import type { Probe } from "./probe.ts";
import { readWireStyle } from "./wire_style.ts";

/** How the server reacted to `server.features` before `server.version`. */
export type PreversionOutcome = "version-first" | "answered" | "error" | "silent" | "closed";

/** A timer firing this much later than asked means our loop was busy, ms. */
const LOOP_LAG_SLACK_MS = 20;

export const preversion: Probe = {
  name: "preversion",
  version: "3",
  async run(ctx) {
    const c = await ctx.open({ preferPlain: true });
    if (c.status !== "success") {
      return {
        status: c.status,
        op: c.op,
        message: c.message,
        data: { connect_ms: c.timings.connectMs, tls_ms: c.timings.tlsMs },
      };
    }
    const s = c.session;
    try {
      const t = c.dial.timings;
      const rtt = Math.max(t.connectMs ?? 0, t.tlsMs ?? 0, t.proxyMs ?? 0);
      const waitMs = Math.round(Math.min(ctx.requestTimeoutMs, Math.max(1500, 4 * rtt)));
      const sentAt = performance.now();
      const got: { reply: Reply | null; flush: Reply | null } = { reply: null, flush: null };
      // The request's own deadline is the full one: the waits below decide when to stop.
      const pending = s.request("server.features", [], { timeoutMs: ctx.requestTimeoutMs })
        .then((reply) => void (got.reply = reply));
      // Padding is not known yet: a large second request flushes ElectrumX 1.18's hold at once.
      // Its reply also says the server is answering at all.
      void s.request(PADDING_FLUSH[0], [...PADDING_FLUSH[1]])
        .then((reply) => void (got.flush = reply));
      let loopLagMs = await settleBy(pending, sentAt + waitMs, waitMs);
      // Nothing heard on this connection yet: not silence, or not yet.
      const extended = !got.reply && !s.ended && !answered(got.flush);
      if (extended) {
        const until = sentAt + Math.min(ctx.requestTimeoutMs, 2 * waitMs);
        loopLagMs = Math.max(loopLagMs, await settleBy(pending, until, waitMs));
      }
      const r: Reply | null = got.reply;
      // ElectrumX closes right after its error: give the close a moment to arrive.
      if (r?.status === "rpc-error") await s.waitFor(() => s.ended, Math.min(500, waitMs));
      const notifications = s.notifications.map((n) => clip(n.method, 100)).slice(0, 10);
      const closed = s.ended && s.endMessage !== "closed by client";
      let outcome: PreversionOutcome;
      let error: unknown = null, featureKeys: string[] | null = null, raw: Uint8Array | null = null;
      if (r?.status === "success") {
        outcome = "answered";
        raw = r.raw;
        featureKeys = resultKeys(r.raw);
      } else if (r?.status === "rpc-error") {
        error = boundJson(r.error);
        raw = r.raw;
        const code = (r.error as { code?: unknown } | null)?.code;
        outcome = code === 1 && notifications.length > 0 && closed ? "version-first" : "error";
      } else if (!s.ended && s.invalidLines === 0) outcome = "silent";
      else outcome = "closed";
      if (outcome === "silent") ctx.facts.epsLike = true;
      if (outcome === "version-first") ctx.facts.versionFirst = true;
      if (s.received.some((l) => readWireStyle(l.raw).paddingSpaces >= 16)) ctx.facts.padded = true;
      return {
        status: "success",
        data: {
          outcome,
          wait_ms: waitMs,
          rtt_ms: r?.rttMs ?? null,
          // A reply that came after the silence wait (caught by the longer waits above), ms.
          late_ms: r && r.rttMs !== null && r.rttMs > waitMs ? r.rttMs : null,
          // How late our own timers fired (the observer's loop was busy), ms.
          loop_lag_ms: Math.round(loopLagMs),
          // Whether nothing at all had been heard when the wait ended, so it went on.
          extended,
          // The padding flush's round trip (the server's sign of life), ms; null if unanswered.
          flush_ms: answered(got.flush) ? got.flush!.rttMs : null,
          notifications,
          error,
          closed_by_server: closed,
          feature_keys: featureKeys,
          style: raw ? readWireStyle(raw) : null,
          raw: raw ? bytesField(raw, 4096) : null,
          // Every line but the padding flush's large reply (request id 1), bounded.
          lines: s.received.filter((l) =>
            parseMessage(l.raw, { maxDepth: 8 }).kind !== "response" ||
            (parseMessage(l.raw, { maxDepth: 8 }) as { id?: unknown }).id !== 1
          )
            .slice(0, 6).map((l) => bytesField(l.raw, 1024)),
        },
      };
    } finally {
      s.close();
    }
  },
};

/**
 * Wait until `pending` settles or `until` (a `performance.now()` time) passes. A timer that fired
 * late means our loop was busy and the reply may be unread in the socket: wait again for as long
 * as it was late (at most `maxGraceMs`); even on time, one more turn of the loop reads what
 * arrived with the timer.
 *
 * @returns How late the timer fired, ms (0 when the reply came first).
 */
async function settleBy(
  pending: Promise<void>,
  until: number,
  maxGraceMs: number,
): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const sleep = (ms: number) =>
    new Promise<"timer">((resolve) => (timer = setTimeout(() => resolve("timer"), ms)));
  try {
    const first = await Promise.race([pending, sleep(Math.max(0, until - performance.now()))]);
    if (first !== "timer") return 0;
    const lag = Math.max(0, performance.now() - until);
    clearTimeout(timer);
    await Promise.race([pending, sleep(lag > LOOP_LAG_SLACK_MS ? Math.min(lag, maxGraceMs) : 0)]);
    return lag;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a reply came: a result or an error (not a timeout or a close). */
function answered(r: Reply | null): boolean {
  return r?.status === "success" || r?.status === "rpc-error";
}

/** Keys of the `result` object of a reply line, in wire order (JSON.parse keeps text order). */
export function resultKeys(raw: Uint8Array): string[] | null {
  const m = parseMessage(raw);
  if (m.kind !== "response") return null;
  const r = (m.value as { result?: unknown }).result;
  return r && typeof r === "object" && !Array.isArray(r) ? Object.keys(r).slice(0, 30) : null;
}
