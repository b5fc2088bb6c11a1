import { assert, assertEquals } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { dial } from "./dial.ts";
import { pathRttMs } from "./path_delay.ts";

const fixture = (name: string) => Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("pathRttMs: the floor plus skewed jitter for a known address, 0 for an unknown one or no model", () => {
  const model = { rttMs: { "127.0.0.2": 100 }, jitter: 0.1 };
  assertEquals(pathRttMs(model, "127.0.0.2", () => 0), 100);
  assertEquals(pathRttMs(model, "127.0.0.2", () => 0.5), 100 * (1 + 0.1 * 0.125));
  assert(pathRttMs(model, "127.0.0.2", () => 0.999999) <= 110);
  assertEquals(pathRttMs(model, "127.0.0.3"), 0);
  assertEquals(pathRttMs(null, "127.0.0.2"), 0);
});

Deno.test("dial with a path model: a loopback TCP connect and TLS handshake each take one emulated round trip", async () => {
  const server = await startLoopbackServer(() => {}, { tls: { key: fixture("selfsigned.key"), cert: fixture("selfsigned.pem") } });
  try {
    const target = { host: "127.0.0.1", ip: "127.0.0.1", port: server.port };
    const bare = await dial(target, { transport: "tls", policy: { mode: "lab" } });
    assert(bare.status === "success");
    bare.socket.destroy();
    const path = { rttMs: { "127.0.0.1": 80 }, jitter: 0 };
    const r = await dial(target, { transport: "tls", policy: { mode: "lab" }, path });
    assert(r.status === "success");
    r.socket.destroy();
    const { connectMs, tlsMs } = r.timings;
    assert(connectMs !== null && connectMs >= 79.5 && connectMs < 80 + 40, `connect ${connectMs} ms (bare ${bare.timings.connectMs})`);
    assert(tlsMs !== null && tlsMs >= 79.5 && tlsMs < 80 + 60, `TLS ${tlsMs} ms (bare ${bare.timings.tlsMs})`);
    // Another address is not on the emulated path.
    const other = await dial(target, { transport: "tcp", policy: { mode: "lab" }, path: { rttMs: { "127.0.0.9": 80 } } });
    assert(other.status === "success");
    other.socket.destroy();
    assert(other.timings.connectMs! < 60, `unrelated address ${other.timings.connectMs} ms`);
  } finally {
    await server.close();
  }
});
