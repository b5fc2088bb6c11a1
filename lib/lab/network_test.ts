// The lab as a network: one chain served alike by every honest server, a moving tip with lagging
// servers, simulated geography that offline GeoIP/ASN databases confirm, latency from the
// vantage point, onion services behind the SOCKS5 gateway, and ground truth kept from detectors.
import { assert, assertEquals } from "../testing/assert.ts";
import { connectElectrum } from "../electrum/connect.ts";
import { openGeo } from "../geo/open_geo.ts";
import { testWallet } from "./chain/test_wallet.ts";
import { hash256 } from "../bitcoin/hash.ts";
import { parseTransaction } from "../bitcoin/transaction.ts";
import { txid } from "../bitcoin/txid.ts";
import { bytesToHex as toHex, hexToBytes as fromHex } from "../bitcoin/hex.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { fixtureHosts } from "./fixture_hosts.ts";
import { startLab } from "./lab.ts";
import { buildPopulation, rtt } from "./population.ts";
import { RawClient } from "./net/raw_client.ts";
import type { LabHost } from "./population.ts";

const req = (method: string, params: unknown[], id: number) =>
  JSON.stringify({ jsonrpc: "2.0", method, params, id }) + "\n";

async function calls(h: LabHost, list: [string, unknown[]][]): Promise<unknown[]> {
  const c = await RawClient.connect(h.loopback, h.tcpPort!);
  try {
    await c.write(
      req("server.version", ["net-test", "1.4"], 0) +
        list.map(([m, p], i) => req(m, p, i + 1)).join(""),
    );
    const text = await c.until((t) => t.split("\n").length > list.length + 1, 5000);
    // By id: Fulcrum answers its thread-pool methods after the quick ones, as the real one does.
    const replies = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l)).filter((r) =>
      "id" in r
    ).sort((a, b) => a.id - b.id);
    return replies.slice(1).map((r) => r.result ?? r.error);
  } finally {
    await c.close();
  }
}

/** Verify an Electrum merkle branch (display-order hashes) against a header's merkle root. */
function merkleRootOf(txid: string, branch: string[], pos: number): string {
  let h = fromHex(txid).reverse();
  for (const [i, sib] of branch.entries()) {
    const s = fromHex(sib).reverse();
    const cat = new Uint8Array(64);
    if ((pos >> i) & 1) (cat.set(s), cat.set(h, 32));
    else (cat.set(h), cat.set(s, 32));
    h = hash256(cat);
  }
  return toHex(h.reverse());
}

Deno.test("one chain: honest servers of every family serve the same headers, history, status, transactions, valid merkle proofs and fee data", async () => {
  const ids = [
    "electrumx-1.16.0",
    "electrumx-1.20.0",
    "fulcrum-2.1.1",
    "electrs-0.11.1",
    "esplora-0.4.1-new",
  ];
  const lab = await startLab({
    hosts: fixtureHosts(ids),
    seed: "one-chain",
    latency: 0,
    tipIntervalMs: 0,
  });
  try {
    const sh = testWallet().scripthash(0, 1);
    const first = lab.chain.chain.history(sh).find((e) => e.height > 0)!;
    const plan: [string, unknown[]][] = [
      ["blockchain.headers.subscribe", []],
      ["blockchain.block.header", [first.height]],
      ["blockchain.scripthash.get_history", [sh]],
      ["blockchain.scripthash.subscribe", [sh]],
      ["blockchain.transaction.get", [first.tx_hash]],
      ["blockchain.transaction.get_merkle", [first.tx_hash, first.height]],
      ["blockchain.relayfee", []],
    ];
    const answers = await Promise.all(lab.hosts.map((h) => calls(h, plan)));
    for (const [i, a] of answers.entries()) assertEquals(a, answers[0], ids[i]);
    const [tip, header, history, status, rawTx, merkle] = answers[0] as [
      { height: number },
      string,
      unknown[],
      string,
      string,
      { merkle: string[]; pos: number },
    ];
    assertEquals(tip.height, lab.chain.tip().height);
    assert(history.length > 0 && /^[0-9a-f]{64}$/.test(status));
    assertEquals(
      txid(parseTransaction(rawTx)),
      first.tx_hash,
      "the raw transaction hashes to its txid",
    );
    const root = toHex(fromHex(header).slice(36, 68).reverse());
    assertEquals(
      merkleRootOf(first.tx_hash, merkle.merkle, merkle.pos),
      root,
      "the merkle branch leads to the header's root",
    );
    // Fee data agrees up to each family's histogram shape.
    const fees = await Promise.all(
      lab.hosts.map((h) => calls(h, [["blockchain.estimatefee", [6]]])),
    );
    for (const f of fees) assertEquals(f, fees[0]);
  } finally {
    await lab.stop();
  }
});

