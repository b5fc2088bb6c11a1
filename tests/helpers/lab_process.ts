/**
 * Test helper: run a lab in its own process until killed, and write what a collector in another
 * process needs (seeds, the SOCKS gateway, the address book as JSON) to `<info file>`.
 *
 * Usage: deno run -A tests/helpers/lab_process.ts <size> <seed> <hostile 0|1> <info file>
 */
import { startLab } from "../../lib/lab/lab.ts";
import { writeFileAtomic } from "../../lib/data/atomic_write.ts";

const [size, seed, hostile, infoPath] = [
  Number(Deno.args[0]),
  Deno.args[1],
  Deno.args[2] === "1",
  Deno.args[3],
];
const lab = await startLab({ size, seed, latency: 0.3, tipIntervalMs: 0, hostile });
const names: Record<string, string[]> = {};
const dial: Record<string, string | null> = {};
for (const h of lab.hosts) {
  for (const n of [h.hostname, h.onion]) if (n) names[n.toLowerCase()] = lab.resolver.resolve(n);
  for (const a of [h.ipv4, h.ipv6]) if (a) dial[a] = lab.resolver.dialAddress(a);
}
await writeFileAtomic(
  infoPath,
  JSON.stringify({ seeds: [lab.seeds[0], ...lab.hostileSeeds], socks: lab.socks, names, dial }),
);
Deno.addSignalListener("SIGTERM", async () => {
  await lab.stop();
  Deno.exit(0);
});
