import { assertEquals, assertThrows } from "../testing/assert.ts";
import { derToPem, pemToDer } from "./pem.ts";

Deno.test("derToPem / pemToDer: round trip, 64-column lines, several blocks, junk between", () => {
  const a = Uint8Array.from({ length: 100 }, (_, i) => i), b = new Uint8Array([255, 0, 7]);
  const pem = derToPem(a);
  assertEquals(pem.split("\n")[1].length, 64);
  assertEquals(pemToDer("junk\n" + pem + "more junk\n" + derToPem(b)), [a, b]);
  assertEquals(pemToDer("no blocks"), []);
  assertEquals(pemToDer(derToPem(a, "PRIVATE KEY"), "PRIVATE KEY"), [a]);
  assertThrows(() => derToPem("x" as unknown as Uint8Array), TypeError, "Uint8Array");
});
