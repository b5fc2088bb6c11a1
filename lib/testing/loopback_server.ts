/**
 * A scriptable TCP (or TLS) server on 127.0.0.1 port 0, for tests of the client and the probes.
 *
 * @module
 */
import net from "node:net";
import tls from "node:tls";

/** A running test server. */
export interface LoopbackServer {
  port: number;
  /** Sockets accepted so far. */
  sockets: net.Socket[];
  /** Close the server and every accepted socket. */
  close(): Promise<void>;
}

/**
 * Start a server whose `onConnection` handler scripts the behaviour.
 *
 * @param onConnection Called with each accepted (plain or TLS) socket.
 * @param options `tls` key and certificate in PEM to serve TLS; `host` (default 127.0.0.1).
 */
export async function startLoopbackServer(
  onConnection: (socket: net.Socket) => void,
  options: { tls?: { key: string; cert: string }; host?: string } = {},
): Promise<LoopbackServer> {
  const sockets: net.Socket[] = [];
  const handler = (s: net.Socket) => {
    sockets.push(s);
    s.on("error", () => {});
    onConnection(s);
  };
  const server = options.tls
    ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : net.createServer(handler);
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, options.host ?? "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Read `\n`-terminated lines from a socket as text, calling `onLine` for each. */
export function onLines(socket: net.Socket, onLine: (line: string) => void): void {
  let buf = "";
  socket.on("data", (d: Uint8Array) => {
    buf += new TextDecoder().decode(d);
    let i;
    while ((i = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      onLine(line);
    }
  });
}
