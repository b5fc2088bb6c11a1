// Wire behaviour of every personality, byte for byte where reference/electrum-servers.md gives bytes.
import { assert, assertEquals } from "../../testing/assert.ts";
import { fixtureHosts } from "../fixture_hosts.ts";
import { type Lab, startLab } from "../lab.ts";
import { PERSONALITIES } from "./personalities.ts";
import { exchange, RawClient } from "../net/raw_client.ts";
import type { LabHost } from "../population.ts";

const GENESIS = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";
const req = (method: string, params?: unknown, id: unknown = 1) =>
  JSON.stringify(
    params === undefined ? { jsonrpc: "2.0", method, id } : { jsonrpc: "2.0", method, params, id },
  ) + "\n";
const lines = (n: number) => (t: string) => t.split("\n").length - 1 >= n;
/** Reply lines without ElectrumX's padding (spaces before the final brace) or terminators. */
const replyLines = (t: string) =>
  t.split("\n").map((l) => l.replace(/\r$/, "").replace(/ +([}\]])$/, "$1")).filter(Boolean);

async function withLab(
  ids: string[],
  fn: (lab: Lab, hosts: Map<string, LabHost>) => Promise<void>,
) {
  const hosts = fixtureHosts(ids);
  const lab = await startLab({ hosts, seed: "wire", latency: 0, tipIntervalMs: 0 });
  try {
    await fn(lab, new Map(hosts.map((h) => [h.personality, h])));
  } finally {
    await lab.stop();
  }
}

/** Send `data` on a fresh connection to the host of personality `id`; wait for `n` lines. */
async function ask(hosts: Map<string, LabHost>, id: string, data: string, n = 1, timeoutMs = 3000) {
  const h = hosts.get(id)!;
  return await exchange(h.loopback, h.tcpPort!, data, lines(n), timeoutMs);
}

const ALL = Object.keys(PERSONALITIES);

Deno.test("server.version replies byte for byte per personality (single string 1.4)", async () => {
  const expected: Record<string, string> = {
    "electrumx-1.16.0": '{"jsonrpc":"2.0","result":["ElectrumX 1.16.0","1.4"],"id":1}\n',
    "electrumx-1.17.0": '{"jsonrpc":"2.0","result":["ElectrumX 1.17.0","1.4"],"id":1}\n',
    "fulcrum-2.1.1": '{"id":1,"jsonrpc":"2.0","result":["Fulcrum 2.1.1","1.4"]}\r\n',
    "fulcrum-1.12.0": '{"id":1,"jsonrpc":"2.0","result":["Fulcrum 1.12.0","1.4"]}\r\n',
    "electrs-0.11.1": '{"id":1,"jsonrpc":"2.0","result":["electrs/0.11.1","1.4"]}\n',
    "electrs-0.9.13": '{"id":1,"jsonrpc":"2.0","result":["electrs/0.9.13","1.4"]}\n',
    "electrs-0.8.12": '{"id":1,"jsonrpc":"2.0","result":["electrs 0.8.12","1.4"]}\n',
    "esplora-0.4.1-2021": '{"id":1,"jsonrpc":"2.0","result":["electrs-esplora 0.4.1","1.4"]}\n',
    "esplora-0.4.1-new": '{"id":1,"jsonrpc":"2.0","result":["electrs-esplora 0.4.1","1.4"]}\n',
    "eps-0.2.4": '{"jsonrpc": "2.0", "result": ["ElectrumPersonalServer 0.2.4", "1.4"], "id": 1}\n',
  };
  await withLab(Object.keys(expected), async (_lab, hosts) => {
    for (const [id, bytes] of Object.entries(expected)) {
      const r = await ask(hosts, id, req("server.version", ["probe", "1.4"]));
      assertEquals(r.text, bytes, id);
    }
  });
});

Deno.test("server.version negotiates a [1.4, 1.6] range as each version does", async () => {
  const expected: Record<string, string | RegExp> = {
    "electrumx-1.16.0": "1.4.2",
    "electrumx-1.17.0": "1.4.3",
    "electrumx-1.18.0": "1.4.3",
    "electrumx-1.19.0": "1.6",
    "electrumx-1.20.0": "1.6",
    "fulcrum-1.9.8": "1.5.2",
    "fulcrum-1.10.0": "1.5.3",
    "fulcrum-1.12.0": "1.5.3",
    "fulcrum-2.0.0": "1.5.3",
    "fulcrum-2.1.0": "1.6",
    "fulcrum-2.1.1": "1.6",
    "electrs-0.9.14": "1.4",
    "electrs-0.10.9": "1.4",
    "electrs-0.11.1": "1.4",
    "esplora-0.4.1-new": "1.4",
  };
  await withLab(Object.keys(expected), async (_lab, hosts) => {
    for (const [id, v] of Object.entries(expected)) {
      const r = await ask(hosts, id, req("server.version", ["probe", ["1.4", "1.6"]]));
      const reply = JSON.parse(r.text.split("\n").filter((l) => l.trim().startsWith("{"))[0]);
      assertEquals(reply.result[1], v, id);
    }
  });
});

