/**
 * Seeded fuzzing of the receive path: random and mutated replies fed to {@linkcode LineFramer}
 * and {@linkcode parseMessage} directly, and to {@linkcode ElectrumSession} over a loopback
 * socket. Properties: nothing throws, every request settles within its deadline (no hang), and
 * every buffer stays within its bound (no unbounded growth).
 *
 * The CI run takes a few seconds. `OBS_FUZZ_LONG=1` runs 50 times as many cases (a few
 * minutes); `OBS_FUZZ_SEED` changes the seed. A failure prints the seed and case number.
 */
import net from "node:net";
import { assert } from "../testing/assert.ts";
import { LineFramer } from "./framing.ts";
import { parseMessage } from "./message.ts";
import { ElectrumSession, type Reply } from "./session.ts";

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const enc = new TextEncoder();
const scale = () => (Deno.env.get("OBS_FUZZ_LONG") === "1" ? 50 : 1);
const baseSeed = () => Number(Deno.env.get("OBS_FUZZ_SEED") ?? 20261124);

/** Valid replies of the shapes servers send, as templates for mutation. */
const TEMPLATES = [
  '{"jsonrpc":"2.0","id":0,"result":["ElectrumX 1.16.0","1.4"]}\n',
  '{"id":1,"jsonrpc":"2.0","result":{"hex":"00","height":300}}\r\n',
  '{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"unknown method \\"x\\""}}\n',
  '[{"jsonrpc":"2.0","id":3,"result":null},{"jsonrpc":"2.0","id":4,"result":"b"}]\n',
  '{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[{"height":1,"hex":"00"}]}\n',
  '{"jsonrpc":"2.0","id":5,"result":[["1.2.3.4","h.lab",["v1.4","s50002","t50001"]]]}' +
  " ".repeat(40) + "\n",
  '{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"invalid JSON"}}\n',
];

const PIECES = [
  "[",
  "]",
  "{",
  "}",
  '"',
  "\\",
  "\n",
  "\r\n",
  ",",
  ":",
  "1e400",
  "-0",
  "null",
  "\u0000",
  "\uffff",
  "\ud800",
  '"id":0',
  '"id":1',
  '"result":',
  "💥",
  "\x1b[31m",
  "<script>",
];

/** One fuzzed byte stream: random bytes, a mutated template, deep nesting, or a long line. */
function fuzzStream(r: () => number): Uint8Array {
  const kind = Math.floor(r() * 6);
  const int = (n: number) => Math.floor(r() * n);
  if (kind === 0) {
    const b = new Uint8Array(int(4096));
    for (let i = 0; i < b.length; i++) b[i] = r() < 0.03 ? 10 : int(256);
    return b;
  }
  if (kind === 1) return enc.encode((r() < 0.5 ? "[" : '{"a":').repeat(int(20_000)) + "\n");
  if (kind === 2) {
    return enc.encode(
      '{"jsonrpc":"2.0","id":0,"result":"' + "x".repeat(int(20_000)) + (r() < 0.5 ? '"}\n' : ""),
    );
  }
  // Mutations of valid replies: concatenated, with pieces inserted, bytes flipped, cut short.
  let s = "";
  for (let i = 0, n = 1 + int(8); i < n; i++) s += TEMPLATES[int(TEMPLATES.length)];
  const bytes = Array.from(enc.encode(s));
  for (let m = 0, n = int(12); m < n; m++) {
    const at = int(bytes.length + 1);
    const op = int(4);
    if (op === 0) bytes.splice(at, 0, ...enc.encode(PIECES[int(PIECES.length)]));
    else if (op === 1 && bytes.length) bytes[Math.min(at, bytes.length - 1)] ^= 1 << int(8);
    else if (op === 2) bytes.splice(at, int(20));
    else bytes.splice(at, 0, ...bytes.slice(int(bytes.length), int(bytes.length) + int(64)));
  }
  if (kind === 5) bytes.length = int(bytes.length + 1);
  return new Uint8Array(bytes);
}

/** Split bytes into random chunks (1 byte up to the whole). */
function chunks(b: Uint8Array, r: () => number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < b.length;) {
    const n = 1 + Math.floor(r() * (r() < 0.2 ? 4 : 2048));
    out.push(b.subarray(i, i + n));
    i += n;
  }
  return out;
}

