import { assert, assertEquals } from "../testing/assert.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import {
  converged,
  jitterMs,
  measureTimings,
  type TimingOutput,
  type TimingTarget,
} from "./timing.ts";

Deno.test("jitterMs: mean absolute difference of consecutive samples; null under two", () => {
  assertEquals(jitterMs([10, 12, 11, 15]), 2.33); // (2 + 1 + 4) / 3, to 0.01 ms
  assertEquals(jitterMs([10]), null);
  assertEquals(jitterMs([]), null);
});

Deno.test("measureTimings: minimum near the lab's path for TCP, TLS and ping, sample counts and loop lag recorded; a dead endpoint is a record", async () => {
  const hosts = fixtureHosts(["electrumx-1.20.0", "fulcrum-2.1.1"], {
    tls: true,
    seed: "timing-test",
  })
    .map((h, i) => ({ ...h, rttMs: 40 + 20 * i }));
  const lab = await startLab({ hosts, latency: 1, tipIntervalMs: 0 });
  try {
    // The lab publishes its paths by loopback address, nothing else.
    assertEquals(lab.paths.rttMs, { [hosts[0].loopback]: 40, [hosts[1].loopback]: 60 });
    const targets: TimingTarget[] = hosts.map((h) => ({
      server: h.id,
      host: h.hostname!,
      ip: h.ipv4,
      dialIp: h.loopback,
      port: 50002,
      transport: "tls",
      padded: h.personality.startsWith("electrumx"),
    }));
    targets.push({
      server: "dead",
      host: "dead.lab",
      ip: null,
      dialIp: "127.0.0.1",
      port: 1,
      transport: "tcp",
      padded: false,
    });
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
      // Four samples (the default least and the most here).
      for (const k of ["connect_ms", "tls_ms", "app_ms"]) {
        const n = (d[k] as number[]).length;
        assert(n === 4, `${h.personality} ${k}: ${n} samples`);
      }
      const want = 40 + 20 * i;
      for (const k of ["connect_min_ms", "tls_min_ms", "app_min_ms"]) {
        const v = d[k] as number;
        // The dial's path hold never ends early (path_delay.ts), so TCP and TLS are never under the
        // path; the application reply is timed by the lab server's own timer.
        const least = k === "app_min_ms" ? want - 0.5 : want;
        assert(v >= least && v <= want + 10, `${h.personality} ${k} ${v} for a ${want} ms path`);
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

Deno.test("converged: enough samples and the two lowest within the tolerance (ms or fraction, the larger)", () => {
  assertEquals(converged([100.4, 130, 100], 3, 1, 0.02), true);
  assertEquals(converged([100.4, 100], 3, 1, 0.02), false); // too few
  assertEquals(converged([103, 130, 100], 3, 1, 0.02), false); // 3 ms > max(1, 2)
  assertEquals(converged([101.9, 130, 100], 3, 1, 0.02), true); // 1.9 ms <= 2 % of 100
  assertEquals(converged([10.9, 30, 10], 3, 1, 0.02), true); // 0.9 ms <= 1 ms
  assertEquals(converged([5], 1, 1, 0.02), false); // one sample never converges
});

Deno.test("measureTimings: a figure stops being sampled once converged; an endpoint stops when all have", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1"], { tls: true, seed: "timing-early" }).map((h) => ({
    ...h,
    rttMs: 20,
  }));
  const lab = await startLab({ hosts, latency: 1, tipIntervalMs: 0 });
  try {
    const t: TimingTarget = {
      server: hosts[0].id,
      host: hosts[0].hostname!,
      ip: hosts[0].ipv4,
      dialIp: hosts[0].loopback,
      port: 50002,
      transport: "tls",
      padded: false,
    };
    const run = async (options: Parameters<typeof measureTimings>[2]) => {
      let out: TimingOutput | null = null;
      await measureTimings([t], {
        dial: { policy: { mode: "lab" }, path: lab.paths },
        clientName: "timing-test",
        onResult: (_, r) => void (out = r),
      }, options);
      return out!.data;
    };
    // Any two samples agree within 100 %: every figure converges at the third sample.
    // (Every sample counts as quiet: the machine's load must not decide this test.)
    const easy = await run({
      samples: 8,
      minSamples: 3,
      toleranceFraction: 1,
      spacingMs: 0,
      quietLagMs: Infinity,
    });
    assertEquals([
      (easy.connect_ms as number[]).length,
      (easy.tls_ms as number[]).length,
      (easy.app_ms as number[]).length,
      easy.samples_taken,
    ], [3, 3, 3, 3]);
    // Nothing ever agrees within -1 ms: all eight samples are taken.
    const never = await run({
      samples: 8,
      minSamples: 3,
      toleranceMs: -1,
      toleranceFraction: 0,
      spacingMs: 0,
    });
    assertEquals([
      (never.connect_ms as number[]).length,
      (never.app_ms as number[]).length,
      never.samples_taken,
    ], [8, 8, 8]);
    // Samples taken while the loop was late count for the minimum but never for convergence.
    const busy = await run({
      samples: 5,
      minSamples: 3,
      toleranceFraction: 1,
      spacingMs: 0,
      quietLagMs: -1,
      quietWaitMs: 0,
    });
    assertEquals([
      (busy.connect_ms as number[]).length,
      (busy.app_ms as number[]).length,
      busy.samples_taken,
      busy.samples_quiet,
    ], [5, 5, 5, 0]);
  } finally {
    await lab.stop();
  }
});