Deno.test("server.version refusals: unsupported versions, electrs ranges, repeats and extra arguments", async () => {
  await withLab([
    "electrumx-1.16.0",
    "electrumx-1.20.0",
    "fulcrum-2.0.0",
    "fulcrum-2.1.1",
    "electrs-0.9.13",
    "electrs-0.8.12",
    "electrs-0.11.1",
  ], async (_lab, hosts) => {
    let r = await ask(hosts, "electrumx-1.16.0", req("server.version", ["probe", "2.0"]), 99, 1000);
    assertEquals(
      r.text,
      '{"jsonrpc":"2.0","error":{"code":1,"message":"unsupported protocol version: 2.0"},"id":1}\n',
    );
    assert(r.closed, "ElectrumX disconnects after refusing a version");
    r = await ask(hosts, "fulcrum-2.1.1", req("server.version", ["probe", "2.0"]), 99, 1000);
    assertEquals(
      r.text,
      '{"error":{"code":1,"message":"Unsupported protocol version"},"id":1,"jsonrpc":"2.0"}\r\n',
    );
    assert(r.closed, "Fulcrum disconnects after refusing a version");
    r = await ask(
      hosts,
      "electrs-0.9.13",
      req("server.version", ["electrum/4.7.1", ["1.4", "1.6"]]),
    );
    assertEquals(
      r.text,
      '{"error":{"code":1,"message":"electrum/4.7.1 requested Range(\\"1.4\\", \\"1.6\\"), server supports 1.4"},"id":1,"jsonrpc":"2.0"}\n',
    );
    assert(!r.closed);
    r = await ask(hosts, "electrs-0.8.12", req("server.version", ["c", "1.2"]));
    assert(
      r.text.includes("requested protocol version") && r.text.includes("server supports 1.4"),
      r.text,
    );
    // Repeats: ElectrumX and Fulcrum refuse, without disconnecting; electrs accepts again.
    for (const id of ["electrumx-1.16.0", "fulcrum-2.1.1"]) {
      r = await ask(
        hosts,
        id,
        req("server.version", ["a", "1.4"], 1) + req("server.version", ["a", "1.4"], 2),
        2,
      );
      assert(
        r.text.includes('"message":"server.version already sent"') && !r.closed,
        `${id}: ${r.text}`,
      );
    }
    r = await ask(
      hosts,
      "electrs-0.11.1",
      req("server.version", ["a", "1.4"], 1) + req("server.version", ["a", "1.4"], 2),
      2,
    );
    assertEquals(r.text.split("\n").filter(Boolean).length, 2);
    assert(!r.text.includes("error"), r.text);
    // Extra arguments: an error before protocol 1.6, ignored after.
    r = await ask(hosts, "electrumx-1.16.0", req("server.version", ["a", "1.4", "x"]));
    assertEquals(
      r.text,
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"3 arguments passed to method server.version taking at most 2"},"id":1}\n',
    );
    r = await ask(hosts, "fulcrum-2.0.0", req("server.version", ["a", "1.4", "x"]));
    assertEquals(
      r.text,
      '{"error":{"code":-32602,"message":"Expected at most 2 parameters for server.version, got 3 instead"},"id":1,"jsonrpc":"2.0"}\r\n',
    );
    // Fulcrum's lenient version parser: a leading "v", a "name/" prefix, letters in the third part.
    r = await ask(
      hosts,
      "fulcrum-2.1.1",
      req("server.version", ["a", ["Electrum/v1.4", "1.5.3rc1"]]),
    );
    assertEquals(r.text, '{"id":1,"jsonrpc":"2.0","result":["Fulcrum 2.1.1","1.5.3"]}\r\n');
    r = await ask(hosts, "fulcrum-2.1.1", req("server.version", ["a", "1.4", "x"]));
    assertEquals(r.text, '{"id":1,"jsonrpc":"2.0","result":["Fulcrum 2.1.1","1.4"]}\r\n');
    r = await ask(hosts, "electrumx-1.20.0", req("server.version", ["a", "1.4", "x"]), 1, 3000);
    assertEquals(JSON.parse(r.text).result, ["ElectrumX 1.20.0", "1.4"]);
  });
});

Deno.test("ElectrumX >= 1.19 version-first: relayfee and estimatefee notifications, error code 1, close; each padded to 1,024", async () => {
  await withLab(
    ["electrumx-1.19.0", "electrumx-1.20.0", "electrumx-1.18.0"],
    async (_lab, hosts) => {
      for (const id of ["electrumx-1.19.0", "electrumx-1.20.0"]) {
        const r = await ask(hosts, id, req("server.features", []), 99, 3000);
        assert(r.closed, `${id} closes`);
        const pad = (s: string) => s + " ".repeat(1024 - s.length - 2) + "}\n";
        assertEquals(
          r.text,
          pad('{"jsonrpc":"2.0","method":"blockchain.relayfee"') +
            pad('{"jsonrpc":"2.0","method":"blockchain.estimatefee"') +
            pad(
              '{"jsonrpc":"2.0","error":{"code":1,"message":"use server.version to identify client"},"id":1',
            ),
        );
        // The warm-up budget sends all three at once, without the 1 s hold.
        assert(
          r.chunks[r.chunks.length - 1].atMs < 800,
          `${id} warm-up: ${r.chunks.map((c) => c.atMs)}`,
        );
      }
      // 1.18 answers anything before server.version.
      const r = await ask(
        hosts,
        "electrumx-1.18.0",
        req("blockchain.headers.subscribe", []),
        1,
        3000,
      );
      assert(r.text.includes('"height":') && !r.closed);
    },
  );
});

