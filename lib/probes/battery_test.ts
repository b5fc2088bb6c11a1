/**
 * The probe battery against one lab host of every personality, plus planted modified and
 * phishing hosts: every probe runs, EPS is never crashed, the inference names every family and
 * flags the modified servers, and the error probes never trip ElectrumX's -101 or Fulcrum's
 * error disconnect.
 */
import { assert, assertEquals, assertMatch } from "../testing/assert.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { PERSONALITIES, personality } from "../lab/servers/personalities.ts";
import { Politeness } from "../crawl/politeness.ts";
import type { ProbeRecord } from "../records/records.ts";
import { DEFAULT_BATTERY, type ProbeResult, runBattery } from "./battery.ts";
import { makeProbeContext } from "./probe.ts";
import { evidenceFromRecords, inferImplementation } from "../classify/infer_implementation.ts";
import { satisfiesVersionSet } from "../classify/version_set.ts";
import type { LabHost } from "../lab/population.ts";
import type { Lab } from "../lab/lab.ts";
import { runLabBattery } from "../../tests/helpers/lab_probe.ts";

function asRecords(results: ProbeResult[], h: LabHost): ProbeRecord[] {
  return results.map((r, seq) => ({
    scan_id: "t",
    seq,
    t: "2026-11-24T00:00:00.000Z",
    server: h.hostname!,
    attempt: 1,
    host: h.hostname!,
    ip: h.ipv4,
    port: 50002,
    transport: "tls",
    network: "clearnet",
    probe: r.probe,
    probe_version: r.probe_version,
    status: r.status,
    op: r.op ?? null,
    message: r.message ?? null,
    duration_ms: r.duration_ms,
    data: r.data,
  }));
}

async function runOn(
  lab: Lab,
  h: LabHost,
  politeness: Politeness,
  transport: "tls" | "tcp" = "tls",
) {
  return await runLabBattery(h, DEFAULT_BATTERY, {
    transport,
    mayProvoke: (cost) => politeness.mayProvoke(h.ipv4!, cost),
    beforeConnect: () => politeness.connectionSlot(),
    trustAnchorsPem: [lab.caPem],
  });
}

