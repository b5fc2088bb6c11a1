import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { simulateLinking } from "./simulate_linking.ts";

Deno.test("simulateLinking: Tor leaves linkage as it is; a circuit per wallet, decoys, random timing and splitting change it as stated", () => {
  const rows = simulateLinking({ clients: 200, random: seededRandom(4) });
  const by = Object.fromEntries(rows.map((r) => [r.variant, r]));
  assertEquals(by.default.recall, 1);
  assertEquals(by.tor.precision, by.default.precision, "Tor hides the address, not the linkage");
  assert(by.default.precision! < 1, "two wallets in one daemon are merged");
  assertEquals(by["tor-circuit-per-wallet"].precision, 1);
  assertEquals(
    by["tor-circuit-per-wallet"].crossWalletLinked,
    0,
    "wallets no longer share an owner",
  );
  assertEquals(by.default.crossWalletLinked, 1);
  assertEquals(by.batched.crossWalletLinked, 1, "a batch per wallet still shares the connection");
  assertEquals(by.batched.precision, 1, "a batch per wallet separates wallets for the server");
  assert(by.decoys.precision! < by.default.precision!, "decoys lower precision");
  assert(by.decoys.requestsPerWallet > by.default.requestsPerWallet, "at a cost in requests");
  assert(by["random-timing"].recall < 0.1, "a timing linker is defeated");
  assertEquals(by["random-timing"].recallByConnection, 1, "but not a connection linker");
  assert(Math.abs(by["split-3-servers"].walletShareSeen - 1 / 3) < 0.05);
  assertEquals(by["circuit-per-address"].recall, 0);
});