Deno.test("ElectrumX >= 1.18 pads every write to 1,024 bytes and 1.18 holds small replies for 1 s", async () => {
  await withLab(
    ["electrumx-1.18.0", "electrumx-1.20.0", "electrumx-1.17.0"],
    async (_lab, hosts) => {
      const h18 = hosts.get("electrumx-1.18.0")!;
      const c = await RawClient.connect(h18.loopback, h18.tcpPort!);
      try {
        const t0 = performance.now();
        await c.write(req("server.version", ["probe", "1.4"]));
        await c.untilBytes(1024, 3000);
        const waited = performance.now() - t0;
        const payload = '{"jsonrpc":"2.0","result":["ElectrumX 1.18.0","1.4"],"id":1';
        assertEquals(c.text, payload + " ".repeat(1024 - payload.length - 2) + "}\n");
        assert(
          waited >= 900,
          `1.18 held its first reply ${waited.toFixed(0)} ms (expected about 1 s)`,
        );
        // A large reply (a 2016-header chunk) goes out at once, padded to a power of two.
        await c.write(req("blockchain.block.headers", [0, 200], 2));
        await c.untilBytes(1024 + 32768, 3000);
        assertEquals(c.bytes.length, 1024 + 32768);
      } finally {
        await c.close();
      }
      const h20 = hosts.get("electrumx-1.20.0")!;
      const d = await RawClient.connect(h20.loopback, h20.tcpPort!);
      try {
        await d.write(req("server.version", ["probe", "1.4"]));
        await d.untilBytes(1024, 3000);
        assert(d.chunks[0].atMs < 500, "1.19+ warm-up sends the first reply at once");
        assertEquals(d.bytes.length, 1024);
      } finally {
        await d.close();
      }
      const r = await ask(hosts, "electrumx-1.17.0", req("server.version", ["probe", "1.4"]));
      assertEquals(
        r.text.length,
        '{"jsonrpc":"2.0","result":["ElectrumX 1.17.0","1.4"],"id":1}\n'.length,
        "1.17 does not pad",
      );
    },
  );
});