Deno.test("runBattery: every probe on every personality; inferImplementation names each family and version range; EPS survives", async () => {
  const ids = Object.keys(PERSONALITIES);
  const hosts = fixtureHosts(ids, { tls: true, seed: "battery-test" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const politeness = new Politeness({ connectionsPerSecond: 0 });
  try {
    const all = await Promise.all(hosts.map((h) => runOn(lab, h, politeness)));
    for (const [i, h] of hosts.entries()) {
      const p = personality(h.personality);
      const results = all[i];
      const by = Object.fromEntries(results.map((r) => [r.probe, r]));
      const label = `${h.personality}: ${
        JSON.stringify(
          results.filter((r) => r.status !== "success").map((r) => [r.probe, r.status, r.message]),
        )
      }`;
      for (const name of DEFAULT_BATTERY.flat()) assert(by[name], `${label} lacks ${name}`);
      for (
        const name of ["reach", "version", "tls", "banner", "tip", "latency", "wire", "preversion"]
      ) {
        assertEquals(by[name].status, "success", `${label} ${name}`);
      }
      const outcome = by.preversion.data.outcome;
      if (p.family === "eps") {
        assertEquals(outcome, "silent", label);
        for (const name of ["methods", "errors", "version_range", "jarm"]) {
          assertEquals(by[name].status, "unsupported", `${label} ${name}`);
        }
      } else {
        assertEquals(
          outcome,
          p.versionFirst ? "version-first" : p.family === "esplora" ? "error" : "answered",
          label,
        );
        assertEquals(by.errors.status, "success", label);
        assertMatch(String(by.jarm.data.fingerprint), /^[0-9a-f]{62}$/);
        assertEquals((by.jarm.data.probes as unknown[]).length, 10, label);
      }
      assertEquals((by.tls.data.verification as { reason: string }).reason, "self-signed", label);
      assertEquals(by.broadcast.data.html, false, label);
      const inf = inferImplementation(evidenceFromRecords(asRecords(results, h)));
      assertEquals(
        inf.family,
        p.family,
        `${label} inferred ${inf.family}: ${inf.evidence.join("; ")}`,
      );
      assertEquals(inf.agrees, true, label);
      if (inf.versionRange) {
        assert(
          satisfiesVersionSet(p.version, inf.versionRange),
          `${h.personality} outside ${inf.versionRange}`,
        );
      }
      if (p.family === "electrumx" || (p.family === "fulcrum" && p.protocolMax === "1.6")) {
        assert(inf.versionRange, `${h.personality} has no range`);
      }
      // Politeness as the servers saw it: no -101, and Fulcrum never hung up on the error probe.
      const text = JSON.stringify(results.map((r) => r.data));
      assert(!text.includes("excessive resource usage"), `${label} hit ElectrumX's cost limit`);
      if (p.family === "fulcrum") {
        for (const c of by.errors.data.cases as { outcome: string }[]) {
          assertEquals(c.outcome, "reply", label);
        }
      }
    }
    assertEquals([...lab.down], [], "a server crashed");
  } finally {
    politeness.close();
    await lab.stop();
  }
});

Deno.test("inferImplementation: flags modified servers (Fulcrum claiming ElectrumX and the reverse) and phishing broadcast errors", async () => {
  const hosts = fixtureHosts([
    "fulcrum-2.1.1",
    "electrumx-1.16.0",
    "electrumx-1.16.0",
    "electrumx-1.20.0",
  ], { tls: true, seed: "modified-test" });
  hosts[0].claims = "electrumx-1.20.0";
  hosts[1].claims = "fulcrum-2.1.1";
  hosts[2].role = "phishing";
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const politeness = new Politeness({ connectionsPerSecond: 0 });
  try {
    const [fulcrumInside, electrumxInside, phishing, honest] = await Promise.all(
      hosts.map((h) => runOn(lab, h, politeness)),
    );
    const a = inferImplementation(evidenceFromRecords(asRecords(fulcrumInside, hosts[0])));
    assertEquals([a.claimedFamily, a.family, a.agrees], ["electrumx", "fulcrum", false]);
    const b = inferImplementation(evidenceFromRecords(asRecords(electrumxInside, hosts[1])));
    assertEquals([b.claimedFamily, b.family, b.agrees], ["fulcrum", "electrumx", false]);
    const c = inferImplementation(evidenceFromRecords(asRecords(honest, hosts[3])));
    assertEquals(c.agrees, true);
    // A claim the wire contradicts lowers the confidence in the inferred family.
    assert(
      a.confidence! < c.confidence! && b.confidence! < c.confidence!,
      `${a.confidence} ${b.confidence} ${c.confidence}`,
    );
    const bc = phishing.find((r) => r.probe === "broadcast")!;
    assertEquals([bc.data.html, bc.data.url, bc.data.update_wording], [true, true, true]);
    const ok = honest.find((r) => r.probe === "broadcast")!;
    assertEquals([ok.data.html, ok.data.url], [false, false]);
  } finally {
    politeness.close();
    await lab.stop();
  }
});

Deno.test("errors probe: a spent /24 budget skips error cases instead of tripping ElectrumX -101", async () => {
  const hosts = fixtureHosts(["electrumx-1.20.0", "fulcrum-2.1.1"], { seed: "budget-test" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const politeness = new Politeness({ connectionsPerSecond: 0, refillPerSecond: 0 });
  try {
    // Ten full batteries against the same ElectrumX host: far more errors than its hard limit
    // allows if unbudgeted (10 x 1,600 units of error probes alone).
    for (let i = 0; i < 10; i++) {
      const results = await runOn(lab, hosts[0], politeness, "tcp");
      const text = JSON.stringify(results.map((r) => r.data));
      assert(!text.includes("excessive resource usage"), `run ${i} hit -101`);
      assert(!text.includes("-101"), `run ${i} hit -101`);
    }
    assert(politeness.refused > 0, "the budget never refused anything");
    assert(Math.max(...politeness.spent.values()) <= politeness.errorBudget);
    for (let i = 0; i < 3; i++) {
      const results = await runOn(lab, hosts[1], politeness, "tcp");
      const errs = results.find((r) => r.probe === "errors")!;
      for (const c of errs.data.cases as { outcome: string }[]) {
        assert(c.outcome !== "closed", "Fulcrum hung up");
      }
    }
  } finally {
    politeness.close();
    await lab.stop();
  }
});

Deno.test("methods probe: every family that runs it knows blockchain.transaction.id_from_pos; a build without it says it does not", async () => {
  const ids = [
    "electrumx-1.16.0",
    "electrumx-1.20.0",
    "electrumx-1.20.0",
    "fulcrum-1.12.0",
    "fulcrum-2.1.1",
    "electrs-0.9.13",
    "electrs-0.11.1",
    "esplora-0.4.1-2021",
    "esplora-0.4.1-new",
  ];
  const hosts = fixtureHosts(ids, { tls: true, seed: "id-from-pos-test" });
  hosts[2].settings.removedMethods = ["blockchain.transaction.id_from_pos"];
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const politeness = new Politeness({ connectionsPerSecond: 0 });
  try {
    const all = await Promise.all(hosts.map((h) => runOn(lab, h, politeness)));
    for (const [i, results] of all.entries()) {
      const m = results.find((r) => r.probe === "methods")!;
      assertEquals(m.status, "success", ids[i]);
      const support = m.data.support as Record<string, boolean | null>;
      assertEquals(support["blockchain.transaction.id_from_pos"], i !== 2, `${ids[i]} (${i})`);
    }
  } finally {
    politeness.close();
    await lab.stop();
  }
});

Deno.test("runBattery: on a one-client server (EPS, TLS only) the main session's handshake waits behind preversion's silence and is not failed by its own deadline", async () => {
  const hosts = fixtureHosts(["eps-0.2.4"], { tls: true, seed: "one-client-test" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const h = hosts[0];
  try {
    // The loaded-machine case in small: preversion holds EPS's one slot for its silence wait
    // (max(1.5 s, 4 x its round trip), here 1.5 s), longer than the handshake deadline (1 s) of
    // the main session queued behind it. The same port, as on a real EPS (no plain port).
    const ctx = makeProbeContext({
      endpoint: {
        server: h.hostname!,
        host: h.hostname!,
        ip: h.ipv4,
        dialIp: h.loopback,
        port: 50002,
        transport: "tls",
        network: "clearnet",
        plainPort: null,
      },
      dial: { policy: { mode: "lab" }, connectTimeoutMs: 1000, tlsTimeoutMs: 1000 },
      clientName: "observatory-test",
      requestTimeoutMs: 8000,
    });
    let results: ProbeResult[];
    try {
      results = await runBattery(ctx, [["preversion", "reach"], ["version", "tls"]]);
    } finally {
      ctx.session?.close();
    }
    const by = Object.fromEntries(results.map((r) => [r.probe, r]));
    const label = JSON.stringify(results.map((r) => [r.probe, r.status, r.op, r.message]));
    assertEquals([by.preversion.data.outcome, by.preversion.data.wait_ms], ["silent", 1500], label);
    // EPS answers the padding flush sent after server.features, so its silence is taken at the
    // end of the wait, not waited for longer (version 3 waits longer only when nothing came).
    assertEquals(by.preversion.data.extended, false, label);
    assert(typeof by.preversion.data.flush_ms === "number", label);
    assert(by.preversion.duration_ms < 2500, label);
    assertEquals(by.reach.status, "success", label);
    // It was served only once preversion hung up: its handshake took the silence wait.
    assert((by.reach.data.tls_ms as number) >= 1500, label);
    assertEquals(by.version.status, "success", label);
    assertEquals([...lab.down], [], "EPS crashed");
  } finally {
    await lab.stop();
  }
});
