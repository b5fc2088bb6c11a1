/**
 * The lab's SOCKS5 gateway: stands in for a Tor daemon. It resolves lab `.onion` names (and lab
 * host names and simulated addresses, as a Tor exit would) to lab servers on loopback, and adds
 * Tor-like latency, so the collector uses the same SOCKS5 path it would use with a real Tor.
 *
 * Wire format (RFC 1928): greeting `05 n methods…` -> `05 00`; request
 * `05 01 00 atyp addr port` (atyp 1 IPv4, 3 domain, 4 IPv6) -> `05 rep 00 01 0.0.0.0:0`.
 *
 * @module
 */
import net from "node:net";
import { concat } from "../../electrum/framing.ts";
import type { Rng } from "../rng.ts";

/** Where a name or address leads in the lab, or null if nowhere. */
export type GatewayLookup = (host: string, port: number) => { ip: string; port: number } | null;

/** Options of {@linkcode startSocksGateway}. */
export interface SocksGatewayOptions {
  /** Maps a requested host and port to a lab endpoint. */
  lookup: GatewayLookup;
  /** Added round-trip latency per circuit, ms: drawn from [min, max]. Default: [250, 700]. */
  latencyMs?: [number, number];
  /** Seeded randomness for latency. */
  rng: Rng;
  /** Address to listen on. Default: 127.0.0.1, port 0. */
  ip?: string;
  /**
   * Loopback address the gateway dials lab servers from, as a Tor exit has an address of its own:
   * servers then see this address, not the client's. Default: chosen by the kernel (127.0.0.1).
   */
  exitAddress?: string;
  port?: number;
}

/** A running gateway. */
export interface SocksGateway {
  ip: string;
  port: number;
  close(): Promise<void>;
}

/** Start the gateway. */
export async function startSocksGateway(options: SocksGatewayOptions): Promise<SocksGateway> {
  const sockets = new Set<net.Socket>();
  const [lo, hi] = options.latencyMs ?? [250, 700];
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => client.destroy());
    let buf: Uint8Array = new Uint8Array(0);
    let stage: "greeting" | "request" | "done" = "greeting";
    const onData = (chunk: Uint8Array) => {
      buf = concat([buf, chunk]);
      if (buf.length > 600) return client.destroy();
      if (stage === "greeting") {
        if (buf.length < 2 || buf.length < 2 + buf[1]) return;
        if (buf[0] !== 5) return client.destroy();
        client.write(new Uint8Array([5, 0]));
        buf = buf.subarray(2 + buf[1]);
        stage = "request";
      }
      if (stage === "request") {
        const req = parseRequest(buf);
        if (req === "incomplete") return;
        client.off("data", onData);
        stage = "done";
        if (req === null) return reply(client, 7);
        const target = options.lookup(req.host, req.port);
        const rttMs = lo + Math.floor(options.rng() * (hi - lo + 1));
        // Building a circuit and reaching the service takes a few round trips.
        setTimeout(() => {
          if (client.destroyed) return;
          if (!target) return reply(client, 4);
          const upstream = net.connect({
            host: target.ip,
            port: target.port,
            ...(options.exitAddress ? { localAddress: options.exitAddress } : {}),
          });
          sockets.add(upstream);
          upstream.on("close", () => {
            sockets.delete(upstream);
            client.destroy();
          });
          upstream.on("error", () => {
            if (!client.destroyed && stage === "done") reply(client, 5);
            upstream.destroy();
          });
          upstream.once("connect", () => {
            client.write(new Uint8Array([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
            const rest = buf.subarray(req.length);
            if (rest.length) upstream.write(rest);
            relayWithDelay(client, upstream, rttMs / 2);
            relayWithDelay(upstream, client, rttMs / 2);
          });
          client.on("close", () => upstream.destroy());
        }, rttMs * 2);
      }
    };
    client.on("data", onData);
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.ip ?? "127.0.0.1", resolve)
  );
  const addr = server.address() as net.AddressInfo;
  return {
    ip: addr.address,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function reply(client: net.Socket, code: number) {
  client.end(new Uint8Array([5, code, 0, 1, 0, 0, 0, 0, 0, 0]));
}

function relayWithDelay(from: net.Socket, to: net.Socket, delayMs: number) {
  from.on("data", (chunk: Uint8Array) => {
    const copy = chunk.slice();
    setTimeout(() => {
      if (!to.destroyed) to.write(copy);
    }, delayMs);
  });
}

function parseRequest(
  b: Uint8Array,
): { host: string; port: number; length: number } | null | "incomplete" {
  if (b.length < 5) return "incomplete";
  if (b[0] !== 5 || b[1] !== 1) return null;
  const atyp = b[3];
  let host: string, off: number;
  if (atyp === 1) {
    if (b.length < 10) return "incomplete";
    host = Array.from(b.subarray(4, 8)).join(".");
    off = 8;
  } else if (atyp === 3) {
    const n = b[4];
    if (b.length < 5 + n + 2) return "incomplete";
    host = new TextDecoder().decode(b.subarray(5, 5 + n));
    off = 5 + n;
  } else if (atyp === 4) {
    if (b.length < 22) return "incomplete";
    const parts: string[] = [];
    for (let i = 0; i < 8; i++) parts.push(((b[4 + 2 * i] << 8) | b[5 + 2 * i]).toString(16));
    host = parts.join(":");
    off = 20;
  } else return null;
  return { host, port: (b[off] << 8) | b[off + 1], length: off + 2 };
}