Deno.test("error matrix: exact codes and messages per dialect (reference §4.2)", async () => {
  const v = req("server.version", ["probe", "1.4"], 0);
  const sh = "zz";
  const cases: [string, string, string][] = [
    // [personality, request line(s) after server.version, expected reply line]
    [
      "electrumx-1.16.0",
      req("foo.bar", []),
      '{"jsonrpc":"2.0","error":{"code":-32601,"message":"unknown method \\"foo.bar\\""},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.scripthash.get_balance", []),
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"0 arguments passed to method \\"blockchain.scripthash.get_balance\\" but it requires 1"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.scripthash.get_balance", ["a", "b"]),
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"2 arguments passed to method blockchain.scripthash.get_balance taking at most 1"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.block.header", []),
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"0 arguments passed to method \\"blockchain.block.header\\" but it requires 1"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("server.ping", [1, 2]),
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"2 arguments passed to method server.ping taking at most 0"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      "{bad json\n",
      '{"jsonrpc":"2.0","error":{"code":-32700,"message":"invalid JSON"},"id":null}',
    ],
    [
      "electrumx-1.16.0",
      "42\n",
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"request object must be a dictionary"},"id":null}',
    ],
    [
      "electrumx-1.16.0",
      "[]\n",
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"batch is empty"},"id":null}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.scripthash.get_history", [sh]),
      '{"jsonrpc":"2.0","error":{"code":1,"message":"zz is not a valid script hash"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.transaction.get", ["xy"]),
      '{"jsonrpc":"2.0","error":{"code":1,"message":"xy should be a transaction hash"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.transaction.get", ["00".repeat(32)]),
      `{"jsonrpc":"2.0","error":{"code":2,"message":"daemon error: DaemonError({'code': -5, 'message': 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.'})"},"id":1}`,
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.block.header", [1000000000]),
      '{"jsonrpc":"2.0","error":{"code":1,"message":"height 1,000,000,000 out of range"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      req("blockchain.block.header", ["abc"]),
      '{"jsonrpc":"2.0","error":{"code":1,"message":"abc should be a non-negative integer"},"id":1}',
    ],
    [
      "electrumx-1.16.0",
      JSON.stringify({ jsonrpc: "2.0", method: "server.ping", params: { a: 1 }, id: 1 }) + "\n",
      // Recorded on a real ElectrumX 1.16.0 build (lib/probes/testdata/electrumx_470c76d).
      '{"jsonrpc":"2.0","error":{"code":-32602,"message":"method \\"server.ping\\" does not take parameter \\"a\\""},"id":1}',
    ],
    [
      "fulcrum-2.1.1",
      req("foo.bar", []),
      '{"error":{"code":-32601,"message":"Unsupported request: foo.bar"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.scripthash.get_balance", []),
      '{"error":{"code":-32602,"message":"Expected at least 1 parameter for blockchain.scripthash.get_balance, got 0 instead"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.scripthash.get_balance"),
      '{"error":{"code":-32602,"message":"Missing required params"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.scripthash.get_balance", ["a", "b"]),
      '{"error":{"code":-32602,"message":"Expected at most 1 parameter for blockchain.scripthash.get_balance, got 2 instead"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      "{bad json\n",
      '{"error":{"code":-32700,"message":"Failed to parse Json from string: {bad json?"},"id":null,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-1.12.0",
      "{bad json\n",
      '{"error":{"code":-32700,"message":"Failed to parse Json from string: {bad json\\n"},"id":null,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      "42\n",
      '{"error":{"code":-32600,"message":"Invalid request"},"id":null,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      '{"id":7}\n',
      '{"error":{"code":-32600,"message":"Invalid JSON RPC object"},"id":7,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      '{"jsonrpc":"2.0","method":"server.ping","params":[],"id":1,"x":1}\n',
      '{"error":{"code":-32600,"message":"Invalid request"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      "[]\n",
      '{"error":{"code":-32600,"message":"Invalid request"},"id":null,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.scripthash.get_history", [sh]),
      '{"error":{"code":1,"message":"Invalid scripthash"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.transaction.get", ["xy"]),
      '{"error":{"code":1,"message":"Invalid tx hash"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.block.header", [1000000]),
      '{"error":{"code":1,"message":"Height 1000000 is out of range"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.block.header", ["abc"]),
      '{"error":{"code":1,"message":"Invalid height"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "fulcrum-2.1.1",
      req("blockchain.transaction.get", ["00".repeat(32)]),
      `{"error":{"code":2,"message":"daemon error: DaemonError({'code': -5, 'message': 'No such mempool or blockchain transaction. Use gettransaction for wallet transactions.'})"},"id":1,"jsonrpc":"2.0"}`,
    ],
    [
      "electrs-0.11.1",
      req("foo.bar", []),
      '{"error":{"code":-32601,"message":"method not found"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "electrs-0.11.1",
      req("blockchain.scripthash.get_balance", []),
      '{"error":{"code":-32602,"message":"invalid params"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "electrs-0.11.1",
      "{bad json\n",
      '{"error":{"code":-32700,"message":"parse error"},"id":null,"jsonrpc":"2.0"}',
    ],
    [
      "electrs-0.11.1",
      "42\n",
      '{"error":{"code":-32600,"message":"invalid request"},"id":null,"jsonrpc":"2.0"}',
    ],
    ["electrs-0.11.1", "[]\n", "[]"],
    [
      "electrs-0.11.1",
      req("blockchain.scripthash.get_mempool", ["00".repeat(32)]),
      '{"error":{"code":-32601,"message":"method not found"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "electrs-0.11.1",
      req("blockchain.block.header", [1000000]),
      '{"error":{"code":1,"message":"no header at 1000000"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "esplora-0.4.1-2021",
      req("foo.bar", []),
      '{"error":"unknown method foo.bar []","id":1,"jsonrpc":"2.0"}',
    ],
    [
      "esplora-0.4.1-2021",
      req("server.features", []),
      '{"error":"unknown method server.features []","id":1,"jsonrpc":"2.0"}',
    ],
    [
      "esplora-0.4.1-new",
      req("foo.bar", []),
      '{"error":{"code":-32601,"message":"unknown method foo.bar"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "esplora-0.4.1-new",
      req("server.features", []),
      '{"error":{"code":-32601,"message":"unknown method server.features"},"id":1,"jsonrpc":"2.0"}',
    ],
    [
      "esplora-0.4.1-new",
      req("blockchain.transaction.get", ["00".repeat(32)]),
      '{"error":{"code":-32603,"message":"missing transaction"},"id":1,"jsonrpc":"2.0"}',
    ],
    ["esplora-0.4.1-new", "[]\n", "[]"],
    [
      "eps-0.2.4",
      req("blockchain.transaction.get", ["00".repeat(32)]),
      '{"error": {"message": "txid not found"}, "jsonrpc": "2.0", "id": 1}',
    ],
  ];
  const ids = [...new Set(cases.map((c) => c[0]))];
  await withLab(ids, async (_lab, hosts) => {
    for (const [id, line, expected] of cases) {
      const r = await ask(hosts, id, v + line, 2);
      // The reply that is not the version's (ElectrumX writes an id-less error ahead of it).
      const got = r.text.split(/\r?\n/).filter(Boolean).find((l) => !/"result": ?\["/.test(l));
      assertEquals(got, expected, `${id} ${line.trim()}`);
      if (id.startsWith("fulcrum")) assert(r.text.endsWith("\r\n"), "Fulcrum ends lines with CRLF");
    }
    // Silence: EPS ignores unknown methods (connection stays open); ElectrumX does not answer an object without a method.
    for (
      const [id, line] of [["eps-0.2.4", req("foo.bar", [])], ["electrumx-1.16.0", '{"id":5}\n']]
    ) {
      const r = await ask(hosts, id, v + line, 2, 400);
      assertEquals(r.text.split("\n").filter(Boolean).length, 1, `${id} stays silent`);
      assert(!r.closed, `${id} keeps the connection`);
    }
    // Disconnects without a reply: esplora 2021 and EPS on malformed JSON and batches.
    for (
      const [id, line] of [["esplora-0.4.1-2021", "{bad\n"], ["esplora-0.4.1-2021", "[]\n"], [
        "eps-0.2.4",
        "{bad\n",
      ]]
    ) {
      const r = await ask(hosts, id, v + line, 2, 1000);
      assert(r.closed, `${id} disconnects on ${line.trim()}`);
      assertEquals(r.text.split("\n").filter(Boolean).length, 1);
    }
    // ElectrumX: once the first message declared 2.0, a later one without it is refused.
    const r = await ask(
      hosts,
      "electrumx-1.16.0",
      v + '{"method":"server.ping","params":[],"id":3}\n',
      2,
    );
    assertEquals(
      r.text.split("\n")[1],
      '{"jsonrpc":"2.0","error":{"code":-32600,"message":"\\"jsonrpc\\" is not \\"2.0\\""},"id":3}',
    );
  });
});

