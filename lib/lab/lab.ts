/**
 * Starts the lab: a whole Electrum network of emulated servers on 127.0.0.0/8 in one process,
 * serving one regtest chain, with a SOCKS5 gateway standing in for Tor, an address book standing
 * in for DNS, a request log, and ground truth kept apart from everything a detector reads.
 *
 * @module
 */
import net from "node:net";
import tls from "node:tls";
import { buildPopulation, type LabHost, peerRoot, rtt } from "./population.ts";
import { type Personality, personality } from "./servers/personalities.ts";
import { type HostRuntime, type RequestLogEntry, serveConnection } from "./servers/server.ts";
import { type SocksGateway, startSocksGateway } from "./net/socks_gateway.ts";
import { makeRng, type Rng } from "./rng.ts";
import { createLabChain, type LabChain } from "./chain/chain_adapter.ts";
import { type CertificateStore, materializeCertificates } from "./certs/certificates.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { behaviourFor } from "./servers/behaviours.ts";
import { LabResolver } from "./net/resolver.ts";
import { writeGroundTruth } from "./ground_truth.ts";
import { hostileSeeds, makeHostileTakeover, plantHostile } from "./hostile/mod.ts";
import { tlsFront } from "./servers/tls_front.ts";
import type { PathModel } from "../net/path_delay.ts";
import { configuredPersonality, tlsStackFor } from "./population/settings.ts";

/** Options of {@linkcode startLab}. */
export interface LabOptions {
  /** Reachable clearnet hosts. Default: 350. */
  size?: number;
  /** Onion-only hosts. Default: 45 scaled with size. */
  onion?: number;
  /** Seed: the same seed builds the same network. Default: "electrum-observatory". */
  seed?: string | number;
  /** The lab's clock for certificate validity. Default: the start of the current UTC day. */
  now?: Date;
  /** Simulated latency scale (0 = none, 1 = realistic). Default: 1. */
  latency?: number;
  /** Vantage point for simulated latency. Default: Frankfurt. */
  vantage?: { latitude: number; longitude: number };
  /** Plant adversaries and look-alikes. Default: true from 40 hosts. */
  adversaries?: boolean;
  /** A new block every this many ms (0 = the tip never moves). Default: 30,000. */
  tipIntervalMs?: number;
  /** Most request-log entries kept in memory. Default: 200,000. */
  maxLogEntries?: number;
  /** Append every logged request as JSON Lines to this file. Default: none. */
  requestLogPath?: string;
  /** Use these hosts instead of building a population (tests). */
  hosts?: LabHost[];
  /** Extra per-host connection handlers that take over a connection (hostile personalities). */
  takeover?: (host: LabHost) => ((socket: net.Socket, transport: "tcp" | "tls") => void) | null;
  /** Plant hostile hosts (lib/lab/hostile): `true` for one of each hostility, or a count. They
   * are appended after every other host and reached only through `hostileSeeds`. Default: none. */
  hostile?: boolean | number;
}

/** A seed entry, as Electrum's `servers.json` lists servers. */
export interface LabSeed {
  host: string;
  t?: number;
  s?: number;
}

