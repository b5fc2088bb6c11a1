// The scenarios that make the lab worth clustering (population/scenarios.ts, operators.ts,
// variety.ts): honest multi-server operators, configuration variety, and the harder adversaries,
// checked in the built population and, where cheap, on the wire.
import net from "node:net";
import tls from "node:tls";
import { assert, assertEquals } from "../testing/assert.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { BARE_BROADCAST_MESSAGE } from "./servers/behaviours.ts";
import { startLab } from "./lab.ts";
import { buildPopulation, discovers, type LabHost, rtt } from "./population.ts";
import { CONTINENT_OF_COUNTRY } from "./population/providers.ts";
import { HONEST_OPERATORS } from "./population/operators.ts";

const now = new Date("2026-11-01T00:00:00Z");
const DAY = 86_400_000;
const fullLab = buildPopulation({ now, pickAddress: segmentAddressPicker });
const of = (hosts: LabHost[], scenario: string) => hosts.filter((h) => h.scenario === scenario);
const groupBy = (hosts: LabHost[]) => {
  const m = new Map<string, LabHost[]>();
  for (const h of hosts) m.set(h.operator, [...(m.get(h.operator) ?? []), h]);
  return m;
};

/** server.version then calls, over TCP or (TLS-only hosts) TLS; the calls' replies in order. */
function rpc(h: LabHost, calls: [string, unknown[]][]): Promise<Record<string, unknown>[]> {
  const lines = [["server.version", ["cluster-test", "1.4"]], ...calls].map((
    [method, params],
    id,
  ) => JSON.stringify({ jsonrpc: "2.0", method, params, id }) + "\n").join("");
  return new Promise((resolve, reject) => {
    const socket: net.Socket = h.tcpPort
      ? net.connect({ host: h.loopback, port: h.tcpPort })
      : tls.connect({
        host: h.loopback,
        port: h.tlsPort!,
        rejectUnauthorized: false,
        servername: h.hostname ?? undefined,
      });
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${h.id}: no reply in time: ${text.slice(0, 200)}`));
    }, 8000);
    socket.once(h.tcpPort ? "connect" : "secureConnect", () => socket.write(lines));
    socket.on("data", (d: Uint8Array) => {
      text += new TextDecoder().decode(d);
      const got = text.split("\n").filter((l) => l.trim());
      if (got.length >= calls.length + 1) {
        clearTimeout(timer);
        socket.destroy();
        const byId = new Map(got.map((l) => JSON.parse(l)).map((r) => [r.id, r]));
        resolve(calls.map((_, i) => byId.get(i + 1)));
      }
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

Deno.test("honest operators: 2-8 servers under one domain, one banner and donation address each, CA certificates renewed on different days, mixed versions", () => {
  const groups = groupBy(of(fullLab, "honest-operators"));
  assertEquals(groups.size, HONEST_OPERATORS.length);
  let mixedVersions = 0, severalProviders = 0;
  for (const spec of HONEST_OPERATORS) {
    const hs = groups.get(spec.id)!;
    assertEquals(hs.length, spec.servers, spec.id);
    assert(hs.every((h) => h.hostname!.endsWith(`.${spec.domain}`)), spec.id);
    assert(hs.every((h) => h.role === "benign-operator"), spec.id);
    assertEquals(
      new Set(hs.map((h) => h.settings.banner ?? null)).size,
      1,
      `${spec.id} one banner`,
    );
    assertEquals(
      new Set(hs.map((h) => h.settings.donation ?? null)).size,
      1,
      `${spec.id} one donation`,
    );
    assertEquals(hs[0].settings.donation !== undefined, spec.donation, spec.id);
    if (spec.banner) {
      assert(/\.lab|\$DONATION_ADDRESS/.test(hs[0].settings.banner!), hs[0].settings.banner);
    }
    const certs = hs.filter((h) => h.cert);
    if (spec.cert === "lab-ca" && certs.length > 1) {
      const days = new Set(certs.map((h) => h.cert!.notBefore.slice(0, 10)));
      assert(days.size >= Math.min(certs.length, 2), `${spec.id} renewed on different days`);
      assert(certs.every((h) => h.cert!.practice === "lab-ca"));
    }
    if (new Set(hs.map((h) => h.personality)).size > 1) mixedVersions++;
    if (new Set(hs.map((h) => h.provider)).size > 1) severalProviders++;
  }
  assert(mixedVersions >= 5, `${mixedVersions} operators run mixed versions`);
  assert(severalProviders >= 5, `${severalProviders} operators use several providers`);
  const all = of(fullLab, "honest-operators");
  for (
    const [what, n] of [
      ["TCP only", all.filter((h) => !h.tlsPort).length],
      ["TLS only", all.filter((h) => !h.tcpPort).length],
      ["peers off", all.filter((h) => h.settings.peerDiscovery === false).length],
      ["behind nginx", all.filter((h) => h.settings.tlsTerminator).length],
      ["raised limits", all.filter((h) => h.settings.limits).length],
      ["not on 50002", all.filter((h) => h.tlsPort && h.tlsPort !== 50002).length],
    ] as const
  ) assert(n >= 1, `${what}: ${n}`);
});

Deno.test("configuration variety among single-server honest hosts: every kind of difference occurs, defaults stay the majority; peers-off hosts advertise nobody but are advertised", () => {
  const single = of(fullLab, "honest");
  const n = (f: (h: LabHost) => boolean) => single.filter(f).length;
  const kinds = {
    banner: n((h) => h.settings.banner !== undefined),
    donation: n((h) => typeof h.settings.donation === "string" && h.settings.donation !== ""),
    cleared: n((h) => h.settings.donation === ""),
    peersOff: n((h) => h.settings.peerDiscovery === false),
    terminator: n((h) => h.settings.tlsTerminator !== undefined),
    limits: n((h) => h.settings.limits !== undefined),
  };
  for (const [k, v] of Object.entries(kinds)) assert(v >= 2, `${k}: ${v}`);
  assert(n((h) => Object.keys(h.settings).length === 0) > single.length / 2, "defaults dominate");
  assert(single.some((h) => /https:\/\//.test(h.settings.banner ?? "")), "banners with URLs");
  const advertised = new Set(fullLab.flatMap((h) => h.peers));
  for (const h of fullLab.filter((x) => x.settings.peerDiscovery === false)) {
    assertEquals(h.peers, [], h.id);
    assertEquals(discovers(h), false, h.id);
    assert(advertised.has(h.id), `${h.id} is still advertised by others`);
  }
  // Donation addresses are valid mainnet bech32 (P2WPKH).
  for (const h of fullLab) {
    const d = h.settings.donation;
    if (d) assert(/^bc1q[02-9ac-hj-np-z]{38}$/.test(d), d);
  }
});

Deno.test("sybil-spread: several providers, per-node names and certificates without a template or burst, peer lists of the fleet only", () => {
  const fleet = of(fullLab, "sybil-spread");
  assertEquals(fleet.length, 20);
  assert(fleet.every((h) => h.role === "sybil" && h.operator === "sybil-spread"));
  assert(new Set(fleet.map((h) => h.provider)).size >= 5, "spread over providers");
  assert(!fleet.some((h) => h.provider === "google"));
  assertEquals(new Set(fleet.map((h) => h.hostname)).size, fleet.length);
  const subjects = fleet.map((h) => JSON.stringify({ ...h.cert!.subject, CN: undefined }));
  assert(new Set(fleet.map((h) => h.cert!.practice)).size >= 2, "certificate practices vary");
  assert(
    !fleet.every((h, _, a) => subjects[a.indexOf(h)] === subjects[0] && h.cert!.subject.O),
    "no common organisation",
  );
  const starts = fleet.map((h) => Date.parse(h.cert!.notBefore)).sort((a, b) => a - b);
  assert(starts.at(-1)! - starts[0] > 30 * DAY, "not issued in one burst");
  const ids = new Set(fleet.map((h) => h.id));
  for (const h of fleet) {
    assert(
      h.peers.length >= 3 && h.peers.every((p) => ids.has(p)),
      `${h.id} advertises only the fleet`,
    );
    assertEquals(Object.keys(h.settings).length, 0, "one configuration: the defaults");
    assertEquals([h.personality, h.tcpPort, h.tlsPort], ["electrumx-1.20.0", null, 50002]);
  }
  assert(
    fullLab.some((h) => !ids.has(h.id) && h.peers.some((p) => ids.has(p))),
    "reachable from honest hosts",
  );
});

Deno.test("copycat fleet: honest habits (banners, donations) but one version, one provider and one certificate batch", () => {
  const fleet = of(fullLab, "copycat-fleet");
  assertEquals(fleet.length, 12);
  assertEquals(new Set(fleet.map((h) => h.personality)), new Set(["electrumx-1.18.0"]));
  assertEquals(new Set(fleet.map((h) => h.provider)), new Set(["ovh"]));
  assert(
    fleet.some((h) => h.settings.banner) && fleet.some((h) => !h.settings.banner),
    "banners vary as honest ones do",
  );
  assert(fleet.some((h) => h.settings.donation), "some set a donation address");
  assertEquals(
    new Set(fleet.map((h) => h.settings.banner).filter(Boolean)).size,
    fleet.filter((h) => h.settings.banner).length,
    "no shared banner",
  );
  const starts = fleet.map((h) => Date.parse(h.cert!.notBefore));
  assert(Math.max(...starts) - Math.min(...starts) <= 3_600_000, "issued within one hour");
});

Deno.test({
  name:
    "modified-subtle on the wire: one missing method or one error wording, otherwise an ElectrumX 1.20.0",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const subtle = of(fullLab, "modified-subtle");
    assertEquals(subtle.map((h) => h.modification).sort(), [
      "bare-broadcast-error",
      "no-id-from-pos",
    ]);
    const honest = fullLab.find((h) =>
      h.scenario === "honest" && h.personality === "electrumx-1.20.0" && h.tcpPort &&
      Object.keys(h.settings).length === 0
    )!;
    const lab = await startLab({
      hosts: [...subtle, honest].map((h) => ({ ...h, peers: [] })),
      latency: 0,
      tipIntervalMs: 0,
    });
    try {
      const calls: [string, unknown[]][] = [
        ["server.features", []],
        ["blockchain.transaction.id_from_pos", [1, 0]],
        ["blockchain.transaction.broadcast", ["00".repeat(100)]],
        ["blockchain.scripthash.get_balance", ["zz"]],
      ];
      const byMod = new Map<string | null, Record<string, unknown>[]>();
      for (const h of lab.hosts) byMod.set(h.modification, await rpc(h, calls));
      const base = byMod.get(null)!,
        noId = byMod.get("no-id-from-pos")!,
        bare = byMod.get("bare-broadcast-error")!;
      const msg = (r: Record<string, unknown>) =>
        (r.error as { message: string } | undefined)?.message;
      assertEquals(noId[1].error, {
        code: -32601,
        message: 'unknown method "blockchain.transaction.id_from_pos"',
      });
      assertEquals(base[1].error, undefined);
      assertEquals(msg(bare[2]), BARE_BROADCAST_MESSAGE);
      assert(msg(base[2])!.startsWith(BARE_BROADCAST_MESSAGE + "\n\n"), msg(base[2]));
      // Everything else as the honest release: the same features keys and the same wording.
      for (const other of [noId, bare]) {
        assertEquals(Object.keys(other[0].result as object), Object.keys(base[0].result as object));
        assertEquals(
          (other[0].result as { server_version: string }).server_version,
          "ElectrumX 1.20.0",
        );
        assertEquals(other[3].error, base[3].error);
      }
      assertEquals(msg(noId[2]), msg(base[2]));
      assertEquals(bare[1].error, undefined);
    } finally {
      await lab.stop();
    }
  },
});

Deno.test({
  name:
    "relay-far: a Helsinki relay whose replies take the far upstream's path; the upstream is on another continent",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    for (const relay of of(fullLab, "relay-far")) {
      const up = fullLab.find((h) => h.id === relay.upstream)!;
      assertEquals(relay.region!.country, "FI");
      assert(CONTINENT_OF_COUNTRY[up.region!.country] !== "EU", up.region!.country);
      assert(relay.extraLatencyMs <= 5);
    }
    const relay = of(fullLab, "relay-far")[0];
    const upstream = fullLab.find((h) => h.id === relay.upstream)!;
    const far = rtt(relay.region!, upstream.region!);
    const lab = await startLab({
      hosts: [relay, upstream].map((h) => ({ ...h, peers: [] })),
      latency: 1,
      tipIntervalMs: 0,
    });
    try {
      const t0 = performance.now();
      await rpc(lab.hosts[0], [["server.ping", []]]);
      const ms = performance.now() - t0;
      assert(far > 2 * relay.rttMs, `far leg ${far} ms vs ${relay.rttMs} ms to the relay`);
      // server.version and the ping each cross vantage-relay-upstream (pipelined: about once).
      assert(ms >= 0.9 * (relay.rttMs + far), `${ms.toFixed(0)} ms for ${relay.rttMs} + ${far} ms`);
    } finally {
      // The relay closes its side after its own one-way delay: let those timers run out.
      await new Promise((r) => setTimeout(r, relay.rttMs + far));
      await lab.stop();
    }
  },
});
