import {
  assert,
  assertEquals,
  assertNotEquals,
  assertRejects,
  assertThrows,
} from "../testing/assert.ts";
import { fixtureHosts } from "./fixture_hosts.ts";
import { exchange, RawClient } from "./net/raw_client.ts";
import { connectElectrum } from "../electrum/connect.ts";
import { buildPopulation } from "./population.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { personality } from "./servers/personalities.ts";
import { startLab } from "./lab.ts";

Deno.test("buildPopulation is deterministic for a seed and differs across seeds", () => {
  const a = buildPopulation({ clearnet: 60, seed: "s1", pickAddress: segmentAddressPicker });
  const b = buildPopulation({ clearnet: 60, seed: "s1", pickAddress: segmentAddressPicker });
  const c = buildPopulation({ clearnet: 60, seed: "s2", pickAddress: segmentAddressPicker });
  assertEquals(a, b);
  assertNotEquals(a.map((h) => h.ipv4), c.map((h) => h.ipv4));
});

Deno.test("buildPopulation gives every host a unique loopback address and every clearnet host a public simulated address", () => {
  const hosts = buildPopulation({ clearnet: 200, seed: 3, pickAddress: segmentAddressPicker });
  assertEquals(new Set(hosts.map((h) => h.loopback)).size, hosts.length);
  for (const h of hosts) {
    assert(h.loopback.startsWith("127."), h.loopback);
    if (!h.onion) {
      assert(
        h.ipv4 && !h.ipv4.startsWith("127.") && !h.ipv4.startsWith("10."),
        `${h.id} ${h.ipv4}`,
      );
    }
  }
});

Deno.test("startLab serves every host's claimed software over each of its transports, and peers name other lab hosts", async () => {
  const lab = await startLab({
    size: 12,
    onion: 2,
    seed: "unit",
    latency: 0,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    for (const h of lab.hosts.filter((x) => !x.onion)) {
      for (const [transport, port] of [["tcp", h.tcpPort], ["tls", h.tlsPort]] as const) {
        if (!port) continue;
        const c = await connectElectrum({ host: h.hostname ?? h.ipv4!, ip: h.loopback, port }, {
          transport,
          policy: { mode: "lab" },
        });
        assertEquals(c.status, "success", `${h.id} ${transport}`);
        if (c.status !== "success") continue;
        const r = await c.session.request("server.version", ["unit-test", "1.4"]);
        c.session.close();
        assert(r.status === "success", `${h.id} ${transport} version: ${JSON.stringify(r)}`);
        assertEquals((r.result as string[])[0], personality(h.claims ?? h.personality).software);
      }
    }
    const known = new Set(lab.hosts.map((h) => h.id));
    for (const h of lab.hosts) {
      for (const p of h.peers) assert(known.has(p), `${h.id} advertises unknown ${p}`);
    }
  } finally {
    await lab.stop();
  }
});

Deno.test("startLab's SOCKS gateway reaches an onion host by name", async () => {
  const lab = await startLab({
    size: 10,
    onion: 2,
    seed: "onion",
    latency: 0,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    const h = lab.hosts.find((x) => x.onion && x.tcpPort)!;
    assert(h, "an onion host with TCP");
    const c = await connectElectrum({ host: h.onion!, ip: null, port: h.tcpPort! }, {
      transport: "tcp",
      policy: { mode: "lab" },
      socks: lab.socks,
    });
    assertEquals(c.status, "success");
    if (c.status !== "success") return;
    const r = await c.session.request("blockchain.headers.subscribe");
    c.session.close();
    assert(
      r.status === "success" && (r.result as { height: number }).height === lab.chain.tip().height,
    );
  } finally {
    await lab.stop();
  }
});

Deno.test("Lab.mine advances the tip and lagging hosts stay behind", async () => {
  const lab = await startLab({
    size: 10,
    seed: "tip",
    latency: 0,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    const before = lab.chain.tip().height;
    assertEquals(lab.mine(), before + 1);
    assertEquals(lab.chain.view(3).tip().height, before + 1 - 3);
  } finally {
    await lab.stop();
  }
});

Deno.test("blockchain.block.header with cp_height returns a branch that folds the header's hash up to the root", async () => {
  const { blockHash } = await import("../bitcoin/block_header.ts");
  const { merkleRootFromBranch, merkleRoot } = await import("../bitcoin/merkle.ts");
  const lab = await startLab({
    size: 10,
    onion: 0,
    seed: "cp",
    latency: 0,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    const h = lab.hosts.find((x) => x.personality.startsWith("electrumx") && x.tcpPort)!;
    assert(h, "an ElectrumX host with TCP");
    const c = await connectElectrum({ host: h.ipv4!, ip: h.loopback, port: h.tcpPort! }, {
      transport: "tcp",
      policy: { mode: "lab" },
    });
    assertEquals(c.status, "success");
    if (c.status !== "success") return;
    await c.session.request("server.version", ["unit-test", "1.4"]);
    const r = await c.session.request("blockchain.block.header", [5, 20]);
    c.session.close();
    assert(r.status === "success", JSON.stringify(r));
    const proof = r.result as { header: string; branch: string[]; root: string };
    const hashes = Array.from({ length: 21 }, (_, i) => blockHash(lab.chain.chain.header(i)!));
    assertEquals(proof.root, merkleRoot(hashes));
    assertEquals(merkleRootFromBranch(blockHash(proof.header), proof.branch, 5), proof.root);
  } finally {
    await lab.stop();
  }
});

Deno.test("startLab torExitAddress: servers see the gateway's exit address, not the client's", async () => {
  const hosts = fixtureHosts(["electrumx-1.20.0"], { seed: "exit" });
  hosts[0].onion = "exitlabtest.onion";
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0, torExitAddress: "127.0.0.77" });
  try {
    const c = await connectElectrum({ host: "exitlabtest.onion", ip: null, port: 50001 }, {
      transport: "tcp",
      policy: { mode: "lab" },
      socks: lab.socks,
    });
    assertEquals(c.status, "success");
    if (c.status !== "success") return;
    await c.session.request("server.ping");
    c.session.close();
    assertEquals(lab.requests.map((e) => e.client), ["127.0.0.77"]);
  } finally {
    await lab.stop();
  }
});

Deno.test("Lab.crash drops a host's connections and refuses new ones; an unknown id throws", async () => {
  const hosts = fixtureHosts(["electrumx-1.20.0"], { seed: "crash" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  try {
    const h = lab.hosts[0];
    const ping = '{"jsonrpc":"2.0","id":1,"method":"server.ping"}\n';
    const before = await exchange(h.loopback, 50001, ping, (t) => t.includes("\n"));
    assert(before.text.includes('"id":1'), before.text);
    const open = await RawClient.connect(h.loopback, 50001);
    lab.crash(h.id);
    await open.until(() => false, 1_000);
    assert(open.closedByServer, "the open connection dropped");
    await open.close();
    assert(lab.down.has(h.id));
    await assertRejects(() => RawClient.connect(h.loopback, 50001));
    assertThrows(() => lab.crash("nope"), RangeError, "nope");
  } finally {
    await lab.stop();
  }
});
