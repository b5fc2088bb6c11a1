import { assertEquals, assertThrows } from "../testing/assert.ts";
import { hash256 } from "./hash.ts";
import { toDisplayHex } from "./hex.ts";
import { merkleBranch, merkleRoot, merkleRootFromBranch } from "./merkle.ts";

Deno.test("merkleRoot matches mainnet block 100000 (four transactions)", () => {
  const txids = [
    "8c14f0db3df150123e6f3dbbf30f8b955a8249b62ac1d1ff16284aefa3d06d87",
    "fff2525b8931402dd09222c50775608f75787bd2b87e56995a7bdd30f79702c4",
    "6359f0868171b1d194cbee1af2f16ea598ae8fad666d9b012c8ed2b79a236ec4",
    "e9a66845e05d5abc0ad04ec80f774a7e585c6e8db975962d069a522137b80c1d",
  ];
  assertEquals(
    merkleRoot(txids),
    "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766",
  );
});

Deno.test("merkleBranch folds back to merkleRoot for every position of 1..17-leaf trees", () => {
  for (let n = 1; n <= 17; n++) {
    const leaves = Array.from({ length: n }, (_, i) => toDisplayHex(hash256(Uint8Array.of(n, i))));
    const root = merkleRoot(leaves);
    for (let pos = 0; pos < n; pos++) {
      const branch = merkleBranch(leaves, pos);
      assertEquals(branch.length, Math.ceil(Math.log2(n)), `n=${n}`);
      assertEquals(merkleRootFromBranch(leaves[pos], branch, pos), root, `n=${n} pos=${pos}`);
    }
  }
});

Deno.test("merkleBranch rejects positions outside the block and empty blocks", () => {
  assertThrows(() => merkleBranch(["00".repeat(32)], 1), RangeError, "pos 1");
  assertThrows(() => merkleRoot([]), RangeError, "none");
});
