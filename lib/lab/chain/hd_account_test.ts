import { assertEquals, assertThrows } from "../../testing/assert.ts";
import { addressToScript, MAINNET } from "../../bitcoin/address.ts";
import { bytesToHex } from "../../bitcoin/hex.ts";
import { HdAccount, ZPUB_VERSIONS } from "./hd_account.ts";

// BIP84 test vectors: https://github.com/bitcoin/bips/blob/master/bip-0084.mediawiki#test-vectors
const BIP84_MNEMONIC =
  "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

Deno.test("HdAccount reproduces the BIP84 test vectors (zpub, addresses)", () => {
  const acct = HdAccount.fromMnemonic(BIP84_MNEMONIC, {
    path: "m/84'/0'/0'",
    versions: ZPUB_VERSIONS,
    network: MAINNET,
  });
  assertEquals(
    acct.xpub,
    "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs",
  );
  assertEquals(
    acct.xprv,
    "zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE",
  );
  assertEquals(
    bytesToHex(acct.publicKey(0, 0)),
    "0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c",
  );
  assertEquals(acct.address(0, 0), "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
  assertEquals(acct.address(0, 1), "bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g");
  assertEquals(acct.address(1, 0), "bc1q8c6fshw2dlwun7ekn9qwf37cu2rn755upcp6el");
});

Deno.test("HdAccount on regtest differs from mainnet only in version bytes and hrp", () => {
  const main = HdAccount.fromMnemonic(BIP84_MNEMONIC, {
    path: "m/84'/0'/0'",
    versions: ZPUB_VERSIONS,
    network: MAINNET,
  });
  const reg = HdAccount.fromMnemonic(BIP84_MNEMONIC, { path: "m/84'/0'/0'" });
  assertEquals(reg.xpub.startsWith("vpub"), true);
  assertEquals(reg.publicKey(0, 0), main.publicKey(0, 0));
  assertEquals(reg.script(1, 3), main.script(1, 3));
  assertEquals(addressToScript(reg.address(0, 0)), addressToScript(main.address(0, 0), MAINNET));
  assertEquals(reg.address(0, 0).startsWith("bcrt1q"), true);
});

Deno.test("HdAccount rejects bad chains and indices", () => {
  const acct = HdAccount.fromMnemonic(BIP84_MNEMONIC);
  assertThrows(() => acct.address(2 as 0, 0), RangeError, "2");
  assertThrows(() => acct.address(0, -1), RangeError, "-1");
  assertThrows(() => acct.address(0, 2 ** 31), RangeError);
});
