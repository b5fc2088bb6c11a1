import { sign, verify } from "node:crypto";
import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import { rsaKeyFromPrimes } from "./rsa_key_from_primes.ts";
import primes from "./primes/primes_512.json" with { type: "json" };
import primes1024 from "./primes/primes_1024.json" with { type: "json" };

Deno.test("rsaKeyFromPrimes: a key from two pool primes has their product as modulus and works", () => {
  const [p, q] = primes.primes.slice(0, 2).map((h) => BigInt("0x" + h));
  const key = rsaKeyFromPrimes(p, q);
  const jwk = key.export({ format: "jwk" });
  assertEquals(BigInt("0x" + Buffer.from(jwk.n!, "base64url").toString("hex")), p * q);
  const sig = sign("sha256", Buffer.from("hello"), key);
  assert(verify("sha256", Buffer.from("hello"), key, sig));
});

Deno.test("rsaKeyFromPrimes: rejects equal primes and a non-invertible exponent", () => {
  const p = BigInt("0x" + primes.primes[0]);
  assertThrows(() => rsaKeyFromPrimes(p, p), RangeError, "differ");
  assertThrows(() => rsaKeyFromPrimes(7n, 11n, { e: 5n }), RangeError, "not invertible");
  assertThrows(() => rsaKeyFromPrimes(1n, 11n), RangeError, "p=1");
  assertThrows(() => rsaKeyFromPrimes(7 as unknown as bigint, 11n), TypeError, "bigint");
});

Deno.test("rsaKeyFromPrimes: every committed pool prime makes a working key (a composite would not)", () => {
  for (const pool of [primes.primes, primes1024.primes]) {
    for (let i = 0; i < pool.length; i++) {
      const p = BigInt("0x" + pool[i]), q = BigInt("0x" + pool[(i + 1) % pool.length]);
      const key = rsaKeyFromPrimes(p, q);
      const sig = sign("sha256", Buffer.from("x"), key);
      assert(verify("sha256", Buffer.from("x"), key, sig), `prime ${i} of ${pool.length}`);
    }
  }
});
