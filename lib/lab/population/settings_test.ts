// Operator settings on the wire: a lab host serves its configured banner (with the servers'
// substitutions), donation address, limits, removed methods and TLS terminator.
import { assert, assertEquals, assertNotEquals } from "../../testing/assert.ts";
import { jarmScan } from "../../probes/jarm_scan.ts";
import { dial } from "../../net/dial.ts";
import { fixtureHosts } from "../fixture_hosts.ts";
import { startLab } from "../lab.ts";
import { personality } from "../servers/personalities.ts";
import { RawClient } from "../net/raw_client.ts";
import type { LabHost } from "./host.ts";
import { configuredPersonality, tlsStackFor } from "./settings.ts";

const req = (method: string, params: unknown[], id: number) =>
  JSON.stringify({ jsonrpc: "2.0", method, params, id }) + "\n";

/** server.version, then one call over TCP: the call's reply. */
async function call(h: LabHost, method: string, params: unknown[] = []) {
  const c = await RawClient.connect(h.loopback, h.tcpPort!);
  try {
    await c.write(req("server.version", ["settings-test", "1.4"], 0));
    await c.write(req(method, params, 1));
    const text = await c.until((t) => t.split("\n").filter((l) => l.trim()).length >= 2, 5000);
    return JSON.parse(text.split("\n").filter((l) => l.trim())[1]) as Record<string, unknown>;
  } finally {
    await c.close();
  }
}

Deno.test("configuredPersonality: defaults untouched without settings; banner substitution, donation, limits and removed methods applied", () => {
  const [h] = fixtureHosts(["electrumx-1.20.0"]);
  const p = personality("electrumx-1.20.0");
  assertEquals(configuredPersonality(h, p), p);
  const c = configuredPersonality({
    ...h,
    settings: {
      banner: "Welcome! $SERVER_VERSION, donate: $DONATION_ADDRESS",
      donation: "bc1qexample",
      limits: { maxRecv: 2_000_000, cost: { soft: 2000, hard: 20_000 } },
      removedMethods: ["blockchain.transaction.id_from_pos"],
    },
  }, p);
  assertEquals(c.banner, "Welcome! ElectrumX 1.20.0, donate: bc1qexample");
  assertEquals(c.donation, "bc1qexample");
  assertEquals(c.limits.maxRecv, 2_000_000);
  assertEquals([c.limits.cost!.soft, c.limits.cost!.hard, c.limits.cost!.perError], [
    2000,
    20_000,
    100,
  ]);
  assert(c.missingMethods.includes("blockchain.transaction.id_from_pos"));
  assertEquals(
    p.banner,
    "You are connected to an ElectrumX 1.20.0 server.",
    "the table is not mutated",
  );
  const fulcrum = personality("fulcrum-2.1.1");
  assertEquals(configuredPersonality({ ...h, settings: { donation: "" } }, fulcrum).donation, "");
  assertEquals(tlsStackFor(h, "electrumx").id, "python-openssl3");
  assertEquals(
    tlsStackFor({ ...h, settings: { tlsTerminator: "nginx-openssl3" } }, "electrumx").id,
    "nginx-openssl3",
  );
});

Deno.test({
  name:
    "lab hosts serve their operator's banner, donation address, removed methods and connection limit",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const [x, xDefault, f, fDefault] = fixtureHosts(
      ["electrumx-1.20.0", "electrumx-1.20.0", "fulcrum-2.1.1", "fulcrum-2.1.1"],
      { seed: "settings-test" },
    );
    x.settings = {
      banner: "$SERVER_VERSION at Hodl City - https://hodlcity.lab/ - $DONATION_ADDRESS",
      donation: "bc1qoperator",
      removedMethods: ["blockchain.transaction.id_from_pos"],
    };
    f.settings = { donation: "", limits: { perIpConnections: 24 } };
    const lab = await startLab({ hosts: [x, xDefault, f, fDefault], latency: 0, tipIntervalMs: 0 });
    try {
      const [hx, hxd, hf, hfd] = lab.hosts;
      assertEquals(
        (await call(hx, "server.banner")).result,
        "ElectrumX 1.20.0 at Hodl City - https://hodlcity.lab/ - bc1qoperator",
      );
      assertEquals((await call(hx, "server.donation_address")).result, "bc1qoperator");
      assertEquals((await call(hxd, "server.donation_address")).result, "");
      const removed = await call(hx, "blockchain.transaction.id_from_pos", [1, 0]);
      assertEquals(removed.error, {
        code: -32601,
        message: 'unknown method "blockchain.transaction.id_from_pos"',
      });
      assertEquals(
        (await call(hxd, "blockchain.transaction.id_from_pos", [1, 0])).error,
        undefined,
      );
      assertEquals((await call(hf, "server.donation_address")).result, "");
      assertEquals(
        (await call(hfd, "server.donation_address")).result,
        "1Ca1inCimwRhhcpFX84TPRrPQSryTgKW6N",
      );
      // Fulcrum aborts the 13th connection from one address unless its operator raised the limit.
      for (const [h, served] of [[hf, true], [hfd, false]] as const) {
        const open = await Promise.all(
          Array.from({ length: 12 }, () => RawClient.connect(h.loopback, h.tcpPort!)),
        );
        try {
          const c = await RawClient.connect(h.loopback, h.tcpPort!);
          await c.write(req("server.ping", [], 1)).catch(() => {});
          const text = await c.until((t) => t.includes("\n"), 1500).catch(() => "");
          await c.close();
          assertEquals(text.includes('"result"'), served, `${h.id} 13th connection`);
        } finally {
          await Promise.all(open.map((c) => c.close()));
        }
      }
    } finally {
      await lab.stop();
    }
  },
});

Deno.test({
  name:
    "a TLS terminator in front of ElectrumX answers TLS as nginx does (electrs' stack), not as Python",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const hosts = fixtureHosts(["electrumx-1.20.0", "electrumx-1.20.0", "electrs-0.11.1"], {
      tls: true,
      seed: "terminator-test",
    }).map((h) => ({ ...h, cert: { ...h.cert!, key: "rsa2048" as const } }));
    hosts[1].settings = { tlsTerminator: "nginx-openssl3" };
    const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
    try {
      const fp: string[] = [];
      for (const h of lab.hosts) {
        const scan = await jarmScan(
          () =>
            dial({ host: h.hostname!, ip: h.loopback, port: h.tlsPort! }, {
              transport: "tcp",
              policy: { mode: "lab" },
            }),
          h.hostname!,
          { readTimeoutMs: 3000 },
        );
        // JARM's fingerprint and the alert each probe drew (nginx alerts 80 where Python alerts 70).
        fp.push(`${scan.fingerprint} ${scan.probes.map((p) => p.alert).join(",")}`);
      }
      assertEquals(fp[1], fp[2], "behind nginx: electrs' fingerprint");
      assertNotEquals(fp[1], fp[0], "not ElectrumX's own");
      // Behind the terminator the server is still ElectrumX.
      assertEquals(
        (await call(lab.hosts[1], "server.banner")).result,
        "You are connected to an ElectrumX 1.20.0 server.",
      );
    } finally {
      await lab.stop();
    }
  },
});
