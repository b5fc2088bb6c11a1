import { X509Certificate } from "node:crypto";
import { assert, assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { dial, guardAddress, listedRefusal } from "./dial.ts";

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