Deno.test("fuzz: LineFramer and parseMessage never throw and never hold more than the line bound", () => {
  const seed = baseSeed();
  const r = rng(seed);
  const cases = 20_000 * scale();
  const maxLineBytes = 8192;
  for (let c = 0; c < cases; c++) {
    const framer = new LineFramer({ maxLineBytes });
    const stream = fuzzStream(r);
    let overflowed = false;
    try {
      for (const chunk of chunks(stream, r)) {
        const { lines, overflow } = framer.push(chunk);
        assert(framer.pendingBytes <= maxLineBytes, `pending ${framer.pendingBytes} > bound`);
        for (const line of lines) {
          assert(line.length <= maxLineBytes, "a line over the bound was returned");
          const m = parseMessage(line, { maxDepth: 64 });
          assert(
            ["response", "notification", "batch", "request", "other", "invalid"].includes(m.kind),
          );
        }
        if (overflow) overflowed = true;
        else assert(!overflowed, "framer accepted input after overflow");
      }
    } catch (err) {
      throw new Error(`seed ${seed} case ${c}: ${(err as Error).message}`);
    }
  }
});

Deno.test({
  name:
    "fuzz: ElectrumSession over loopback settles every request within its deadline and stays bounded",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const seed = baseSeed() + 1;
    const r = rng(seed);
    const cases = 150 * scale();
    const opts = {
      maxLineBytes: 8192,
      maxTotalBytes: 65_536,
      maxKeptLines: 64,
      maxNotifications: 16,
      requestTimeoutMs: 150,
    };
    let script:
      | { stream: Uint8Array; parts: Uint8Array[]; close: "end" | "reset" | "open" }
      | null = null;
    const server = net.createServer((sock) => {
      const s = script!;
      sock.on("error", () => {});
      // Start writing after the first request, so ids line up with pending requests sometimes.
      sock.once("data", () => {
        for (const p of s.parts) sock.write(p);
        if (s.close === "end") sock.end();
        else if (s.close === "reset") {
          // Cleared if the client leaves first, so no timer outlives the test.
          const t = setTimeout(() => sock.resetAndDestroy(), 5);
          sock.once("close", () => clearTimeout(t));
        }
      });
      sock.on("close", () => sock.destroy());
    });
    await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
    const port = (server.address() as net.AddressInfo).port;
    try {
      for (let c = 0; c < cases; c++) {
        const stream = fuzzStream(r);
        script = {
          stream,
          parts: chunks(stream, r),
          close: (["end", "reset", "open"] as const)[Math.floor(r() * 3)],
        };
        const socket = net.connect({ host: "127.0.0.1", port });
        await new Promise<void>((res, rej) => {
          socket.once("connect", () => res());
          socket.once("error", rej);
        });
        const session = new ElectrumSession(socket, opts);
        const t0 = performance.now();
        try {
          const replies: Promise<unknown>[] = [
            session.request("server.version", ["fuzz", "1.4"]),
            session.request("server.ping"),
            session.batch([["server.banner", []], ["server.ping", []]]),
          ];
          const settled = await Promise.all(replies) as (Reply | { status: string })[];
          const took = performance.now() - t0;
          assert(took < opts.requestTimeoutMs + 1000, `requests took ${Math.round(took)} ms`);
          for (const x of settled) assert(typeof x.status === "string");
          assert(session.received.length <= opts.maxKeptLines, "received lines over the bound");
          assert(session.unmatched.length <= opts.maxKeptLines, "unmatched lines over the bound");
          assert(
            session.notifications.length <= opts.maxNotifications,
            "notifications over the bound",
          );
          // Oversize ends the session at the first chunk past the bound: never more than one chunk over.
          assert(
            session.bytesReceived <= opts.maxTotalBytes + 65_536,
            `${session.bytesReceived} bytes accepted`,
          );
        } catch (err) {
          throw new Error(`seed ${seed} case ${c}: ${(err as Error).message}`);
        } finally {
          session.close();
          if (!socket.destroyed) await new Promise((res) => socket.once("close", res));
        }
      }
    } finally {
      await new Promise((res) => server.close(res));
    }
  },
});