Deno.test("JSON-RPC 1.0 replies from ElectrumX, Fulcrum's error-object and batch limits", async () => {
  await withLab(["electrumx-1.16.0", "fulcrum-2.1.1"], async (_lab, hosts) => {
    let r = await ask(
      hosts,
      "electrumx-1.16.0",
      '{"jsonrpc":"1.0","method":"server.version","params":["a","1.4"],"id":1}\n' +
        '{"jsonrpc":"1.0","method":"foo","params":[],"id":2}\n',
      2,
    );
    assertEquals(
      r.text,
      '{"result":["ElectrumX 1.16.0","1.4"],"error":null,"id":1}\n{"result":null,"error":{"code":-32601,"message":"unknown method \\"foo\\""},"id":2}\n',
    );
    r = await ask(
      hosts,
      "fulcrum-2.1.1",
      '{"jsonrpc":"2.0","error":{"code":1,"message":"x"},"id":3}\n',
      99,
      1000,
    );
    assertEquals(
      r.text,
      '{"error":{"code":-32600,"message":"Not a valid request object"},"id":3,"jsonrpc":"2.0"}\r\n',
    );
    assert(r.closed, "Fulcrum disconnects a client that sends an error object");
    const big = JSON.stringify(
      Array.from(
        { length: 346 },
        (_, i) => ({ jsonrpc: "2.0", method: "server.ping", params: [], id: i }),
      ),
    ) + "\n";
    r = await ask(hosts, "fulcrum-2.1.1", big, 1);
    assertEquals(
      r.text,
      '{"error":{"code":4,"message":"Batch limit exceeded"},"id":null,"jsonrpc":"2.0"}\r\n',
    );
  });
});

Deno.test("electrs 0.8 closes a connection that opens with a TLS ClientHello; 0.11 waits for a line", async () => {
  await withLab(["electrs-0.8.12", "electrs-0.11.1"], async (_lab, hosts) => {
    const hello = String.fromCharCode(22, 3, 1, 2, 0, 1, 0, 1, 252, 3, 3);
    let r = await ask(hosts, "electrs-0.8.12", hello, 99, 1000);
    assert(r.closed && r.text === "", "electrs 0.8 drops a ClientHello");
    r = await ask(hosts, "electrs-0.11.1", hello, 99, 300);
    assert(!r.closed, "electrs 0.11 keeps waiting for a newline");
  });
});

Deno.test("EPS: pre-1.4 header dict before server.version, one client at a time, and a version range crashes it", async () => {
  await withLab(["eps-0.2.4"], async (lab, hosts) => {
    const h = hosts.get("eps-0.2.4")!;
    let r = await ask(hosts, "eps-0.2.4", req("blockchain.headers.subscribe", []));
    const dict = JSON.parse(r.text).result;
    assertEquals(Object.keys(dict).sort(), [
      "bits",
      "block_height",
      "merkle_root",
      "nonce",
      "prev_block_hash",
      "timestamp",
      "version",
    ]);
    assert(r.text.includes('"block_height": 300'), "Python spacing");
    // One client at a time: a second connection waits until the first is done.
    const first = await RawClient.connect(h.loopback, 50001);
    const second = await RawClient.connect(h.loopback, 50001);
    try {
      await second.write(req("server.ping", []));
      assertEquals(await second.until(lines(1), 400), "", "the second client waits");
      await first.close();
      assert((await second.until(lines(1), 2000)).includes('"result": null'), "then it is served");
    } finally {
      await first.close();
      await second.close();
    }
    r = await ask(
      hosts,
      "eps-0.2.4",
      req("server.version", ["electrum/4.7.0", ["1.4", "1.6"]]),
      99,
      1000,
    );
    assert(r.closed && r.text === "", "no reply, the connection drops");
    assert(lab.down.has(h.id), "the whole server is down");
    const refused = await Deno.connect({ hostname: h.loopback, port: 50001 }).then(
      (c) => (c.close(), false),
      () => true,
    );
    assert(refused, "later connections are refused");
  });
});

