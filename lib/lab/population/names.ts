/**
 * Host names of the lab: `<prefix>.<word><word>.lab`, unique within a build, and onion names.
 *
 * @module
 */
import { personality } from "../servers/personalities.ts";
import type { Rng } from "../rng.ts";
import type { BuildContext } from "./context.ts";
import type { LabHost } from "./host.ts";

export const WORDS_A = [
  "satoshi",
  "block",
  "hodl",
  "sats",
  "lightning",
  "coin",
  "chain",
  "stack",
  "mempool",
  "node",
  "utxo",
  "hash",
  "orange",
  "cypher",
  "bit",
  "ledger",
  "freedom",
  "sovereign",
  "merkle",
  "nakamoto",
  "genesis",
  "halving",
  "taproot",
  "segwit",
  "peer",
  "relay",
  "signet",
  "vault",
  "cold",
  "keys",
];
export const WORDS_B = [
  "works",
  "lab",
  "net",
  "hub",
  "space",
  "hq",
  "point",
  "zone",
  "box",
  "den",
  "base",
  "land",
  "city",
  "cave",
  "garden",
  "forge",
  "shed",
  "house",
  "farm",
  "bay",
];

/**
 * A fresh name for `h`: the prefix (or one drawn from the family it claims), two words, a number
 * after four collisions.
 *
 * @throws {Error} If no unique name is found in 1,000 draws.
 */
export function hostName(ctx: BuildContext, h: LabHost, r: Rng, prefix?: string): string {
  for (let i = 0; i < 1000; i++) {
    const fam = personality(h.claims ?? h.personality).family;
    const p = prefix ??
      r.pick([
        ["electrum", 5],
        [fam === "fulcrum" ? "fulcrum" : fam === "electrumx" ? "electrumx" : "electrs", 3],
        ["btc", 2],
        ["e", 1],
      ]);
    const n = `${p}.${r.pick(WORDS_A.map((w) => [w, 1] as const))}${
      r.pick(WORDS_B.map((w) => [w, 1] as const))
    }${i > 3 ? i : ""}.lab`;
    if (!ctx.names.has(n)) {
      ctx.names.add(n);
      return n;
    }
  }
  throw new Error("could not find a unique host name");
}

/** A v3-shaped onion name: 56 base32 characters ending in `d`, then `.onion`. */
export function onionName(r: Rng): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let s = "";
  for (let i = 0; i < 55; i++) s += alphabet[r.int(0, 31)];
  return s + "d.onion";
}
