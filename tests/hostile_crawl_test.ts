/**
 * End to end: the collector against a lab mixing every hostile personality with honest servers.
 * It finishes within the per-server deadlines, its peak memory stays under the stated bound,
 * every hostile server gets the record its hostility predicts, non-public advertised addresses
 * are recorded `blocklisted` and never dialled, and the honest servers' rows are identical to a
 * run of the same lab without the hostile hosts (timing columns aside).
 *
 * Each crawl runs in a subprocess with its own network namespace (when root), so the two labs
 * (same loopback addresses) run side by side.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { HOSTILITIES, PHANTOMS, PRIVATE_LITERALS } from "../lib/lab/hostile/mod.ts";
import { denoCommand } from "./helpers/isolated.ts";
import { startLoopbackServer } from "../lib/testing/loopback_server.ts";
import { crawl } from "../lib/crawl/crawl.ts";
import { readRecords } from "../lib/records/records.ts";
import { stableServerRow } from "../lib/tables/derive_servers.ts";

/** Peak RSS the collector (with the lab in the same process) must stay under. */
const PEAK_RSS_BOUND = 512 * 1024 * 1024;

interface Summary {
  crawlMs: number;
  peakRssBytes: number;
  servers: number;
  rows: Record<string, unknown>[];
  probes: Record<string, Record<string, string>>;
  truth: { id: string; role: string; hostility: string | null; key: string }[];
  guardRefusals: number;
  rawVersion: Record<string, string>;
}

async function run(hostile: boolean): Promise<Summary> {
  const cmd = await denoCommand(new URL("./helpers/hostile_crawl.ts", import.meta.url).pathname, [
    "30",
    "hostile-e2e",
    hostile ? "1" : "0",
  ]);
  const out = await cmd.output();
  const text = new TextDecoder().decode(out.stdout);
  assert(out.success, `helper failed: ${new TextDecoder().decode(out.stderr).slice(-2000)}`);
  return JSON.parse(text.trim().split("\n").at(-1)!);
}

const stable = stableServerRow;

