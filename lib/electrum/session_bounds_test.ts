import net from "node:net";
import { assertEquals, assertMatch } from "../testing/assert.ts";
import { startLoopbackServer } from "../testing/loopback_server.ts";
import { ElectrumSession } from "./session.ts";

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: "127.0.0.1", port });
  await new Promise((r) => socket.once("connect", r));
  return socket;
}

Deno.test({
  name:
    "ElectrumSession ends a request answered only by unparseable lines as protocol-error naming why",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const server = await startLoopbackServer((s) =>
      s.once("data", () => s.write("[".repeat(5000) + "\n"))
    );
    const session = new ElectrumSession(await connect(server.port), { requestTimeoutMs: 200 });
    const r = await session.request("server.version", ["t", "1.4"]);
    assertEquals(r.status, "protocol-error");
    assertMatch(
      "message" in r ? r.message : "",
      /no reply to server\.version within 200 ms; 1 unparseable line\(s\) received, last: JSON nested deeper than 64/,
    );
    assertEquals(session.invalidLines, 1);
    session.close();
    await server.close();
  },
});

Deno.test({
  name:
    "ElectrumSession ends as timeout when its signal is aborted with a TimeoutError (a deadline), aborted otherwise",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const server = await startLoopbackServer(() => {});
    for (
      const [reason, status] of [[
        new DOMException("server deadline of 50 ms exceeded", "TimeoutError"),
        "timeout",
      ], [undefined, "aborted"]] as const
    ) {
      const ac = new AbortController();
      const session = new ElectrumSession(await connect(server.port), {
        requestTimeoutMs: 5000,
        signal: ac.signal,
      });
      const pending = session.request("server.version", ["t", "1.4"]);
      setTimeout(() => ac.abort(reason), 20);
      const r = await pending;
      assertEquals(r.status, status);
      assertEquals(session.endStatus, status);
      if (status === "timeout") {
        assertMatch("message" in r ? r.message : "", /server deadline of 50 ms exceeded/);
      }
      session.close();
    }
    await server.close();
  },
});
