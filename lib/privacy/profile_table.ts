/**
 * The client profiles side by side, one row per constant, for notebook 05.
 *
 * @module
 */
import { type ClientProfile, ELECTRUM_4_3_4, ELECTRUM_4_8_1 } from "./client_profiles.ts";

/** One constant of the reference client in two releases. */
export interface ProfileRow {
  constant: string;
  debian_4_3_4: string;
  current_4_8_1: string;
}

/**
 * The profiles' constants, as text. An absent constant (null, as `paddingBytes` of a release that
 * does not pad) reads "none".
 *
 * @example
 * ```ts
 * profileTable().find((r) => r.constant === "protocolRequest"); // "1.4" vs "1.4, 1.6"
 * ```
 */
export function profileTable(
  a: ClientProfile = ELECTRUM_4_3_4,
  b: ClientProfile = ELECTRUM_4_8_1,
): ProfileRow[] {
  const text = (v: unknown) =>
    v === null || v === undefined
      ? "none"
      : Array.isArray(v)
      ? v.join(", ")
      : typeof v === "object" && v !== null
      ? Object.entries(v).map(([k, x]) => `${k}=${x}`).join(" ")
      : String(v);
  return (Object.keys(a) as (keyof ClientProfile)[]).map((k) => ({
    constant: k,
    debian_4_3_4: text(a[k]),
    current_4_8_1: text(b[k]),
  }));
}
