/**
 * Probe `errors`: error wording, on its own connection (after `server.version`, which ElectrumX
 * >= 1.19 requires), for the situations of reference §4.2: unknown method, bad params, an extra
 * top-level key, an object without `method`, JSON that is not an object, an empty batch, and
 * malformed JSON.
 *
 * The first connection opens with `server.version [client, ["1.4", "1.6"]]`, the range
 * negotiation, whose reply the `version_range` probe records (one connection fewer per server);
 * later ones with the single "1.4".
 *
 * Attribution (`reply_matcher.ts`): servers answer out of order (reference §7.1: ElectrumX writes
 * id-less errors at once, ahead of method replies still being computed), so fences between
 * pipelined cases prove nothing. Every reply is matched by id; a line without an id is
 * attributed only when exactly one request can own it. So the cases go in rounds: first, pipelined
 * with the version, the three whose requests carry an id every server echoes (unknown method, bad
 * params, extra key); then each case that may be answered without an id alone (JSON that is not
 * an object, an empty batch, malformed JSON, and last the object without a method, which
 * ElectrumX never answers, so its silence wait ends the probe), each followed by a `server.ping`
 * that tells silence from a dead connection. A round ends when all its requests are answered, the
 * connection closes, or the silence wait passes. A close is the case's when it is the only case
 * not answered (else those cases are retried alone on a new connection); a request left
 * unanswered on an open connection could still be answered late, so later rounds move to a new
 * connection. At most {@linkcode MAX_CONNECTIONS} connections, one at a time.
 *
 * Politeness: each case sent spends ElectrumX's cost of it (1,100 units for malformed JSON, 100
 * for the others) from the target /24's budget, again when it is retried, and is skipped when
 * the budget is short; at most 7 errors per connection, under Fulcrum's disconnect at 10, and a
 * ping after each single case (a good request for Fulcrum's count). Skipped on an EPS-like server
 * (bad params crash Electrum Personal Server, and it serves one client at a time).
 *
 * @module
 */
import { clip } from "../records/records.ts";
import { decodeLenient, parseMessage } from "../electrum/message.ts";
import type { ElectrumSession, Reply } from "../electrum/session.ts";
import { ERROR_COST } from "../electrum/error_cost.ts";
import { PADDING_FLUSH, silenceWaitMs } from "./adaptive.ts";
import { epsVerdict, type Probe, type ProbeContext, type ProbeOutput, skipped } from "./probe.ts";
import { ReplyMatcher } from "./reply_matcher.ts";
import { OFFERED_RANGE, type RangeExchange } from "./version_range.ts";

/** One error situation: the line sent, its id (null when the line carries none) and its ElectrumX cost. */
export interface ErrorCase {
  name: string;
  line: string;
  /** The request's id; null for lines without one. */
  id: number | null;
  /** Sent in a round of its own: its reply may come without an id. */
  alone: boolean;
  cost: number;
}

/** The cases, in the order sent. */
export const ERROR_CASES: readonly ErrorCase[] = [
  {
    name: "unknown_method",
    line: '{"jsonrpc":"2.0","method":"observatory.no_such_method","params":[],"id":9001}',
    id: 9001,
    alone: false,
    cost: ERROR_COST.error,
  },
  {
    name: "bad_params",
    line: '{"jsonrpc":"2.0","method":"blockchain.block.header","params":[],"id":9002}',
    id: 9002,
    alone: false,
    cost: ERROR_COST.error,
  },
  {
    name: "extra_key",
    line: '{"jsonrpc":"2.0","method":"server.ping","params":[],"id":9003,"observatory":1}',
    id: 9003,
    alone: false,
    cost: ERROR_COST.error,
  },
  { name: "not_object", line: "42", id: null, alone: true, cost: ERROR_COST.error },
  { name: "empty_batch", line: "[]", id: null, alone: true, cost: ERROR_COST.error },
  {
    name: "malformed_json",
    line: '{"jsonrpc":"2.0","method":"server.ping","params":[',
    id: null,
    alone: true,
    cost: ERROR_COST.parseError,
  },
  {
    name: "no_method",
    line: '{"jsonrpc":"2.0","params":[],"id":9004}',
    id: 9004,
    alone: true,
    cost: ERROR_COST.error,
  },
];

/** Most connections the probe opens (one at a time). */
export const MAX_CONNECTIONS = 6;

/**
 * Every outcome of one error case (a closed set). `reply` and `reply-closed` carry the server's
 * words; the others are the probe's own readings of silence, a hang-up or a case not sent.
 */
export const ERROR_CASE_OUTCOMES = [
  "reply",
  "silent",
  "closed",
  "reply-closed",
  "timeout",
  "ambiguous",
  "skipped-budget",
  "not-sent",
] as const;

/** What one case got. */
export interface ErrorCaseResult {
  case: string;
  outcome: typeof ERROR_CASE_OUTCOMES[number];
  /** The reply line as text (bounded), or null. */
  reply: string | null;
  /** `object` ({code, message}), `string` (bare string error), `result`, `batch`, `other`. */
  reply_kind: string | null;
  code: number | null;
  message: string | null;
  connection: number | null;
}

