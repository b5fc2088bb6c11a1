import { assertEquals } from "../../testing/assert.ts";
import {
  TEST_WALLET_FIRST_ADDRESS,
  TEST_WALLET_MNEMONIC,
  TEST_WALLET_PATH,
  TEST_WALLET_VPRV,
  TEST_WALLET_VPUB,
  testWallet,
} from "./test_wallet.ts";
import { HdAccount } from "./hd_account.ts";
import { sha256 } from "../../bitcoin/hash.ts";

Deno.test("testWallet derives the documented vpub, vprv and first address", () => {
  const w = testWallet();
  assertEquals(w.path, TEST_WALLET_PATH);
  assertEquals(w.xpub, TEST_WALLET_VPUB);
  assertEquals(w.xprv, TEST_WALLET_VPRV);
  assertEquals(w.address(0, 0), TEST_WALLET_FIRST_ADDRESS);
  assertEquals(TEST_WALLET_VPUB.startsWith("vpub"), true);
  assertEquals(HdAccount.fromMnemonic(TEST_WALLET_MNEMONIC).xpub, TEST_WALLET_VPUB);
});

Deno.test("TEST_WALLET_MNEMONIC encodes the documented entropy (first word indices)", () => {
  // entropy = sha256("electrum-observatory lab test wallet v1")[0..16] = 13cde018...; its first
  // 11 bits (0x13c >> 1 = 158) index "because" in the BIP39 English list.
  const entropy = sha256(new TextEncoder().encode("electrum-observatory lab test wallet v1"))
    .subarray(0, 16);
  assertEquals((entropy[0] << 3) | (entropy[1] >> 5), 158);
  assertEquals(TEST_WALLET_MNEMONIC.split(" ")[0], "because");
  assertEquals(TEST_WALLET_MNEMONIC.split(" ").length, 12);
});

const electrum = (() => {
  try {
    return Deno.statSync("/usr/bin/electrum").isFile;
  } catch {
    return false;
  }
})();

Deno.test({
  name: "testWallet addresses equal what Electrum lists after an offline vpub restore",
  ignore: !electrum,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "chain-electrum-" });
    try {
      await Deno.mkdir(`${dir}/regtest/wallets`, { recursive: true });
      const wallet = `${dir}/regtest/wallets/w`;
      const run = async (...args: string[]) => {
        const out = await new Deno.Command("/usr/bin/electrum", {
          args: ["--regtest", "-D", dir, "--offline", ...args],
          stdout: "piped",
          stderr: "piped",
          env: { HOME: dir },
        }).output();
        if (!out.success) {
          throw new Error(`electrum ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
        }
        return new TextDecoder().decode(out.stdout);
      };
      await run("restore", TEST_WALLET_VPUB, "-w", wallet);
      const receive: string[] = JSON.parse(await run("listaddresses", "--receiving", "-w", wallet));
      const change: string[] = JSON.parse(await run("listaddresses", "--change", "-w", wallet));
      assertEquals(
        receive.slice(0, 20),
        Array.from({ length: 20 }, (_, i) => testWallet().address(0, i)),
      );
      assertEquals(
        change.slice(0, 10),
        Array.from({ length: 10 }, (_, i) => testWallet().address(1, i)),
      );
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
