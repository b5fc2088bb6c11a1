import { assert, assertEquals } from "../testing/assert.ts";
import net from "node:net";
import { OwnConnections } from "./own_connections.ts";

Deno.test("OwnConnections: counts open sockets, settles idle() when the last closes and notes when", async () => {
  const server = net.createServer((s) => s.on("error", () => {}));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  const connect = () =>
    new Promise<net.Socket>((r) => {
      const s = net.connect({ host: "127.0.0.1", port }, () => r(s));
    });
  try {
    const own = new OwnConnections();
    assertEquals([own.open, own.freedAt], [0, -Infinity]);
    await own.idle(); // none open: at once
    const a = await connect(), b = await connect();
    own.add(a);
    own.add(b);
    assertEquals(own.open, 2);
    let idle = false;
    const waiting = own.idle().then(() => (idle = true));
    a.destroy();
    await new Promise((r) => setTimeout(r, 20));
    assertEquals([own.open, idle], [1, false]);
    const before = performance.now();
    b.destroy();
    await waiting;
    assertEquals(own.open, 0);
    assert(own.freedAt >= before, `${own.freedAt} ${before}`);
    // A socket already closed is not counted.
    own.add(b);
    assertEquals(own.open, 0);
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});
