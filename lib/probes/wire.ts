/**
 * Probe `wire`: a summary of the wire style of every line the main session received (reference
 * §1), read from raw bytes already received (nothing is sent): line endings, ElectrumX >= 1.18's
 * space padding, key order of result and error objects, JSON spacing, and ASCII escaping of
 * non-ASCII text (`\uXXXX` as Python and ElectrumX write it, versus raw UTF-8 bytes).
 *
 * @module
 */
import { decodeLenient } from "../electrum/message.ts";
import type { Probe } from "./probe.ts";

/** The summary the probe records. */
export interface WireSummary {
  lines: number;
  bytes: number;
  /** `lf`, `crlf`, `mixed`, or null (no terminated line). */
  line_ending: "lf" | "crlf" | "mixed" | null;
  padded_lines: number;
  max_padding_spaces: number;
  /** Sizes of padded lines that are powers of two (ElectrumX pads packets to 2^n >= 1,024). */
  padded_pow2_lines: number;
  /** Top-level keys of the first result reply, in wire order, joined by `,`. */
  result_key_order: string | null;
  /** Top-level keys of the first error reply, in wire order. */
  error_key_order: string | null;
  /** Whether `error` was ever a bare string. */
  string_error: boolean;
  spacing: "compact" | "python" | "mixed" | null;
  /** `\uXXXX` escapes of non-ASCII characters seen. */
  ascii_escapes: number;
  /** Raw non-ASCII bytes seen. */
  non_ascii_bytes: number;
  notifications: number;
}

/**
 * Summarise raw reply lines.
 *
 * @example
 * ```ts
 * summariseWire([new TextEncoder().encode('{"id":0,"jsonrpc":"2.0","result":null}\r\n')]).line_ending; // "crlf"
 * ```
 */
export function summariseWire(lines: readonly Uint8Array[]): WireSummary {
  const out: WireSummary = {
    lines: lines.length,
    bytes: 0,
    line_ending: null,
    padded_lines: 0,
    max_padding_spaces: 0,
    padded_pow2_lines: 0,
    result_key_order: null,
    error_key_order: null,
    string_error: false,
    spacing: null,
    ascii_escapes: 0,
    non_ascii_bytes: 0,
    notifications: 0,
  };
  const endings = new Set<string>();
  const spacings = new Set<string>();
  // One decode and one JSON.parse per line: this runs on every server, so it stays cheap.
  for (const raw of lines) {
    const n = raw.length;
    out.bytes += n;
    const crlf = n >= 2 && raw[n - 1] === 10 && raw[n - 2] === 13;
    if (n >= 1 && raw[n - 1] === 10) endings.add(crlf ? "\r\n" : "\n");
    let end = n - (crlf ? 2 : n >= 1 && raw[n - 1] === 10 ? 1 : 0);
    if (end > 0 && (raw[end - 1] === 125 || raw[end - 1] === 93)) {
      let i = end - 2, spaces = 0;
      while (i >= 0 && raw[i] === 32) {
        spaces++;
        i--;
      }
      if (spaces >= 16) {
        out.padded_lines++;
        out.max_padding_spaces = Math.max(out.max_padding_spaces, spaces);
        if ((n & (n - 1)) === 0 && n >= 512) out.padded_pow2_lines++;
      }
    }
    let nonAscii = 0;
    for (let i = 0; i < n; i++) if (raw[i] >= 0x80) nonAscii++;
    out.non_ascii_bytes += nonAscii;
    const text = decodeLenient(raw);
    if (text.includes("\\u")) {
      out.ascii_escapes += (text.match(
        /\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})/g,
      ) ?? []).length;
    }
    const sp = spacingOf(text, 4000);
    if (sp) spacings.add(sp);
    end = text.length;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      continue;
    }
    if (!value || typeof value !== "object" || Array.isArray(value)) continue;
    const v = value as Record<string, unknown>;
    if (typeof v.method === "string" && !("id" in v)) {
      out.notifications++;
      continue;
    }
    if ("result" in v && out.result_key_order === null) {
      out.result_key_order = Object.keys(v).slice(0, 20).join(",");
    }
    if ("error" in v && v.error !== null) {
      if (out.error_key_order === null) out.error_key_order = Object.keys(v).slice(0, 20).join(",");
      if (typeof v.error === "string") out.string_error = true;
    }
  }
  out.line_ending = endings.size === 0
    ? null
    : endings.size > 1
    ? "mixed"
    : endings.has("\r\n")
    ? "crlf"
    : "lf";
  out.spacing = spacings.size === 0
    ? null
    : spacings.size > 1
    ? "mixed"
    : [...spacings][0] as WireSummary["spacing"];
  return out;
}

/** `compact` or `python` separators outside strings in the first `max` characters, or null. */
function spacingOf(s: string, max: number): "compact" | "python" | "mixed" | null {
  let compact = 0, python = 0, inString = false;
  const n = Math.min(s.length, max);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 44 || c === 58) {
      if (s.charCodeAt(i + 1) === 32) python++;
      else compact++;
    }
  }
  if (compact === 0 && python === 0) return null;
  return python === 0 ? "compact" : compact === 0 ? "python" : "mixed";
}

export const wire: Probe = {
  name: "wire",
  version: "2",
  run(ctx) {
    const s = ctx.session;
    if (!s) {
      return Promise.resolve({ status: "closed", op: "rpc", message: "no session", data: {} });
    }
    return Promise.resolve({
      status: "success",
      data: { ...summariseWire(s.received.map((l) => l.raw)) },
    });
  },
};
