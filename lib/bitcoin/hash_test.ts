import { assertEquals } from "../testing/assert.ts";
import { hash160, hash256 } from "./hash.ts";
import { bytesToHex, hexToBytes } from "./hex.ts";

Deno.test("hash256 is double SHA-256", () => {
  assertEquals(
    bytesToHex(hash256(new Uint8Array())),
    "5df6e0e2761359d30a8275058e299fcc0381534545f55cf43e41983f5d4c9456",
  );
});

Deno.test("hash160 of the BIP84 vector's first public key is its P2WPKH program", () => {
  const pub = hexToBytes("0330d54fd0dd420a6e5f8d3624f5f3482cae350f79d5f0753bf5beef9c2d91af3c");
  // bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu decodes to this program.
  assertEquals(bytesToHex(hash160(pub)), "c0cebcd6c3d3ca8c75dc5ec62ebe55330ef910e2");
});
