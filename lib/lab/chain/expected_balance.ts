/**
 * The balance a real Electrum wallet should show for an account on a lab chain view: the number
 * an integration test compares with `electrum getbalance`.
 *
 * It uses only the public view API (history, raw transactions), as the wallet does, and then
 * applies Electrum 4.3's rules (`address_synchronizer.get_balance`): coins spent by any known
 * transaction are gone; a confirmed coinbase output younger than 100 blocks (counting the next
 * block) is "unmatured"; an unconfirmed coin counts as confirmed up to the value of the wallet's
 * own confirmed coins its transaction spends, the rest is "unconfirmed".
 *
 * @module
 */
import type { HdAccount } from "./hd_account.ts";
import { formatBtc } from "../../bitcoin/format_btc.ts";
import type { RegtestView } from "./regtest_view.ts";
import { testWallet } from "./test_wallet.ts";
import { parseTransaction } from "../../bitcoin/transaction.ts";
import { scripthash } from "../../bitcoin/scripthash.ts";

/** Wallet balance in satoshis plus Electrum's BTC strings. */
export interface WalletBalance {
  /** Confirmed and matured, sat. */
  confirmed: number;
  /** Unconfirmed, sat. */
  unconfirmed: number;
  /** Immature coinbase outputs, sat. */
  unmatured: number;
  /** Distinct wallet transactions (the length of `electrum onchain_history`). */
  transactions: number;
  /**
   * What `electrum getbalance` prints: `confirmed` always, `unconfirmed` and `unmatured` only
   * when non-zero (Electrum omits zero entries).
   */
  getbalance: { confirmed: string; unconfirmed?: string; unmatured?: string };
}

/** Options of {@link expectedWalletBalance}. */
export interface ExpectedBalanceOptions {
  /** The account. Default {@link testWallet}. */
  wallet?: HdAccount;
  /** Receive addresses scanned, `0/0 .. 0/(n-1)`. Default 40 (beyond Electrum's gap limit of 20 past the last used). */
  receive?: number;
  /** Change addresses scanned. Default 20. */
  change?: number;
}

const COINBASE_MATURITY = 100;

/**
 * Expected balance of a wallet on `view`, as Electrum computes it with that view's tip.
 *
 * @param view The chain or a view of it (what the wallet's server serves).
 * @param options Wallet and how many addresses to scan.
 * @returns Satoshi amounts and the `getbalance` strings.
 * @example
 * ```ts
 * const b = expectedWalletBalance(new RegtestChain());
 * b.getbalance; // { confirmed: "...", unconfirmed: "...", unmatured: "..." }
 * ```
 */
export function expectedWalletBalance(
  view: RegtestView,
  options: ExpectedBalanceOptions = {},
): WalletBalance {
  const wallet = options.wallet ?? testWallet();
  const scripts = new Set<string>();
  const heights = new Map<string, number>();
  for (const [chain, n] of [[0, options.receive ?? 40], [1, options.change ?? 20]] as const) {
    for (let i = 0; i < n; i++) {
      const sh = wallet.scripthash(chain, i);
      scripts.add(sh);
      for (const e of view.history(sh)) heights.set(e.tx_hash, e.height);
    }
  }
  interface Coin {
    value: number;
    height: number;
    coinbase: boolean;
    txid: string;
  }
  const coins = new Map<string, Coin>();
  const spent = new Set<string>();
  const inputsOf = new Map<string, string[]>();
  for (const [txid, height] of heights) {
    const hex = view.transaction(txid);
    if (hex === undefined) {
      throw new Error(`expectedWalletBalance: view has history entry ${txid} but no transaction`);
    }
    const tx = parseTransaction(hex);
    const coinbase = tx.inputs.length === 1 && /^0{64}$/.test(tx.inputs[0].prevTxid) &&
      tx.inputs[0].vout === 0xffffffff;
    const ins = coinbase ? [] : tx.inputs.map((i) => `${i.prevTxid}:${i.vout}`);
    inputsOf.set(txid, ins);
    ins.forEach((k) => spent.add(k));
    tx.outputs.forEach((o, vout) => {
      if (scripts.has(scripthash(o.script))) {
        coins.set(`${txid}:${vout}`, { value: o.value, height, coinbase, txid });
      }
    });
  }
  const mempoolHeight = view.tip().height + 1;
  let c = 0, u = 0, x = 0;
  for (const [key, coin] of coins) {
    if (spent.has(key)) continue;
    if (coin.coinbase && coin.height + COINBASE_MATURITY > mempoolHeight) x += coin.value;
    else if (coin.height > 0) c += coin.value;
    else {
      let confirmedSpent = 0;
      for (const k of inputsOf.get(coin.txid)!) {
        const parent = coins.get(k);
        if (parent && parent.height > 0) confirmedSpent += parent.value;
      }
      if (confirmedSpent >= coin.value) c += coin.value;
      else {
        c += confirmedSpent;
        u += coin.value - confirmedSpent;
      }
    }
  }
  const getbalance: WalletBalance["getbalance"] = { confirmed: formatBtc(c) };
  if (u) getbalance.unconfirmed = formatBtc(u);
  if (x) getbalance.unmatured = formatBtc(x);
  return { confirmed: c, unconfirmed: u, unmatured: x, transactions: heights.size, getbalance };
}
