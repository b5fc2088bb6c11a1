/**
 * Addresses <-> output scripts for Bitcoin's networks: bech32 (witness v0, BIP173), bech32m
 * (witness v1+, BIP350) and base58check (P2PKH, P2SH).
 *
 * @module
 */
import { bech32, bech32m, createBase58check } from "@scure/base";
import { sha256 } from "./hash.ts";
import { p2pkhScript, p2shScript } from "./script.ts";

const base58check = createBase58check(sha256);

/** Address parameters of one network. */
export interface AddressNetwork {
  /** bech32 human-readable part. */
  hrp: string;
  /** base58 version byte of P2PKH addresses. */
  p2pkh: number;
  /** base58 version byte of P2SH addresses. */
  p2sh: number;
}

/** Regtest: `bcrt1...`, `m...`/`n...`, `2...` (Bitcoin Core chainparams). */
export const REGTEST: AddressNetwork = { hrp: "bcrt", p2pkh: 0x6f, p2sh: 0xc4 };
/** Mainnet: `bc1...`, `1...`, `3...`. */
export const MAINNET: AddressNetwork = { hrp: "bc", p2pkh: 0x00, p2sh: 0x05 };

/**
 * The address of an output script, or undefined if the script has no address form
 * (OP_RETURN, bare multisig, P2PK...).
 *
 * @param script scriptPubKey.
 * @param network Defaults to {@link REGTEST}.
 * @returns The address string, or undefined.
 * @example
 * ```ts
 * scriptToAddress(p2wpkhScript(h)); // "bcrt1q..."
 * ```
 */
export function scriptToAddress(
  script: Uint8Array,
  network: AddressNetwork = REGTEST,
): string | undefined {
  const n = script.length;
  if (
    n === 25 && script[0] === 0x76 && script[1] === 0xa9 && script[2] === 0x14 &&
    script[23] === 0x88 && script[24] === 0xac
  ) {
    return base58check.encode(Uint8Array.from([network.p2pkh, ...script.subarray(3, 23)]));
  }
  if (n === 23 && script[0] === 0xa9 && script[1] === 0x14 && script[22] === 0x87) {
    return base58check.encode(Uint8Array.from([network.p2sh, ...script.subarray(2, 22)]));
  }
  const op = script[0];
  const version = op === 0 ? 0 : op >= 0x51 && op <= 0x60 ? op - 0x50 : -1;
  if (version >= 0 && n >= 4 && n <= 42 && script[1] === n - 2) {
    const words = [version, ...bech32.toWords(script.subarray(2))];
    return (version === 0 ? bech32 : bech32m).encode(network.hrp, words);
  }
  return undefined;
}

/**
 * The output script an address pays to.
 *
 * @param address bech32/bech32m or base58check address of `network`.
 * @param network Defaults to {@link REGTEST}.
 * @returns scriptPubKey.
 * @throws {TypeError} If the address is malformed or belongs to another network.
 * @example
 * ```ts
 * addressToScript("bcrt1q..."); // Uint8Array [0x00, 0x14, ...]
 * ```
 */
export function addressToScript(address: string, network: AddressNetwork = REGTEST): Uint8Array {
  const lower = address.toLowerCase();
  if (lower.startsWith(network.hrp + "1")) {
    let decoded: { prefix: string; words: number[] };
    try {
      decoded = bech32.decode(lower as `${string}1${string}`);
    } catch {
      try {
        decoded = bech32m.decode(lower as `${string}1${string}`);
      } catch (err) {
        throw new TypeError(
          `addressToScript: ${JSON.stringify(address)} is not valid bech32/bech32m: ${
            (err as Error).message
          }`,
        );
      }
    }
    const [version, ...rest] = decoded.words;
    const program = bech32.fromWords(rest);
    return Uint8Array.from([version === 0 ? 0 : 0x50 + version, program.length, ...program]);
  }
  let payload: Uint8Array;
  try {
    payload = base58check.decode(address);
  } catch (err) {
    throw new TypeError(
      `addressToScript: ${JSON.stringify(address)} is not a ${network.hrp} address: ${
        (err as Error).message
      }`,
    );
  }
  if (payload.length === 21 && payload[0] === network.p2pkh) {
    return p2pkhScript(payload.subarray(1));
  }
  if (payload.length === 21 && payload[0] === network.p2sh) return p2shScript(payload.subarray(1));
  throw new TypeError(
    `addressToScript: ${JSON.stringify(address)} has version byte ${
      payload[0]
    }, not one of network ${network.hrp}`,
  );
}
