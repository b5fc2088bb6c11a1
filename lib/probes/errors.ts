/**
 * Probe `errors`: error wording, on its own connection (after `server.version`, which ElectrumX
 * >= 1.19 requires), for the situations of reference §4.2: unknown method, bad params, an extra
 * top-level key, an object without `method`, JSON that is not an object, an empty batch, and
 * malformed JSON (last: it costs ElectrumX the most).
 *
 * The first connection opens with `server.version [client, ["1.4", "1.6"]]`, the range
 * negotiation, whose reply the `version_range` probe records (one connection fewer per server);
 * later ones with the single "1.4". Each malformed line is followed by a `server.ping` fence and everything is pipelined, so one
 * round trip (and one ElectrumX padding hold) answers all cases: what arrives between two fence
 * replies is the server's answer to the line between them; nothing there is silence. When the
 * server closes the connection, the cases not yet answered are retried on a new connection, at
 * most {@linkcode MAX_CONNECTIONS} in all.
 *
 * Politeness: each case spends ElectrumX's cost of it (1,100 units for malformed JSON, 100 for
 * the others) from the target /24's budget and is skipped when the budget is short; at most 7
 * errors per connection, under Fulcrum's disconnect at 10. Skipped on an EPS-like server (bad
 * params crash Electrum Personal Server, and it serves one client at a time).
 *
 * @module
 */
import { clip } from "../records/records.ts";
import { decodeLenient, parseMessage } from "../electrum/message.ts";
import type { ElectrumSession, Reply } from "../electrum/session.ts";
import { ERROR_COST } from "../electrum/error_cost.ts";
import { flushPadding, silenceWaitMs } from "./adaptive.ts";
import { isEpsLike, type Probe, type ProbeContext, type ProbeOutput, skipped } from "./probe.ts";
import { OFFERED_RANGE, type RangeExchange } from "./version_range.ts";

/** One error situation: the line sent and its ElectrumX cost. */
export interface ErrorCase {
  name: string;
  line: string;
  cost: number;
}

/** The cases, in the order sent. */
export const ERROR_CASES: readonly ErrorCase[] = [
  { name: "unknown_method", line: '{"jsonrpc":"2.0","method":"observatory.no_such_method","params":[],"id":9001}', cost: ERROR_COST.error },
  { name: "bad_params", line: '{"jsonrpc":"2.0","method":"blockchain.block.header","params":[],"id":9002}', cost: ERROR_COST.error },
  { name: "extra_key", line: '{"jsonrpc":"2.0","method":"server.ping","params":[],"id":9003,"observatory":1}', cost: ERROR_COST.error },
  { name: "no_method", line: '{"jsonrpc":"2.0","params":[],"id":9004}', cost: ERROR_COST.error },
  { name: "not_object", line: "42", cost: ERROR_COST.error },
  { name: "empty_batch", line: "[]", cost: ERROR_COST.error },
  { name: "malformed_json", line: '{"jsonrpc":"2.0","method":"server.ping","params":[', cost: ERROR_COST.parseError },
];

/** Most connections the probe opens. */
export const MAX_CONNECTIONS = 4;

/** What one case got. */
export interface ErrorCaseResult {
  case: string;
  outcome: "reply" | "silent" | "closed" | "reply-closed" | "timeout" | "skipped-budget" | "not-sent";
  /** The reply line as text (bounded), or null. */
  reply: string | null;
  /** `object` ({code, message}), `string` (bare string error), `result`, `batch`, `other`. */
  reply_kind: string | null;
  code: number | null;
  message: string | null;
  connection: number | null;
}

function describe(raw: Uint8Array): Pick<ErrorCaseResult, "reply" | "reply_kind" | "code" | "message"> {
  // trimEnd, not /\s+$/: a padded line holds a long run of spaces before its last brace.
  const text = decodeLenient(raw).trimEnd();
  const m = parseMessage(raw);
  const base = { reply: clip(text, 300), code: null as number | null, message: null as string | null };
  if (m.kind === "batch") return { ...base, reply_kind: "batch" };
  if (m.kind !== "response") return { ...base, reply_kind: "other" };
  const e = m.value.error;
  if (e === undefined || e === null) return { ...base, reply_kind: "result" };
  if (typeof e === "string") return { ...base, reply_kind: "string", message: clip(e, 200) };
  const o = e as { code?: unknown; message?: unknown };
  return { ...base, reply_kind: "object", code: typeof o.code === "number" ? o.code : null, message: typeof o.message === "string" ? clip(o.message, 200) : null };
}

