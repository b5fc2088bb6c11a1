import { X509Certificate } from "node:crypto";
import { assert, assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { dial, guardAddress, listedRefusal } from "./dial.ts";
import { OwnConnections } from "./own_connections.ts";
import net from "node:net";
import tls from "node:tls";

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url));

Deno.test("dial refuses a public address in lab mode without opening a socket", async () => {
  const r = await dial({ host: "8.8.8.8", ip: "8.8.8.8", port: 50002 }, {
    transport: "tls",
    policy: { mode: "lab" },
  });
  assertEquals(r.status, "blocklisted");
  assertEquals(r.timings.connectMs, null);
  if (r.status !== "success") assertIncludes(r.message, "127.0.0.0/8");
});

Deno.test("dial refuses private, link-local and IPv6 non-loopback addresses in lab and local modes", async () => {
  for (
    const ip of ["10.0.0.1", "192.168.1.10", "169.254.1.1", "2a01:4f8::1", "fe80::1", "0.0.0.0"]
  ) {
    for (const mode of ["lab", "local"] as const) {
      const r = await dial({ host: ip, ip, port: 50001 }, { transport: "tcp", policy: { mode } });
      assertEquals(r.status, "blocklisted", `${mode} ${ip}`);
    }
  }
});

Deno.test("dial refuses a SOCKS proxy off loopback, and a literal target behind a proxy", async () => {
  const viaRemoteProxy = await dial({ host: "x.onion", ip: null, port: 50001 }, {
    transport: "tcp",
    policy: { mode: "lab" },
    socks: { ip: "192.0.2.1", port: 9050 },
  });
  assertEquals(viaRemoteProxy.status, "blocklisted");
  const literalBehindProxy = await dial({ host: "1.2.3.4", ip: "1.2.3.4", port: 50001 }, {
    transport: "tcp",
    policy: { mode: "lab" },
    socks: { ip: "127.0.0.1", port: 9050 },
  });
  assertEquals(literalBehindProxy.status, "blocklisted");
});

Deno.test("guardAddress: live mode refuses non-public addresses, honours deny/allow, and is off under OBS_FORBID_LIVE", () => {
  const prev = Deno.env.get("OBS_FORBID_LIVE");
  try {
    Deno.env.delete("OBS_FORBID_LIVE");
    assertIncludes(guardAddress("127.0.0.1", { mode: "live" })!, "loopback");
    assertIncludes(guardAddress("10.1.1.1", { mode: "live" })!, "private");
    assertEquals(guardAddress("8.8.8.8", { mode: "live" }), null);
    assertIncludes(guardAddress("8.8.8.8", { mode: "live", deny: ["8.8.0.0/16"] })!, "deny");
    assertIncludes(guardAddress("8.8.8.8", { mode: "live", allow: ["1.1.1.0/24"] })!, "allow");
    assertEquals(guardAddress("127.0.0.1", { mode: "live" }, "proxy"), null);
    Deno.env.set("OBS_FORBID_LIVE", "1");
    assertIncludes(guardAddress("8.8.8.8", { mode: "live" })!, "forbidden");
  } finally {
    if (prev === undefined) Deno.env.delete("OBS_FORBID_LIVE");
    else Deno.env.set("OBS_FORBID_LIVE", prev);
  }
});

Deno.test("guardAddress: the local target honours deny and allow on loopback; the lab leaves them to the simulated address", () => {
  const deny = { mode: "local" as const, deny: ["127.0.0.5/32"] };
  assertIncludes(guardAddress("127.0.0.5", deny)!, "deny list (127.0.0.5/32)");
  assertEquals(guardAddress("127.0.0.6", deny), null);
  assertIncludes(
    guardAddress("127.0.0.6", { mode: "local", allow: ["127.0.0.5/32"] })!,
    "not in the allow list",
  );
  // A SOCKS proxy is never subject to the lists.
  assertEquals(guardAddress("127.0.0.5", deny, "proxy"), null);
  // The lab dials loopback stand-ins; its lists are checked on the simulated address by the crawl.
  assertEquals(guardAddress("127.0.0.5", { mode: "lab", deny: ["127.0.0.0/8"] }), null);
  assertIncludes(
    listedRefusal("203.0.113.9", { mode: "lab", deny: ["203.0.113.0/24"] })!,
    "deny list",
  );
});

