import { createPublicKey, sign, verify } from "node:crypto";
import { assert, assertEquals, assertNotEquals, assertThrows } from "../../testing/assert.ts";
import { LAB_KEY_TYPES, makeLabKey } from "./lab_key.ts";

Deno.test("makeLabKey: the same seed gives the same key, for every type", () => {
  for (const type of LAB_KEY_TYPES) {
    const a = makeLabKey("server-1", { type });
    const b = makeLabKey("server-1", { type });
    assertEquals(a.keyPem, b.keyPem, type);
    assertEquals(a.spkiDer, b.spkiDer, type);
    assertNotEquals(a.keyPem, makeLabKey("server-2", { type }).keyPem, type);
  }
  // A number seed and its string spelling are distinct seeds.
  assertNotEquals(
    makeLabKey(7, { type: "ec-p256" }).keyPem,
    makeLabKey("7", { type: "ec-p256" }).keyPem,
  );
});

Deno.test("makeLabKey: each type has the advertised size and signs verifiably", () => {
  const want: Record<string, Record<string, unknown>> = {
    "rsa-2048": { modulusLength: 2048, publicExponent: 65537n },
    "rsa-1024": { modulusLength: 1024, publicExponent: 65537n },
    "ec-p256": { namedCurve: "prime256v1" },
    "ec-p384": { namedCurve: "secp384r1" },
  };
  for (const type of LAB_KEY_TYPES) {
    const k = makeLabKey(3, { type });
    assertEquals(k.type, type);
    if (want[type]) assertEquals({ ...k.publicKey.asymmetricKeyDetails }, want[type], type);
    else assertEquals(k.publicKey.asymmetricKeyType, "ed25519");
    const hash = type === "ed25519" ? null : "sha256";
    const sig = sign(hash, Buffer.from("msg"), k.privateKey);
    assert(verify(hash, Buffer.from("msg"), createPublicKey(k.keyPem), sig), type);
  }
});

Deno.test("makeLabKey: number seeds 0..999 give pairwise distinct RSA-2048 keys from shared primes", () => {
  const pairs = new Set<string>();
  const primesUsed = new Map<number, number>();
  for (let i = 0; i < 1000; i++) {
    const [a, b] = makeLabKey(i).rsaPrimeIndices!;
    assert(a < b && b < 128, `pair ${a},${b}`);
    pairs.add(`${a},${b}`);
    for (const p of [a, b]) primesUsed.set(p, (primesUsed.get(p) ?? 0) + 1);
  }
  assertEquals(pairs.size, 1000);
  // The documented lab artefact: primes recur across keys.
  assert([...primesUsed.values()].some((n) => n > 1));
});

Deno.test("makeLabKey: caller mistakes throw and name the value", () => {
  assertThrows(() => makeLabKey(-1), RangeError, "-1");
  assertThrows(() => makeLabKey(1.5), RangeError, "1.5");
  assertThrows(() => makeLabKey({} as unknown as string), TypeError, "object");
  assertThrows(() => makeLabKey(1, { type: "rsa-4096" as "rsa-2048" }), TypeError, "rsa-4096");
});