/** Describe a reply line as the record keeps it. */
export function describeReply(
  raw: Uint8Array,
): Pick<ErrorCaseResult, "reply" | "reply_kind" | "code" | "message"> {
  // trimEnd, not /\s+$/: a padded line holds a long run of spaces before its last brace.
  const text = decodeLenient(raw).trimEnd();
  const m = parseMessage(raw);
  const base = {
    reply: clip(text, 300),
    code: null as number | null,
    message: null as string | null,
  };
  if (m.kind === "batch") return { ...base, reply_kind: "batch" };
  if (m.kind !== "response") return { ...base, reply_kind: "other" };
  const e = m.value.error;
  if (e === undefined || e === null) return { ...base, reply_kind: "result" };
  if (typeof e === "string") return { ...base, reply_kind: "string", message: clip(e, 200) };
  const o = e as { code?: unknown; message?: unknown };
  return {
    ...base,
    reply_kind: "object",
    code: typeof o.code === "number" ? o.code : null,
    message: typeof o.message === "string" ? clip(o.message, 200) : null,
  };
}

const NONE = { reply: null, reply_kind: null, code: null, message: null };

/** One connection's exchange, as {@linkcode runConnection} leaves it. */
interface ConnectionOutcome {
  results: ErrorCaseResult[];
  /** Cases to send on the next connection, and whether each must go alone. */
  rest: { c: ErrorCase; alone: boolean }[];
  /** The version reply was not usable: stop. */
  stop: boolean;
}

/**
 * The rounds of one connection: the pipelined cases (with the version), then each lone case.
 * Everything the server sends is fed to a {@linkcode ReplyMatcher} in arrival order.
 */
async function runConnection(
  s: ElectrumSession,
  todo: { c: ErrorCase; alone: boolean }[],
  o: {
    clientName: string;
    waitMs: number;
    conn: number;
    padded: boolean;
    mayProvoke: (cost: number) => boolean;
    onVersion?: (r: Reply, closed: () => boolean) => void;
  },
): Promise<ConnectionOutcome> {
  const m = new ReplyMatcher();
  let fed = 0;
  const drain = () => {
    while (fed < s.received.length) m.line(s.received[fed++].raw);
  };
  // A fresh session numbers its requests 0, 1, 2...; the probe's own requests take those ids.
  let nextId = 0;
  const control = (key: string, method: string, params: unknown[]) => {
    drain();
    m.sent(key, nextId++);
    return s.request(method, params, { timeoutMs: o.waitMs });
  };
  const results: ErrorCaseResult[] = [];
  const rounds: ErrorCase[][] = [todo.filter((t) => !t.alone && !t.c.alone).map((t) => t.c)];
  for (const t of todo) if (t.alone || t.c.alone) rounds.push([t.c]);
  const version = control("version", "server.version", [
    o.clientName,
    o.onVersion ? [...OFFERED_RANGE] : "1.4",
  ]);
  if (o.onVersion) void version.then((r) => o.onVersion!(r, () => s.ended));
  for (const [ri, round] of rounds.entries()) {
    const later = rounds.slice(ri + 1).flat().map((c) => ({ c, alone: true }));
    const sentCases: ErrorCase[] = [];
    const keys: string[] = ri === 0 ? ["version"] : [];
    for (const c of round) {
      // Budget is spent when the line is written (a retry spends it again).
      if (!o.mayProvoke(c.cost)) {
        results.push({ case: c.name, outcome: "skipped-budget", ...NONE, connection: null });
        continue;
      }
      drain();
      m.sent(c.name, c.id);
      await s.sendRaw(c.line + "\n", { replies: 0, timeoutMs: 0 });
      sentCases.push(c);
      keys.push(c.name);
    }
    if (ri > 0 && sentCases.length) {
      keys.push(`ping${ri}`);
      void control(`ping${ri}`, "server.ping", []);
    }
    if (o.padded && keys.length) {
      keys.push(`flush${ri}`);
      void control(`flush${ri}`, PADDING_FLUSH[0], [...PADDING_FLUSH[1]]);
    }
    await s.waitFor(() => {
      drain();
      return keys.every((k) => m.answered(k));
    }, o.waitMs);
    drain();
    if (ri === 0) {
      const v = await version;
      if (v.status === "rpc-error" && s.ended) {
        // Refused the range and hung up: the cases were perhaps never read; again on a new connection.
        return {
          results,
          rest: [...sentCases.map((c) => ({ c, alone: false })), ...later],
          stop: false,
        };
      }
      if (
        v.status === "timeout" || (v.status !== "success" && v.status !== "rpc-error" && !s.ended)
      ) {
        // A server that never answers the version: nothing more to learn from it.
        for (const c of sentCases) {
          results.push({ case: c.name, outcome: "timeout", ...NONE, connection: o.conn });
        }
        for (const t of later) {
          results.push({ case: t.c.name, outcome: "not-sent", ...NONE, connection: null });
        }
        return { results, rest: [], stop: true };
      }
      // A hang-up before the version reply is handled as any other below.
    }
    const unanswered = sentCases.filter((c) => !m.answered(c.name) && !m.ambiguous(c.name));
    const alive = keys.some((k) => !sentCases.some((c) => c.name === k) && m.answered(k));
    for (const c of sentCases) {
      const raw = m.reply(c.name);
      if (raw) {
        results.push({ case: c.name, outcome: "reply", ...describeReply(raw), connection: o.conn });
      } else if (m.ambiguous(c.name)) {
        results.push({ case: c.name, outcome: "ambiguous", ...NONE, connection: o.conn });
      }
    }
    if (s.ended) {
      // The version unanswered is a suspect too (the close may have nothing to do with a case).
      const versionSuspect = !m.answered("version");
      if (versionSuspect && unanswered.length === 1) {
        results.push({
          case: unanswered[0].name,
          outcome: "ambiguous",
          ...NONE,
          connection: o.conn,
        });
        return { results, rest: [{ c: unanswered[0], alone: true }, ...later], stop: false };
      }
      if (unanswered.length === 1) {
        results.push({ case: unanswered[0].name, outcome: "closed", ...NONE, connection: o.conn });
      } else if (unanswered.length === 0 && sentCases.length === 1) {
        const r = results.find((x) => x.case === sentCases[0].name && x.outcome === "reply");
        if (r) r.outcome = "reply-closed";
      }
      // Several suspects: each is "ambiguous" until a retry alone says more.
      for (const c of unanswered.length > 1 ? unanswered : []) {
        results.push({ case: c.name, outcome: "ambiguous", ...NONE, connection: o.conn });
      }
      const retry = unanswered.length > 1 ? unanswered.map((c) => ({ c, alone: true })) : [];
      return { results, rest: [...retry, ...later], stop: false };
    }
    for (const c of unanswered) {
      results.push({
        case: c.name,
        outcome: alive ? "silent" : "timeout",
        ...NONE,
        connection: o.conn,
      });
    }
    // Something still unanswered could be answered late and confuse a later lone case.
    if (later.length && m.outstanding().length) return { results, rest: later, stop: false };
  }
  return { results, rest: [], stop: false };
}

