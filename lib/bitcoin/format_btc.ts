/**
 * Format satoshis as Electrum's command line prints BTC amounts: `str(Decimal(sat) / COIN)` in
 * Python, i.e. no trailing zeros, and scientific notation below 10^-6 (`1E-8`).
 *
 * @module
 */

/**
 * Satoshis to Electrum's BTC string.
 *
 * @param sat Integer amount in satoshis (may be negative).
 * @returns For example `"150"`, `"1.5"`, `"0.0333"`, `"0"`, `"1.2E-7"`.
 * @throws {RangeError} If `sat` is not a safe integer.
 * @example
 * ```ts
 * formatBtc(2_500_000); // "0.025"
 * ```
 */
export function formatBtc(sat: number): string {
  if (!Number.isSafeInteger(sat)) {
    throw new RangeError(`formatBtc: expected an integer number of satoshis, got ${sat}`);
  }
  if (sat === 0) return "0";
  const sign = sat < 0 ? "-" : "";
  const abs = Math.abs(sat);
  const whole = Math.floor(abs / 1e8);
  const frac = String(abs % 1e8).padStart(8, "0").replace(/0+$/, "");
  if (frac === "") return sign + String(whole);
  // Python's to-sci-string: plain notation while the adjusted exponent is >= -6.
  const digits = (String(whole) + frac).replace(/^0+/, "");
  const adjusted = -frac.length + digits.length - 1;
  if (adjusted >= -6) return `${sign}${whole}.${frac}`;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}E${adjusted}`;
}