Deno.test("dial refuses a denied loopback address before any socket exists", async () => {
  let accepted = 0;
  const server = await startLoopbackServer(() => accepted++);
  try {
    const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tcp",
      policy: { mode: "local", deny: ["127.0.0.1/32"] },
    });
    assertEquals([r.status, "op" in r ? r.op : null], ["blocklisted", "connect"]);
    await new Promise((res) => setTimeout(res, 50));
    assertEquals(accepted, 0);
  } finally {
    await server.close();
  }
});

Deno.test("dial rejects a bad port or a name without address as a caller mistake", async () => {
  await assertRejects(
    () =>
      dial({ host: "a", ip: "127.0.0.1", port: 70000 }, {
        transport: "tcp",
        policy: { mode: "lab" },
      }),
    RangeError,
    "70000",
  );
  await assertRejects(
    () =>
      dial({ host: "example.org", ip: null, port: 1 }, {
        transport: "tcp",
        policy: { mode: "lab" },
      }),
    TypeError,
    "example.org",
  );
});

Deno.test("dial connects over TCP on loopback and records the connect time", async () => {
  const server = await startLoopbackServer(() => {});
  try {
    const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tcp",
      policy: { mode: "lab" },
    });
    assertEquals(r.status, "success");
    if (r.status === "success") {
      assert(r.timings.connectMs !== null && r.timings.connectMs >= 0);
      r.socket.destroy();
    }
  } finally {
    await server.close();
  }
});

Deno.test("dial reports refused for a closed port", async () => {
  const server = await startLoopbackServer(() => {});
  const port = server.port;
  await server.close();
  const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port }, {
    transport: "tcp",
    policy: { mode: "lab" },
  });
  assertEquals(r.status, "refused");
});

Deno.test("dial over TLS accepts a self-signed certificate and returns its raw DER", async () => {
  const cert = fixture("selfsigned.pem");
  const server = await startLoopbackServer(() => {}, {
    tls: { key: fixture("selfsigned.key"), cert },
  });
  try {
    const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tls",
      policy: { mode: "lab" },
    });
    assertEquals(r.status, "success");
    if (r.status !== "success") return;
    const expected = new Uint8Array(new X509Certificate(cert).raw);
    assertEquals(r.tls!.chainDer.length, 1);
    assertEquals(r.tls!.chainDer[0], expected);
    assert(r.tls!.protocol === "TLSv1.3" || r.tls!.protocol === "TLSv1.2");
    assert(r.timings.tlsMs !== null);
    r.socket.destroy();
  } finally {
    await server.close();
  }
});

Deno.test("dial classifies garbage instead of a TLS handshake as tls-error", async () => {
  const server = await startLoopbackServer((s) => s.end("HTTP/1.0 400 Bad Request\r\n\r\n"));
  try {
    const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tls",
      policy: { mode: "lab" },
      tlsTimeoutMs: 2000,
    });
    assertEquals(r.status, "tls-error");
  } finally {
    await server.close();
  }
});

Deno.test("dial times out a TLS handshake that never comes", async () => {
  const server = await startLoopbackServer(() => {});
  try {
    const r = await dial({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tls",
      policy: { mode: "lab" },
      tlsTimeoutMs: 200,
    });
    assertEquals(r.status, "timeout");
    if (r.status !== "success") assertEquals(r.op, "tls");
  } finally {
    await server.close();
  }
});

/**
 * A TLS server that serves one client at a time, as Electrum Personal Server does (`listen(1)`,
 * one loop): the kernel completes every TCP handshake, the TLS handshake of the next connection
 * starts only once the current one closed. `serve: false` never starts one (a dead server).
 */
async function oneClientServer(serve = true) {
  const key = fixture("selfsigned.key"), cert = fixture("selfsigned.pem");
  const queue: net.Socket[] = [];
  const all: net.Socket[] = [];
  const next = () => {
    const raw = queue[0];
    if (!raw || !serve) return;
    const secure = new tls.TLSSocket(raw, { isServer: true, key, cert });
    secure.on("error", () => secure.destroy());
  };
  const server = net.createServer((raw) => {
    all.push(raw);
    raw.on("error", () => raw.destroy());
    raw.on("close", () => {
      const head = queue[0] === raw;
      queue.splice(queue.indexOf(raw), 1);
      if (head) next();
    });
    queue.push(raw);
    if (queue.length === 1) next();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of all) s.destroy();
        server.close(() => r());
      }),
  };
}

