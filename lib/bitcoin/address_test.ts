import { assertEquals, assertThrows } from "../testing/assert.ts";
import { addressToScript, MAINNET, REGTEST, scriptToAddress } from "./address.ts";
import { bytesToHex, hexToBytes } from "./hex.ts";
import { p2pkhScript, p2shScript } from "./script.ts";
import { addressToScripthash, scripthash } from "./scripthash.ts";

Deno.test("scriptToAddress/addressToScript follow the BIP173 and BIP350 vectors", () => {
  const vectors: [string, string][] = [
    ["BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"],
    [
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
      "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798",
    ],
  ];
  for (const [addr, script] of vectors) {
    assertEquals(bytesToHex(addressToScript(addr, MAINNET)), script);
    assertEquals(scriptToAddress(hexToBytes(script), MAINNET), addr.toLowerCase());
  }
});

Deno.test("scriptToAddress gives regtest bcrt1/m-n/2 addresses and round-trips them", () => {
  const h = new Uint8Array(20).fill(7);
  const segwit = scriptToAddress(hexToBytes("0014" + "07".repeat(20)))!;
  assertEquals(segwit.startsWith("bcrt1q"), true);
  for (
    const script of [
      hexToBytes("0014" + "07".repeat(20)),
      p2pkhScript(h),
      p2shScript(h),
      hexToBytes("5120" + "07".repeat(32)),
    ]
  ) {
    const addr = scriptToAddress(script, REGTEST)!;
    assertEquals(addressToScript(addr), script, addr);
  }
  assertEquals(/^[mn]/.test(scriptToAddress(p2pkhScript(h))!), true);
  assertEquals(scriptToAddress(p2shScript(h))!.startsWith("2"), true);
  assertEquals(scriptToAddress(hexToBytes("6a00")), undefined);
});

Deno.test("addressToScript rejects another network's address and garbage", () => {
  assertThrows(() => addressToScript("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080"), TypeError);
  assertThrows(() => addressToScript("not-an-address"), TypeError, "not-an-address");
});

Deno.test("scripthash is sha256 of the script, reversed (Electrum protocol docs example)", () => {
  // https://electrum-protocol.readthedocs.io/en/latest/protocol-basics.html#script-hashes
  const script = addressToScript("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", MAINNET);
  assertEquals(bytesToHex(script), "76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac");
  assertEquals(
    scripthash(script),
    "8b01df4e368ea28f8dc0423bcf7a4923e3a12d307c875e47a0cfbf90b5c39161",
  );
  assertEquals(
    addressToScripthash("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", MAINNET),
    scripthash(script),
  );
});
