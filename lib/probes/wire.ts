/**
 * Probe `wire`: a summary of the wire style of every line the main session received (reference
 * §1), read from raw bytes already received (nothing is sent): line endings, ElectrumX >= 1.18's
 * space padding, key order of result and error objects, JSON spacing, and ASCII escaping of
 * non-ASCII text (`\uXXXX` as Python and ElectrumX write it, versus raw UTF-8 bytes).
 *
 * @module
 */
import { decodeLenient, parseMessage } from "../electrum/message.ts";
import type { Probe } from "./probe.ts";
import { readWireStyle } from "./wire_style.ts";

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
    lines: lines.length, bytes: 0, line_ending: null, padded_lines: 0, max_padding_spaces: 0, padded_pow2_lines: 0,
    result_key_order: null, error_key_order: null, string_error: false, spacing: null, ascii_escapes: 0, non_ascii_bytes: 0, notifications: 0,
  };
  const endings = new Set<string>();
  const spacings = new Set<string>();
  for (const raw of lines) {
    out.bytes += raw.length;
    const st = readWireStyle(raw);
    if (st.lineEnding !== "none") endings.add(st.lineEnding);
    if (st.paddingSpaces >= 16) {
      out.padded_lines++;
      out.max_padding_spaces = Math.max(out.max_padding_spaces, st.paddingSpaces);
      if ((raw.length & (raw.length - 1)) === 0 && raw.length >= 512) out.padded_pow2_lines++;
    }
    if (st.spacing !== "unknown") spacings.add(st.spacing);
    for (const b of raw) if (b >= 0x80) out.non_ascii_bytes++;
    const text = decodeLenient(raw);
    out.ascii_escapes += (text.match(/\\u(?:00[89a-fA-F][0-9a-fA-F]|0[1-9a-fA-F][0-9a-fA-F]{2}|[1-9a-fA-F][0-9a-fA-F]{3})/g) ?? []).length;
    const m = parseMessage(raw);
    if (m.kind === "notification") out.notifications++;
    if (m.kind !== "response") continue;
    if ("result" in m.value && out.result_key_order === null) out.result_key_order = st.keyOrder.join(",");
    if ("error" in m.value && m.value.error !== null) {
      if (out.error_key_order === null) out.error_key_order = st.keyOrder.join(",");
      if (typeof m.value.error === "string") out.string_error = true;
    }
  }
  out.line_ending = endings.size === 0 ? null : endings.size > 1 ? "mixed" : endings.has("\r\n") ? "crlf" : "lf";
  out.spacing = spacings.size === 0 ? null : spacings.size > 1 ? "mixed" : [...spacings][0] as WireSummary["spacing"];
  return out;
}

export const wire: Probe = {
  name: "wire",
  version: "1",
  run(ctx) {
    const s = ctx.session;
    if (!s) return Promise.resolve({ status: "closed", op: "rpc", message: "no session", data: {} });
    return Promise.resolve({ status: "success", data: { ...summariseWire(s.received.map((l) => l.raw)) } });
  },
};
