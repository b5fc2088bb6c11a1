/**
 * Reads the wire style of raw reply lines (reference §1): line ending, ElectrumX's space padding,
 * key order, spacing, and whether non-ASCII is escaped. These identify an implementation before
 * any content is parsed.
 *
 * @module
 */
import { decodeLenient } from "../electrum/message.ts";

/** The style of one reply line. */
export interface WireStyle {
  lineEnding: "\n" | "\r\n" | "none";
  /** Length of the run of spaces just before the final `}` or `]` (ElectrumX >= 1.18 padding). */
  paddingSpaces: number;
  /** Total line length in bytes (padded packets are 1,024 or a power of two). */
  bytes: number;
  /** Top-level keys in wire order. */
  keyOrder: string[];
  /** `compact` (`,`/`:`), `python` (`, `/`: `), or `mixed`. */
  spacing: "compact" | "python" | "mixed" | "unknown";
}

/**
 * Analyse one raw line.
 *
 * @example
 * ```ts
 * readWireStyle(new TextEncoder().encode('{"id":0,"jsonrpc":"2.0","result":null}\r\n')).lineEnding; // "\r\n"
 * ```
 */
export function readWireStyle(raw: Uint8Array): WireStyle {
  const text = decodeLenient(raw);
  const lineEnding = text.endsWith("\r\n") ? "\r\n" : text.endsWith("\n") ? "\n" : "none";
  const body = text.replace(/\r?\n$/, "");
  const m = body.match(/( +)[}\]]$/);
  return {
    lineEnding,
    paddingSpaces: m ? m[1].length : 0,
    bytes: raw.length,
    keyOrder: topLevelKeys(body),
    spacing: spacingOf(body),
  };
}

/** Top-level object keys in order, read from the text (JSON.parse would lose nothing but order is kept anyway). */
export function topLevelKeys(body: string): string[] {
  try {
    const v = JSON.parse(body);
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.keys(v).slice(0, 20);
  } catch { /* not JSON */ }
  return [];
}

function spacingOf(body: string): WireStyle["spacing"] {
  let compact = 0, python = 0, inString = false;
  const s = body.slice(0, 20_000);
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "," || c === ":") {
      if (s[i + 1] === " ") python++;
      else compact++;
    }
  }
  if (compact === 0 && python === 0) return "unknown";
  return python === 0 ? "compact" : compact === 0 ? "python" : "mixed";
}