Deno.test("dial: a TLS handshake queued behind our own connection to a one-client server counts its deadline from when that one closed", async () => {
  const server = await oneClientServer();
  const target = { host: "127.0.0.1", ip: "127.0.0.1", port: server.port };
  const opts = { transport: "tls" as const, policy: { mode: "lab" as const }, tlsTimeoutMs: 200 };
  try {
    for (const withBehind of [true, false]) {
      const first = await dial(target, opts);
      assertEquals(first.status, "success");
      if (first.status !== "success") return;
      const behind = new OwnConnections();
      behind.add(first.socket);
      // The first holds the server's one slot for 400 ms, twice the second's handshake deadline.
      const t = setTimeout(() => first.socket.destroy(), 400);
      const second = await dial(target, { ...opts, ...(withBehind ? { behind } : {}) });
      clearTimeout(t);
      first.socket.destroy();
      if (second.status === "success") second.socket.destroy();
      if (withBehind) {
        assertEquals(second.status, "success", JSON.stringify(second));
        assert(second.timings.tlsMs! >= 350, `${second.timings.tlsMs}`);
      } else {
        // Without it, the time the server spent on us fails the handshake.
        assertEquals([second.status, second.status === "success" ? null : second.op], [
          "timeout",
          "tls",
        ]);
      }
    }
  } finally {
    await server.close();
  }
});

Deno.test("dial: waiting behind our own connection is bounded: a server that never handshakes still times out, a full deadline after that connection closed", async () => {
  const server = await oneClientServer(false);
  const target = { host: "127.0.0.1", ip: "127.0.0.1", port: server.port };
  const opts = { transport: "tcp" as const, policy: { mode: "lab" as const } };
  try {
    const first = await dial(target, opts);
    assertEquals(first.status, "success");
    if (first.status !== "success") return;
    const behind = new OwnConnections();
    behind.add(first.socket);
    setTimeout(() => first.socket.destroy(), 300);
    const t0 = performance.now();
    const r = await dial(target, { ...opts, transport: "tls", tlsTimeoutMs: 200, behind });
    const took = performance.now() - t0;
    assertEquals([r.status, r.status === "success" ? null : r.op], ["timeout", "tls"]);
    // 300 ms behind the first, then the full 200 ms deadline; not the 200 ms from its start.
    assert(took >= 480 && took < 2000, `${took}`);
  } finally {
    await server.close();
  }
});

Deno.test("dial: onHandshake fires once the TLS handshake is done, before the emulated path's hold ends; never for TCP", async () => {
  const server = await startLoopbackServer(() => {}, {
    tls: { key: fixture("selfsigned.key"), cert: fixture("selfsigned.pem") },
  });
  try {
    const target = { host: "127.0.0.1", ip: "127.0.0.1", port: server.port };
    // A 300 ms path: the handshake itself takes a few ms on loopback, the hold the rest.
    const path = { rttMs: { "127.0.0.1": 300 }, jitter: 0 };
    const calls: number[] = [];
    const t0 = performance.now();
    const r = await dial(target, {
      transport: "tls",
      policy: { mode: "lab" },
      path,
      onHandshake: () => calls.push(performance.now() - t0),
    });
    const total = performance.now() - t0;
    assertEquals(r.status, "success");
    if (r.status === "success") r.socket.destroy();
    assertEquals(calls.length, 1);
    // After the connect's hold (300 ms), well before the handshake's hold ends (600 ms).
    assert(calls[0] >= 300 && calls[0] < 500, `onHandshake at ${calls[0]} ms`);
    assert(total >= 600, `dial took ${total} ms`);
    const tcp = await dial(target, {
      transport: "tcp",
      policy: { mode: "lab" },
      onHandshake: () => calls.push(-1),
    });
    if (tcp.status === "success") tcp.socket.destroy();
    assertEquals(calls.length, 1);
  } finally {
    await server.close();
  }
});