/** A running lab. */
export interface Lab {
  hosts: LabHost[];
  /** A built-in seed list (the first entry reaches every host through peers). */
  seeds: LabSeed[];
  /** Seeds reaching the hostile hosts (no other host advertises them); empty without `hostile`. */
  hostileSeeds: LabSeed[];
  /** The address book standing in for DNS. */
  resolver: LabResolver;
  /** The SOCKS5 gateway standing in for Tor. */
  socks: { ip: string; port: number };
  /**
   * The emulated network's paths as data: the round trip from the vantage point to each loopback
   * address a client may dial, ms (scaled by `latency`). Loopback completes a TCP handshake at once
   * and the kernel has no netem, so a client's dial applies this table
   * (`lib/net/path_delay.ts`): keyed by destination only, it knows nothing of what a host is (a
   * relay's entry is the path to the relay; its upstream leg shows only in its replies).
   */
  paths: PathModel;
  chain: LabChain;
  /** Requests received, oldest first (bounded). */
  requests: RequestLogEntry[];
  /** The lab CA's certificate (PEM): the lab's stand-in for the system trust store. */
  caPem: string;
  certificates: CertificateStore;
  /** Hosts currently down (crashed), by id. */
  down: Set<string>;
  /** Mine a block now (tests); returns the new height. */
  mine(): number;
  /**
   * Write this lab's ground truth to `<dataDir>/lab/ground_truth.json` (atomically), apart from
   * everything detectors read, so that callers need not name or import the ground truth.
   *
   * @returns The path written.
   */
  recordTruth(dataDir: string, meta: { scanId: string }): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Start a lab.
 *
 * @example
 * ```ts
 * const lab = await startLab({ size: 20, seed: 1, latency: 0 });
 * console.log(lab.seeds[0]);
 * await lab.stop();
 * ```
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const seed = options.seed ?? "electrum-observatory";
  const rng = makeRng(`${seed}/runtime`);
  const latencyScale = options.latency ?? 1;
  const built = options.hosts ?? buildPopulation({
    clearnet: options.size,
    onion: options.onion,
    seed,
    vantage: options.vantage,
    adversaries: options.adversaries,
    pickAddress: segmentAddressPicker,
    now: options.now,
  });
  const hosts = options.hostile
    ? [
      ...built,
      ...plantHostile(built, { count: options.hostile === true ? true : options.hostile }),
    ]
    : built;
  const chain = createLabChain(seed);
  const { certificates, caPem } = materializeCertificates(hosts, { seed });
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const resolver = new LabResolver(hosts);
  const requests: RequestLogEntry[] = [];
  const maxLog = options.maxLogEntries ?? 200_000;
  const logFile = options.requestLogPath
    ? await Deno.open(options.requestLogPath, { append: true, create: true, write: true })
    : null;
  let logBuffer: string[] = [];
  const flushLog = () => {
    if (!logFile || !logBuffer.length) return;
    logFile.writeSync(new TextEncoder().encode(logBuffer.join("")));
    logBuffer = [];
  };
  const down = new Set<string>();
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const runtimes = new Map<string, HostRuntime>();
  const contexts = new Map<string, tls.SecureContext>();

  const contextFor = (certId: string) => {
    let c = contexts.get(certId);
    if (!c) {
      const cert = certificates.get(certId)!;
      c = tls.createSecureContext({ key: cert.keyPem, cert: cert.chainPem });
      contexts.set(certId, c);
    }
    return c;
  };

  for (const h of hosts) {
    if (h.role === "relay") continue;
    const behaves = personality(h.personality);
    const claimed = h.claims ? personality(h.claims) : behaves;
    const p: Personality = configuredPersonality(h, {
      ...behaves,
      software: claimed.software,
      banner: claimed.banner,
    });
    const hr = rng.fork(h.id);
    const runtime: HostRuntime = {
      id: h.id,
      personality: p,
      behaviour: behaviourFor(h),
      chain: () => chain.view(h.lag),
      features: (transport) => featuresOf(h, p, transport, chain.genesisHash()),
      peers: () => peersOf(h, byId),
      banner: p.banner,
      donation: p.donation,
      // The path's floor plus up to 10 % queueing, skewed towards 0 as queueing delay is
      // (u^3: median 1.25 %); jitter never makes a path faster than its propagation.
      latencyMs: () => latencyScale * (h.rttMs * (1 + 0.1 * hr() ** 3)),
      log: (e) => {
        if (requests.length >= maxLog) requests.shift();
        requests.push(e);
        if (logFile) {
          logBuffer.push(JSON.stringify(e) + "\n");
          if (logBuffer.length >= 256) flushLog();
        }
      },
      crash: () => crash(h),
      costs: new Map(),
      tipListeners: new Set(),
    };
    runtimes.set(h.id, runtime);
  }

  const hostileTakeover = options.hostile
    ? makeHostileTakeover({
      secureContext: (h) => (h.cert ? contextFor(h.cert.certId) : null),
      tip: () => chain.tip(),
    })
    : null;
  const perIp = new Map<string, Map<string, number>>();
  const relayAt = new Map<string, LabHost>();
  const viaJitter = new Map<string, Rng>();
  const epsBusy = new Map<string, net.Socket[]>();

