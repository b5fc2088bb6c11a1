import type net from "node:net";
import { assert, assertEquals, assertIncludes } from "../testing/assert.ts";
import { onLines, startLoopbackServer } from "../testing/loopback_server.ts";
import { connectElectrum } from "./connect.ts";
import type { ElectrumSession, SessionOptions } from "./session.ts";

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function withServer(
  behaviour: (s: net.Socket) => void,
  test: (session: ElectrumSession) => Promise<void>,
  options: SessionOptions = {},
) {
  const server = await startLoopbackServer(behaviour);
  try {
    const c = await connectElectrum({ host: "127.0.0.1", ip: "127.0.0.1", port: server.port }, {
      transport: "tcp",
      policy: { mode: "lab" },
      session: options,
    });
    assertEquals(c.status, "success");
    if (c.status !== "success") return;
    try {
      await test(c.session);
    } finally {
      c.session.close();
    }
  } finally {
    await server.close();
  }
}

Deno.test("ElectrumSession matches pipelined replies by id even when they come out of order", async () => {
  await withServer((s) => {
    const got: { id: number; method: string }[] = [];
    onLines(s, (line) => {
      got.push(JSON.parse(line));
      if (got.length === 3) {
        for (const r of [...got].reverse()) {
          s.write(JSON.stringify({ jsonrpc: "2.0", result: r.method, id: r.id }) + "\n");
        }
      }
    });
  }, async (session) => {
    const [a, b, c] = await Promise.all([
      session.request("a"),
      session.request("b"),
      session.request("c"),
    ]);
    assertEquals([a, b, c].map((r) => r.status === "success" ? r.result : r.status), [
      "a",
      "b",
      "c",
    ]);
  });
});

Deno.test("ElectrumSession keeps each reply's raw bytes with its line ending", async () => {
  await withServer((s) =>
    onLines(s, (line) => {
      const { id } = JSON.parse(line);
      s.write(`{"id":${id},"jsonrpc":"2.0","result":"x"}\r\n`);
    }), async (session) => {
    const r = await session.request("server.ping");
    assertEquals(r.status, "success");
    if (r.status === "success") {
      assertEquals(dec(r.raw), '{"id":0,"jsonrpc":"2.0","result":"x"}\r\n');
    }
  });
});

Deno.test("ElectrumSession sends a batch and splits the batch reply by id", async () => {
  await withServer((s) =>
    onLines(s, (line) => {
      const reqs = JSON.parse(line) as { id: number; method: string }[];
      const out = reqs.map((r) =>
        r.method === "bad"
          ? { jsonrpc: "2.0", error: { code: -32601, message: "no" }, id: r.id }
          : { jsonrpc: "2.0", result: r.method, id: r.id }
      );
      s.write(
        out.reverse().map((o) => JSON.stringify(o)).join(", ").replace(/^/, "[").replace(
          /$/,
          "]\n",
        ),
      );
    }), async (session) => {
    const b = await session.batch([["x", []], ["bad", []], ["z", [1]]]);
    assertEquals(b.status, "success");
    if (b.status !== "success") return;
    assertEquals(b.replies.map((r) => r.status), ["success", "rpc-error", "success"]);
    assertIncludes(dec(b.raw), "}, {");
  });
});

Deno.test("ElectrumSession collects notifications apart from replies", async () => {
  await withServer((s) =>
    onLines(s, (line) => {
      const { id } = JSON.parse(line);
      s.write(
        '{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[{"height":5,"hex":"00"}]}\n',
      );
      s.write(JSON.stringify({ jsonrpc: "2.0", result: { height: 5 }, id }) + "\n");
    }), async (session) => {
    const r = await session.request("blockchain.headers.subscribe");
    assertEquals(r.status, "success");
    assertEquals(session.notifications.length, 1);
    assertEquals(session.notifications[0].method, "blockchain.headers.subscribe");
  });
});

Deno.test("ElectrumSession times out a request with no reply and stays usable", async () => {
  await withServer((s) =>
    onLines(s, (line) => {
      const { id, method } = JSON.parse(line);
      if (method !== "silent") s.write(JSON.stringify({ jsonrpc: "2.0", result: 1, id }) + "\n");
    }), async (session) => {
    const slow = await session.request("silent", [], { timeoutMs: 100 });
    assertEquals(slow.status, "timeout");
    const fast = await session.request("ping");
    assertEquals(fast.status, "success");
  });
});

Deno.test("ElectrumSession ends oversize when a line exceeds the bound, without buffering it all", async () => {
  await withServer((s) =>
    onLines(s, () => {
      s.write("[" + "1,".repeat(50_000));
    }), async (session) => {
    const r = await session.request("x", [], { timeoutMs: 2000 });
    assertEquals(r.status, "oversize");
    assertEquals(session.endStatus, "oversize");
  }, { maxLineBytes: 4096 });
});

Deno.test("ElectrumSession ends oversize when total bytes exceed the session bound", async () => {
  await withServer((s) =>
    onLines(s, () => {
      for (let i = 0; i < 100; i++) {
        s.write(JSON.stringify({ jsonrpc: "2.0", method: "n", params: ["x".repeat(1000)] }) + "\n");
      }
    }), async (session) => {
    const r = await session.request("x", [], { timeoutMs: 2000 });
    assertEquals(r.status, "oversize");
  }, { maxTotalBytes: 20_000 });
});

Deno.test("ElectrumSession: a server close fails pending requests as closed", async () => {
  await withServer((s) => onLines(s, () => s.end()), async (session) => {
    const r = await session.request("x", [], { timeoutMs: 2000 });
    assertEquals(r.status, "closed");
  });
});

Deno.test("ElectrumSession: aborting the signal ends pending requests as aborted", async () => {
  const ac = new AbortController();
  await withServer(() => {}, async (session) => {
    const p = session.request("x", [], { timeoutMs: 5000 });
    ac.abort();
    const r = await p;
    assertEquals(r.status, "aborted");
  }, { signal: ac.signal });
});

Deno.test("ElectrumSession.sendRaw returns unmatched error lines (id null) and counts duplicate replies", async () => {
  await withServer((s) =>
    onLines(s, (line) => {
      let id: unknown = null;
      try {
        id = JSON.parse(line).id;
      } catch { /* malformed on purpose */ }
      if (id === null) {
        s.write('{"jsonrpc":"2.0","error":{"code":-32700,"message":"invalid JSON"},"id":null}\n');
      } else {
        s.write(JSON.stringify({ jsonrpc: "2.0", result: 1, id }) + "\n");
        s.write(JSON.stringify({ jsonrpc: "2.0", result: 2, id }) + "\n");
      }
    }), async (session) => {
    const ex = await session.sendRaw("{oops\n", { timeoutMs: 1000 });
    assertEquals(ex.lines.length, 1);
    assertIncludes(dec(ex.lines[0].raw), "-32700");
    const r = await session.request("ping");
    assert(r.status === "success" && r.result === 1);
    await session.waitFor(() => session.duplicateReplies > 0, 500);
    assertEquals(session.duplicateReplies, 1);
  });
});

Deno.test("ElectrumSession tolerates invalid UTF-8 and deep nesting as unmatched lines", async () => {
  await withServer((s) =>
    onLines(s, () => {
      s.write(new Uint8Array([0xff, 0xfe, 0x0a]));
      s.write("[".repeat(10_000) + "]".repeat(10_000) + "\n");
    }), async (session) => {
    const ex = await session.sendRaw("go\n", { replies: 2, timeoutMs: 1000 });
    assertEquals(ex.lines.length, 2);
    assertEquals(session.ended, false);
  });
});
