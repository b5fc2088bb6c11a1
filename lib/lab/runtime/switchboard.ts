/**
 * The lab's listeners and the connections they accept: hosts that are down refuse, hostile hosts
 * take a connection over, relays pipe it upstream, and a serving host answers it after its
 * admission rules (Fulcrum's per-address limit, EPS's one client at a time) and, for TLS, one
 * simulated round trip and its TLS stack's front.
 *
 * @module
 */
import net from "node:net";
import tls from "node:tls";
import { type LabHost, rtt } from "../population.ts";
import { type HostRuntime, serveConnection } from "../servers/server.ts";
import { tlsFront } from "../servers/tls_front.ts";
import { tlsStackFor } from "../population/settings.ts";
import type { CertificateStore } from "../certs/certificates.ts";
import type { Rng } from "../rng.ts";
import { relay } from "./relay.ts";

/** A handler that takes over a connection (hostile personalities). */
export type Takeover = (socket: net.Socket, transport: "tcp" | "tls") => void;

/** What the switchboard routes with. */
export interface SwitchboardOptions {
  /** The lab's runtime stream; per (host, relay) jitter streams fork from it. */
  rng: Rng;
  /** Simulated latency scale (0 = none, 1 = realistic). */
  latencyScale: number;
  certificates: CertificateStore;
  /** Every host by id. */
  byId: Map<string, LabHost>;
  /** Extra per-host handlers that take over a connection. */
  takeover?: (host: LabHost) => Takeover | null;
}

/** Listeners, open sockets and admission state of a running lab. */
export class Switchboard {
  /** Hosts currently down (crashed), by id. */
  readonly down = new Set<string>();
  /** Every listening server. */
  readonly servers: net.Server[] = [];
  /** Every open socket (accepted, TLS-wrapped, or a relay's upstream). */
  readonly sockets = new Set<net.Socket>();
  /** Runtimes of the serving hosts, by id (set once built). */
  runtimes = new Map<string, HostRuntime>();
  /** Hostile hosts' takeover (set once built). */
  hostileTakeover: ((h: LabHost) => Takeover | null) | null = null;
  #options: SwitchboardOptions;
  #contexts = new Map<string, tls.SecureContext>();
  #listenersOf = new Map<string, net.Server[]>();
  #perIp = new Map<string, Map<string, number>>();
  #relayAt = new Map<string, LabHost>();
  #viaJitter = new Map<string, Rng>();
  #epsBusy = new Map<string, net.Socket[]>();

  constructor(options: SwitchboardOptions) {
    this.#options = options;
  }

  /** The TLS context of a certificate (made once). */
  contextFor = (certId: string): tls.SecureContext => {
    let c = this.#contexts.get(certId);
    if (!c) {
      const cert = this.#options.certificates.get(certId)!;
      c = tls.createSecureContext({ key: cert.keyPem, cert: cert.chainPem });
      this.#contexts.set(certId, c);
    }
    return c;
  };

