/**
 * The `reach` probe tries a timed-out TCP connect or TLS handshake once more. A real connect timeout on loopback:
 * a listener that accepts nothing until its accept queue is full, so the kernel drops further
 * SYNs; accepting a few frees room for the retry.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { makeProbeContext } from "./probe.ts";
import { reach } from "./reach.ts";
import { labProbeContext, withQuietLab } from "../../tests/helpers/lab_probe.ts";

/** Connect until a connect hangs (the accept queue is full); returns the clients and the hung one. */
async function fillQueue(port: number) {
  const clients: Deno.Conn[] = [];
  for (let n = 0; n < 5000; n++) {
    const c = Deno.connect({ hostname: "127.0.0.1", port });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<null>((r) => (timer = setTimeout(() => r(null), 200)));
    const x = await Promise.race([c, hung]);
    clearTimeout(timer);
    if (x === null) return { clients, hung: c };
    clients.push(x);
  }
  throw new Error("the accept queue never filled");
}

Deno.test("reach: a connect that timed out is tried once more and says so; a second timeout stays a timeout", async () => {
  for (const drainBeforeRetry of [true, false]) {
    const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = (l.addr as Deno.NetAddr).port;
    const { clients, hung } = await fillQueue(port);
    const accepted: Deno.Conn[] = [];
    const drain = async () => {
      for (let i = 0; i < 8; i++) accepted.push(await l.accept());
    };
    let dials = 0;
    const ctx = makeProbeContext({
      endpoint: {
        server: "127.0.0.1",
        host: "127.0.0.1",
        ip: "127.0.0.1",
        dialIp: "127.0.0.1",
        port,
        transport: "tcp",
        network: "clearnet",
      },
      dial: { policy: { mode: "lab" }, connectTimeoutMs: 500 },
      clientName: "observatory-test",
      requestTimeoutMs: 1000,
      beforeConnect: async () => {
        if (++dials === 2 && drainBeforeRetry) await drain();
      },
    });
    try {
      const r = await reach.run(ctx);
      const label = `drain ${drainBeforeRetry}: ${JSON.stringify(r)}`;
      assertEquals(dials, 2, label);
      const retried = r.data.retried as { status: string } | null;
      assert(retried !== null, label);
      assertEquals(retried.status, "timeout", label);
      if (drainBeforeRetry) {
        assertEquals(r.status, "success", label);
        assert(ctx.session !== null, label);
      } else assertEquals([r.status, r.op], ["timeout", "connect"], label);
    } finally {
      ctx.session?.close();
      if (!drainBeforeRetry) await drain();
      (await hung).close();
      for (const c of [...clients, ...accepted]) c.close();
      l.close();
    }
  }
});

/**
 * A TLS handshake that timed out: a relay in front of a real lab TLS server holds the first
 * connection silent (the handshake never completes) and forwards the later ones.
 */
Deno.test("reach: a TLS handshake that timed out is tried once more and says so; a second timeout stays a timeout", async () => {
  const [h] = fixtureHosts(["electrumx-1.16.0"], { tls: true, seed: "reach-tls-retry" });
  await withQuietLab([h], async () => {
    for (const silentFirst of [1, 2]) {
      const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const held: Deno.Conn[] = [];
      const relayed: Promise<unknown>[] = [];
      const relay = (async () => {
        for await (const c of l) {
          if (held.length < silentFirst) {
            held.push(c);
            continue;
          }
          const up = await Deno.connect({ hostname: h.loopback, port: 50002 });
          relayed.push(
            Promise.allSettled([c.readable.pipeTo(up.writable), up.readable.pipeTo(c.writable)]),
          );
        }
      })();
      let dials = 0;
      const ctx = labProbeContext(h, {
        transport: "tls",
        relayPort: (l.addr as Deno.NetAddr).port,
        dial: { policy: { mode: "lab" }, connectTimeoutMs: 2000, tlsTimeoutMs: 400 },
        requestTimeoutMs: 2000,
        beforeConnect: () => {
          dials++;
          return Promise.resolve();
        },
      });
      try {
        const r = await reach.run(ctx);
        const label = `${silentFirst} silent: ${JSON.stringify(r)}`;
        assertEquals(dials, 2, label);
        const retried = r.data.retried as { status: string; op: string } | null;
        assertEquals([retried?.status, retried?.op], ["timeout", "tls"], label);
        if (silentFirst === 1) {
          assertEquals(r.status, "success", label);
          assert(ctx.session !== null, label);
          assert((r.data.tls as { chain: unknown[] }).chain.length > 0, label);
        } else assertEquals([r.status, r.op], ["timeout", "tls"], label);
      } finally {
        ctx.session?.close();
        l.close();
        await relay.catch(() => {});
        for (const c of held) c.close();
        await Promise.all(relayed);
      }
    }
  });
});
