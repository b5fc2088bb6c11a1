/**
 * The `errors` probe's cases read from a recorded conversation: what was written and every line
 * received, each with its time, per connection, in the format of `testdata/*` (the fields
 * `sent[]`, `lines[]`, `closed_by_server`). Attribution is the probe's own
 * ({@linkcode ReplyMatcher}); the outcomes follow the probe's rules per connection, so a
 * recording of any schedule (the pipelined battery, one case per connection, the probe's rounds)
 * gives the columns that schedule can prove, and never a reply attributed to the wrong case.
 *
 * @module
 */
import { describeReply, ERROR_CASES, type ErrorCaseResult } from "./errors.ts";
import { ReplyMatcher } from "./reply_matcher.ts";

/** One recorded connection. */
export interface TranscriptRun {
  /** Each write, ms after the connection opened, with its exact text. */
  sent: { t_ms: number; text: string }[];
  /** Each received line, ms after the connection opened, with its terminator. */
  lines: { t_ms: number; text: string }[];
  closed_by_server: boolean;
}

const encoder = new TextEncoder();

/**
 * The cases of a recorded `errors` conversation, in {@linkcode ERROR_CASES} order. A case sent on
 * several connections takes its outcome from the last one.
 *
 * @param runs The connections, in the order they were opened.
 * @returns One result per case (`not-sent` for a case never written).
 * @throws {TypeError} If a write holds more than one line or is not a request nor a case line.
 * @example
 * ```ts
 * const cases = casesFromTranscript(JSON.parse(text).runs);
 * ```
 */
export function casesFromTranscript(runs: readonly TranscriptRun[]): ErrorCaseResult[] {
  const byLine = new Map(ERROR_CASES.map((c) => [c.line, c]));
  const out = new Map<string, ErrorCaseResult>();
  for (const [i, run] of runs.entries()) {
    const conn = i + 1;
    const m = new ReplyMatcher();
    // A reply never precedes its request: on equal times the write comes first.
    const events = [
      ...run.sent.map((s) => ({ t: s.t_ms, sent: s.text, line: null as string | null })),
      ...run.lines.map((l) => ({ t: l.t_ms, sent: null as string | null, line: l.text })),
    ].sort((a, b) => a.t - b.t || (a.sent !== null ? -1 : 1));
    const sentCases: string[] = [];
    const controls: string[] = [];
    const answeredAfter = new Map<string, number>();
    for (const e of events) {
      if (e.line !== null) {
        m.line(encoder.encode(e.line.replace(/\r?\n$/, "")));
        continue;
      }
      const text = e.sent!.replace(/\r?\n$/, "");
      if (text.includes("\n")) {
        throw new TypeError(`A write holds several lines: ${JSON.stringify(text.slice(0, 80))}`);
      }
      const c = byLine.get(text);
      if (c) {
        m.sent(c.name, c.id);
        sentCases.push(c.name);
        answeredAfter.set(c.name, controls.length);
        continue;
      }
      let id: unknown;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id;
      } catch {
        throw new TypeError(
          `Neither a case line nor a request: ${JSON.stringify(text.slice(0, 80))}`,
        );
      }
      if (typeof id !== "number") {
        throw new TypeError(`A control request without a numeric id: ${text.slice(0, 80)}`);
      }
      m.sent(`control:${id}`, id);
      controls.push(`control:${id}`);
    }
    const unanswered = sentCases.filter((k) => !m.answered(k) && !m.ambiguous(k));
    // A request written before the cases and never answered is a suspect of a close as well.
    const earlySuspect = controls.slice(0, Math.min(...sentCases.map((k) => answeredAfter.get(k)!)))
      .some((k) => !m.answered(k));
    for (const name of sentCases) {
      const raw = m.reply(name);
      let r: ErrorCaseResult;
      if (raw) {
        const closedByIt = run.closed_by_server && sentCases.length === 1;
        r = {
          case: name,
          outcome: closedByIt ? "reply-closed" : "reply",
          ...describeReply(raw),
          connection: conn,
        };
      } else {
        // Silence needs a later request answered on the same connection; a close needs a sole suspect.
        const alive = controls.slice(answeredAfter.get(name)!).some((k) => m.answered(k));
        const outcome: ErrorCaseResult["outcome"] = m.ambiguous(name)
          ? "ambiguous"
          : run.closed_by_server
          ? unanswered.length === 1 && !earlySuspect ? "closed" : "ambiguous"
          : alive
          ? "silent"
          : "timeout";
        r = {
          case: name,
          outcome,
          reply: null,
          reply_kind: null,
          code: null,
          message: null,
          connection: conn,
        };
      }
      out.set(name, r);
    }
  }
  return ERROR_CASES.map((c) =>
    out.get(c.name) ??
      {
        case: c.name,
        outcome: "not-sent",
        reply: null,
        reply_kind: null,
        code: null,
        message: null,
        connection: null,
      }
  );
}
