import { assert, assertEquals } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { dial } from "./dial.ts";
import { holdUntil, pathRttMs } from "./path_delay.ts";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("pathRttMs: the floor plus skewed jitter for a known address, 0 for an unknown one or no model", () => {
  const model = { rttMs: { "127.0.0.2": 100 }, jitter: 0.1 };
  assertEquals(pathRttMs(model, "127.0.0.2", () => 0), 100);
  assertEquals(pathRttMs(model, "127.0.0.2", () => 0.5), 100 * (1 + 0.1 * 0.125));
  assert(pathRttMs(model, "127.0.0.2", () => 0.999999) <= 110);
  assertEquals(pathRttMs(model, "127.0.0.3"), 0);
  assertEquals(pathRttMs(null, "127.0.0.2"), 0);
});

Deno.test("dial with a path model: a loopback TCP connect and TLS handshake each take one emulated round trip", async () => {
  const server = await startLoopbackServer(() => {}, {
    tls: { key: fixture("selfsigned.key"), cert: fixture("selfsigned.pem") },
  });
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
    assert(
      connectMs !== null && connectMs >= 79.5 && connectMs < 80 + 40,
      `connect ${connectMs} ms (bare ${bare.timings.connectMs})`,
    );
    assert(
      tlsMs !== null && tlsMs >= 79.5 && tlsMs < 80 + 60,
      `TLS ${tlsMs} ms (bare ${bare.timings.tlsMs})`,
    );
    // Another address is not on the emulated path.
    const other = await dial(target, {
      transport: "tcp",
      policy: { mode: "lab" },
      path: { rttMs: { "127.0.0.9": 80 } },
    });
    assert(other.status === "success");
    other.socket.destroy();
    assert(other.timings.connectMs! < 60, `unrelated address ${other.timings.connectMs} ms`);
  } finally {
    await server.close();
  }
});

Deno.test("holdUntil: never ends before the emulated time by performance.now(), for fractional delays", async () => {
  // Timers take whole milliseconds: a hold of 2.9 ms armed as a 2 ms timer ends early.
  let early = 0, worst = 0;
  for (let i = 0; i < 60; i++) {
    const t0 = performance.now();
    const ms = 2 + ((i % 10) + 0.5) / 10;
    await holdUntil(t0, ms);
    const got = performance.now() - t0;
    if (got < ms) early++, worst = Math.max(worst, ms - got);
  }
  assertEquals(early, 0, `${early} of 60 holds ended early, by up to ${worst.toFixed(3)} ms`);
});
