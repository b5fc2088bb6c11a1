import { assert, assertEquals } from "../testing/assert.ts";
import { STATUSES } from "../net/status.ts";
import { isProbeReading, PROBE_READINGS } from "./readings.ts";
import { skipped } from "./probe.ts";

Deno.test("isProbeReading: every failure status and non-reply case outcome is a reading", () => {
  for (const s of STATUSES) assertEquals(isProbeReading(s), s !== "success", s);
  for (const o of ["silent", "closed", "timeout", "ambiguous", "skipped-budget", "not-sent"]) {
    assert(PROBE_READINGS.has(o), o);
  }
  assert(!PROBE_READINGS.has("reply") && !PROBE_READINGS.has("reply-closed"));
  // A probe skipped on purpose records its status: that word is the collector's.
  assert(isProbeReading(skipped("EPS-like server").status));
  assert(isProbeReading("then-closed: -32600 invalid request"));
});

Deno.test("isProbeReading: a server's words are not a reading", () => {
  assertEquals(isProbeReading(null), false);
  assertEquals(isProbeReading("-32601 unknown method <q>"), false);
  assertEquals(isProbeReading('"unsupported"'), false);
});
