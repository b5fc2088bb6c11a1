import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { type BatchInput, certBatches } from "./cert_batches.ts";

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

/** `n` independent self-signed certificates issued uniformly over 700 days. */
function background(n: number, seed: number): BatchInput[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => ({
    fingerprint: null,
    issuer: "self-signed",
    key: "rsa-2048",
    validityDays: 3650,
    issuedMs: T0 + Math.floor(random() * 700 * DAY / 1000) * 1000,
  }));
}

Deno.test("certBatches: twelve certificates under different names within an hour are not chance", () => {
  // (Seed 1 puts a stranger inside the fleet's 53 minutes: a known failure, as for any window.)
  const certs = background(200, 3);
  for (let k = 0; k < 12; k++) {
    certs.push({ ...certs[0], fingerprint: `fleet-${k}`, issuedMs: T0 + 300 * DAY + k * 290_000 });
  }
  const batches = certBatches(certs);
  const fleet = batches.find((b) => b.rows.includes(200))!;
  assertEquals(fleet.certificates, 12);
  assertEquals(fleet.rows, Array.from({ length: 12 }, (_, k) => 200 + k));
  assert(fleet.p < 1e-20, `p ${fleet.p}`);
  // Strangers that happen to fall within the gap of each other are a batch, but not a rare one.
  for (const b of batches.filter((b) => b !== fleet)) assert(b.p > 0.05, `${b.value}: p ${b.p}`);
  // A stranger issued 50 minutes after the last (within the gap) falls off the batch.
  const last = certs[certs.length - 1].issuedMs!;
  certs.push({ ...certs[0], fingerprint: "stranger", issuedMs: last + 50 * 60_000 });
  const trimmed = certBatches(certs).find((b) => b.rows.includes(200))!;
  assertEquals(trimmed.rows, fleet.rows);
});

Deno.test("certBatches: one certificate on many servers counts once; classes apart", () => {
  const certs = background(50, 2);
  const at = T0 + 100 * DAY;
  // Three servers presenting one certificate, and a fourth certificate of another validity.
  for (let k = 0; k < 3; k++) certs.push({ ...certs[0], fingerprint: "shared", issuedMs: at });
  certs.push({ ...certs[0], fingerprint: "other-class", validityDays: 825, issuedMs: at + 1000 });
  assertEquals(certBatches(certs).filter((b) => b.rows.includes(50)), []);
  certs.push({ ...certs[0], fingerprint: "second", issuedMs: at + 60_000 });
  const [b] = certBatches(certs).filter((b) => b.rows.includes(50));
  assertEquals([b.certificates, b.rows], [2, [50, 51, 52, 54]]);
});

Deno.test("certBatches: a bad gap is refused", () => {
  assertThrows(() => certBatches([], { gapMs: -1 }), RangeError, "gapMs");
  assertThrows(() => certBatches([], { gapMs: Infinity }), RangeError, "gapMs");
});
