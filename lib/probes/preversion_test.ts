/**
 * `preversion`'s silence is what marks a server EPS-like, so a slow answer must not pass for it:
 * a reply held past the wait by a server not heard at all yet (and the bound on that longer wait
 * when nothing comes), a reply that arrived while the observer's own loop was blocked, and a
 * server slower than even the longer wait, whose provisional mark the `features` probe clears
 * before the probes that avoid EPS decide. Each reproduces, on a quiet
 * lab, what a loaded lab did to 90 servers over four 1,000-server crawls (their replies came
 * past the 1.5 s wait; methodology §3.2).
 */
import net from "node:net";
import { assert, assertEquals } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import type { LabHost } from "../lab/population.ts";
import { type ProbeResult, runBattery } from "./battery.ts";
import type { ProbeContext } from "./probe.ts";
import { labProbeContext, withQuietLab } from "../../tests/helpers/lab_probe.ts";
import { withWorkerLab } from "../../tests/helpers/lab_worker.ts";

/** A fixture host whose every reply leaves `ms` late (the server itself slow). */
function slowHost(id: string, ms: number, seed: string): LabHost {
  const [h] = fixtureHosts([id], { seed });
  return { ...h, extraLatencyMs: ms };
}

async function run(ctx: ProbeContext, phases: string[][]) {
  let results: ProbeResult[];
  try {
    results = await runBattery(ctx, phases);
  } finally {
    ctx.session?.close();
  }
  const by = Object.fromEntries(results.map((r) => [r.probe, r]));
  const label = JSON.stringify(results.map((r) => [r.probe, r.status, r.message, r.data.outcome]));
  return { by, label };
}

Deno.test("preversion: a reply held past the wait by a server not heard at all yet is waited for (to twice the wait) and recorded late, not silent", async () => {
  const h = slowHost("electrumx-1.16.0", 2000, "preversion-late");
  await withQuietLab([h], async (lab) => {
    const ctx = labProbeContext(lab.hosts[0], { requestTimeoutMs: 4000 });
    const { by, label } = await run(ctx, [["preversion", "reach"]]);
    const d = by.preversion.data;
    assertEquals([d.outcome, d.wait_ms, d.extended], ["answered", 1500, true], label);
    assert((d.late_ms as number) >= 2000 && (d.late_ms as number) < 3000, label);
    assertEquals(ctx.facts.epsLike, undefined, label);
    assert(by.preversion.duration_ms < 3500, label);
  });
});

Deno.test("preversion: a server that answers nothing is waited for twice the wait, no longer, and stays silent", async () => {
  const h = slowHost("electrumx-1.16.0", 60_000, "preversion-never");
  await withQuietLab([h], async (lab) => {
    const ctx = labProbeContext(lab.hosts[0], { requestTimeoutMs: 4000 });
    const { by, label } = await run(ctx, [["preversion", "reach"]]);
    const d = by.preversion.data;
    assertEquals(
      [d.outcome, d.wait_ms, d.extended, d.late_ms, d.flush_ms],
      ["silent", 1500, true, null, null],
      label,
    );
    assertEquals(ctx.facts.epsLike, true, label);
    assert(by.preversion.duration_ms >= 3000 && by.preversion.duration_ms < 3500, label);
  });
});

Deno.test("preversion: a reply that arrived while the observer's loop was blocked past the wait is read, not taken for silence", async () => {
  // The reply leaves 0.5 s after the request, well within the 1.5 s wait, and after the loop is
  // blocked; the lab answers from another thread, as a server on another machine does, so its
  // reply waits in the socket while this loop is blocked.
  const h = slowHost("electrumx-1.16.0", 500, "preversion-blocked");
  await withWorkerLab([h], async () => {
    // The loop is blocked from a socket's data callback (where a collector parses replies and
    // writes records), once preversion has sent its request, for longer than its 1.5 s wait.
    let blockedMs = 0;
    const echo = await startLoopbackServer((s) => s.on("data", (b) => s.write(b)));
    const side = net.connect(echo.port, "127.0.0.1");
    await new Promise((resolve) => side.once("connect", resolve));
    side.on("data", () => {
      const t0 = performance.now();
      while (performance.now() - t0 < 2500) { /* busy */ }
      blockedMs = performance.now() - t0;
    });
    const ctx = labProbeContext(h);
    const open = ctx.open.bind(ctx);
    ctx.open = async (options) => {
      const c = await open(options);
      setTimeout(() => side.write("x"), 0);
      return c;
    };
    let out;
    try {
      out = await run(ctx, [["preversion"]]);
    } finally {
      side.destroy();
      await echo.close();
    }
    const { by, label } = out;
    const d = by.preversion.data;
    assert(blockedMs >= 2500, "the loop was not blocked");
    assertEquals([d.outcome, d.wait_ms], ["answered", 1500], label);
    assert((d.loop_lag_ms as number) >= 500, `${label} ${JSON.stringify(d)}`);
    assert((d.late_ms as number) > 1500, label);
    assertEquals(ctx.facts.epsLike, undefined, label);
  });
});

Deno.test("epsVerdict: the features probe's answer on the main session clears preversion's silence before methods, errors, version_range and fees decide", async () => {
  // Every reply 3.2 s late: past preversion's extended wait (twice 1.5 s), so it stays silent;
  // within the request deadline, so the main session's features is answered.
  const h = slowHost("fulcrum-2.1.1", 3200, "preversion-cleared");
  await withQuietLab([h], async (lab) => {
    const ctx = labProbeContext(lab.hosts[0], { requestTimeoutMs: 4000 });
    const { by, label } = await run(ctx, [
      ["preversion", "reach"],
      ["version"],
      ["features", "methods", "errors", "version_range", "fees"],
    ]);
    assertEquals(
      [by.preversion.data.outcome, by.preversion.data.extended],
      ["silent", true],
      label,
    );
    assertEquals([by.features.status, by.features.data.eps_like_cleared], ["success", true], label);
    assertEquals(ctx.facts.epsLike, false, label);
    for (const name of ["methods", "errors", "version_range"]) {
      assertEquals(by[name].status, "success", `${name}: ${label}`);
    }
    assertEquals((by.fees.data.mempool_info as { skipped?: string }).skipped, undefined, label);
  });
});
