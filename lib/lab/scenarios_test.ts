// Every planted adversary and benign look-alike of population/scenarios.ts, checked on the wire against the
// ground truth the builder recorded.
import tls from "node:tls";
import { assert, assertEquals } from "../testing/assert.ts";
import { testWallet } from "./chain/test_wallet.ts";
import { type Lab, startLab } from "./lab.ts";
import { type LabHost, rtt } from "./population.ts";
import { RawClient } from "./net/raw_client.ts";
import { ADVERSARIAL, SCENARIOS } from "./population/scenarios.ts";
import { groundTruthRows } from "./ground_truth.ts";
import { PHISHING_MESSAGE } from "./servers/behaviours.ts";
import { blockHash, parseBlockHeader } from "../bitcoin/block_header.ts";
import { merkleRootFromBranch } from "../bitcoin/merkle.ts";
import { parseTransaction } from "../bitcoin/transaction.ts";
import { txid } from "../bitcoin/txid.ts";
import { scripthash } from "../bitcoin/scripthash.ts";
import { scriptType, SPENDABLE_STANDARD } from "../bitcoin/script_type.ts";

const req = (method: string, params: unknown[], id: number) =>
  JSON.stringify({ jsonrpc: "2.0", method, params, id }) + "\n";

/** server.version then one call over TCP; returns the parsed reply and the call's round trip. */
async function call(
  h: LabHost,
  method: string,
  params: unknown[] = [],
): Promise<{ reply: Record<string, unknown>; version: string[]; text: string; ms: number }> {
  const c = await RawClient.connect(h.loopback, h.tcpPort!);
  try {
    await c.write(req("server.version", ["scenario-test", "1.4"], 0));
    await c.until((t) => t.includes("\n"), 5000);
    const t0 = performance.now();
    await c.write(req(method, params, 1));
    const text = await c.until((t) => t.split("\n").length > 2, 5000);
    const ms = performance.now() - t0;
    const [v, r] = text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
    return { reply: r, version: v.result, text, ms };
  } finally {
    await c.close();
  }
}

function peerCertificate(h: LabHost): Promise<tls.DetailedPeerCertificate> {
  return new Promise((resolve, reject) => {
    const s = tls.connect({
      host: h.loopback,
      port: h.tlsPort!,
      rejectUnauthorized: false,
      servername: h.hostname ?? undefined,
    }, () => {
      const cert = s.getPeerCertificate(true);
      s.once("close", () => resolve(cert));
      s.destroy();
    });
    s.once("error", reject);
  });
}

async function withLab(
  fn: (lab: Lab, byScenario: (name: string) => LabHost[]) => Promise<void> | void,
) {
  const lab = await startLab({
    size: 80,
    onion: 4,
    seed: "scenarios",
    latency: 0,
    tipIntervalMs: 0,
  });
  try {
    await fn(lab, (name) => lab.hosts.filter((h) => h.scenario === name));
  } finally {
    await lab.stop();
  }
}

Deno.test("every scenario is planted, documented, and recorded in the ground truth", async () => {
  await withLab((lab, byScenario) => {
    for (const s of SCENARIOS) {
      assert(byScenario(s.name).length >= s.min, `${s.name} planted`);
      assert(byScenario(s.name).every((h) => h.role === s.role), `${s.name} plays ${s.role}`);
      assert(s.basis.length > 30, `${s.name} documented`);
    }
    assertEquals(new Set(SCENARIOS.map((s) => s.name)).size, SCENARIOS.length, "names unique");
    const truth = groundTruthRows(lab);
    assertEquals(truth.length, lab.hosts.length);
    for (const row of truth) {
      assertEquals(row.adversarial, ADVERSARIAL.has(row.role as never), row.id);
    }
  });
});

