import { assertEquals, assertThrows } from "../testing/assert.ts";
import { buildJarmHello, JARM_PROBES } from "./jarm_hellos.ts";

/** A seeded byte source (a linear congruential generator), so the hellos are reproducible. */
function seeded(): (n: number) => Uint8Array {
  let k = 0;
  return (n) => Uint8Array.from({ length: n }, () => (k = (k * 1103515245 + 12345) >>> 0) >>> 24);
}

Deno.test("buildJarmHello: the ten hellos for four server names are the bytes first recorded (SHA-256 of all forty)", async () => {
  // Recorded from the first builder (number arrays spread into one another) before it was
  // rewritten to write into one buffer: the layout and the order of the random draws are kept.
  const random = seeded();
  const parts: Uint8Array[] = [];
  for (const name of ["electrum.example.org", "203.0.113.9", "x", "a".repeat(255)]) {
    for (const spec of JARM_PROBES) parts.push(buildJarmHello(spec, name, { random }));
  }
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", all));
  assertEquals(all.length, 18_694);
  assertEquals(
    Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""),
    "b8ccde777e1c45e2ada78eaf30207930e14c2c44e0b4aca7d78188b0bdbbfe80",
  );
});

Deno.test("buildJarmHello: record, handshake and extension lengths agree with the bytes", () => {
  for (const spec of JARM_PROBES) {
    const h = buildJarmHello(spec, "electrum.example.org");
    assertEquals((h[3] << 8) | h[4], h.length - 5, spec.name);
    assertEquals((h[6] << 16) | (h[7] << 8) | h[8], h.length - 9, spec.name);
    const suitesAt = 9 + 2 + 32 + 1 + 32;
    const suitesLength = (h[suitesAt] << 8) | h[suitesAt + 1];
    const extAt = suitesAt + 2 + suitesLength + 2;
    assertEquals((h[extAt] << 8) | h[extAt + 1], h.length - extAt - 2, spec.name);
  }
});

Deno.test("buildJarmHello: a server name over 255 bytes is refused", () => {
  assertThrows(() => buildJarmHello(JARM_PROBES[0], "a".repeat(256)), RangeError, "at most 255");
});
