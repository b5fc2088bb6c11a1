import { assert, assertEquals } from "../testing/assert.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { jitterMs, measureTimings, type TimingOutput, type TimingTarget } from "./timing.ts";

Deno.test("jitterMs: mean absolute difference of consecutive samples; null under two", () => {
  assertEquals(jitterMs([10, 12, 11, 15]), 2.33); // (2 + 1 + 4) / 3, to 0.01 ms
  assertEquals(jitterMs([10]), null);
  assertEquals(jitterMs([]), null);
});

Deno.test("measureTimings: minimum near the lab's path for TCP, TLS and ping, sample counts and loop lag recorded; a dead endpoint is a record", async () => {
  const hosts = fixtureHosts(["electrumx-1.20.0", "fulcrum-2.1.1"], { tls: true, seed: "timing-test" })
    .map((h, i) => ({ ...h, rttMs: 40 + 20 * i }));
  const lab = await startLab({ hosts, latency: 1, tipIntervalMs: 0 });
  try {
    // The lab publishes its paths by loopback address, nothing else.
    assertEquals(lab.paths.rttMs, { [hosts[0].loopback]: 40, [hosts[1].loopback]: 60 });
    const targets: TimingTarget[] = hosts.map((h) => ({ server: h.id, host: h.hostname!, ip: h.ipv4, dialIp: h.loopback, port: 50002, transport: "tls", padded: h.personality.startsWith("electrumx") }));
    targets.push({ server: "dead", host: "dead.lab", ip: null, dialIp: "127.0.0.1", port: 1, transport: "tcp", padded: false });
    const out = new Map<string, TimingOutput>();
    const summary = await measureTimings(targets, {
      dial: { policy: { mode: "lab" }, path: lab.paths },
      clientName: "timing-test",
      onResult: (t, r) => void out.set(t.server, r),
    }, { samples: 4, concurrency: 2, spacingMs: 50 });
    assertEquals(summary.servers, 3);
    assertEquals(summary.samplesPerServer, 4);
    assert(summary.loopLagMaxMs !== null && summary.loopLagMedianMs !== null);
    for (const [i, h] of hosts.entries()) {
      const d = out.get(h.id)!.data;
      assertEquals(out.get(h.id)!.status, "success");
      assertEquals((d.connect_ms as number[]).length, 4);
      assertEquals((d.tls_ms as number[]).length, 4);
      assertEquals((d.app_ms as number[]).length, 4);
      const want = 40 + 20 * i;
      for (const k of ["connect_min_ms", "tls_min_ms", "app_min_ms"]) {
        const v = d[k] as number;
        assert(v >= want - 0.5 && v <= want + 10, `${h.personality} ${k} ${v} for a ${want} ms path`);
      }
      assert(typeof d.connect_jitter_ms === "number" && typeof d.loop_lag_max_ms === "number");
    }
    const dead = out.get("dead")!;
    assertEquals(dead.status, "refused");
    // Two failed samples in a row end its sampling.
    assertEquals((dead.data.failures as unknown[]).length, 2);
  } finally {
    await lab.stop();
  }
});
