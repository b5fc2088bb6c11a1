/**
 * The lab's connection engine: serves one Electrum connection as a personality would, over the
 * shared chain. Personalities are data (`personalities.ts`); the steps in `connection/` interpret
 * them: framing (`line_reader.ts`), lines and batches (`handle_line.ts`), request validation,
 * version negotiation and the version-first rule (`handle_request.ts`), the error matrix and the
 * anti-abuse limits (`connection.ts`), padding, line endings and latency (`reply_queue.ts`), tip
 * notifications (`tip_notifier.ts`), and the request log.
 *
 * @module
 */
import type net from "node:net";
import type { HostRuntime } from "./host_runtime.ts";
import { Connection } from "./connection/connection.ts";
import { handleLine } from "./connection/handle_line.ts";
import { LineReader } from "./connection/line_reader.ts";
import { tipNotifier } from "./connection/tip_notifier.ts";

export type { Behaviour, HostRuntime, RequestLogEntry } from "./host_runtime.ts";

let connSeq = 0;

/** Options of {@linkcode serveConnection}. */
export interface ServeOptions {
  transport: "tcp" | "tls";
  /** Client address as seen by the server. */
  clientIp: string;
  /** Longest request line buffered, bytes. Default: the personality's, else 8,000,000. */
  maxLineBytes?: number;
  /** Per-reply delay for this connection, ms. Default: the host's (from the vantage point). */
  latencyMs?: () => number;
}

/**
 * Serve one accepted connection until it closes.
 *
 * @param socket The accepted (TCP or already-wrapped TLS) socket.
 * @param host The host's runtime.
 * @param options Transport and client address.
 */
export function serveConnection(
  socket: net.Socket,
  host: HostRuntime,
  options: ServeOptions,
): void {
  const p = host.personality;
  const c = new Connection(socket, host, {
    transport: options.transport,
    clientIp: options.clientIp,
    group: host.onionService ? null : clientGroup(options.clientIp),
    conn: ++connSeq,
    pathLatency: options.latencyMs ?? host.latencyMs,
  });
  const maxLine = options.maxLineBytes ?? p.limits.maxRecv ?? 8_000_000;
  const reader = new LineReader(c, maxLine, (line) => handleLine(c, line));
  socket.on("data", (chunk: Uint8Array) => {
    reader.read(chunk);
    c.queue.flushDeferred();
  });
  const onTip = tipNotifier(c);
  host.tipListeners.add(onTip);
  const cleanup = () => {
    host.tipListeners.delete(onTip);
    c.queue.close();
    c.closeCost();
  };
  socket.on("error", cleanup);
  socket.on("close", cleanup);
  socket.on("end", cleanup);
  if (p.limits.cost) c.charge(p.limits.cost.perConnection);
}

/** ElectrumX groups sessions by IPv4 /24 or IPv6 /48 (§7.1). */
export function clientGroup(ip: string): string {
  if (ip.includes(":")) return ip.split(":").slice(0, 3).join(":") + "::/48";
  return ip.split(".").slice(0, 3).join(".") + ".0/24";
}