async function runCases(s: ElectrumSession, cases: ErrorCase[], clientName: string, waitMs: number, conn: number, padded: boolean, onVersion?: (r: Reply, closed: () => boolean) => void): Promise<{ results: ErrorCaseResult[]; rest: ErrorCase[] }> {
  const version = s.request("server.version", [clientName, onVersion ? [...OFFERED_RANGE] : "1.4"], { timeoutMs: waitMs });
  if (onVersion) void version.then((r) => onVersion(r, () => s.ended));
  // A fresh session numbers its requests 0, 1, 2...: the version is 0, fence i is i + 1.
  const fences: Promise<Reply>[] = [];
  const fenceIds: number[] = [];
  const from = s.received.length;
  for (const [i, c] of cases.entries()) {
    await s.sendRaw(c.line + "\n", { replies: 0, timeoutMs: 0 });
    fenceIds.push(i + 1);
    fences.push(s.request("server.ping", [], { timeoutMs: waitMs }));
  }
  if (padded) flushPadding(s);
  const [v, ...fr] = await Promise.all([version, ...fences]);
  if (v.status === "rpc-error" && s.ended) return { results: [], rest: cases }; // refused the range and hung up
  if (v.status !== "success" && v.status !== "rpc-error") {
    // Without a version reply nothing after it is attributable: report and stop.
    return { results: cases.map((c) => ({ case: c.name, outcome: v.status === "timeout" ? "timeout" : "closed", reply: null, reply_kind: null, code: null, message: null, connection: conn })), rest: [] };
  }
  const got: (Uint8Array | null)[] = cases.map(() => null);
  let slot = 0;
  for (const line of s.received.slice(from)) {
    const m = parseMessage(line.raw);
    if (m.kind === "notification") continue;
    if (m.kind === "response" && typeof m.id === "number" && fenceIds.includes(m.id)) {
      slot = fenceIds.indexOf(m.id) + 1;
      continue;
    }
    if (m.kind === "response" && m.id === 0) continue; // the version reply
    if (slot < cases.length && got[slot] === null) got[slot] = line.raw;
  }
  const results: ErrorCaseResult[] = [];
  const rest: ErrorCase[] = [];
  for (let i = 0; i < cases.length; i++) {
    const f = fr[i];
    const raw = got[i];
    const closed = f.status === "closed" || f.status === "reset";
    if (f.status === "success" || f.status === "rpc-error") {
      results.push({ case: cases[i].name, outcome: raw ? "reply" : "silent", ...(raw ? describe(raw) : { reply: null, reply_kind: null, code: null, message: null }), connection: conn });
    } else if (closed && (i === 0 || fr[i - 1].status === "success" || fr[i - 1].status === "rpc-error")) {
      // The server closed after this case's line (and before its fence).
      results.push({ case: cases[i].name, outcome: raw ? "reply-closed" : "closed", ...(raw ? describe(raw) : { reply: null, reply_kind: null, code: null, message: null }), connection: conn });
    } else if (closed) rest.push(cases[i]);
    else results.push({ case: cases[i].name, outcome: "timeout", reply: raw ? describe(raw).reply : null, reply_kind: null, code: null, message: null, connection: conn });
  }
  return { results, rest };
}


export const errors: Probe = {
  name: "errors",
  version: "3",
  async run(ctx) {
    if (isEpsLike(ctx)) return skipped("EPS-like server (bad params crash Electrum Personal Server; one client at a time)");
    let shareRange: ((x: RangeExchange | null) => void) | null = null;
    ctx.facts.rangeExchange = new Promise<RangeExchange | null>((r) => (shareRange = r));
    try {
      return await runErrors(ctx, (x) => shareRange!(x));
    } finally {
      shareRange!(null); // no-op when already settled
    }
  },
};

async function runErrors(ctx: ProbeContext, shareRange: (x: RangeExchange | null) => void): Promise<ProbeOutput> {
    const allowed: ErrorCase[] = [];
    const results: ErrorCaseResult[] = [];
    for (const c of ERROR_CASES) {
      if (ctx.mayProvoke(c.cost)) allowed.push(c);
      else results.push({ case: c.name, outcome: "skipped-budget", reply: null, reply_kind: null, code: null, message: null, connection: null });
    }
    const waitMs = silenceWaitMs(ctx);
    let todo = allowed;
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
        const onVersion = conn === 1 ? (reply: Reply, closed: () => boolean) => {
          // Give a refusal a moment to be followed by the server's hang-up.
          if (reply.status === "rpc-error") void s.waitFor(() => s.ended, 300).then(() => shareRange({ reply, closedByServer: closed() }));
          else shareRange({ reply, closedByServer: false });
        } : undefined;
        const { results: r, rest } = await runCases(s, todo, ctx.clientName, waitMs, conn, ctx.facts.padded === true, onVersion);
        results.push(...r);
        todo = rest;
      } finally {
        s.close();
      }
    }
    for (const c of todo) results.push({ case: c.name, outcome: "not-sent", reply: null, reply_kind: null, code: null, message: null, connection: null });
    const order = ERROR_CASES.map((c) => c.name);
    results.sort((a, b) => order.indexOf(a.case) - order.indexOf(b.case));
    if (conn === 1 && lastFailure && results.every((r) => r.outcome === "not-sent" || r.outcome === "skipped-budget")) {
      return { status: lastFailure.status as never, op: "connect", message: lastFailure.message, data: { cases: results } };
    }
    return { status: "success", data: { cases: results, connections: conn, wait_ms: waitMs } };
}