Deno.test({
  name: "crawl against every hostile personality: bounded, precise statuses, honest rows unchanged",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const [plain, mixed] = await Promise.all([run(false), run(true)]);

    // Bounded: every server within its deadline (15 s each, all in parallel), memory under the bound.
    assert(mixed.crawlMs < 40_000, `hostile crawl took ${Math.round(mixed.crawlMs)} ms`);
    assert(
      mixed.peakRssBytes < PEAK_RSS_BOUND,
      `peak RSS ${mixed.peakRssBytes} >= ${PEAK_RSS_BOUND}`,
    );
    // Each session holds at most 16 MiB received, a 2 MiB partial line and the parsed values of
    // what it keeps (about twice their bytes): about 50 MiB (methodology.md §5.1).
    const perSession = 50 * 1024 * 1024;
    assert(
      mixed.peakRssBytes - plain.peakRssBytes < HOSTILITIES.length * perSession,
      `hostile servers added ${mixed.peakRssBytes - plain.peakRssBytes} bytes`,
    );
    console.log(
      `hostile crawl: ${Math.round(mixed.crawlMs)} ms, peak RSS ${
        (mixed.peakRssBytes / 2 ** 20).toFixed(0)
      } MiB (plain lab: ${Math.round(plain.crawlMs)} ms, ${
        (plain.peakRssBytes / 2 ** 20).toFixed(0)
      } MiB)`,
    );

    // Every hostile server: a finished record set with the status its hostility predicts.
    const rowOf = new Map(mixed.rows.map((r) => [String(r.server), r]));
    const planted = mixed.truth.filter((h) =>
      h.role === "hostile" && h.hostility !== "private-target"
    );
    assertEquals(planted.length, HOSTILITIES.length);
    for (const hz of HOSTILITIES) {
      const host = planted.find((h) => h.hostility === hz.id)!;
      const row = rowOf.get(host.key);
      assert(row, `no row for hostile ${hz.id} (${host.key.slice(0, 60)})`);
      assertEquals(row.status, hz.expect.status, `status of ${hz.id}: ${row.status_message}`);
      if (hz.expect.probe) {
        assertEquals(
          mixed.probes[host.key]?.[hz.expect.probe],
          hz.expect.probeStatus,
          `${hz.expect.probe} of ${hz.id}`,
        );
      }
    }

    // Raw records keep the exact bytes: the invalid UTF-8 survives in the version reply's base64.
    const utf8Host = planted.find((h) => h.hostility === "invalid-utf8")!;
    const raw = Uint8Array.from(atob(mixed.rawVersion[utf8Host.key] ?? ""), (c) => c.charCodeAt(0));
    const bad = [0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0x80];
    assert(
      raw.some((_, i) => bad.every((b, j) => raw[i + j] === b)),
      "the invalid UTF-8 bytes are not kept exactly",
    );

    // Non-public advertised addresses and names resolving to them: recorded, never dialled.
    for (
      const key of [
        ...PRIVATE_LITERALS.map((x) => x.toLowerCase()),
        ...PHANTOMS.map((p) => p.name),
      ]
    ) {
      const row = rowOf.get(key);
      assert(row, `no row for advertised ${key}`);
      assertEquals(row.status, "blocklisted", `status of ${key}`);
      assertEquals(mixed.probes[key].reach, "blocklisted", `reach of ${key}`);
      assertEquals(
        Object.keys(mixed.probes[key]).filter((p) =>
          !["discover", "resolve", "reach", "done"].includes(p)
        ),
        [],
        `${key} was probed`,
      );
    }
    assertEquals(rowOf.get("nxdomain.hostile.lab")?.status, "dns-error");
    assert(
      ![...rowOf.keys()].some((k) => k.length > 253),
      "a 10,000-character name became a server",
    );
    // The crawler never even asked the guard for a non-loopback address.
    assertEquals(mixed.guardRefusals, 0);

    // Honest servers: the same rows as without the hostile hosts.
    const hostileKeys = new Set(mixed.truth.filter((h) => h.role === "hostile").map((h) => h.key));
    const discoveredByHostile = (k: string) =>
      hostileKeys.has(k) || PRIVATE_LITERALS.some((x) => x.toLowerCase() === k) ||
      k.endsWith(".hostile.lab");
    const honestMixed = mixed.rows.filter((r) => !discoveredByHostile(String(r.server))).map(
      stable,
    );
    const honestPlain = plain.rows.map(stable);
    assertEquals(honestMixed.length, honestPlain.length, "honest server count");
    assertEquals(honestMixed, honestPlain);
  },
});

Deno.test({
  name:
    "crawl ends a server that never answers at its server deadline, long before its request deadlines",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const server = await startLoopbackServer((s) => void s.on("data", () => {}));
    const dir = await Deno.makeTempDir({ prefix: "obs-deadline-" });
    try {
      const t0 = performance.now();
      // A one-host lab: a simulated public address that routes to the silent loopback server.
      const resolver = {
        kind: "lab",
        resolve: () => Promise.resolve(["5.255.1.1"]),
        dialAddress: () => "127.0.0.1",
      };
      await crawl({
        target: "lab",
        seeds: [{ host: "silent.lab", t: server.port }],
        resolver,
        scanDir: dir,
        requestTimeoutMs: 30_000,
        serverDeadlineMs: 600,
      });
      const took = performance.now() - t0;
      assert(took < 5000, `crawl took ${Math.round(took)} ms`);
      const { records } = await readRecords(`${dir}/records.jsonl`);
      // The probes the deadline cut short record a timeout naming it (whichever probes they were).
      const cut = records.filter((r) => r.status === "timeout");
      assert(cut.length > 0, "no probe recorded the deadline");
      for (const r of cut) {
        assert(
          /server deadline of 600 ms exceeded/.test(r.message ?? ""),
          `${r.probe}: ${r.message}`,
        );
      }
      assert(
        !records.some((r) => r.status === "aborted"),
        "a probe recorded aborted instead of timeout",
      );
      assert(records.some((r) => r.probe === "done"), "no done record");
    } finally {
      await server.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
