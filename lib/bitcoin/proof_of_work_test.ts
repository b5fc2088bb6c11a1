import { assertEquals, assertThrows } from "../testing/assert.ts";
import { blockHash } from "./block_header.ts";
import { REGTEST_GENESIS_HEADER } from "../lab/chain/genesis.ts";
import { bitsToTarget, checkProofOfWork, grindNonce } from "./proof_of_work.ts";

Deno.test("bitsToTarget expands regtest and mainnet compact targets", () => {
  assertEquals(bitsToTarget(0x207fffff), 0x7fffffn << 232n);
  assertEquals(bitsToTarget(0x1d00ffff), 0xffffn << 208n);
  assertThrows(() => bitsToTarget(0x04923456), RangeError, "negative");
});

Deno.test("grindNonce finds a header whose hash meets a regtest target", () => {
  const { header, bytes } = grindNonce({ ...REGTEST_GENESIS_HEADER, time: 1735689600, nonce: 0 });
  assertEquals(checkProofOfWork(bytes), true);
  assertEquals(blockHash(header), blockHash(bytes));
  // A harder target than the hash fails.
  assertEquals(checkProofOfWork(bytes, 0x1d00ffff), false);
});

Deno.test("grindNonce gives up after maxTries with a RangeError", () => {
  assertThrows(
    () => grindNonce({ ...REGTEST_GENESIS_HEADER, bits: 0x1d00ffff, nonce: 0 }, { maxTries: 4 }),
    RangeError,
    "4 tries",
  );
});