  const accept = (h: LabHost, transport: "tcp" | "tls") => (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    if (down.has(h.id)) return socket.destroy();
    const takeover = options.takeover?.(h) ?? hostileTakeover?.(h);
    if (takeover) return takeover(socket, transport);
    if (h.role === "relay") return relay(h, socket, transport);
    const runtime = runtimes.get(h.id)!;
    const p = runtime.personality;
    const clientIp = socket.remoteAddress ?? "127.0.0.1";
    // A relay's upstream sees the relay as its client: the path is relay to upstream, not the
    // vantage point to upstream.
    const via = relayAt.get(clientIp);
    const pathMs = via?.region && h.region ? rtt(via.region, h.region) : h.rttMs;
    // One jitter stream per (host, relay) pair, continued across connections (a fork per
    // connection would repeat the same draws on every connection).
    let jitter: Rng | null = null;
    if (via) {
      const key = `${h.id}/via/${via.id}`;
      jitter = viaJitter.get(key) ?? rng.fork(key);
      viaJitter.set(key, jitter);
    }
    // Fulcrum aborts the 13th connection from one address, before TLS (reference §7.2).
    if (p.limits.perIpConnections) {
      const counts = perIp.get(h.id) ?? new Map<string, number>();
      perIp.set(h.id, counts);
      const n = counts.get(clientIp) ?? 0;
      if (n >= p.limits.perIpConnections) return socket.destroy();
      counts.set(clientIp, n + 1);
      socket.on("close", () => counts.set(clientIp, (counts.get(clientIp) ?? 1) - 1));
    }
    const start = (s: net.Socket) =>
      serveConnection(s, runtime, {
        transport,
        clientIp,
        ...(jitter ? { latencyMs: () => latencyScale * pathMs * (1 + 0.1 * jitter() ** 3) } : {}),
      });
    const begin = () => {
      if (transport === "tcp") return start(socket);
      // The handshake costs one simulated round trip before the server's first flight.
      const t = setTimeout(() => {
        if (socket.destroyed) return;
        // The personality's TLS stack answers fingerprinting hellos; real clients get node:tls.
        tlsFront(socket, {
          stack: tlsStackFor(h, p.family),
          keyType: h.cert!.key === "ec256" ? "ecdsa" : "rsa",
          realTls: (raw) => {
            const secure = new tls.TLSSocket(raw, {
              isServer: true,
              secureContext: contextFor(h.cert!.certId),
            });
            sockets.add(secure);
            secure.on("error", () => secure.destroy());
            secure.on("close", () => sockets.delete(secure));
            secure.once("secure", () => start(secure));
          },
        });
      }, latencyScale * pathMs);
      socket.once("close", () => clearTimeout(t));
    };
    // EPS serves one client at a time (listen(1), one loop): the next waits until it is done.
    if (p.limits.singleClient) {
      const queue = epsBusy.get(h.id) ?? [];
      epsBusy.set(h.id, queue);
      queue.push(socket);
      socket.on("close", () => {
        const i = queue.indexOf(socket);
        if (i >= 0) queue.splice(i, 1);
        if (i === 0 && queue.length) queue[0].emit("eps-turn");
      });
      if (queue.length === 1) begin();
      else socket.once("eps-turn", begin);
      return;
    }
    begin();
  };

  /** A relay pipes bytes to its upstream, adding its own latency each way. */
  const relay = (h: LabHost, socket: net.Socket, transport: "tcp" | "tls") => {
    const up = byId.get(h.upstream!)!;
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
  };

