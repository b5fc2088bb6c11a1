import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { ERROR_COST, networkGroup, Politeness, type PolitenessLedger } from "./politeness.ts";
import { crawl } from "./crawl.ts";
import { LabAddressBook } from "./resolver.ts";
import { type ProbeRecord, readRecords } from "../records/records.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";

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

Deno.test("Politeness.ledger: the units held carry to the next scan, less the refill in between, and cap what it may spend", () => {
  let wall = Date.parse("2026-12-03T19:00:00Z");
  const opts = { errorBudget: 3000, carryLimit: 4000, now: () => 0, wallClock: () => wall };
  const first = new Politeness(opts);
  assert(first.mayProvoke("198.51.100.1", 2 * ERROR_COST.parseError + 700));
  assert(first.mayProvoke("Abc.onion", ERROR_COST.error));
  const ledger = first.ledger();
  assertEquals(ledger, {
    at: "2026-12-03T19:00:00.000Z",
    addresses: { "198.51.100.1": 2900, "abc.onion": 100 },
  });
  wall += 200_000; // 200 s later at 1 unit/s: 2,700 units still held by the first address
  const second = new Politeness({ ...opts, carried: ledger });
  // A scan's own budget is fresh, but the held units leave 4,000 - 2,700 for this one.
  assertEquals(second.remaining("198.51.100.1"), 1300);
  assertEquals(second.remaining("abc.onion"), 3000);
  assert(second.mayProvoke("198.51.100.1", ERROR_COST.parseError));
  assert(!second.mayProvoke("198.51.100.1", 2 * ERROR_COST.error + 1), "the held units count");
  assertEquals(second.refused, 1);
  const third = second.ledger();
  assertEquals(third.addresses, { "198.51.100.1": 3800 });
  wall += 4000_000; // long after: nothing held, nothing carried
  assertEquals(new Politeness({ ...opts, carried: third }).ledger().addresses, {});
  assertEquals(new Politeness({ ...opts, carried: ledger }).remaining("198.51.100.1"), 3000);
  assertThrows(
    () => new Politeness({ carried: { at: "yesterday", addresses: {} } }),
    RangeError,
  );
  assertThrows(() => new Politeness({ carryLimit: -1 }), RangeError);
});

/** Status per (server, transport, port, probe) of one crawl's records, in a stable order. */
function statuses(records: ProbeRecord[]): Map<string, ProbeRecord> {
  const key = (r: ProbeRecord) => `${r.server} ${r.transport ?? ""} ${r.port ?? ""} ${r.probe}`;
  return new Map(
    records.filter((r) => r.probe !== "done").map((r) => [key(r), r] as const)
      .toSorted(([a], [b]) => a.localeCompare(b)),
  );
}

Deno.test("Politeness carried from scan to scan: a lab crawled five times back to back never draws ElectrumX's -101, and answers each time as the first, but for error probes skipped as such", async () => {
  const hosts = fixtureHosts(["electrumx-1.16.0", "electrumx-1.20.0", "fulcrum-2.1.1"], {
    seed: "recrawl",
    tls: true,
  });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const seeds = hosts.map((h) => ({ host: h.hostname!, t: h.tcpPort!, s: h.tlsPort! }));
  const dir = await Deno.makeTempDir({ prefix: "obs-recrawl-" });
  let carried: PolitenessLedger | undefined;
  let first: Map<string, ProbeRecord> | null = null;
  const skippedPerCrawl: number[] = [];
  try {
    for (let crawlNo = 1; crawlNo <= 5; crawlNo++) {
      const politeness = new Politeness({
        connectionsPerSecond: 0,
        ...(carried ? { carried } : {}),
      });
      const scanDir = `${dir}/${crawlNo}`;
      await crawl({
        target: "lab",
        seeds,
        resolver: new LabAddressBook(lab.resolver),
        socks: lab.socks,
        scanDir,
        trustAnchorsPem: [lab.caPem],
        politeness,
        timing: false,
      });
      politeness.close();
      carried = politeness.ledger();
      skippedPerCrawl.push(politeness.refused);
      const { records } = await readRecords(`${scanDir}/records.jsonl`);
      assert(
        !JSON.stringify(records).includes("excessive resource usage"),
        `crawl ${crawlNo} drew -101`,
      );
      const now = statuses(records);
      first ??= now;
      const changed = [...new Set([...first.keys(), ...now.keys()])].filter((k) =>
        now.get(k)?.status !== first!.get(k)?.status &&
        !/politeness budget|skipped-budget/.test(JSON.stringify(now.get(k)))
      ).map((k) => `${k}: ${first!.get(k)?.status} -> ${now.get(k)?.status}`);
      assertEquals(changed, [], `crawl ${crawlNo}`);
    }
    // The first three fit in the held budget whole; later ones skip what would pass it.
    assertEquals(skippedPerCrawl.slice(0, 3), [0, 0, 0], `skipped per crawl: ${skippedPerCrawl}`);
    assert(skippedPerCrawl[3] > 0, `skipped per crawl: ${skippedPerCrawl}`);
  } finally {
    await lab.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
