import net from "node:net";
import { assert, assertEquals } from "../../testing/assert.ts";
import { startLoopbackServer } from "../../testing/loopback_server.ts";
import { ElectrumSession } from "../../electrum/session.ts";
import { classifyAddress } from "../../net/address.ts";
import { isValidHost } from "../../electrum/peers.ts";
import { buildPopulation } from "../population.ts";
import { segmentAddressPicker } from "../addresses/addresses.ts";
import { LabResolver } from "../net/resolver.ts";
import {
  HOSTILITIES,
  LONG_HOSTNAME,
  PHANTOMS,
  plantHostile,
  REGTEST_GENESIS_HEX,
  streamLazily,
} from "./mod.ts";

const env = {
  secureContext: () => null,
  tip: () => ({ height: 300, hex: REGTEST_GENESIS_HEX }),
  peers: () => [],
};

Deno.test("HOSTILITIES has at least 15 documented personalities with unique ids and an expected outcome", () => {
  assert(HOSTILITIES.length >= 15, `${HOSTILITIES.length} hostilities`);
  assertEquals(new Set(HOSTILITIES.map((h) => h.id)).size, HOSTILITIES.length);
  for (const h of HOSTILITIES) assert(h.summary.length > 20 && h.expect.status, h.id);
  assertEquals(REGTEST_GENESIS_HEX.length, 160);
});

Deno.test("plantHostile appends hostile hosts without touching the honest population", () => {
  const build = () =>
    buildPopulation({ clearnet: 40, seed: "plant", pickAddress: segmentAddressPicker });
  const honest = build();
  const before = JSON.stringify(honest);
  const planted = plantHostile(honest, { count: true });
  assertEquals(JSON.stringify(honest), before, "input modified");
  assertEquals(JSON.stringify(build()), before, "population not deterministic");
  const withListeners = planted.filter((h) => h.hostility !== "private-target");
  assertEquals(withListeners.map((h) => h.hostility), HOSTILITIES.map((h) => h.id));
  for (const [i, h] of planted.entries()) {
    assertEquals(h.role, "hostile");
    assertEquals(h.index, honest.length + i);
  }
  const addresses = [...honest, ...planted].map((h) => h.ipv4).filter(Boolean);
  assertEquals(new Set(addresses).size, addresses.length, "addresses collide");
  for (const h of withListeners) assertEquals(classifyAddress(h.ipv4!), "public", h.id);
  assertEquals(LONG_HOSTNAME.length, 253);
  assert(isValidHost(LONG_HOSTNAME));
  // Phantom names resolve, through the lab's address book, to non-public addresses only.
  const book = new LabResolver([...honest, ...planted]);
  for (const p of PHANTOMS) {
    const resolved = book.resolve(p.name);
    assert(resolved.length > 0, p.name);
    for (const a of resolved) assert(classifyAddress(a) !== "public", `${p.name} -> ${a}`);
  }
  const many = plantHostile(honest, { count: 45 });
  assertEquals(many.filter((h) => h.hostility !== "private-target").length, 45);
  const names = many.map((h) => h.hostname).filter(Boolean);
  assertEquals(new Set(names).size, names.length, "names collide");
});

Deno.test({
  name: "each TCP hostility makes server.version end with the status its table entry predicts",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    for (const h of HOSTILITIES.filter((x) => x.transport === "tcp")) {
      const server = await startLoopbackServer((s) => h.serve(s, env));
      const socket = net.connect({ host: "127.0.0.1", port: server.port });
      await new Promise((r) => socket.once("connect", r));
      const session = new ElectrumSession(socket, {
        requestTimeoutMs: 1000,
        maxLineBytes: 2 * 1024 * 1024,
        // Small enough that the notification flood reaches it well within the request deadline.
        maxTotalBytes: 4 * 1024 * 1024,
      });
      const r = await session.request("server.version", ["test", "1.4"]);
      const expected = h.expect.status === "success" ? "success" : h.expect.status;
      assertEquals(r.status, expected, `${h.id}: ${"message" in r ? r.message : ""}`);
      session.close();
      await server.close();
    }
  },
});

Deno.test({
  name:
    "streamLazily stops writing when the peer goes away (a 100 MB reply is never produced in full)",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    let written = 0;
    const server = await startLoopbackServer((s) => {
      streamLazily(s, "[", new Uint8Array(65_536).fill(65), 100_000_000, "]\n");
      s.once("close", () => (written = s.bytesWritten));
    });
    const socket = net.connect({ host: "127.0.0.1", port: server.port });
    let got = 0;
    await new Promise<void>((resolve) => {
      socket.on("data", (d: Uint8Array) => {
        got += d.length;
        if (got > 1_000_000) {
          socket.destroy();
          resolve();
        }
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    await server.close();
    assert(written < 20_000_000, `the server wrote ${written} bytes after the client left`);
  },
});