  const listenersOf = new Map<string, net.Server[]>();
  const listen = async (h: LabHost) => {
    const list: net.Server[] = [];
    for (const [transport, port] of [["tcp", h.tcpPort], ["tls", h.tlsPort]] as const) {
      if (!port) continue;
      const server = net.createServer({ noDelay: true }, accept(h, transport));
      server.on("error", () => {});
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen({ host: h.loopback, port, backlog: 64 }, () => {
          server.off("error", reject);
          resolve();
        });
      });
      list.push(server);
      servers.push(server);
    }
    listenersOf.set(h.id, list);
  };

  /** EPS crashes: its listeners close and it stays down for the rest of the run (connections are refused), as nothing restarts a crashed EPS. */
  const crash = (h: LabHost) => {
    if (down.has(h.id)) return;
    down.add(h.id);
    for (const s of listenersOf.get(h.id) ?? []) s.close();
    for (const s of [...sockets]) if (s.localAddress === h.loopback) s.destroy();
  };

  await listenAll(hosts, listen, () => {
    listenersOf.clear();
    return servers.splice(0);
  });
  // Relays by the loopback address they dial their upstream from (known once listening).
  for (const h of hosts) if (h.role === "relay") relayAt.set(h.loopback, h);
  const gateway: SocksGateway = await startSocksGateway({
    rng: rng.fork("tor"),
    latencyMs: latencyScale > 0
      ? [Math.round(250 * latencyScale), Math.round(700 * latencyScale)]
      : [0, 0],
    lookup: (host, port) => resolver.endpointFor(host, port),
  });

  const mine = () => {
    const height = chain.mine();
    for (const r of runtimes.values()) for (const l of r.tipListeners) l();
    return height;
  };
  const tipTimer = (options.tipIntervalMs ?? 30_000) > 0
    ? setInterval(mine, options.tipIntervalMs ?? 30_000)
    : null;

  const lab: Lab = {
    hosts,
    seeds: seedList(hosts),
    hostileSeeds: hostileSeeds(hosts),
    resolver,
    socks: { ip: gateway.ip, port: gateway.port },
    paths: {
      rttMs: Object.fromEntries(
        hosts.filter((h) => h.rttMs > 0 && (h.tcpPort || h.tlsPort)).map((h) => [h.loopback, latencyScale * h.rttMs]),
      ),
      jitter: 0.1,
    },
    chain,
    requests,
    caPem,
    certificates,
    down,
    mine,
    async recordTruth(dataDir, meta) {
      const path = `${dataDir}/lab/ground_truth.json`;
      await Deno.mkdir(`${dataDir}/lab`, { recursive: true });
      await writeGroundTruth(lab, path, meta);
      return path;
    },
    async stop() {
      if (tipTimer !== null) clearInterval(tipTimer);
      for (const s of sockets) s.destroy();
      await Promise.all(
        servers.map((s) =>
          new Promise<void>((resolve) => s.listening ? s.close(() => resolve()) : resolve())
        ),
      );
      await gateway.close();
      flushLog();
      logFile?.close();
    },
  };
  return lab;
}

/** `server.features` as each family builds it (reference §3). */
function featuresOf(
  h: LabHost,
  p: Personality,
  transport: "tcp" | "tls",
  genesis: string,
): Record<string, unknown> {
  const name = h.hostname ?? h.ipv4 ?? h.onion ?? h.loopback;
  const ports: Record<string, number> = {};
  if (h.tcpPort) ports.tcp_port = h.tcpPort;
  if (h.tlsPort) ports.ssl_port = h.tlsPort;
  switch (p.features) {
    case "electrumx":
    case "electrumx-noservices": {
      const report = h.reportServices;
      const services = [
        h.tcpPort ? `tcp://${name}:${h.tcpPort}` : null,
        h.tlsPort ? `ssl://${name}:${h.tlsPort}` : null,
      ].filter(Boolean);
      const out: Record<string, unknown> = {
        hosts: report ? { [name]: ports } : {},
        pruning: null,
        server_version: p.software,
        protocol_min: p.protocolMin,
        protocol_max: p.protocolMax,
        genesis_hash: genesis,
        hash_function: "sha256",
      };
      if (p.features === "electrumx") out.services = report ? services : [];
      return out;
    }
    case "fulcrum": {
      // Without a configured hostname Fulcrum names the local address the client reached and only
      // the port in use (checked against a running Fulcrum).
      const key = h.hostname ?? h.ipv4 ?? h.onion ?? h.loopback;
      const hp = h.hostname
        ? ports
        : transport === "tcp"
        ? { tcp_port: h.tcpPort }
        : { ssl_port: h.tlsPort };
      const out: Record<string, unknown> = {
        dsproof: false,
        genesis_hash: genesis,
        hash_function: "sha256",
        hosts: { [key]: hp },
        protocol_max: p.protocolMax,
        protocol_min: p.protocolMin,
        pruning: null,
        server_version: p.software,
      };
      if (p.protocolMax === "1.6") out.broadcast_package = true;
      return out;
    }
    case "electrs-flat":
      return {
        genesis_hash: genesis,
        hash_function: "sha256",
        hosts: { tcp_port: h.tcpPort ?? 50001 },
        protocol_max: "1.4",
        protocol_min: "1.4",
        pruning: null,
        server_version: p.software,
      };
    default:
      return {};
  }
}

