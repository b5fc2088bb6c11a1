import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { ERROR_COST, networkGroup, Politeness } from "./politeness.ts";

Deno.test("networkGroup: IPv4 /24, IPv6 /48, names as themselves", () => {
  assertEquals(networkGroup("203.0.113.77"), "203.0.113.0/24");
  assertEquals(networkGroup("2001:db8:1:2::5"), "2001:db8:1::/48");
  assertEquals(networkGroup("2001:db8::1"), "2001:db8:0::/48");
  assertEquals(networkGroup("Abc.onion"), "abc.onion");
});

Deno.test("Politeness.mayProvoke: per address and per /24, refuses past either budget, refills at the set rate", () => {
  let now = 0;
  const p = new Politeness({
    errorBudget: 2250,
    groupBudget: 3400,
    refillPerSecond: 1,
    now: () => now,
  });
  assert(p.mayProvoke("198.51.100.1", ERROR_COST.parseError));
  assert(p.mayProvoke("198.51.100.1", ERROR_COST.parseError));
  assert(!p.mayProvoke("198.51.100.1", ERROR_COST.error)); // 50 left for this address: refused
  assert(p.mayProvoke("198.51.100.200", ERROR_COST.parseError)); // same /24, 1,200 left there
  assert(!p.mayProvoke("198.51.100.9", ERROR_COST.parseError)); // the /24 has 100 left: refused
  assert(p.mayProvoke("198.51.101.1", ERROR_COST.error)); // another /24
  assertEquals(p.refused, 2);
  now = 10_000_000; // long after: refilled, capped at the budget
  assertEquals(p.remaining("198.51.100.1"), 2250);
  assertThrows(() => p.mayProvoke("198.51.100.1", -1), RangeError);
  assertThrows(() => new Politeness({ errorBudget: -5 }), RangeError);
});

Deno.test("Politeness.connectionSlot: the global rate limit spaces new connections", async () => {
  const p = new Politeness({ connectionsPerSecond: 100, burst: 1 });
  const t0 = performance.now();
  for (let i = 0; i < 6; i++) await p.connectionSlot();
  const ms = performance.now() - t0;
  p.close();
  assert(ms >= 40, `6 slots at 100/s with burst 1 took ${ms} ms`);
  const off = new Politeness({ connectionsPerSecond: 0 });
  for (let i = 0; i < 1000; i++) await off.connectionSlot();
  off.close();
});