Deno.test("sybil fleet: one Google Cloud ASN, one frozen ElectrumX 1.19.0, one certificate template issued seconds apart, Subject contradicting the CN region", async () => {
  await withLab(async (_lab, byScenario) => {
    const fleet = byScenario("sybil");
    assert(fleet.length >= 3);
    assertEquals(new Set(fleet.map((h) => h.asn)), new Set([396982]));
    assertEquals(new Set(fleet.map((h) => h.operator)).size, 1);
    const starts: number[] = [];
    for (const h of fleet.slice(0, 4)) {
      const { version } = await call(h, "server.ping");
      assertEquals(version[0], "ElectrumX 1.19.0");
      const cert = await peerCertificate(h);
      assert(
        /^electrumx-[a-z0-9-]+-node-\d+$/.test(cert.subject.CN as string),
        cert.subject.CN as string,
      );
      assertEquals([cert.subject.C, cert.subject.L], ["GB", "London"]);
      const region = (cert.subject.CN as string).replace(/^electrumx-/, "").replace(
        /-node-\d+$/,
        "",
      );
      assert(!region.startsWith("europe-west2"), "the CN region contradicts the London Subject");
      starts.push(new Date(cert.valid_from).getTime());
    }
    assert(Math.max(...starts) - Math.min(...starts) <= 60_000, `issued seconds apart: ${starts}`);
  });
});

Deno.test("phishing: HTML and an update link in broadcast errors, claiming ElectrumX 1.8.12", async () => {
  await withLab(async (_lab, byScenario) => {
    for (const h of byScenario("phishing")) {
      const { reply, version } = await call(h, "blockchain.transaction.broadcast", [
        "00".repeat(100),
      ]);
      assertEquals(version[0], "ElectrumX 1.8.12");
      const message = (reply.error as { message: string }).message;
      assertEquals(message, PHISHING_MESSAGE);
      assert(
        /<h1>.*Update.*<\/h1>/.test(message) &&
          /<a href="https:\/\/github\.com\/spesmiIo\//.test(message),
      );
    }
    const honest = byScenario("honest").find((h) =>
      h.tcpPort && h.personality.startsWith("electrumx-1.16")
    )!;
    const { reply } = await call(honest, "blockchain.transaction.broadcast", ["00".repeat(100)]);
    assert(
      !/<|http/.test((reply.error as { message: string }).message),
      "honest errors carry no HTML or links",
    );
  });
});

Deno.test("modified implementations claim one software and behave like another", async () => {
  await withLab(async (_lab, byScenario) => {
    const mods = byScenario("modified");
    assert(mods.length >= 2);
    for (const h of mods) {
      const { version, text } = await call(h, "server.ping");
      const claimsElectrumX = version[0].startsWith("ElectrumX");
      const behavesFulcrum = h.personality.startsWith("fulcrum");
      assertEquals(claimsElectrumX, behavesFulcrum, h.id);
      assertEquals(
        text.includes("\r\n"),
        behavesFulcrum,
        `${h.id} line endings follow the real software`,
      );
    }
  });
});

Deno.test("peer-list poisoner packs its list with unreachable hosts of one /16", async () => {
  await withLab(async (lab, byScenario) => {
    for (const h of byScenario("peer-poisoner")) {
      const { reply } = await call(h, "server.peers.subscribe");
      const peers = reply.result as [string, string, string[]][];
      const slash16 = new Map<string, number>();
      for (const [ip] of peers) {
        slash16.set(
          ip.split(".").slice(0, 2).join("."),
          (slash16.get(ip.split(".").slice(0, 2).join(".")) ?? 0) + 1,
        );
      }
      const [top, n] = [...slash16].sort((a, b) => b[1] - a[1])[0];
      assert(n >= 50, `${n} peers in ${top}.0.0/16`);
      const bogus = peers.filter(([ip]) => ip.startsWith(top + "."));
      assert(bogus.every(([ip]) => lab.resolver.dialAddress(ip) === null), "they lead nowhere");
    }
  });
});