Deno.test("server.features per family: ElectrumX hosts/services, Fulcrum dsproof and the local host, electrs flat hosts", async () => {
  await withLab([
    "electrumx-1.20.0",
    "electrumx-1.16.0",
    "fulcrum-2.1.1",
    "fulcrum-1.12.0",
    "electrs-0.11.1",
  ], async (_lab, hosts) => {
    const v = req("server.version", ["probe", "1.4"], 0);
    const x = hosts.get("electrumx-1.20.0")!;
    let r = await ask(hosts, "electrumx-1.20.0", v + req("server.features", []), 2);
    const xf = replyLines(r.text)[1];
    assertEquals(
      xf,
      `{"jsonrpc":"2.0","result":{"hosts":{"${x.hostname}":{"tcp_port":50001}},"pruning":null,"server_version":"ElectrumX 1.20.0","protocol_min":"1.4","protocol_max":"1.6","genesis_hash":"${GENESIS}","hash_function":"sha256","services":["tcp://${x.hostname}:50001"]},"id":1}`,
    );
    const f = hosts.get("fulcrum-2.1.1")!;
    r = await ask(hosts, "fulcrum-2.1.1", v + req("server.features", []), 2);
    assertEquals(
      r.text.split("\r\n")[1],
      `{"id":1,"jsonrpc":"2.0","result":{"broadcast_package":true,"dsproof":false,"genesis_hash":"${GENESIS}","hash_function":"sha256","hosts":{"${f.hostname}":{"tcp_port":50001}},"protocol_max":"1.6","protocol_min":"1.4","pruning":null,"server_version":"Fulcrum 2.1.1"}}`,
    );
    r = await ask(hosts, "fulcrum-1.12.0", v + req("server.features", []), 2);
    const f12 = JSON.parse(r.text.split("\r\n")[1]).result;
    assertEquals([f12.dsproof, "broadcast_package" in f12, f12.protocol_max], [
      false,
      false,
      "1.5.3",
    ]);
    r = await ask(hosts, "electrs-0.11.1", v + req("server.features", []), 2);
    assertEquals(
      r.text.split("\n")[1],
      `{"id":1,"jsonrpc":"2.0","result":{"genesis_hash":"${GENESIS}","hash_function":"sha256","hosts":{"tcp_port":50001},"protocol_max":"1.4","protocol_min":"1.4","pruning":null,"server_version":"electrs/0.11.1"}}`,
    );
  });
});

Deno.test("banners, donation addresses, method support, fee-histogram shapes and peer-list formats per family", async () => {
  const ids = [
    "electrumx-1.20.0",
    "electrumx-1.16.0",
    "fulcrum-2.1.1",
    "electrs-0.11.1",
    "esplora-0.4.1-new",
    "eps-0.2.4",
  ];
  await withLab(ids, async (_lab, hosts) => {
    const call = async (id: string, method: string, params: unknown[] = [], version = "1.4") => {
      const r = await ask(
        hosts,
        id,
        req("server.version", ["probe", version], 0) + req(method, params),
        2,
      );
      return JSON.parse(r.text.split("\n").map((l) => l.trim()).filter(Boolean)[1]);
    };
    const banners: Record<string, string> = {
      "electrumx-1.20.0": "You are connected to an ElectrumX 1.20.0 server.",
      "fulcrum-2.1.1": "Connected to a Fulcrum 2.1.1 server",
      "electrs-0.11.1": "Welcome to electrs 0.11.1 (Electrum Rust Server)!",
      "esplora-0.4.1-new": "Welcome to electrs-esplora 0.4.1",
    };
    for (const [id, b] of Object.entries(banners)) {
      assertEquals((await call(id, "server.banner")).result, b, id);
    }
    assert(
      (await call("eps-0.2.4", "server.banner")).result.startsWith(
        "Welcome to Electrum Personal Server 0.2.4",
      ),
    );
    const donations: Record<string, string | null> = {
      "electrumx-1.20.0": "",
      "fulcrum-2.1.1": "1Ca1inCimwRhhcpFX84TPRrPQSryTgKW6N",
      "electrs-0.11.1": null,
      "esplora-0.4.1-new": null,
      "eps-0.2.4": "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
    };
    for (const [id, d] of Object.entries(donations)) {
      assertEquals((await call(id, "server.donation_address")).result, d, id);
    }
    // Method support: relayfee is gone and mempool.get_info appears once ElectrumX negotiates 1.6.
    assertEquals(
      (await call("electrumx-1.20.0", "blockchain.relayfee", [], "1.6")).error.message,
      'unknown method "blockchain.relayfee"',
    );
    assert(
      typeof (await call("electrumx-1.20.0", "blockchain.relayfee", [], "1.4")).result === "number",
    );
    assert(
      (await call("electrumx-1.20.0", "mempool.get_info", [], "1.6")).result.minrelaytxfee > 0,
    );
    assertEquals((await call("electrumx-1.16.0", "mempool.get_info")).error.code, -32601);
    assert((await call("fulcrum-2.1.1", "mempool.get_info")).result);
    // Fee histograms: ElectrumX 0.1 sat/vB decimals, Fulcrum integers, electrs powers of two; all strictly decreasing.
    const shapes: Record<string, (f: number) => boolean> = {
      "electrumx-1.20.0": (f) => Math.abs(f * 10 - Math.round(f * 10)) < 1e-9,
      "fulcrum-2.1.1": Number.isInteger,
      "electrs-0.11.1": (f) => Number.isInteger(Math.log2(f)),
    };
    for (const [id, ok] of Object.entries(shapes)) {
      const h = (await call(id, "mempool.get_fee_histogram")).result as [number, number][];
      assert(h.length > 0, `${id} histogram`);
      for (let i = 0; i < h.length; i++) {
        assert(ok(h[i][0]), `${id} fee ${h[i][0]}`);
        if (i) assert(h[i][0] < h[i - 1][0], `${id} strictly decreasing`);
      }
    }
    assert(
      (await call("electrumx-1.16.0", "mempool.get_fee_histogram")).result.some(([f]: number[]) =>
        !Number.isInteger(f)
      ),
      "ElectrumX shows decimals",
    );
  });
});

