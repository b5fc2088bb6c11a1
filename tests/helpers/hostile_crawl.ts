/**
 * Test helper (run as a subprocess by tests/hostile_crawl_test.ts): start a lab (with or without
 * the hostile hosts), crawl it with the collector's bounds, and print a JSON summary: derived
 * rows, per-server probe statuses, the crawl's duration and the process's peak memory.
 *
 * Usage: deno run -A tests/helpers/hostile_crawl.ts <size> <seed> <hostile 0|1>
 */
import { startLab } from "../../lib/lab/lab.ts";
import { crawl } from "../../lib/crawl/crawl.ts";
import { LabAddressBook } from "../../lib/crawl/resolver.ts";
import { readRecords } from "../../lib/records/records.ts";
import { deriveServers } from "../../lib/tables/derive_servers.ts";
import { groupByServer } from "../../lib/tables/scan_records.ts";

const [size, seed, hostile] = [Number(Deno.args[0]), Deno.args[1], Deno.args[2] === "1"];
const lab = await startLab({ size, seed, latency: 0, tipIntervalMs: 0, hostile });
const dir = await Deno.makeTempDir({ prefix: "obs-hostile-" });
let peakSampled = 0;
const sampler = setInterval(
  () => (peakSampled = Math.max(peakSampled, Deno.memoryUsage().rss)),
  25,
);
const t0 = performance.now();
const summary = await crawl({
  target: "lab",
  seeds: [lab.seeds[0], ...lab.hostileSeeds],
  resolver: new LabAddressBook(lab.resolver),
  socks: lab.socks,
  scanDir: dir,
  concurrency: 64,
  requestTimeoutMs: 4000,
  connectTimeoutMs: 4000,
  serverDeadlineMs: 15_000,
});
const crawlMs = performance.now() - t0;
clearInterval(sampler);
await lab.stop();
const { records } = await readRecords(`${dir}/records.jsonl`);
const rows = deriveServers(records, "lab");
const probes: Record<string, Record<string, string>> = {};
for (const s of groupByServer(records).servers) {
  probes[s.server] = {};
  for (const r of s.records) probes[s.server][`${r.probe}`] ??= r.status;
}
const status = await Deno.readTextFile("/proc/self/status").catch(() => "");
const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
const truth = lab.hosts.map((h) => ({
  id: h.id,
  role: h.role,
  hostility: h.hostility ?? null,
  key: (h.onion ?? h.hostname ?? h.ipv4 ?? "").toLowerCase(),
}));
// The raw bytes of each server's version reply, as recorded (base64).
const rawVersion: Record<string, string> = {};
for (const r of records) {
  const raw = r.probe === "version" ? (r.data.raw as { b64?: string } | undefined) : undefined;
  if (raw?.b64) rawVersion[r.server] = raw.b64;
}
const guardRefusals = records.filter((r) => /mode dials only/.test(r.message ?? "")).length;
await Deno.remove(dir, { recursive: true });
console.log(
  JSON.stringify({
    crawlMs,
    peakRssBytes: Math.max(hwm, peakSampled),
    servers: summary.servers,
    records: records.length,
    rows,
    probes,
    truth,
    guardRefusals,
    rawVersion,
  }),
);
