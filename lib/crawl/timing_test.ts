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
import type { LabHost } from "../lab/population.ts";

/** The timing target of a lab host's endpoint (TLS on 50002, TCP on 50001), dialled on its loopback address. */
function labTarget(
  h: LabHost,
  transport: "tcp" | "tls",
  extra: Partial<TimingTarget> = {},
): TimingTarget {
  return {
    server: h.id,
    host: h.hostname!,
    ip: h.ipv4,
    dialIp: h.loopback,
    port: transport === "tls" ? 50002 : 50001,
    transport,
    padded: false,
    ...extra,
  };
}

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
    const targets = hosts.map((h) =>
      labTarget(h, "tls", { padded: h.personality.startsWith("electrumx") })
    );
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
    // Any two samples agree within 100 %: the TLS figure converges at the third sample; the
    // connect and application figures count only samples with no handshake beside them, so the
    // three with one do not count and three bare ones follow (a TCP connect and a ping on the held
    // session). (Every sample counts as quiet: the machine's load must not decide this test.)
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
      easy.app_held_samples,
    ], [6, 3, 6, 6, 5]);
    // The TLS figure stops at `tlsSamples` whether converged or not.
    const fewTls = await run({
      samples: 6,
      minSamples: 3,
      tlsSamples: 2,
      toleranceMs: -1,
      toleranceFraction: 0,
      spacingMs: 0,
    });
    assertEquals([
      (fewTls.connect_ms as number[]).length,
      (fewTls.tls_ms as number[]).length,
      (fewTls.app_ms as number[]).length,
    ], [6, 2, 6]);
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

Deno.test("measureTimings: server.version once per server and its ping in the same write, later pings on the held session; a one-client server gets a fresh connection per sample", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1", "eps-0.2.4"], { tls: true, seed: "timing-held" })
    .map((h) => ({ ...h, rttMs: 30 }));
  const lab = await startLab({ hosts, latency: 1, tipIntervalMs: 0 });
  try {
    const targets = hosts.map((h, i) => labTarget(h, "tls", { singleClient: i === 1 }));
    const out = new Map<string, TimingOutput>();
    await measureTimings(targets, {
      dial: { policy: { mode: "lab" }, path: lab.paths },
      clientName: "timing-test",
      onResult: (t, r) => void out.set(t.server, r),
    }, { samples: 4, minSamples: 4, concurrency: 2, spacingMs: 0, quietLagMs: Infinity });
    const of = (id: string, method: string) =>
      lab.requests.filter((e) => e.host === id && e.method === method);
    // Fulcrum: one session, opened once; four pings on it.
    assertEquals(of(hosts[0].id, "server.version").length, 1);
    const pings = of(hosts[0].id, "server.ping");
    assertEquals(pings.length, 4);
    assertEquals(new Set(pings.map((e) => e.conn)).size, 1);
    assertEquals(out.get(hosts[0].id)!.data.app_held_samples, 3);
    // The first ping arrived with server.version, not a round trip (30 ms) after its reply.
    const v = of(hosts[0].id, "server.version")[0];
    assert(pings[0].t - v.t < 15, `ping ${pings[0].t - v.t} ms after server.version`);
    // EPS: a fresh connection (server.version, ping) per sample, none held.
    assertEquals(of(hosts[1].id, "server.version").length, 4);
    assertEquals(new Set(of(hosts[1].id, "server.ping").map((e) => e.conn)).size, 4);
    assertEquals(out.get(hosts[1].id)!.data.app_held_samples, 0);
    for (const h of hosts) assertEquals((out.get(h.id)!.data.app_ms as number[]).length, 4);
  } finally {
    await lab.stop();
  }
});

Deno.test("measureTimings: at most `sessions` servers in progress, the longest round trip known entering first", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1", "fulcrum-2.1.1"], { tls: false, seed: "timing-w" })
    .map((h) => ({ ...h, rttMs: 10 }));
  const lab = await startLab({ hosts, latency: 1, tipIntervalMs: 0 });
  try {
    const targets = hosts.map((h, i) => labTarget(h, "tcp", { rttHintMs: i === 1 ? 100 : 10 }));
    await measureTimings(targets, {
      dial: { policy: { mode: "lab" }, path: lab.paths },
      clientName: "timing-test",
      onResult: () => {},
    }, { samples: 3, concurrency: 2, sessions: 1, spacingMs: 0, quietLagMs: Infinity });
    // One at a time: every request to the second target (the longer hint) came before any to the
    // first, though both were sampled, with two workers free.
    const first = lab.requests.filter((e) => e.host === hosts[0].id).map((e) => e.t);
    const second = lab.requests.filter((e) => e.host === hosts[1].id).map((e) => e.t);
    assert(first.length > 0 && second.length > 0);
    assert(Math.max(...second) <= Math.min(...first), "the two servers overlapped");
  } finally {
    await lab.stop();
  }
});