Deno.test("peer lists: ElectrumX and Fulcrum list [ip, host, [v, s, t]], electrs lists nothing", async () => {
  const lab = await startLab({
    size: 40,
    onion: 4,
    seed: "peers",
    latency: 0,
    tipIntervalMs: 0,
    adversaries: false,
  });
  try {
    const v = req("server.version", ["probe", "1.4"], 0);
    await Promise.all(
      lab.hosts.filter((x) => !x.onion && x.tcpPort && x.peers.length).map(async (h) => {
        const r = await exchange(
          h.loopback,
          h.tcpPort!,
          v + req("server.peers.subscribe", []),
          lines(2),
        );
        const peers = JSON.parse(r.text.split("\n").map((l) => l.trim())[1]).result as [
          string,
          string,
          string[],
        ][];
        assert(peers.length > 0, `${h.id} advertises peers`);
        for (const [addr, name, feats] of peers) {
          assert(
            /^\d+\.\d+\.\d+\.\d+$/.test(addr) || addr.includes(":") || addr.endsWith(".onion"),
            addr,
          );
          assert(typeof name === "string");
          assert(/^v1\.\d/.test(feats[0]), `${feats}`);
          for (const x of feats.slice(1)) {
            assert(/^[st]\d+$/.test(x), `ports always written out: ${feats}`);
          }
          const order = feats.map((x) => x[0]).join("");
          assert(["v", "vs", "vt", "vst"].includes(order), `order v, s, t: ${feats}`);
        }
      }),
    );
    const e = lab.hosts.find((x) => !x.onion && x.tcpPort && x.personality.startsWith("electrs"));
    if (e) {
      const r = await exchange(
        e.loopback,
        e.tcpPort!,
        v + req("server.peers.subscribe", []),
        lines(2),
      );
      assertEquals(JSON.parse(r.text.split("\n")[1]).result, []);
    }
  } finally {
    await lab.stop();
  }
});

Deno.test("batches: ElectrumX joins replies with ', ', Fulcrum and electrs with ','", async () => {
  await withLab(["electrumx-1.16.0", "fulcrum-2.1.1", "electrs-0.11.1"], async (_lab, hosts) => {
    const batch = JSON.stringify([{ jsonrpc: "2.0", method: "server.ping", params: [], id: 1 }, {
      jsonrpc: "2.0",
      method: "server.ping",
      params: [],
      id: 2,
    }]) + "\n";
    let r = await ask(hosts, "electrumx-1.16.0", batch);
    assertEquals(
      r.text,
      '[{"jsonrpc":"2.0","result":null,"id":1}, {"jsonrpc":"2.0","result":null,"id":2}]\n',
    );
    r = await ask(hosts, "fulcrum-2.1.1", batch);
    assertEquals(
      r.text,
      '[{"id":1,"jsonrpc":"2.0","result":null},{"id":2,"jsonrpc":"2.0","result":null}]\r\n',
    );
    r = await ask(hosts, "electrs-0.11.1", batch);
    assertEquals(
      r.text,
      '[{"id":1,"jsonrpc":"2.0","result":null},{"id":2,"jsonrpc":"2.0","result":null}]\n',
    );
  });
});

Deno.test("anti-abuse: ElectrumX answers -101 after about nine malformed lines from one /24; Fulcrum aborts the 13th connection and disconnects on the 10th error", async () => {
  await withLab(["electrumx-1.16.0", "fulcrum-2.1.1"], async (_lab, hosts) => {
    const r = await ask(hosts, "electrumx-1.16.0", "{bad\n".repeat(14), 99, 3000);
    const replies = r.text.split("\n").filter(Boolean);
    const invalid = replies.filter((l) => l.includes("invalid JSON")).length;
    assert(invalid >= 8 && invalid <= 10, `${invalid} invalid JSON replies before -101`);
    assertEquals(
      replies[replies.length - 1],
      '{"jsonrpc":"2.0","error":{"code":-101,"message":"excessive resource usage"},"id":null}',
    );
    assert(r.closed, "ElectrumX disconnects at the hard limit");
    // The cost stays with the /24 after the disconnect: the next connection is refused at once.
    const again = await ask(hosts, "electrumx-1.16.0", "{bad\n", 1, 1000);
    assert(again.text.includes("-101"), again.text);

    const f = hosts.get("fulcrum-2.1.1")!;
    const e = await exchange(f.loopback, f.tcpPort!, "{bad\n".repeat(12), lines(99), 1500);
    assertEquals(
      e.text.split("\r\n").filter(Boolean).length,
      9,
      "nine errors answered, the tenth disconnects",
    );
    assert(e.closed);
    const open: RawClient[] = [];
    try {
      for (let i = 0; i < 13; i++) open.push(await RawClient.connect(f.loopback, f.tcpPort!));
      const last = open[12];
      await last.write(req("server.ping", []));
      assert(await last.untilClosed(1000), "the 13th connection is aborted");
      assertEquals(last.text, "");
      await open[11].write(req("server.ping", []));
      assertEquals(
        await open[11].until(lines(1), 1000),
        '{"id":1,"jsonrpc":"2.0","result":null}\r\n',
      );
    } finally {
      await Promise.all(open.map((c) => c.close()));
    }
  });
});

