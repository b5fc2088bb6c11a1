/**
 * The `errors` probe against lab servers whose reply order is the real one (ElectrumX answers
 * id-less errors ahead of method replies; Fulcrum lets errors overtake thread-pool methods): every
 * case gets its own server's answer, whatever the order, and no more connections than needed.
 */
import { assertEquals } from "../testing/assert.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { Politeness } from "../crawl/politeness.ts";
import { type ErrorCaseResult, errors } from "./errors.ts";
import { makeProbeContext } from "./probe.ts";
import { labProbeContext, withQuietLab } from "../../tests/helpers/lab_probe.ts";

/** A case as the fingerprint table shows it: outcome, or code and message. */
const show = (c: ErrorCaseResult) =>
  c.outcome === "reply" || c.outcome === "reply-closed"
    ? `${c.outcome === "reply-closed" ? "then-closed: " : ""}${
      c.reply_kind === "object"
        ? `${c.code} ${c.message}`
        : c.reply_kind === "string"
        ? `"${c.message}"`
        : c.reply_kind
    }`
    : c.outcome;

const EXPECTED: Record<string, Record<string, string>> = {
  "electrumx-1.16.0": {
    unknown_method: '-32601 unknown method "observatory.no_such_method"',
    bad_params: '-32602 0 arguments passed to method "blockchain.block.header" but it requires 1',
    extra_key: "result",
    not_object: "-32600 request object must be a dictionary",
    empty_batch: "-32600 batch is empty",
    malformed_json: "-32700 invalid JSON",
    no_method: "silent",
  },
  "fulcrum-2.1.1": {
    unknown_method: "-32601 Unsupported request: observatory.no_such_method",
    bad_params: "-32602 Expected at least 1 parameter for blockchain.block.header, got 0 instead",
    extra_key: "-32600 Invalid request",
    not_object: "-32600 Invalid request",
    empty_batch: "-32600 Invalid request",
    malformed_json:
      '-32700 Failed to parse Json from string: {"jsonrpc":"2.0","method":"server.ping","params":[?',
    no_method: "-32600 Invalid JSON RPC object",
  },
  "electrs-0.11.1": {
    unknown_method: "-32601 method not found",
    bad_params: "-32602 invalid params",
    extra_key: "result",
    not_object: "-32600 invalid request",
    empty_batch: "batch",
    malformed_json: "-32700 parse error",
    no_method: "-32600 invalid request",
  },
  "esplora-0.4.1-2021": {
    unknown_method: '"unknown method observatory.no_such_method []"',
    bad_params: '"missing height"',
    extra_key: "result",
    not_object: "closed",
    empty_batch: "closed",
    malformed_json: "closed",
    no_method: "closed",
  },
};
// EPS (the battery skips it; forced here): the crash on bad params has three suspects, and the
// crashed host refuses the retry.
EXPECTED["eps-0.2.4"] = {
  unknown_method: "ambiguous",
  bad_params: "ambiguous",
  extra_key: "ambiguous",
  not_object: "not-sent",
  empty_batch: "not-sent",
  malformed_json: "not-sent",
  no_method: "not-sent",
};
EXPECTED["electrumx-1.18.0"] = EXPECTED["electrumx-1.16.0"];
EXPECTED["electrumx-1.20.0"] = EXPECTED["electrumx-1.16.0"];

Deno.test("errors: each case gets its own reply on servers that answer id-less errors first (ElectrumX) or out of order (Fulcrum)", async () => {
  const ids = Object.keys(EXPECTED);
  const hosts = fixtureHosts(ids, { seed: "errors-test" });
  await withQuietLab(hosts, async () => {
    const politeness = new Politeness({ connectionsPerSecond: 0 });
    try {
      await Promise.all(hosts.map(async (h) => {
        const ctx = labProbeContext(h, {
          mayProvoke: (cost) => politeness.mayProvoke(h.ipv4!, cost),
        });
        ctx.facts.padded = h.personality >= "electrumx-1.18";
        const out = await errors.run(ctx);
        assertEquals(out.status, "success", h.personality);
        const cases = out.data.cases as ErrorCaseResult[];
        assertEquals(
          Object.fromEntries(cases.map((c) => [c.case, show(c)])),
          EXPECTED[h.personality],
          h.personality,
        );
        // One connection, except where the server hangs up (esplora 2021 closes on four cases).
        const connections: Record<string, number> = { "esplora-0.4.1-2021": 4, "eps-0.2.4": 2 };
        assertEquals(out.data.connections, connections[h.personality] ?? 1, h.personality);
      }));
    } finally {
      politeness.close();
    }
  });
});

Deno.test("errors: after a case left unanswered on an open connection, the next lone cases go on a new connection", async () => {
  // A server of no known family: silent on `42`, id-less errors for `[]` and bad JSON, ids echoed.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Promise<void>[] = [];
  const serve = (async () => {
    for await (const conn of listener) {
      conns.push((async () => {
        const enc = new TextEncoder();
        let rest = "";
        const buf = new Uint8Array(65536);
        try {
          for (;;) {
            const n = await conn.read(buf);
            if (n === null) break;
            rest += new TextDecoder().decode(buf.subarray(0, n));
            let nl;
            while ((nl = rest.indexOf("\n")) >= 0) {
              const line = rest.slice(0, nl);
              rest = rest.slice(nl + 1);
              if (line === "42") continue;
              let v: { id?: unknown; method?: unknown } | null = null;
              try {
                v = JSON.parse(line);
              } catch { /* below */ }
              const reply = v === null || Array.isArray(v)
                ? {
                  jsonrpc: "2.0",
                  error: { code: -32000, message: v === null ? "bad json" : "batch" },
                  id: null,
                }
                : v.method === "server.version" || v.method === "server.ping"
                ? { jsonrpc: "2.0", result: null, id: v.id }
                : {
                  jsonrpc: "2.0",
                  error: { code: -32001, message: `no ${String(v.method)}` },
                  id: v.id ?? null,
                };
              await conn.write(enc.encode(JSON.stringify(reply) + "\n"));
            }
          }
        } catch { /* client gone */ }
        try {
          conn.close();
        } catch { /* closed */ }
      })());
    }
  })();
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    const ctx = makeProbeContext({
      endpoint: {
        server: "odd",
        host: "odd",
        ip: "127.0.0.1",
        dialIp: "127.0.0.1",
        port,
        transport: "tcp",
        network: "clearnet",
        plainPort: port,
      },
      dial: { policy: { mode: "lab" }, connectTimeoutMs: 2000, tlsTimeoutMs: 2000 },
      clientName: "observatory-test",
      requestTimeoutMs: 300,
    });
    const out = await errors.run(ctx);
    const cases = out.data.cases as ErrorCaseResult[];
    assertEquals(Object.fromEntries(cases.map((c) => [c.case, [show(c), c.connection]])), {
      unknown_method: ["-32001 no observatory.no_such_method", 1],
      bad_params: ["-32001 no blockchain.block.header", 1],
      extra_key: ["result", 1],
      not_object: ["silent", 1],
      empty_batch: ["-32000 batch", 2],
      malformed_json: ["-32000 bad json", 2],
      no_method: ["-32001 no undefined", 2],
    });
  } finally {
    listener.close();
    await serve.catch(() => {});
    await Promise.all(conns);
  }
});