/** `server.peers.subscribe` entries: `[address, host, ["v…", "s…", "t…"]]` (reference §5.1). */
function peersOf(h: LabHost, byId: Map<string, LabHost>): unknown[] {
  const fam = personality(h.personality).family;
  if (fam !== "electrumx" && fam !== "fulcrum") return [];
  const out: unknown[] = [];
  const perSlash16 = new Map<string, number>();
  for (const id of h.peers) {
    const peer = byId.get(id);
    if (!peer) continue;
    const pp = personality(peer.personality);
    const addr = peer.onion ?? peer.ipv4 ?? peer.ipv6;
    if (!addr) continue;
    // ElectrumX buckets its reply: at most 2 peers per IPv4 /16.
    if (fam === "electrumx" && peer.ipv4) {
      const b = peer.ipv4.split(".").slice(0, 2).join(".");
      const n = perSlash16.get(b) ?? 0;
      if (n >= 2 && h.peers.indexOf(id) > 3) continue;
      perSlash16.set(b, n + 1);
    }
    const feats = [`v${pp.protocolMax}`];
    if (peer.tlsPort) feats.push(`s${peer.tlsPort}`);
    if (peer.tcpPort) feats.push(`t${peer.tcpPort}`);
    out.push([addr, peer.onion ?? peer.hostname ?? addr, feats]);
  }
  for (const b of h.bogusPeers) out.push(b);
  return out;
}

/** A seed list like Electrum's built-in one: honest discovering hosts, the tree root first. */
function seedList(hosts: LabHost[]): LabSeed[] {
  const root = peerRoot(hosts);
  const rest = hosts.filter((h) =>
    h !== root && h.role === "honest" && !h.onion && h.peers.length > 0
  ).slice(0, 11);
  return [root, ...rest].filter((h): h is LabHost => h !== undefined).map((h) => ({
    host: h.hostname ?? h.ipv4!,
    ...(h.tcpPort ? { t: h.tcpPort } : {}),
    ...(h.tlsPort ? { s: h.tlsPort } : {}),
  }));
}

export type { LabHost, Rng };

/**
 * Bind every host's listeners. Several labs may run at once on one machine (parallel test
 * modules, a `deno task lab` beside a test run): when an address is taken, the lab moves all its
 * hosts to another 127.N.0.0/16 block (only the second octet of `loopback` changes; the hosts are
 * updated in place) and tries again.
 */
async function listenAll(
  hosts: LabHost[],
  listen: (h: LabHost) => Promise<void>,
  reset: () => net.Server[],
): Promise<void> {
  for (let attempt = 0;; attempt++) {
    const results = await Promise.allSettled(hosts.map((h) => listen(h)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (!failed) return;
    await Promise.all(
      reset().map((s) =>
        new Promise<void>((resolve) => s.listening ? s.close(() => resolve()) : resolve())
      ),
    );
    const err = failed.reason as { code?: string; message?: string };
    const inUse = err?.code === "EADDRINUSE" || /in use/i.test(String(err?.message));
    if (!inUse || attempt >= 32) throw failed.reason;
    const block = 11 + Math.floor(Math.random() * 230);
    for (const h of hosts) h.loopback = h.loopback.replace(/^127\.\d+\./, `127.${block}.`);
  }
}
