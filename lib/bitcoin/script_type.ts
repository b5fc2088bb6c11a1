/**
 * The template of an output script, read from its bytes (a script from a server is untrusted:
 * every check looks at the length first).
 *
 * ```
 * p2pkh     76 a9 14 <20> 88 ac     25 bytes
 * p2sh      a9 14 <20> 87           23 bytes
 * p2wpkh    00 14 <20>              22 bytes
 * p2wsh     00 20 <32>              34 bytes
 * p2tr      51 20 <32>              34 bytes
 * p2pk      21 <33> ac | 41 <65> ac 35 or 67 bytes
 * nulldata  6a ...                  OP_RETURN: provably unspendable
 * empty     (no bytes)
 * other     anything else (bare multisig, future witness versions, non-standard)
 * ```
 *
 * Spec: https://github.com/bitcoin/bitcoin/blob/master/src/script/solver.cpp (`Solver`)
 *
 * @module
 */

/** A script template. */
export type ScriptType =
  | "p2pkh"
  | "p2sh"
  | "p2wpkh"
  | "p2wsh"
  | "p2tr"
  | "p2pk"
  | "nulldata"
  | "empty"
  | "other";

/** The templates a wallet receives to and every Electrum server indexes. */
export const SPENDABLE_STANDARD: ReadonlySet<ScriptType> = new Set<ScriptType>([
  "p2pkh",
  "p2sh",
  "p2wpkh",
  "p2wsh",
  "p2tr",
  "p2pk",
]);

/**
 * Classify an output script.
 *
 * @param script scriptPubKey bytes (any length).
 * @returns Its template; `other` for anything not listed.
 * @example
 * ```ts
 * scriptType(p2wpkhScript(hash160(pubkey))); // "p2wpkh"
 * ```
 */
export function scriptType(script: Uint8Array): ScriptType {
  const n = script.length, s = script;
  if (n === 0) return "empty";
  if (s[0] === 0x6a) return "nulldata";
  if (
    n === 25 && s[0] === 0x76 && s[1] === 0xa9 && s[2] === 0x14 && s[23] === 0x88 && s[24] === 0xac
  ) {
    return "p2pkh";
  }
  if (n === 23 && s[0] === 0xa9 && s[1] === 0x14 && s[22] === 0x87) return "p2sh";
  if (n === 22 && s[0] === 0x00 && s[1] === 0x14) return "p2wpkh";
  if (n === 34 && s[0] === 0x00 && s[1] === 0x20) return "p2wsh";
  if (n === 34 && s[0] === 0x51 && s[1] === 0x20) return "p2tr";
  if (
    (n === 35 && s[0] === 0x21 && (s[1] === 0x02 || s[1] === 0x03) && s[34] === 0xac) ||
    (n === 67 && s[0] === 0x41 && s[1] === 0x04 && s[66] === 0xac)
  ) {
    return "p2pk";
  }
  return "other";
}