Deno.test("the tip advances during a run (tipIntervalMs), subscribers are notified, lagging servers stay behind", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1", "electrs-0.11.1"]);
  hosts[1].lag = 2;
  const lab = await startLab({ hosts, seed: "tip", latency: 0, tipIntervalMs: 400 });
  const c = await RawClient.connect(hosts[0].loopback, 50001);
  try {
    const start = lab.chain.tip().height;
    await c.write(
      req("server.version", ["t", "1.4"], 0) + req("blockchain.headers.subscribe", [], 1),
    );
    const text = await c.until((t) => t.includes('"method":"blockchain.headers.subscribe"'), 3000);
    const note = JSON.parse(text.split("\r\n").find((l) => l.includes('"method"'))!);
    assert(
      note.params[0].height > start,
      `notified of a new tip: ${note.params[0].height} > ${start}`,
    );
    assert(lab.chain.tip().height >= start + 2, "the tip moved on its own");
    const [laggingTip] = await calls(hosts[1], [["blockchain.headers.subscribe", []]]) as [
      { height: number },
    ];
    assert(
      lab.chain.tip().height - laggingTip.height >= 1 &&
        lab.chain.tip().height - laggingTip.height <= 3,
      `lag ${lab.chain.tip().height - laggingTip.height}`,
    );
  } finally {
    await c.close();
    await lab.stop();
  }
});

Deno.test("simulated geography: offline GeoIP/ASN databases give each host its provider's ASN and its country", async () => {
  const geo = await openGeo();
  const hosts = buildPopulation({ clearnet: 150, seed: "geo", pickAddress: segmentAddressPicker });
  let v6 = 0;
  for (const h of hosts.filter((x) => !x.onion)) {
    const r = geo.lookup(h.ipv4!);
    assertEquals(r.asn, h.asn, `${h.id} ${h.ipv4} ASN`);
    assertEquals(r.country_code, h.region!.country, `${h.id} ${h.ipv4} country`);
    if (h.ipv6) {
      v6++;
      assertEquals(geo.lookup(h.ipv6).asn, h.asn, `${h.id} ${h.ipv6} ASN`);
    }
  }
  assert(v6 > 5, "some hosts have IPv6 too");
});

Deno.test("latency follows distance from a configurable vantage point, plus jitter", async () => {
  const sydney = { latitude: -33.87, longitude: 151.21 };
  const fromSydney = buildPopulation({
    clearnet: 60,
    seed: "v",
    vantage: sydney,
    adversaries: false,
    pickAddress: segmentAddressPicker,
  });
  const fromFrankfurt = buildPopulation({
    clearnet: 60,
    seed: "v",
    adversaries: false,
    pickAddress: segmentAddressPicker,
  });
  for (const [i, h] of fromSydney.entries()) {
    if (h.onion) continue;
    const residential = h.provider &&
        ["comcast", "telekom", "telstra", "verizon", "orange", "bt"].includes(h.provider)
      ? 15
      : 0;
    assertEquals(h.rttMs, rtt(sydney, h.region!) + residential);
    if (h.region!.country === "AU") {
      assert(h.rttMs < fromFrankfurt[i].rttMs, "AU hosts are nearer to Sydney");
    }
  }
  const lab = await startLab({
    hosts: fromFrankfurt.filter((h) =>
      !h.onion && h.tcpPort && !h.personality.startsWith("eps") &&
      !h.personality.includes("1.18") && !h.personality.includes("1.19") &&
      !h.personality.includes("1.20")
    ).slice(0, 4).map((h) => ({ ...h, peers: [] })),
    seed: "v",
    latency: 1,
    tipIntervalMs: 0,
  });
  try {
    for (const h of lab.hosts) {
      const c = await RawClient.connect(h.loopback, h.tcpPort!);
      try {
        const t0 = performance.now();
        await c.write(req("server.ping", [], 1));
        await c.until((t) => t.includes("\n"), 3000);
        const ms = performance.now() - t0;
        assert(
          ms >= 0.94 * h.rttMs && ms <= 1.06 * h.rttMs + 25,
          `${h.id} ${ms.toFixed(0)} ms for a ${h.rttMs} ms path`,
        );
      } finally {
        await c.close();
      }
    }
  } finally {
    await lab.stop();
  }
});

