/**
 * A minimal SOCKS5 client (RFC 1928), CONNECT with no authentication, bounded in size and time,
 * used by {@linkcode dial} to reach onion services through Tor (or the lab's gateway). Names are
 * resolved by the proxy (address type 3), as Tor requires for `.onion`.
 *
 * ```
 * client  05 01 00                         greeting: version 5, one method, "no auth"
 * proxy   05 00                            method chosen
 * client  05 01 00 03 len name port(2)     CONNECT to a domain name (01: IPv4, 04: IPv6)
 * proxy   05 rep 00 atyp addr port(2)      rep 00 = succeeded
 * ```
 *
 * @module
 */
import net from "node:net";
import { parseV6 } from "./ip_literal.ts";

/** SOCKS5 reply codes (RFC 1928 section 6). */
export const SOCKS5_REPLIES: Record<number, string> = {
  1: "general SOCKS server failure",
  2: "connection not allowed by ruleset",
  3: "network unreachable",
  4: "host unreachable",
  5: "connection refused",
  6: "TTL expired",
  7: "command not supported",
  8: "address type not supported",
};

/**
 * Negotiate a CONNECT on an open socket to the proxy. Resolves when the tunnel is up; any bytes
 * the proxy sent past its reply are pushed back into the socket's stream.
 *
 * @throws An Error with `code` `ESOCKS` (a SOCKS-level refusal or malformed reply) or
 * `ECONNRESET` (the proxy closed); the caller's deadline bounds the time.
 */
export function socks5Connect(socket: net.Socket, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let buf = new Uint8Array(0);
    let stage: "method" | "reply" = "method";
    const fail = (message: string, code = "ESOCKS") => {
      cleanup();
      reject(Object.assign(new Error(message), { code }));
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onError);
    };
    const onClose = () =>
      fail("proxy closed the connection during SOCKS negotiation", "ECONNRESET");
    const onError = (e: Error) =>
      fail(`proxy connection error: ${e.message}`, (e as { code?: string }).code ?? "ECONNRESET");
    const onData = (chunk: Uint8Array) => {
      const next = new Uint8Array(buf.length + chunk.length);
      next.set(buf);
      next.set(chunk, buf.length);
      buf = next;
      if (buf.length > 512) return fail("oversized SOCKS reply");
      if (stage === "method") {
        if (buf.length < 2) return;
        if (buf[0] !== 5 || buf[1] !== 0) {
          return fail(`proxy refused the no-auth method (${buf[0]} ${buf[1]})`);
        }
        buf = buf.subarray(2);
        stage = "reply";
        socket.write(request(host, port));
      }
      if (stage === "reply") {
        if (buf.length < 5) return;
        if (buf[0] !== 5) return fail("malformed SOCKS reply");
        if (buf[1] !== 0) {
          return fail(`SOCKS proxy: ${SOCKS5_REPLIES[buf[1]] ?? `reply ${buf[1]}`}`);
        }
        const len = buf[3] === 1 ? 10 : buf[3] === 4 ? 22 : buf[3] === 3 ? 7 + buf[4] : -1;
        if (len < 0) return fail("unknown address type in SOCKS reply");
        if (buf.length < len) return;
        cleanup();
        const rest = buf.subarray(len);
        if (rest.length) socket.unshift(rest);
        resolve();
      }
    };
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.once("error", onError);
    socket.write(new Uint8Array([5, 1, 0]));
  });
}

function request(host: string, port: number): Uint8Array {
  let addr: number[];
  if (net.isIP(host) === 4) addr = [1, ...host.split(".").map(Number)];
  else if (net.isIP(host) === 6) {
    const v6 = parseV6(host)!;
    addr = [
      4,
      ...Array.from({ length: 16 }, (_, i) => Number((v6 >> BigInt(8 * (15 - i))) & 255n)),
    ];
  } else {
    const name = new TextEncoder().encode(host);
    if (name.length > 255) {
      throw new RangeError(`Host name too long for SOCKS5: ${name.length} bytes`);
    }
    addr = [3, name.length, ...name];
  }
  return new Uint8Array([5, 1, 0, ...addr, port >> 8, port & 255]);
}