Deno.test("stale-tip, withholding and fee-manipulating servers deviate from the one chain; honest servers agree", async () => {
  await withLab(async (lab, byScenario) => {
    const tip = lab.chain.tip().height;
    const sh = testWallet().scripthash(0, 0);
    const honest = byScenario("honest").filter((h) =>
      h.tcpPort && h.lag === 0 && !h.personality.startsWith("eps")
    ).slice(0, 3);
    const base = await call(honest[0], "blockchain.estimatefee", [2]);
    const history = await call(honest[0], "blockchain.scripthash.get_history", [sh]);
    assert((history.reply.result as unknown[]).length > 0);
    for (const h of honest) {
      assertEquals(
        ((await call(h, "blockchain.headers.subscribe")).reply.result as { height: number }).height,
        tip,
      );
      assertEquals(
        (await call(h, "blockchain.scripthash.get_history", [sh])).reply.result,
        history.reply.result,
      );
    }
    for (const h of byScenario("stale-tip")) {
      const height =
        ((await call(h, "blockchain.headers.subscribe")).reply.result as { height: number }).height;
      assert(tip - height >= 30, `${h.id} ${height} vs ${tip}`);
    }
    for (const h of byScenario("withholding")) {
      assertEquals((await call(h, "blockchain.scripthash.get_history", [sh])).reply.result, []);
    }
    for (const h of byScenario("fee-manipulator")) {
      const fee = (await call(h, "blockchain.estimatefee", [2])).reply.result as number;
      assert(fee >= 10 * (base.reply.result as number), `${h.id} ${fee} vs ${base.reply.result}`);
    }
  });
});

Deno.test("the proof forger's merkle proofs fold to no true root; an honest server's do", async () => {
  await withLab(async (lab, byScenario) => {
    const h = 10, cp = lab.chain.tip().height - 2;
    const honest = byScenario("honest").find((x) =>
      x.tcpPort && x.lag === 0 && x.personality.startsWith("electrumx")
    )!;
    const forgers = byScenario("proof-forger");
    assert(forgers.length >= 1, "a proof forger planted");
    for (const x of [honest, ...forgers]) {
      const proof = (await call(x, "blockchain.block.header", [h, cp])).reply.result as {
        header: string;
        branch: string[];
        root: string;
      };
      const tx = (await call(x, "blockchain.transaction.id_from_pos", [h, 0, true])).reply
        .result as { tx_hash: string; merkle: string[] };
      const checks = [
        merkleRootFromBranch(blockHash(proof.header), proof.branch, h) === proof.root,
        merkleRootFromBranch(tx.tx_hash, tx.merkle, 0) ===
          parseBlockHeader(proof.header).merkleRoot,
      ];
      assertEquals(checks, x === honest ? [true, true] : [false, false], x.id);
    }
  });
});

Deno.test("the withholding server hides a payment its own chain proves; an honest server lists it", async () => {
  await withLab(async (lab, byScenario) => {
    const cp = lab.chain.tip().height - 6;
    const honest = byScenario("honest").find((x) =>
      x.tcpPort && x.lag === 0 && x.personality.startsWith("fulcrum")
    )!;
    const withholders = byScenario("withholding");
    assert(withholders.length >= 1, "a withholding server planted");
    for (const x of [honest, ...withholders]) {
      // What the history probe does: the block's first payment, proven, fetched and parsed, and
      // the script hash of its first standard output, all from the server's own answers.
      const pos = (await call(x, "blockchain.transaction.id_from_pos", [cp, 1, true])).reply
        .result as { tx_hash: string; merkle: string[] };
      const header = (await call(x, "blockchain.block.header", [cp])).reply.result as string;
      assertEquals(
        merkleRootFromBranch(pos.tx_hash, pos.merkle, 1),
        parseBlockHeader(header).merkleRoot,
        x.id,
      );
      const raw = (await call(x, "blockchain.transaction.get", [pos.tx_hash])).reply.result;
      const tx = parseTransaction(raw as string);
      assertEquals(txid(tx), pos.tx_hash, x.id);
      const out = tx.outputs.find((o) => SPENDABLE_STANDARD.has(scriptType(o.script)))!;
      const sh = scripthash(out.script);
      const listed = (await call(x, "blockchain.scripthash.get_history", [sh])).reply
        .result as { tx_hash: string; height: number }[];
      const found = listed.some((e) => e.tx_hash === pos.tx_hash && e.height === cp);
      assertEquals(found, x === honest, `${x.id}: ${JSON.stringify(listed)}`);
      if (x !== honest) assertEquals(listed, [], x.id);
    }
  });
});

