import { assertEquals } from "../../testing/assert.ts";
import { expectedWalletBalance } from "./expected_balance.ts";
import { RegtestChain } from "./regtest_chain.ts";

// Golden values for the default chain (seed "electrum-observatory", 300 blocks). They were
// checked against Debian's Electrum 4.3.4: a wallet restored from TEST_WALLET_VPRV and synced
// against a loopback server serving this chain printed exactly these `getbalance` strings and
// 15 `onchain_history` entries. If chain generation changes on purpose, update them and repeat
// that check.
const DEFAULT_TIP_HASH = "0b061d5db4bcd57245183953c1c901bc4955a2fd1bf52b1f6d6dce432c04db74";

Deno.test("expectedWalletBalance of the default chain matches the Electrum-verified golden values", () => {
  const chain = new RegtestChain();
  assertEquals(chain.blockHash(300), DEFAULT_TIP_HASH);
  const b = expectedWalletBalance(chain);
  assertEquals(b, {
    confirmed: 9_668_326_763,
    unconfirmed: 2_949_997_858,
    unmatured: 2_500_025_518,
    transactions: 15,
    getbalance: { confirmed: "96.68326763", unconfirmed: "29.49997858", unmatured: "25.00025518" },
  });
  assertEquals(expectedWalletBalance(chain.view(250)).getbalance, { confirmed: "131.88328998" });
});

Deno.test("expectedWalletBalance: once mined and matured, everything is confirmed and the total is unchanged", () => {
  const chain = new RegtestChain();
  const before = expectedWalletBalance(chain);
  // The coinbase at 290 matures when 290 + 100 <= tip + 1.
  chain.mine(88);
  assertEquals(expectedWalletBalance(chain).unmatured, before.unmatured);
  chain.mine();
  const after = expectedWalletBalance(chain);
  assertEquals(after.confirmed, before.confirmed + before.unconfirmed + before.unmatured);
  assertEquals([after.unconfirmed, after.unmatured, after.transactions], [0, 0, 15]);
  assertEquals(after.getbalance, { confirmed: "151.18350139" });
});

Deno.test("expectedWalletBalance of a chain too short for the story is empty", () => {
  const b = expectedWalletBalance(new RegtestChain({ height: 3 }));
  assertEquals(b, {
    confirmed: 0,
    unconfirmed: 0,
    unmatured: 0,
    transactions: 0,
    getbalance: { confirmed: "0" },
  });
});
