import { assertEquals } from "../testing/assert.ts";
import { IDENTIFIER_KINDS, STRONG_KINDS, WEAK_KINDS } from "./operator_identifiers.ts";

Deno.test("identifier kinds: every kind is strong or weak, never both; strong keeps the order", () => {
  for (const k of IDENTIFIER_KINDS) {
    assertEquals(STRONG_KINDS.has(k) !== WEAK_KINDS.has(k), true, k);
  }
  assertEquals([...WEAK_KINDS].sort(), ["port-tuple", "subnet-version-config"]);
  assertEquals(STRONG_KINDS.size, IDENTIFIER_KINDS.length - 2);
  const strong = [...STRONG_KINDS];
  assertEquals([strong[0], strong.at(-1)], ["certificate", "peer-community"]);
  assertEquals(
    strong.every((k, i) =>
      i === 0 || IDENTIFIER_KINDS.indexOf(strong[i - 1]) < IDENTIFIER_KINDS.indexOf(k)
    ),
    true,
  );
});