Deno.test("onion services: the SOCKS5 gateway reaches onion hosts with Tor-like latency; DNS does not resolve them", async () => {
  const lab = await startLab({
    size: 10,
    onion: 3,
    seed: "tor",
    latency: 1,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    const h = lab.hosts.find((x) => x.onion && x.tcpPort)!;
    assertEquals(lab.resolver.resolve(h.onion!), []);
    const t0 = performance.now();
    const c = await connectElectrum({ host: h.onion!, ip: null, port: h.tcpPort! }, {
      transport: "tcp",
      policy: { mode: "lab" },
      socks: lab.socks,
    });
    const connectMs = performance.now() - t0;
    assertEquals(c.status, "success");
    if (c.status !== "success") return;
    const t1 = performance.now();
    const r = await c.session.request("server.version", ["tor-test", "1.4"]);
    const rpcMs = performance.now() - t1;
    c.session.close();
    assert(r.status === "success");
    assert(
      connectMs >= 500,
      `circuit set-up ${connectMs.toFixed(0)} ms (Tor-like: 2 x 250-700 ms)`,
    );
    assert(
      rpcMs >= 250 && rpcMs <= 1500,
      `round trip ${rpcMs.toFixed(0)} ms (Tor-like: 250-700 ms)`,
    );
  } finally {
    await lab.stop();
  }
});

Deno.test("ground truth: no module under lib/ outside lib/lab/ names it (the lab writes it through Lab.recordTruth)", async () => {
  const WRITERS = new Set<string>();
  const root = new URL("../../", import.meta.url).pathname;
  const offenders: string[] = [];
  const walk = async (dir: string) => {
    for await (const e of Deno.readDir(root + dir)) {
      const path = `${dir}/${e.name}`;
      if (e.isDirectory) {
        if (path !== "lib/lab") await walk(path);
        continue;
      }
      if (!/\.(ts|js|tsx|mjs)$/.test(e.name) || /_test\.ts$/.test(e.name)) continue;
      const text = await Deno.readTextFile(root + path);
      if (!/ground_truth|groundTruth|GroundTruth/.test(text)) continue;
      if (WRITERS.has(path)) {
        const imports = [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"[^"]*ground_truth\.ts"/g)]
          .flatMap((m) => m[1].split(",").map((s) => s.trim()).filter(Boolean));
        const reads = /read(Text)?File(Sync)?\([^)]*ground_truth/.test(text) ||
          /groundTruthRows/.test(text);
        if (imports.some((x) => x !== "writeGroundTruth") || reads) {
          offenders.push(`${path} (writer, but ${imports.join(", ")}${reads ? ", reads" : ""})`);
        }
        continue;
      }
      offenders.push(path);
    }
  };
  await walk("lib");
  assertEquals(offenders, []);
});

Deno.test("Lab.recordTruth writes every host's truth to <data>/lab/ground_truth.json", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lab-truth-" });
  const lab = await startLab({ size: 40, onion: 2, seed: "truth", latency: 0, tipIntervalMs: 0 });
  try {
    const path = await lab.recordTruth(dir, { scanId: "t1" });
    assertEquals(path, `${dir}/lab/ground_truth.json`);
    const body = JSON.parse(await Deno.readTextFile(path));
    assertEquals(body.scan_id, "t1");
    assertEquals(body.hosts.length, lab.hosts.length);
    const roles = new Set(body.hosts.map((h: { role: string }) => h.role));
    for (const r of ["honest", "sybil", "relay", "phishing", "modified"]) assert(roles.has(r), r);
  } finally {
    await lab.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
