/**
 * Test helper: the collector alone, in its own process, crawling a lab run by
 * `lab_process.ts` (whose info file gives the seeds and the address book) into a scan directory,
 * then deriving `servers.csv` into `<scan dir>/derived/` (an atomic write). Killing it at any
 * point and running it again on the same directory resumes the scan.
 *
 * Usage: deno run -A tests/helpers/collect_process.ts <info file> <scan dir>
 */
import { crawl } from "../../lib/crawl/crawl.ts";
import type { Resolver } from "../../lib/crawl/resolver.ts";
import { deriveTables } from "../../lib/pipeline/scan.ts";

const [infoPath, scanDir] = Deno.args;
const info = JSON.parse(await Deno.readTextFile(infoPath));
const resolver: Resolver = {
  kind: "lab",
  resolve: (host: string) =>
    Promise.resolve(/^[\d.]+$|:/.test(host) ? [host] : info.names[host.toLowerCase()] ?? []),
  dialAddress: (address: string) => info.dial[address] ?? null,
};
await crawl({
  target: "lab",
  seeds: info.seeds,
  resolver,
  socks: info.socks,
  scanDir,
  concurrency: 32,
  requestTimeoutMs: 2000,
  connectTimeoutMs: 2000,
  serverDeadlineMs: 10_000,
});
await Deno.mkdir(`${scanDir}/derived`, { recursive: true });
await deriveTables(scanDir, `${scanDir}/derived`, "lab");
const status = await Deno.readTextFile("/proc/self/status").catch(() => "");
console.log(
  JSON.stringify({ peakRssBytes: Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024 }),
);
