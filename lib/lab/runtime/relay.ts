/**
 * A relay host: it pipes bytes to its upstream, adding its own latency each way.
 *
 * @module
 */
import net from "node:net";
import type { LabHost } from "../population.ts";

/** Options of {@linkcode relay}. */
export interface RelayOptions {
  /** Simulated latency scale (0 = none, 1 = realistic). */
  latencyScale: number;
  /** The lab's open sockets (the upstream socket joins them while open). */
  sockets: Set<net.Socket>;
}

/**
 * Pipe an accepted connection to the relay's upstream host.
 *
 * @param h The relay.
 * @param up Its upstream host.
 * @param socket The accepted connection.
 * @param transport Which of the upstream's ports to dial.
 */
export function relay(
  h: LabHost,
  up: LabHost,
  socket: net.Socket,
  transport: "tcp" | "tls",
  options: RelayOptions,
): void {
  const { sockets, latencyScale } = options;
  const upstream = net.connect({
    host: up.loopback,
    port: transport === "tcp" ? up.tcpPort! : up.tlsPort!,
    // From the relay's own address, so the upstream sees (and logs) the relay as its client.
    localAddress: h.loopback,
  });
  sockets.add(upstream);
  const delay = latencyScale * (h.rttMs + h.extraLatencyMs) / 2;
  const pipe = (from: net.Socket, to: net.Socket) =>
    from.on("data", (d: Uint8Array) => {
      const copy = d.slice();
      setTimeout(() => !to.destroyed && to.write(copy), delay);
    });
  pipe(socket, upstream);
  pipe(upstream, socket);
  upstream.on("error", () => socket.destroy());
  upstream.on("close", () => {
    sockets.delete(upstream);
    setTimeout(() => socket.destroy(), delay);
  });
  socket.on("close", () => upstream.destroy());
}
