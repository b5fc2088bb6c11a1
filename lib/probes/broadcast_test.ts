import { assertEquals, assertNotEquals } from "../testing/assert.ts";
import { parseTransaction } from "../bitcoin/transaction.ts";
import { txid } from "../bitcoin/txid.ts";
import net from "node:net";
import { serveResponder } from "../lab/hostile/responder.ts";
import { NEVER_VALID_TX, NEVER_VALID_TXID, textFlags } from "./broadcast.ts";
import { runBattery } from "./battery.ts";
import { makeProbeContext } from "./probe.ts";

Deno.test("NEVER_VALID_TXID: the txid of the transaction the broadcast probe sends", () => {
  assertEquals(NEVER_VALID_TXID, txid(parseTransaction(NEVER_VALID_TX)));
  assertEquals(NEVER_VALID_TXID.length, 64);
  // Display order: not the hash's byte order.
  assertNotEquals(NEVER_VALID_TXID, NEVER_VALID_TXID.match(/../g)!.reverse().join(""));
});

Deno.test("textFlags: HTML, a URL and update wording are flagged; bitcoind's reason is not", () => {
  assertEquals(textFlags("bad-txns-vout-toolarge"), {
    html: false,
    url: false,
    update_wording: false,
  });
  assertEquals(textFlags('<a href="https://x.example">update</a>'), {
    html: true,
    url: true,
    update_wording: true,
  });
});

/** A responder on loopback that accepts every broadcast, answering `txid`. */
async function accepting(txidAnswered: string) {
  const server = net.createServer((socket) =>
    serveResponder(socket, {
      override: (req) =>
        req.method === "blockchain.transaction.broadcast" ? { result: txidAnswered } : undefined,
    })
  );
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { server, port: (server.address() as net.AddressInfo).port };
}

async function broadcastData(port: number) {
  const ctx = makeProbeContext({
    endpoint: {
      server: "acceptor.example",
      host: "acceptor.example",
      ip: "127.0.0.1",
      dialIp: "127.0.0.1",
      port,
      transport: "tcp",
      network: "clearnet",
    },
    dial: { policy: { mode: "lab" }, connectTimeoutMs: 4000, tlsTimeoutMs: 4000 },
    clientName: "observatory-test",
    requestTimeoutMs: 4000,
  });
  try {
    const results = await runBattery(ctx, [["reach"], ["version"], ["broadcast"]]);
    return results.find((r) => r.probe === "broadcast")!.data;
  } finally {
    ctx.session?.close();
  }
}

Deno.test("broadcast: an accepting server's txid is checked against the txid of the transaction sent", async () => {
  const same = await accepting(NEVER_VALID_TXID);
  const other = await accepting("ab".repeat(32));
  try {
    const a = await broadcastData(same.port);
    assertEquals([a.outcome, a.txid_matches], ["accepted", true]);
    const b = await broadcastData(other.port);
    assertEquals([b.outcome, b.txid_matches, b.txid_sent], ["accepted", false, NEVER_VALID_TXID]);
  } finally {
    await new Promise((ok) => same.server.close(ok));
    await new Promise((ok) => other.server.close(ok));
  }
});