Deno.test("benign look-alikes: an expired certificate on an honest server, one operator's three servers", async () => {
  await withLab(async (lab, byScenario) => {
    for (const h of byScenario("benign-expired-cert")) {
      const cert = await peerCertificate(h);
      assert(new Date(cert.valid_to) < new Date(), cert.valid_to);
      assertEquals(
        ((await call(h, "blockchain.headers.subscribe")).reply.result as { height: number }).height,
        lab.chain.tip().height,
      );
    }
    const trio = byScenario("benign-operator");
    assertEquals(trio.length, 3);
    assertEquals(new Set(trio.map((h) => h.operator)).size, 1);
    assertEquals(new Set(trio.map((h) => h.provider)).size, 3);
    for (const h of trio) {
      assert(/^electrum\d\.trustednode\.lab$/.test(h.hostname!));
      const cert = await peerCertificate(h);
      assert((cert.issuer.O as string).startsWith("Observatory Lab CA"), `${h.id} CA-issued`);
    }
  });
});

Deno.test("relay and slow residential node: the relay adds application latency, names its upstream and shows the upstream's certificate; the slow node only has a long network path", async () => {
  const all = (await import("./population.ts")).buildPopulation({
    clearnet: 80,
    onion: 4,
    seed: "scenarios",
    pickAddress: (await import("./addresses/addresses.ts")).segmentAddressPicker,
  });
  const relay = all.find((h) => h.scenario === "relay")!;
  const upstream = all.find((h) => h.id === relay.upstream)!;
  const slow = all.find((h) => h.role === "benign-slow")!;
  const lab = await startLab({
    hosts: [relay, upstream, slow].map((h) => ({ ...h, peers: [] })),
    seed: "scenarios",
    latency: 1,
    tipIntervalMs: 0,
  });
  try {
    const [r, u] = [lab.hosts[0], lab.hosts[1]];
    const viaRelay = await call(r, "server.features");
    const direct = await call(u, "server.features");
    assertEquals(
      viaRelay.reply.result,
      direct.reply.result,
      "the relay answers with its upstream's features",
    );
    assert(
      Object.keys((viaRelay.reply.result as { hosts: Record<string, unknown> }).hosts).includes(
        upstream.hostname!,
      ),
      "hosts names the upstream",
    );
    assert(
      !Object.keys((viaRelay.reply.result as { hosts: Record<string, unknown> }).hosts).some((k) =>
        k === relay.hostname || k === relay.ipv4
      ),
    );
    // Through the relay: vantage to relay, the relay's own delay, relay to upstream.
    const path = relay.rttMs + relay.extraLatencyMs + rtt(relay.region!, upstream.region!);
    assert(
      viaRelay.ms >= 0.9 * path && viaRelay.ms <= 1.15 * path + 40,
      `relay ${viaRelay.ms.toFixed(0)} ms for a ${path} ms path (upstream direct ${
        direct.ms.toFixed(0)
      } ms)`,
    );
    assert(
      viaRelay.ms - direct.ms >= 0.8 * relay.extraLatencyMs,
      "the relay adds application latency",
    );
    // The upstream sees, and logs, the relay as its client.
    const relayed = lab.requests.filter((e) => e.host === upstream.id && e.client === r.loopback);
    assert(
      relayed.some((e) => e.method === "server.features"),
      "the upstream logged the relay's requests",
    );
    const [rc, uc] = [await peerCertificate(r), await peerCertificate(u)];
    assertEquals(
      rc.fingerprint256,
      uc.fingerprint256,
      "the relay shows its upstream's certificate",
    );
    const s = lab.hosts[2];
    assert(slow.rttMs >= 180 && slow.extraLatencyMs === 0);
    const ping = await call(s, "server.ping");
    assert(
      ping.ms >= 0.9 * slow.rttMs && ping.ms <= 1.3 * slow.rttMs + 30,
      `slow node ${ping.ms.toFixed(0)} ms for rtt ${slow.rttMs}`,
    );
  } finally {
    await lab.stop();
  }
});