export const errors: Probe = {
  name: "errors",
  version: "4",
  async run(ctx) {
    // Offered at once, so that `version_range` (same phase) waits for this probe's negotiation.
    let shareRange: ((x: RangeExchange | null) => void) | null = null;
    ctx.facts.rangeExchange = new Promise<RangeExchange | null>((r) => (shareRange = r));
    try {
      if (await epsVerdict(ctx)) {
        return skipped(
          "EPS-like server (bad params crash Electrum Personal Server; one client at a time)",
        );
      }
      return await runErrors(ctx, (x) => shareRange!(x));
    } finally {
      shareRange!(null); // no-op when already settled
    }
  },
};

async function runErrors(
  ctx: ProbeContext,
  shareRange: (x: RangeExchange | null) => void,
): Promise<ProbeOutput> {
  const results: ErrorCaseResult[] = [];
  const waitMs = silenceWaitMs(ctx);
  let todo = ERROR_CASES.map((c) => ({ c, alone: false }));
  let conn = 0;
  let lastFailure: { status: string; message: string } | null = null;
  while (todo.length && conn < MAX_CONNECTIONS) {
    conn++;
    const c = await ctx.open({ preferPlain: true });
    if (c.status !== "success") {
      lastFailure = { status: c.status, message: c.message };
      break;
    }
    const s = c.session;
    try {
      const onVersion = conn === 1
        ? (reply: Reply, closed: () => boolean) => {
          // Give a refusal a moment to be followed by the server's hang-up.
          if (reply.status === "rpc-error") {
            void s.waitFor(() => s.ended, 300).then(() =>
              shareRange({ reply, closedByServer: closed() })
            );
          } else shareRange({ reply, closedByServer: false });
        }
        : undefined;
      const out = await runConnection(s, todo, {
        clientName: ctx.clientName,
        waitMs,
        conn,
        padded: ctx.facts.padded === true,
        mayProvoke: (cost) => ctx.mayProvoke(cost),
        onVersion,
      });
      results.push(...out.results);
      todo = out.stop ? [] : out.rest;
    } finally {
      s.close();
    }
  }
  // A retried case keeps its last outcome; one never written is "not-sent".
  const last = new Map(results.map((r) => [r.case, r]));
  for (const t of todo) {
    if (!last.has(t.c.name)) {
      last.set(t.c.name, { case: t.c.name, outcome: "not-sent", ...NONE, connection: null });
    }
  }
  const order = ERROR_CASES.map((c) => c.name);
  results.splice(
    0,
    results.length,
    ...[...last.values()].sort((a, b) => order.indexOf(a.case) - order.indexOf(b.case)),
  );
  if (conn === 1 && lastFailure && results.every((r) => r.outcome === "not-sent")) {
    return {
      status: lastFailure.status as never,
      op: "connect",
      message: lastFailure.message,
      data: { cases: results },
    };
  }
  return { status: "success", data: { cases: results, connections: conn, wait_ms: waitMs } };
}