  /** Bind a host's TCP and TLS listeners. */
  listen = async (h: LabHost): Promise<void> => {
    const list: net.Server[] = [];
    for (const [transport, port] of [["tcp", h.tcpPort], ["tls", h.tlsPort]] as const) {
      if (!port) continue;
      const server = net.createServer({ noDelay: true }, (s) => this.#accept(h, transport, s));
      server.on("error", () => {});
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host: h.loopback, port, backlog: 64 }, () => {
          server.off("error", reject);
          resolve();
        });
      });
      list.push(server);
      this.servers.push(server);
    }
    this.#listenersOf.set(h.id, list);
  };

  /** Forget every listener (before binding again elsewhere); returns those to close. */
  reset = (): net.Server[] => {
    this.#listenersOf.clear();
    return this.servers.splice(0);
  };

  /** Note the relays by the loopback address they dial their upstream from (once listening). */
  noteRelays(hosts: LabHost[]): void {
    for (const h of hosts) if (h.role === "relay") this.#relayAt.set(h.loopback, h);
  }

  /**
   * EPS crashes: its listeners close and it stays down for the rest of the run (connections are
   * refused), as nothing restarts a crashed EPS.
   */
  crash = (h: LabHost): void => {
    if (this.down.has(h.id)) return;
    this.down.add(h.id);
    for (const s of this.#listenersOf.get(h.id) ?? []) s.close();
    for (const s of [...this.sockets]) if (s.localAddress === h.loopback) s.destroy();
  };

  #accept(h: LabHost, transport: "tcp" | "tls", socket: net.Socket): void {
    const { sockets } = this;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (this.down.has(h.id)) return void socket.destroy();
    const takeover = this.#options.takeover?.(h) ?? this.hostileTakeover?.(h);
    if (takeover) return takeover(socket, transport);
    if (h.role === "relay") {
      const up = this.#options.byId.get(h.upstream!)!;
      return relay(h, up, socket, transport, { latencyScale: this.#options.latencyScale, sockets });
    }
    const runtime = this.runtimes.get(h.id)!;
    const clientIp = socket.remoteAddress ?? "127.0.0.1";
    const path = this.#pathFrom(h, clientIp);
    if (!this.#admit(h, runtime, socket, clientIp)) return void socket.destroy();
    const begin = () => this.#begin(h, runtime, socket, transport, clientIp, path);
    // EPS serves one client at a time (listen(1), one loop): the next waits until it is done.
    if (runtime.personality.limits.singleClient) return this.#queueForEps(h, socket, begin);
    begin();
  }

  /**
   * The path a connection's replies travel. A relay's upstream sees the relay as its client: the
   * path is relay to upstream, not the vantage point to upstream.
   */
  #pathFrom(h: LabHost, clientIp: string): { pathMs: number; jitter: Rng | null } {
    const via = this.#relayAt.get(clientIp);
    const pathMs = via?.region && h.region ? rtt(via.region, h.region) : h.rttMs;
    // One jitter stream per (host, relay) pair, continued across connections (a fork per
    // connection would repeat the same draws on every connection).
    let jitter: Rng | null = null;
    if (via) {
      const key = `${h.id}/via/${via.id}`;
      jitter = this.#viaJitter.get(key) ?? this.#options.rng.fork(key);
      this.#viaJitter.set(key, jitter);
    }
    return { pathMs, jitter };
  }

  /** Fulcrum aborts the 13th connection from one address, before TLS (reference §7.2). */
  #admit(h: LabHost, runtime: HostRuntime, socket: net.Socket, clientIp: string): boolean {
    const limit = runtime.personality.limits.perIpConnections;
    if (!limit) return true;
    const counts = this.#perIp.get(h.id) ?? new Map<string, number>();
    this.#perIp.set(h.id, counts);
    const n = counts.get(clientIp) ?? 0;
    if (n >= limit) return false;
    counts.set(clientIp, n + 1);
    socket.on("close", () => counts.set(clientIp, (counts.get(clientIp) ?? 1) - 1));
    return true;
  }

  /** Serve the connection: at once over TCP; over TLS after one simulated round trip. */
  #begin(
    h: LabHost,
    runtime: HostRuntime,
    socket: net.Socket,
    transport: "tcp" | "tls",
    clientIp: string,
    path: { pathMs: number; jitter: Rng | null },
  ): void {
    const { latencyScale } = this.#options;
    const { pathMs, jitter } = path;
    const start = (s: net.Socket) =>
      serveConnection(s, runtime, {
        transport,
        clientIp,
        ...(jitter ? { latencyMs: () => latencyScale * pathMs * (1 + 0.1 * jitter() ** 3) } : {}),
      });
    if (transport === "tcp") return start(socket);
    // The handshake costs one simulated round trip before the server's first flight.
    const t = setTimeout(() => {
      if (socket.destroyed) return;
      // The personality's TLS stack answers fingerprinting hellos; real clients get node:tls.
      tlsFront(socket, {
        stack: tlsStackFor(h, runtime.personality.family),
        keyType: h.cert!.key === "ec256" ? "ecdsa" : "rsa",
        realTls: (raw) => {
          const secure = new tls.TLSSocket(raw, {
            isServer: true,
            secureContext: this.contextFor(h.cert!.certId),
          });
          this.sockets.add(secure);
          secure.on("error", () => secure.destroy());
          secure.on("close", () => this.sockets.delete(secure));
          secure.once("secure", () => start(secure));
        },
      });
    }, latencyScale * pathMs);
    socket.once("close", () => clearTimeout(t));
  }

  /** EPS's one-client queue: `begin` runs when this connection reaches the head. */
  #queueForEps(h: LabHost, socket: net.Socket, begin: () => void): void {
    const queue = this.#epsBusy.get(h.id) ?? [];
    this.#epsBusy.set(h.id, queue);
    queue.push(socket);
    socket.on("close", () => {
      const i = queue.indexOf(socket);
      if (i >= 0) queue.splice(i, 1);
      if (i === 0 && queue.length) queue[0].emit("eps-turn");
    });
    if (queue.length === 1) begin();
    else socket.once("eps-turn", begin);
  }

  /** Close every socket and listener. */
  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(
      this.servers.map((s) =>
        new Promise<void>((resolve) => s.listening ? s.close(() => resolve()) : resolve())
      ),
    );
  }
}
