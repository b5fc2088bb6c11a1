/**
 * Benchmark helper: the collector alone, in its own process, against a lab described by
 * `bench/_collect_lab.ts`'s info file. Mode `crawl` runs the full discovery and battery and
 * derives the tables; mode `certs` only captures certificates (reach + tls) of the lab's TLS
 * endpoints given as seeds, to compare with nmap's ssl-cert. Prints one JSON line: wall time,
 * peak RSS (VmHWM), servers discovered, certificates captured.
 *
 * Usage: deno run -A bench/_collect_run.ts <crawl|certs> <info file> <scan dir> [concurrency] [timing on|off]
 *
 * `timing off` skips the timing phase after the crawl (to time the crawl alone).
 */
import { crawl } from "../lib/crawl/crawl.ts";
import type { Resolver } from "../lib/crawl/resolver.ts";
import { deriveTables } from "../lib/pipeline/scan.ts";
import { readRecords } from "../lib/records/records.ts";

const [mode, infoPath, scanDir] = Deno.args;
const concurrency = Number(Deno.args[3] ?? 256);
const timingOff = Deno.args[4] === "off";
const info = JSON.parse(await Deno.readTextFile(infoPath));
const resolver: Resolver = {
  kind: "lab",
  resolve: (host: string) => {
    const all: string[] = /^[\d.]+$|:/.test(host) ? [host] : info.names[host.toLowerCase()] ?? [];
    return Promise.resolve(
      mode === "certs" ? all.filter((a) => !a.includes(":")).slice(0, 1) : all,
    );
  },
  dialAddress: (address: string) => info.dial[address] ?? null,
};
const t0 = performance.now();
const trace = Deno.env.get("BENCH_TRACE_MEMORY")
  ? setInterval(() => {
    const m = Deno.memoryUsage();
    console.error(
      `t=${Math.round(performance.now() - t0)} rss=${m.rss >> 20} heap=${m.heapUsed >> 20}/${
        m.heapTotal >> 20
      } external=${m.external >> 20}`,
    );
  }, 2000)
  : null;
const certs = mode === "certs";
const summary = await crawl({
  target: "lab",
  // One endpoint per TLS listener (as nmap sees them): the server's name, resolved to one address.
  seeds: certs
    ? info.tls.map((t: { server: string; port: number }) => ({ host: t.server, s: t.port }))
    : info.seeds,
  resolver,
  socks: info.socks,
  scanDir,
  concurrency,
  trustAnchorsPem: [info.caPem],
  politeness: { connectionsPerSecond: 5000 },
  // The crawl dials through the lab's path table and ends with the timing phase; certificate
  // capture (compared with nmap, which knows no path table) does neither.
  ...(certs
    ? { battery: [["reach"], ["tls"]], maxServers: info.tls.length, timing: false as const }
    : { path: info.paths ?? null, ...(timingOff ? { timing: false as const } : {}) }),
});
const crawlMs = performance.now() - t0;
if (trace !== null) clearInterval(trace);
const hwm = async () =>
  Number(
    /VmHWM:\s+(\d+) kB/.exec(await Deno.readTextFile("/proc/self/status").catch(() => ""))?.[1] ??
      0,
  ) * 1024;
const crawlPeakRssBytes = await hwm();
// CPU time of this process so far (user + system), ms: /proc/self/stat fields 14 and 15, in ticks of 10 ms.
const cpuMs = async () => {
  const f =
    (await Deno.readTextFile("/proc/self/stat").catch(() => "")).split(") ")[1]?.split(" ") ?? [];
  return (Number(f[11] ?? 0) + Number(f[12] ?? 0)) * 10;
};
const crawlCpuMs = await cpuMs();
if (!certs) {
  await Deno.mkdir(`${scanDir}/derived`, { recursive: true });
  await deriveTables(scanDir, `${scanDir}/derived`, "lab");
}
const wallMs = performance.now() - t0;
// The peak of crawl + derivation, taken before this script reads the whole records file back
// for its own counts below (which is not part of the collector's work).
const peakRssBytes = await hwm();
const { records } = await readRecords(`${scanDir}/records.jsonl`);
const discovered = new Set(records.filter((r) => r.probe === "discover").map((r) => r.server));
const expected = info.servers as string[];
const certsCaptured = records.filter((r) => r.probe === "tls" && r.status === "success").length;
console.log(JSON.stringify({
  crawlPeakRssBytes,
  crawlCpuMs,
  mode,
  crawlMs: Math.round(crawlMs),
  wallMs: Math.round(wallMs),
  peakRssBytes,
  servers: summary.servers,
  labHosts: expected.length,
  labHostsDiscovered: expected.filter((s) => discovered.has(s)).length,
  certsCaptured,
  tlsEndpoints: info.tls.length,
  byStatus: summary.byStatus,
  timingMs: summary.timing?.durationMs ?? null,
  timingServers: summary.timing?.servers ?? null,
  timingLoopLagMaxMs: summary.timing?.loopLagMaxMs ?? null,
}));
