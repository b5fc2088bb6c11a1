/**
 * A minimal Electrum JSON-RPC responder for hostile lab hosts: it reads newline-framed requests
 * (bounded: a request line over 64 KiB closes the connection) and answers the methods the probe
 * battery sends from a table of overridable replies, so a hostile host can be honest in every
 * respect but the one it is hostile in.
 *
 * Wire format (Electrum protocol-basics): one JSON object per `\n`-terminated line each way.
 *
 * @module
 */
import type net from "node:net";

/** A request as the responder saw it. */
export interface HostileRequest {
  id: unknown;
  method: string;
  params: unknown[];
}

/**
 * How to answer one request: a JSON value as `result`, an `error`, raw bytes written as they are
 * (no terminator added), or nothing at all.
 */
export type HostileAnswer =
  | { result: unknown }
  | { error: unknown }
  | { raw: string | Uint8Array }
  | { none: true };

/** Options of {@linkcode serveResponder}. */
export interface ResponderOptions {
  /** Software string claimed by `server.version`. Default: `ElectrumX 1.16.0`. */
  software?: string;
  /** Protocol version answered. Default: `1.4`. */
  protocol?: string;
  /** `server.banner` result. Default: a plain welcome line. */
  banner?: string;
  /** `server.donation_address` result. Default: null. */
  donation?: string | null;
  /** `server.peers.subscribe` result. Default: `[]`. */
  peers?: () => unknown;
  /** `blockchain.headers.subscribe` result. Default: a fixed regtest genesis header at height 0. */
  tip?: () => { height: number; hex: string };
  /** Message of the error sent for unknown methods. Default: `unknown method "<name>"`. */
  unknownMethodMessage?: (method: string) => string;
  /** Answer a request differently; return undefined to fall back to the table. */
  override?: (req: HostileRequest, n: number) => HostileAnswer | undefined;
}

/** Regtest genesis header (80 bytes, hex). */
export const REGTEST_GENESIS_HEX =
  "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4adae5494dffff7f2002000000";

const enc = new TextEncoder();
const MAX_REQUEST_LINE = 64 * 1024;

/** The default answer of the responder's table to `req`. */
export function defaultAnswer(req: HostileRequest, o: ResponderOptions): HostileAnswer {
  switch (req.method) {
    case "server.version":
      return { result: [o.software ?? "ElectrumX 1.16.0", o.protocol ?? "1.4"] };
    case "server.features":
      return {
        result: {
          hosts: {},
          pruning: null,
          server_version: o.software ?? "ElectrumX 1.16.0",
          protocol_min: "1.4",
          protocol_max: "1.4",
          genesis_hash: "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
          hash_function: "sha256",
        },
      };
    case "server.banner":
      return { result: o.banner ?? "Welcome to a lab server." };
    case "server.donation_address":
      return { result: o.donation ?? null };
    case "server.peers.subscribe":
      return { result: o.peers?.() ?? [] };
    case "blockchain.headers.subscribe":
      return { result: o.tip?.() ?? { height: 0, hex: REGTEST_GENESIS_HEX } };
    case "server.ping":
      return { result: null };
    case "blockchain.block.headers":
      return { result: { count: 1, hex: REGTEST_GENESIS_HEX, max: 2016 } };
    default:
      return {
        error: {
          code: -32601,
          message: o.unknownMethodMessage?.(req.method) ??
            `unknown method "${req.method.slice(0, 100)}"`,
        },
      };
  }
}

/** Encode an answer to `req` as the bytes to write. Null for no reply. */
export function encodeAnswer(req: HostileRequest, a: HostileAnswer): string | Uint8Array | null {
  if ("none" in a) return null;
  if ("raw" in a) return a.raw;
  if ("error" in a) return JSON.stringify({ jsonrpc: "2.0", error: a.error, id: req.id }) + "\n";
  return JSON.stringify({ jsonrpc: "2.0", result: a.result, id: req.id }) + "\n";
}

/**
 * Serve Electrum requests on `socket` (already decrypted for TLS) until it closes.
 *
 * @example
 * ```ts
 * serveResponder(socket, { banner: "<script>alert(1)</script>" });
 * ```
 */
export function serveResponder(socket: net.Socket, options: ResponderOptions = {}): void {
  let buf = "";
  let n = 0;
  const dec = new TextDecoder();
  socket.on("data", (chunk: Uint8Array) => {
    buf += dec.decode(chunk, { stream: true });
    if (buf.length > MAX_REQUEST_LINE && !buf.includes("\n")) return void socket.destroy();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      let msg: unknown;
      try {
        msg = JSON.parse(line);
      } catch {
        socket.write(
          enc.encode(
            '{"jsonrpc":"2.0","error":{"code":-32700,"message":"invalid JSON"},"id":null}\n',
          ),
        );
        continue;
      }
      for (const m of Array.isArray(msg) ? msg : [msg]) {
        const r = m as { id?: unknown; method?: unknown; params?: unknown };
        if (!r || typeof r.method !== "string") continue;
        const req: HostileRequest = {
          id: r.id ?? null,
          method: r.method,
          params: Array.isArray(r.params) ? r.params : [],
        };
        const answer = options.override?.(req, n++) ?? defaultAnswer(req, options);
        const bytes = encodeAnswer(req, answer);
        if (bytes !== null && !socket.destroyed) {
          socket.write(typeof bytes === "string" ? enc.encode(bytes) : bytes);
        }
      }
    }
  });
}