Deno.test("every personality answers the core of the protocol the wallet uses after server.version", async () => {
  await withLab(ALL.filter((id) => !id.startsWith("eps")), async (_lab, hosts) => {
    for (const id of ALL.filter((x) => !x.startsWith("eps"))) {
      const r = await ask(
        hosts,
        id,
        req("server.version", ["probe", "1.4"], 0) + req("blockchain.headers.subscribe", []) +
          req("blockchain.block.header", [1], 2) + req("blockchain.estimatefee", [2], 3),
        4,
      );
      const replies = r.text.split("\n").map((l) => l.trim()).filter(Boolean).map((l) =>
        JSON.parse(l)
      );
      assertEquals(replies.length, 4, id);
      assertEquals(replies[1].result.height, 300, id);
      assertEquals(replies[2].result.length, 160, id);
    }
  });
});

Deno.test("reply order: ElectrumX answers id-less errors ahead of method replies; Fulcrum lets errors and quick replies overtake thread-pool methods; electrs answers in order", async () => {
  // The burst of reference §7.1, written at once: version, unknown method, ping, 42, ping, [], ping, {bad.
  const burst = req("server.version", ["probe", "1.4"], 0) + req("no.such", [], 1) +
    req("server.ping", [], 2) + "42\n" + req("server.ping", [], 3) + "[]\n" +
    req("server.ping", [], 4) + "{bad\n";
  const ids = (text: string) =>
    replyLines(text).map((l) => {
      const m = JSON.parse(l) as { id?: unknown; error?: { code?: number } };
      return Array.isArray(m) ? "[]" : m.id === null ? `null:${m.error?.code}` : String(m.id);
    });
  await withLab(["electrumx-1.16.0", "fulcrum-2.1.1", "electrs-0.11.1"], async (_lab, hosts) => {
    let r = await ask(hosts, "electrumx-1.16.0", burst, 7);
    assertEquals(ids(r.text), [
      "null:-32600",
      "null:-32600",
      "null:-32700",
      "0",
      "1",
      "2",
      "3",
      "4",
    ]);
    // Fulcrum: a header request goes to the thread pool; the errors and pings after it do not wait.
    const fburst = req("server.version", ["probe", "1.4"], 0) +
      req("blockchain.block.header", [0], 1) +
      "42\n" + req("server.ping", [], 2) + req("blockchain.block.header", [], 3) + "{bad\n";
    r = await ask(hosts, "fulcrum-2.1.1", fburst, 6);
    assertEquals(ids(r.text), ["0", "null:-32600", "2", "3", "null:-32700", "1"]);
    r = await ask(hosts, "electrs-0.11.1", burst, 8);
    assertEquals(ids(r.text), ["0", "1", "2", "null:-32600", "3", "[]", "4", "null:-32700"]);
  });
});

Deno.test("blockchain.transaction.id_from_pos: a bare txid, except electrs >= 0.9 ({tx_id}, exactly three params)", async () => {
  const ids = [
    "electrumx-1.20.0",
    "fulcrum-2.1.1",
    "esplora-0.4.1-new",
    "electrs-0.8.12",
    "electrs-0.11.1",
  ];
  await withLab(ids, async (_lab, hosts) => {
    // server.version first (ElectrumX 1.20 refuses anything before it), then the call.
    const result = async (id: string, params: unknown[]) => {
      const data = req("server.version", ["probe", "1.4"], 1) +
        req("blockchain.transaction.id_from_pos", params, 2);
      const replies = replyLines((await ask(hosts, id, data, 2)).text).map((l) => JSON.parse(l));
      return replies.find((r) => r.id === 2);
    };
    const genesisCoinbase = (await result("electrumx-1.20.0", [0, 0])).result;
    assertEquals(typeof genesisCoinbase, "string");
    for (const id of ids.slice(0, 4)) {
      assertEquals((await result(id, [0, 0, false])).result, genesisCoinbase, id);
      assertEquals((await result(id, [0, 0])).result, genesisCoinbase, id);
    }
    assertEquals((await result("electrs-0.11.1", [0, 0, false])).result, {
      tx_id: genesisCoinbase,
    });
    const withMerkle = (await result("electrs-0.11.1", [0, 0, true])).result;
    // serde_json writes object keys in alphabetical order.
    assertEquals(Object.keys(withMerkle), ["merkle", "tx_id"]);
    assertEquals((await result("electrs-0.11.1", [0, 0])).error, {
      code: -32602,
      message: "invalid params",
    });
  });
});
