import net from "node:net";
import { assertEquals, assertRejects } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { socks5Connect } from "./socks5.ts";

/** A fake proxy: answers the greeting, records the CONNECT request, replies with `rep`, then sends `after`. */
async function withProxy(
  rep: number,
  fn: (port: number, requests: Uint8Array[]) => Promise<void>,
  after = "",
) {
  const requests: Uint8Array[] = [];
  const server = await startLoopbackServer((s) => {
    let stage = 0;
    s.on("data", (d: Uint8Array) => {
      if (stage++ === 0) return s.write(new Uint8Array([5, 0]));
      requests.push(d.slice());
      s.write(new Uint8Array([5, rep, 0, 1, 0, 0, 0, 0, 0, 0]));
      if (after) s.write(after);
    });
  });
  try {
    await fn(server.port, requests);
  } finally {
    await server.close();
  }
}

function open(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => resolve(s));
    s.once("error", reject);
  });
}

Deno.test("socks5Connect sends a CONNECT for a name, an IPv4 and an IPv6 address", async () => {
  const cases: [string, number[]][] = [
    ["abc.onion", [3, 9, ...new TextEncoder().encode("abc.onion")]],
    ["10.1.2.3", [1, 10, 1, 2, 3]],
    ["::1", [4, ...new Array(15).fill(0), 1]],
    ["2001:db8::ff", [4, 0x20, 0x01, 0x0d, 0xb8, ...new Array(10).fill(0), 0, 0xff]],
  ];
  for (const [host, addr] of cases) {
    await withProxy(0, async (port, requests) => {
      const s = await open(port);
      try {
        await socks5Connect(s, host, 50002);
        assertEquals([...requests[0]], [5, 1, 0, ...addr, 50002 >> 8, 50002 & 255], host);
      } finally {
        s.destroy();
      }
    });
  }
});

Deno.test("socks5Connect rejects with the proxy's reason, and keeps bytes sent after the reply", async () => {
  await withProxy(4, async (port) => {
    const s = await open(port);
    try {
      await assertRejects(() => socks5Connect(s, "x.onion", 1), Error, "host unreachable");
    } finally {
      s.destroy();
    }
  });
  await withProxy(0, async (port) => {
    const s = await open(port);
    try {
      await socks5Connect(s, "x.onion", 1);
      const first = await new Promise<string>((resolve) =>
        s.once("data", (d: Uint8Array) => resolve(new TextDecoder().decode(d)))
      );
      assertEquals(first, "hello");
    } finally {
      s.destroy();
    }
  }, "hello");
});
