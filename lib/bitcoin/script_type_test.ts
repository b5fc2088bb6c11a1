import { assertEquals } from "../testing/assert.ts";
import { scriptType } from "./script_type.ts";
import {
  nullDataScript,
  p2pkhScript,
  p2shScript,
  p2trScript,
  p2wpkhScript,
  p2wshScript,
} from "./script.ts";
import { hexToBytes } from "./hex.ts";

const h20 = new Uint8Array(20).fill(7), h32 = new Uint8Array(32).fill(9);

Deno.test("scriptType: the standard templates the builders make", () => {
  assertEquals(scriptType(p2pkhScript(h20)), "p2pkh");
  assertEquals(scriptType(p2shScript(h20)), "p2sh");
  assertEquals(scriptType(p2wpkhScript(h20)), "p2wpkh");
  assertEquals(scriptType(p2wshScript(h32)), "p2wsh");
  assertEquals(scriptType(p2trScript(h32)), "p2tr");
  assertEquals(scriptType(nullDataScript(Uint8Array.of(1, 2))), "nulldata");
  assertEquals(scriptType(new Uint8Array(0)), "empty");
});

Deno.test("scriptType: pay-to-pubkey (the genesis coinbase's), truncated and odd scripts", () => {
  // The genesis block's output: 65-byte uncompressed key, OP_CHECKSIG.
  const genesis = hexToBytes(
    "4104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac",
  );
  assertEquals(scriptType(genesis), "p2pk");
  assertEquals(scriptType(Uint8Array.from([0x21, 0x02, ...new Uint8Array(32), 0xac])), "p2pk");
  // One byte short of each template: never read past the end, never mistaken for it.
  assertEquals(scriptType(p2pkhScript(h20).slice(0, 24)), "other");
  assertEquals(scriptType(p2wpkhScript(h20).slice(0, 21)), "other");
  assertEquals(scriptType(Uint8Array.of(0x00, 0x14)), "other");
  // A 1-of-1 bare multisig.
  assertEquals(scriptType(Uint8Array.from([0x51, 0x21, 0x02, ...h32, 0x51, 0xae])), "other");
});
