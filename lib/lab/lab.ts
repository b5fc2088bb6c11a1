/**
 * Starts the lab: a whole Electrum network of emulated servers on 127.0.0.0/8 in one process,
 * serving one regtest chain, with a SOCKS5 gateway standing in for Tor, an address book standing
 * in for DNS, a request log, and ground truth kept apart from everything a detector reads. The
 * steps live in `runtime/`: host runtimes, the switchboard (listeners and admission), relays,
 * features and peers, the seed list, the request log.
 *
 * @module
 */
import type net from "node:net";
import { buildPopulation, type LabHost, startOfUtcDay } from "./population.ts";
import type { RequestLogEntry } from "./servers/server.ts";
import { type SocksGateway, startSocksGateway } from "./net/socks_gateway.ts";
import { evolvePopulation } from "./evolve.ts";
import { makeRng, type Rng } from "./rng.ts";
import { createLabChain, type LabChain } from "./chain/chain_adapter.ts";
import { type CertificateStore, materializeCertificates } from "./certs/certificates.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { LabResolver } from "./net/resolver.ts";
import { writeGroundTruth } from "./ground_truth.ts";
import { hostileSeeds, makeHostileTakeover, plantHostile } from "./hostile/mod.ts";
import type { PathModel } from "../net/path_delay.ts";
import { RequestLog } from "./runtime/request_log.ts";
import { hostRuntimes } from "./runtime/host_runtimes.ts";
import { type LabSeed, seedList } from "./runtime/seed_list.ts";
import { listenAll } from "./runtime/listen_all.ts";
import { Switchboard } from "./runtime/switchboard.ts";

export type { LabSeed };

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
  /**
   * Weeks of simulated evolution (`evolve.ts`: a new fleet, retired servers, renewed
   * certificates, upgraded versions each week): the population is built `week` x 7 days before
   * `now` and evolved to it, so a scan at clock D and one at D + 7 days with `week: 1` see the
   * same network a week apart. Ignored with `hosts`. Default: 0.
   */
  week?: number;
  /** Use these hosts instead of building a population (tests). */
  hosts?: LabHost[];
  /** Extra per-host connection handlers that take over a connection (hostile personalities). */
  takeover?: (host: LabHost) => ((socket: net.Socket, transport: "tcp" | "tls") => void) | null;
  /** Plant hostile hosts (lib/lab/hostile): `true` for one of each hostility, or a count. They
   * are appended after every other host and reached only through `hostileSeeds`. Default: none. */
  hostile?: boolean | number;
  /** Loopback address the SOCKS gateway (Tor) dials servers from, so that servers see a Tor exit
   * rather than the client. Default: chosen by the kernel (127.0.0.1, like direct clients). */
  torExitAddress?: string;
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
   * Take a host down now, as a crash: its listeners close, its open connections drop and it
   * refuses new ones for the rest of the run (the wallet failover experiment).
   *
   * @throws {RangeError} For an id no host has.
   */
  crash(hostId: string): void;
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
  const hosts = labHosts(options, seed);
  const chain = createLabChain(seed);
  const { certificates, caPem } = materializeCertificates(hosts, { seed });
  const resolver = new LabResolver(hosts);
  const log = await RequestLog.open({
    maxEntries: options.maxLogEntries,
    path: options.requestLogPath,
  });
  const board = await openSwitchboard(hosts, options, {
    rng,
    latencyScale,
    chain,
    certificates,
    log,
  });
  const gateway = await startTorGateway(rng, latencyScale, resolver, options.torExitAddress);

  const mine = () => {
    const height = chain.mine();
    for (const r of board.runtimes.values()) for (const l of r.tipListeners) l();
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
    paths: pathModel(hosts, latencyScale),
    chain,
    requests: log.requests,
    caPem,
    certificates,
    down: board.down,
    mine,
    crash(hostId) {
      const h = hosts.find((x) => x.id === hostId);
      if (!h) throw new RangeError(`crash: no lab host has the id ${JSON.stringify(hostId)}`);
      board.crash(h);
    },
    async recordTruth(dataDir, meta) {
      const path = `${dataDir}/lab/ground_truth.json`;
      await Deno.mkdir(`${dataDir}/lab`, { recursive: true });
      await writeGroundTruth(lab, path, meta);
      return path;
    },
    async stop() {
      if (tipTimer !== null) clearInterval(tipTimer);
      await board.close();
      await gateway.close();
      log.close();
    },
  };
  return lab;
}

/** What {@linkcode openSwitchboard} wires the hosts to. */
interface SwitchboardParts {
  rng: Rng;
  latencyScale: number;
  chain: LabChain;
  certificates: CertificateStore;
  log: RequestLog;
}

/** Build every host's runtime and bind every listener. */
async function openSwitchboard(
  hosts: LabHost[],
  options: LabOptions,
  parts: SwitchboardParts,
): Promise<Switchboard> {
  const { rng, latencyScale, chain, certificates, log } = parts;
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const board = new Switchboard({
    rng,
    latencyScale,
    certificates,
    byId,
    takeover: options.takeover,
  });
  board.runtimes = hostRuntimes(hosts, {
    rng,
    chain,
    byId,
    latencyScale,
    log: log.log,
    crash: board.crash,
  });
  board.hostileTakeover = options.hostile
    ? makeHostileTakeover({
      secureContext: (h) => (h.cert ? board.contextFor(h.cert.certId) : null),
      tip: () => chain.tip(),
    })
    : null;
  await listenAll(hosts, board.listen, board.reset);
  board.noteRelays(hosts);
  return board;
}

/** The SOCKS5 gateway standing in for Tor: a circuit's latency, names through the resolver. */
function startTorGateway(
  rng: Rng,
  latencyScale: number,
  resolver: LabResolver,
  exitAddress: string | undefined,
): Promise<SocksGateway> {
  return startSocksGateway({
    exitAddress,
    rng: rng.fork("tor"),
    latencyMs: latencyScale > 0
      ? [Math.round(250 * latencyScale), Math.round(700 * latencyScale)]
      : [0, 0],
    lookup: (host, port) => resolver.endpointFor(host, port),
  });
}

/** The lab's hosts: the given ones or a built population, then the hostile ones if asked. */
function labHosts(options: LabOptions, seed: string | number): LabHost[] {
  const week = options.week ?? 0;
  const now = options.now ?? startOfUtcDay(new Date());
  const builtAt = new Date(now.getTime() - week * 7 * 86_400_000);
  // Built `week` weeks before `now` and evolved to it (0 weeks: as built).
  const built = options.hosts ?? evolvePopulation(
    buildPopulation({
      clearnet: options.size,
      onion: options.onion,
      seed,
      vantage: options.vantage,
      adversaries: options.adversaries,
      pickAddress: segmentAddressPicker,
      now: builtAt,
    }),
    { seed, weeks: week, builtAt },
  ).hosts;
  return options.hostile
    ? [
      ...built,
      ...plantHostile(built, { count: options.hostile === true ? true : options.hostile }),
    ]
    : built;
}

/** The emulated paths as data: the round trip to each dialable loopback address, ms. */
function pathModel(hosts: LabHost[], latencyScale: number): PathModel {
  return {
    rttMs: Object.fromEntries(
      hosts.filter((h) => h.rttMs > 0 && (h.tcpPort || h.tlsPort)).map((
        h,
      ) => [h.loopback, latencyScale * h.rttMs]),
    ),
    jitter: 0.1,
  };
}

export type { LabHost, Rng };
