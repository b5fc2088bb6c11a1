/**
 * The `latency` probe against padded (ElectrumX >= 1.18) lab servers: a client socket without
 * TCP no-delay pays Nagle against the server's delayed ACK (about 40 ms on loopback) when it pairs
 * a ping with a second small request; the probe's dial sets no-delay, so its figure is the
 * no-delay one. The lab is run without simulated latency, so the kernel's own Nagle and delayed
 * ACK on loopback make the difference (as they did against a real ElectrumX, reference §7.1).
 */
import { assert } from "../testing/assert.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { connectElectrum } from "../electrum/connect.ts";
import type { LabHost } from "../lab/population.ts";
import { runLabBattery, withQuietLab } from "../../tests/helpers/lab_probe.ts";

/** Median `server.ping` round trip, each ping paired with a 13-header request as the probe does. */
async function pairedPingMedian(h: LabHost, noDelay: boolean): Promise<number> {
  const c = await connectElectrum({ host: h.hostname!, ip: h.loopback, port: 50001 }, {
    transport: "tcp",
    policy: { mode: "lab" },
    noDelay,
  });
  if (c.status !== "success") throw new Error(`${h.id}: ${c.message}`);
  try {
    await c.session.request("server.version", ["latency-test", "1.4"]);
    const rtts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ping = c.session.request("server.ping", []);
      void c.session.request("blockchain.block.headers", [0, 13]);
      const r = await ping;
      if (r.status === "success") rtts.push(r.rttMs);
    }
    return rtts.sort((a, b) => a - b)[Math.floor(rtts.length / 2)];
  } finally {
    c.session.close();
  }
}

Deno.test("latency: without no-delay a padded server's ping costs ~40 ms more; the probe's dial sets no-delay", async () => {
  const hosts = fixtureHosts(["electrumx-1.18.0", "electrumx-1.20.0"], { seed: "latency-test" });
  await withQuietLab(hosts, async () => {
    for (const h of hosts) {
      const on = await pairedPingMedian(h, true);
      const off = await pairedPingMedian(h, false);
      assert(
        off - on >= 25 && off - on <= 80,
        `${h.personality}: no-delay off ${off.toFixed(1)} ms vs on ${on.toFixed(1)} ms`,
      );
      const results = await runLabBattery(h, [["reach"], ["version"], [
        "features",
        "banner",
        "donation",
        "tip",
        "fees",
      ], ["latency"]], { dial: { policy: { mode: "lab" } }, clientName: "latency-test" });
      const lat = results.find((r) => r.probe === "latency")!;
      assert(lat.status === "success", JSON.stringify(lat));
      const median = lat.data.median_ms as number;
      assert(
        median < on + 15,
        `${h.personality}: probe median ${median} ms vs no-delay ${on.toFixed(1)} ms (off ${
          off.toFixed(1)
        })`,
      );
    }
  });
});
