import { assertEquals } from "../testing/assert.ts";
import { IDENTIFIER_KINDS, STRONG_KINDS, WEAK_KINDS } from "./operator_identifiers.ts";

Deno.test("identifier kinds: every kind is strong or weak, never both; strong keeps the order", () => {
  for (const k of IDENTIFIER_KINDS) {
    assertEquals(STRONG_KINDS.has(k) !== WEAK_KINDS.has(k), true, k);
  }
  assertEquals([...STRONG_KINDS], [
    "certificate",
    "public-key",
    "donation",
    "banner",
    "cert-name-template",
    "cert-burst",
    "peer-community",
  ]);
  assertEquals([...WEAK_KINDS].every((k) => IDENTIFIER_KINDS.includes(k)), true);
});
