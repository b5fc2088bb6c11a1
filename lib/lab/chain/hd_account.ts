/**
 * A BIP32 account of native-segwit (P2WPKH) addresses, as BIP84 lays it out:
 * `account/0/i` receive, `account/1/i` change.
 *
 * @module
 */
import { HDKey } from "@scure/bip32";
import { type AddressNetwork, REGTEST, scriptToAddress } from "../../bitcoin/address.ts";
import { hash160 } from "../../bitcoin/hash.ts";
import { mnemonicToSeed } from "./mnemonic_to_seed.ts";
import { p2wpkhScript } from "../../bitcoin/script.ts";
import { scripthash } from "../../bitcoin/scripthash.ts";

/** BIP32 serialization version bytes. */
export interface XkeyVersions {
  /** Version of extended private keys, e.g. 0x045f18bc (`vprv`). */
  private: number;
  /** Version of extended public keys, e.g. 0x045f1cf6 (`vpub`). */
  public: number;
}

/** Electrum's testnet/regtest P2WPKH versions: `vprv` / `vpub`. */
export const VPUB_VERSIONS: XkeyVersions = { private: 0x045f18bc, public: 0x045f1cf6 };
/** Mainnet P2WPKH versions: `zprv` / `zpub` (SLIP-132, BIP84 test vectors). */
export const ZPUB_VERSIONS: XkeyVersions = { private: 0x04b2430c, public: 0x04b24746 };

/** Options of {@link HdAccount.fromMnemonic}. */
export interface HdAccountOptions {
  /** Account derivation path. Default `"m/84'/1'/0'"` (BIP84, coin type 1 = test networks). */
  path?: string;
  /** Extended-key version bytes. Default {@link VPUB_VERSIONS}. */
  versions?: XkeyVersions;
  /** Address network. Default regtest (`bcrt`). */
  network?: AddressNetwork;
  /** BIP39 passphrase. Default empty. */
  passphrase?: string;
}

/** `0` for receive addresses, `1` for change. */
export type Chain = 0 | 1;

/**
 * A P2WPKH account: extended keys and addresses, derived lazily and cached.
 *
 * @example
 * ```ts
 * const acct = HdAccount.fromMnemonic(TEST_WALLET_MNEMONIC);
 * acct.xpub;            // "vpub5..."
 * acct.address(0, 0);   // "bcrt1q..."
 * ```
 */
export class HdAccount {
  /** Account path, e.g. `m/84'/1'/0'`. */
  readonly path: string;
  /** Address network. */
  readonly network: AddressNetwork;
  #node: HDKey;
  #chains = new Map<Chain, HDKey>();
  #keys = new Map<string, Uint8Array>();

  private constructor(node: HDKey, path: string, network: AddressNetwork) {
    this.#node = node;
    this.path = path;
    this.network = network;
  }

  /**
   * Derive the account from a BIP39 mnemonic.
   *
   * @param mnemonic BIP39 words.
   * @param options Path, versions, network, passphrase (see {@link HdAccountOptions}).
   * @returns The account.
   * @throws {Error} If the path is malformed (from `@scure/bip32`).
   */
  static fromMnemonic(mnemonic: string, options: HdAccountOptions = {}): HdAccount {
    return HdAccount.fromSeed(mnemonicToSeed(mnemonic, options.passphrase ?? ""), options);
  }

  /**
   * Derive the account from a BIP32 seed (16..64 bytes).
   *
   * @param seed The seed.
   * @param options Path, versions, network (see {@link HdAccountOptions}).
   * @returns The account.
   */
  static fromSeed(seed: Uint8Array, options: HdAccountOptions = {}): HdAccount {
    const path = options.path ?? "m/84'/1'/0'";
    const root = HDKey.fromMasterSeed(seed, options.versions ?? VPUB_VERSIONS);
    return new HdAccount(root.derive(path), path, options.network ?? REGTEST);
  }

  /** Account-level extended public key (e.g. `vpub...`), what a watch-only wallet restores. */
  get xpub(): string {
    return this.#node.publicExtendedKey;
  }

  /** Account-level extended private key (e.g. `vprv...`), for a spending wallet. */
  get xprv(): string {
    return this.#node.privateExtendedKey;
  }

  /**
   * Compressed public key at `chain/index`.
   *
   * @param chain 0 receive, 1 change.
   * @param index Address index, `0 <= index < 2^31`.
   * @throws {RangeError} If `chain` or `index` is out of range.
   */
  publicKey(chain: Chain, index: number): Uint8Array {
    if (chain !== 0 && chain !== 1) {
      throw new RangeError(`HdAccount: chain must be 0 or 1, got ${chain}`);
    }
    if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) {
      throw new RangeError(`HdAccount: bad address index ${index}`);
    }
    const key = `${chain}/${index}`;
    let pk = this.#keys.get(key);
    if (!pk) {
      let c = this.#chains.get(chain);
      if (!c) this.#chains.set(chain, c = this.#node.deriveChild(chain));
      pk = c.deriveChild(index).publicKey!;
      this.#keys.set(key, pk);
    }
    return pk;
  }

  /** P2WPKH output script at `chain/index`. */
  script(chain: Chain, index: number): Uint8Array {
    return p2wpkhScript(hash160(this.publicKey(chain, index)));
  }

  /** Bech32 address at `chain/index` (e.g. `bcrt1q...`). */
  address(chain: Chain, index: number): string {
    return scriptToAddress(this.script(chain, index), this.network)!;
  }

  /** Electrum script hash of the address at `chain/index`. */
  scripthash(chain: Chain, index: number): string {
    return scripthash(this.script(chain, index));
  }
}
