/**
 * Parsing of one received JSON-RPC line into a classified message, with bounds that protect the
 * code downstream: a nesting-depth limit (checked before parsing) and lenient UTF-8 decoding that
 * records whether the bytes were valid.
 *
 * JSON-RPC 2.0 (https://www.jsonrpc.org/specification, sections 4 and 5): a response carries `id`
 * and exactly one of `result` or `error`; a notification carries `method` and no `id`; a batch
 * reply is an array of responses.
 *
 * @module
 */

/** A received message, classified. */
export type Message =
  | {
    kind: "response";
    id: unknown;
    result?: unknown;
    error?: unknown;
    value: Record<string, unknown>;
  }
  | { kind: "notification"; method: string; params: unknown; value: Record<string, unknown> }
  | { kind: "batch"; items: unknown[] }
  | {
    kind: "request";
    id: unknown;
    method: string;
    params: unknown;
    value: Record<string, unknown>;
  }
  | { kind: "other"; value: unknown }
  | { kind: "invalid"; reason: string };

/** Options of {@linkcode parseMessage}. */
export interface ParseMessageOptions {
  /** Deepest nesting of arrays and objects accepted. Default: 64. */
  maxDepth?: number;
}

const decoder = new TextDecoder("utf-8", { fatal: false });
const strict = new TextDecoder("utf-8", { fatal: true });

/** Whether `bytes` is valid UTF-8. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decode bytes as UTF-8, replacing invalid sequences with U+FFFD. */
export function decodeLenient(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Deepest nesting of `[`/`{` in a JSON text, ignoring brackets inside strings. Stops counting once
 * `limit` is exceeded.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0, max = 0, inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/**
 * Parse one line (with or without its terminator) into a {@linkcode Message}. Never throws.
 *
 * @example
 * ```ts
 * parseMessage(new TextEncoder().encode('{"jsonrpc":"2.0","id":1,"result":null}\n')).kind; // "response"
 * ```
 */
export function parseMessage(line: Uint8Array, options: ParseMessageOptions = {}): Message {
  const text = decodeLenient(line).replace(/\r?\n$/, "");
  const maxDepth = options.maxDepth ?? 64;
  if (jsonDepth(text, maxDepth) > maxDepth) {
    return { kind: "invalid", reason: `JSON nested deeper than ${maxDepth}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: "invalid", reason: `not JSON: ${(err as Error).message.slice(0, 120)}` };
  }
  if (Array.isArray(value)) return { kind: "batch", items: value };
  if (value === null || typeof value !== "object") return { kind: "other", value };
  const obj = value as Record<string, unknown>;
  const hasId = "id" in obj;
  if (typeof obj.method === "string") {
    if (hasId && obj.id !== null) {
      return { kind: "request", id: obj.id, method: obj.method, params: obj.params, value: obj };
    }
    return { kind: "notification", method: obj.method, params: obj.params, value: obj };
  }
  if (hasId && ("result" in obj || "error" in obj)) {
    return { kind: "response", id: obj.id, result: obj.result, error: obj.error, value: obj };
  }
  return { kind: "other", value };
}
