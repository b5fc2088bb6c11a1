/**
 * Benchmark helper: run a lab in its own process until SIGTERM, and write what a collector in
 * another process needs (seeds, SOCKS gateway, address book) plus what the benchmark compares
 * against (every host's server key, TLS endpoints on loopback) to `<info file>`.
 *
 * Usage: deno run -A bench/_collect_lab.ts <size> <seed> <latency> <info file>
 */
import { startLab } from "../lib/lab/lab.ts";
import { writeFileAtomic } from "../lib/data/atomic_write.ts";

const [size, seed, latency, infoPath] = [
  Number(Deno.args[0]),
  Deno.args[1],
  Number(Deno.args[2]),
  Deno.args[3],
];
const lab = await startLab({ size, seed, latency, tipIntervalMs: 0 });
const names: Record<string, string[]> = {};
const dial: Record<string, string | null> = {};
for (const h of lab.hosts) {
  for (const n of [h.hostname, h.onion]) if (n) names[n.toLowerCase()] = lab.resolver.resolve(n);
  for (const a of [h.ipv4, h.ipv6]) if (a) dial[a] = lab.resolver.dialAddress(a);
}
const servers = lab.hosts.map((h) => (h.hostname ?? h.onion ?? h.ipv4)!.toLowerCase());
const tls = lab.hosts.filter((h) => h.tlsPort && !h.onion).map((h) => ({
  server: (h.hostname ?? h.ipv4)!.toLowerCase(),
  ip: h.ipv4,
  loopback: h.loopback,
  port: h.tlsPort,
}));
await writeFileAtomic(
  infoPath,
  JSON.stringify({
    seeds: lab.seeds.slice(0, 1),
    socks: lab.socks,
    caPem: lab.caPem,
    names,
    dial,
    servers,
    tls,
    paths: lab.paths,
  }),
);
Deno.addSignalListener("SIGTERM", async () => {
  await lab.stop();
  Deno.exit(0);
});
