/**
 * One received line, served: JSON parsing under a depth bound, the JSON-RPC version declared by
 * the first message, batches (each personality's limits and reply order), and single requests.
 *
 * @module
 */
import { jsonDepth } from "../../../electrum/message.ts";
import { FULCRUM_DEFERRED_METHODS } from "../personalities.ts";
import { joinBatch } from "../wire.ts";
import type { Connection } from "./connection.ts";
import { handleRequest } from "./handle_request.ts";

/**
 * Handle one line (with its line ending) received on a connection.
 *
 * @param c The connection.
 * @param rawLine The line as received.
 */
export function handleLine(c: Connection, rawLine: string): void {
  const { p, errors, queue } = c;
  const text = rawLine.replace(/\r?\n$/, "");
  if (queue.closed || queue.closing) return;
  if (text.trim() === "") return;
  c.messages++;
  let value: unknown;
  const parsed = jsonDepth(text, 512) <= 512 && tryParse(text);
  if (parsed === false) {
    if (p.limits.cost && !c.charge(p.limits.cost.perParseError)) return;
    if (!c.countError()) return;
    return c.sendError(null, errors.parseError(rawLine));
  } else value = parsed.value;
  noteFirstMessage(c, value);
  if (Array.isArray(value)) return handleBatch(c, value);
  if (!value || typeof value !== "object") {
    if (!c.countError()) return;
    return c.sendError(null, errors.notObject());
  }
  const req = value as Record<string, unknown>;
  if (p.replyOrder === "aiorpcx") queue.deferring = true;
  const { line, disconnect, validation } = handleRequest(c, req, false);
  if (
    p.replyOrder === "fulcrum" && !validation && typeof req.method === "string" &&
    FULCRUM_DEFERRED_METHODS.has(req.method)
  ) queue.deferring = true;
  if (line !== null) queue.send(line, disconnect ? queue.closeGraceful : undefined);
  else if (disconnect) queue.closeAfterSend();
}

/** The first message fixes the JSON-RPC version the connection is held to. */
function noteFirstMessage(c: Connection, value: unknown): void {
  if (
    c.messages === 1 && value && typeof value === "object" &&
    (value as Record<string, unknown>).jsonrpc === "2.0"
  ) c.firstDeclaredV2 = true;
  if (
    c.messages === 1 && c.p.family === "electrumx" && value && typeof value === "object" &&
    (value as Record<string, unknown>).jsonrpc === "1.0"
  ) c.v1 = true;
}

/** A batch: refused, empty, over the limit, or answered as one joined reply. */
function handleBatch(c: Connection, value: unknown[]): void {
  const { p, errors, queue } = c;
  if (p.batch === "no") return c.sendError(null, errors.batchUnsupported());
  if (value.length === 0) {
    const r = errors.emptyBatch();
    if (r.error === null && !r.disconnect) return queue.send("[]");
    return c.sendError(null, r);
  }
  if (p.batch === "max20" && value.length > 20) return queue.closeAfterSend();
  // Fulcrum's max_batch (345 requests per batch by default): code 4 (reference §4.2, §7.2).
  if (p.family === "fulcrum" && value.length > 345) {
    if (!c.countError()) return;
    return c.sendError(null, { error: { code: 4, message: "Batch limit exceeded" } });
  }
  // Both concurrent servers answer a batch after the current read (aiorpcX's tasks; Fulcrum's
  // `enqueueNewBatch` starts the batch from the event loop).
  queue.deferring = p.replyOrder !== "in-order";
  const out: string[] = [];
  for (const item of value) {
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      const r = errors.notObject();
      if (r.error !== null) out.push(c.encError(null, r.error));
      continue;
    }
    const { line } = handleRequest(c, item as Record<string, unknown>, true);
    if (queue.closed) return;
    if (line) out.push(line);
  }
  if (out.length) queue.send(joinBatch(p, out));
}

function tryParse(text: string): { value: unknown } | false {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return false;
  }
}
