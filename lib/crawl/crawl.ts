/**
 * The crawl: from a seed list, recursively through `server.peers.subscribe` and `server.features`
 * hosts, over TCP, TLS and Tor, IPv4 and IPv6, running the probe battery on every endpoint and
 * appending one raw record per probe outcome. Bounded everywhere: servers, peers per server,
 * concurrency, one connection at a time per address, a deadline per server.
 *
 * A scan directory holds `records.jsonl` and `manifest.json`. Crawling into a directory that
 * already has records resumes: finished servers are skipped, unfinished ones are retried under a
 * new attempt number, and derivation keeps only each server's last finished attempt.
 *
 * @module
 */
import net from "node:net";
import { classifyAddress, isOnion } from "../net/address.ts";
import { type DialPolicy, listedRefusal, type TargetMode, type Transport } from "../net/dial.ts";
import type { Status } from "../net/status.ts";
import { DEFAULT_BATTERY, runBattery, SECONDARY_BATTERY } from "../probes/battery.ts";
import { type Endpoint, type Facts, makeProbeContext } from "../probes/probe.ts";
import type { Candidate } from "../electrum/peers.ts";
import { Politeness, type PolitenessOptions } from "./politeness.ts";
import { type ProbeRecord, readRecords, RecordWriter } from "../records/records.ts";
import type { Resolver } from "./resolver.ts";
import type { PathModel } from "../net/path_delay.ts";
import {
  measureTimings,
  TIMING_CONCURRENCY,
  TIMING_VERSION,
  type TimingOptions,
  type TimingSummary,
  type TimingTarget,
} from "./timing.ts";

/** A seed entry, as Electrum's `servers.json` lists servers (`t` TCP port, `s` TLS port). */
export interface Seed {
  host: string;
  t?: number;
  s?: number;
}

/** Options of {@linkcode crawl}. */
export interface CrawlOptions {
  /** Which network; decides the dial guard. */
  target: TargetMode;
  seeds: readonly Seed[];
  resolver: Resolver;
  /** SOCKS5 proxy for onion servers (Tor, or the lab gateway). Default: none (onions recorded unsupported). */
  socks?: { ip: string; port: number } | null;
  /** Scan directory (created). */
  scanDir: string;
  /** CIDR blocks never dialled (every target; in the lab, checked against the simulated address).
   * Default: none. */
  deny?: readonly string[];
  /** If non-empty, only these CIDR blocks are dialled (every target; in the lab, the simulated
   * address). Default: all the target allows. */
  allow?: readonly string[];
  /** Servers probed at once. Default: 64. */
  concurrency?: number;
  /** Deadline of one request, ms. Default: 8,000. */
  requestTimeoutMs?: number;
  /** Deadline of a TCP/TLS/SOCKS connection, ms. Default: 8,000 (20,000 through SOCKS). */
  connectTimeoutMs?: number;
  /** Deadline of everything done for one server (all its endpoints and probes), ms; when it
   * passes, its sessions end with status `timeout` and its remaining probes record that.
   * Default: 90,000. */
  serverDeadlineMs?: number;
  /** Most servers crawled; further discoveries are counted, not probed. Default: 10,000. */
  maxServers?: number;
  /** The client name sent in `server.version`. */
  clientName?: string;
  /** Battery phases for the main endpoint. Default: the full battery. */
  battery?: readonly (readonly string[])[];
  /** Battery phases for further endpoints of a server. Default: reach, version and tls. */
  secondaryBattery?: readonly (readonly string[])[];
  /** Trust anchors (PEM) the `tls` probe verifies chains against: node:tls `rootCertificates`
   * live, the lab CA (`lab.caPem`) in the lab. Default: null (chains parsed, not verified). */
  trustAnchorsPem?: readonly string[] | null;
  /** Error-probe budget per target /24 and the global connection rate limit
   * (`politeness.ts`). Default: `new Politeness()` (3,000 units per /24, 200 connections/s). */
  politeness?: Politeness | PolitenessOptions;
  /** The time certificates are judged at (the `tls` probe's `now`). Default: the wall clock; a
   * lab run passes the lab's clock plus the time elapsed since it started. */
  certificateTime?: () => Date;
  /** An emulated network's round trips by dialled address (the lab's `paths`), applied by the
   * dial to TCP connects and TLS handshakes. Default: none. */
  path?: PathModel | null;
  /** The timing phase after the crawl (`timing.ts`): samples, concurrency, spacing; `false`
   * skips it. Default: up to 10 samples per server (at most 4 with a TLS handshake; fewer once
   * converged), 8-24 servers at once, samples 250 ms apart, one session per server held open for
   * its pings. */
  timing?: TimingOptions | false;
  /** Progress callback. */
  onProgress?: (p: CrawlProgress) => void;
  signal?: AbortSignal;
}

/** Progress of a crawl. */
export interface CrawlProgress {
  discovered: number;
  done: number;
  inFlight: number;
  records: number;
}

/** What a crawl returns. */
export interface CrawlSummary {
  scanId: string;
  recordsPath: string;
  servers: number;
  records: number;
  skippedOverLimit: number;
  byStatus: Record<string, number>;
  /** Error probes refused by the budgets, and cost units spent on the busiest address. */
  politeness: {
    refused: number;
    maxSpentPerAddress: number;
    connectionsPerSecond: number;
    errorBudget: number;
    groupBudget: number;
  };
  /** What the timing phase did; null when it was skipped. */
  timing: TimingSummary | null;
}

/** The default client name: says what we are and where to read about it. */
export const CLIENT_NAME =
  "electrum-observatory/0.1 (research scan; see methodology.md of the electrum-observatory project)";

interface Task {
  key: string;
  host: string;
  address: string | null;
  tcpPort: number | null;
  tlsPort: number | null;
  foundVia: string[];
}

/**
 * Crawl a network and append raw records to `scanDir/records.jsonl`.
 *
 * @throws {TypeError} If there are no seeds or the options are malformed.
 */
export async function crawl(options: CrawlOptions): Promise<CrawlSummary> {
  if (!options.seeds.length) throw new TypeError("crawl needs at least one seed");
  await Deno.mkdir(options.scanDir, { recursive: true });
  const recordsPath = `${options.scanDir}/records.jsonl`;
  const previous = await readRecords(recordsPath).catch(() => ({
    records: [] as ProbeRecord[],
    validBytes: 0,
  }));
  const writer = await RecordWriter.open(recordsPath);
  const scanId = previous.records[0]?.scan_id ?? options.scanDir.split("/").filter(Boolean).pop()!;
  const policy: DialPolicy = { mode: options.target, deny: options.deny, allow: options.allow };
  const concurrency = options.concurrency ?? 64;
  const maxServers = options.maxServers ?? 10_000;
  const clientName = options.clientName ?? CLIENT_NAME;
  const byStatus: Record<string, number> = {};
  const politeness = options.politeness instanceof Politeness
    ? options.politeness
    : new Politeness(options.politeness ?? {});

  const tasks = new Map<string, Task>();
  const queue: Task[] = [];
  const finished = new Set<string>();
  const attempts = new Map<string, number>();
  let skippedOverLimit = 0;
  // Main endpoints to time after the crawl, with the facts their battery learned (padding).
  const timingTargets: {
    target: TimingTarget;
    attempt: number;
    network: "clearnet" | "onion";
    facts: Facts;
  }[] = [];
  const timed = new Set<string>();
  for (const r of previous.records) {
    attempts.set(r.server, Math.max(attempts.get(r.server) ?? 0, r.attempt));
    if (r.probe === "done") finished.add(r.server);
    if (r.probe === "timing") timed.add(r.server);
  }
  // Resuming: finished servers whose timing was not recorded are timed again, from their records.
  for (const r of previous.records) {
    if (
      r.probe !== "reach" || r.status !== "success" || !finished.has(r.server) ||
      timed.has(r.server) || r.network !== "clearnet" || !r.ip || !r.port || !r.transport
    ) continue;
    const dialIp = options.resolver.dialAddress(r.ip);
    if (dialIp === null) continue;
    timed.add(r.server);
    const mine = previous.records.filter((w) => w.server === r.server && w.attempt === r.attempt);
    const padded = mine.some((w) => w.probe === "wire" && Number(w.data.padded_lines) > 0);
    const software = mine.find((w) => w.probe === "version" && w.status === "success")?.data
      .software;
    // EPS-like (silent before `server.version`, or its own name): one client at a time.
    const epsLike = mine.some((w) => w.probe === "preversion" && w.data.outcome === "silent") ||
      (typeof software === "string" && /personalserver/i.test(software));
    timingTargets.push({
      target: {
        server: r.server,
        host: r.host,
        ip: r.ip,
        dialIp,
        port: r.port,
        transport: r.transport,
        padded,
        rttHintMs: typeof r.data.connect_ms === "number" ? r.data.connect_ms : null,
      },
      attempt: r.attempt,
      network: "clearnet",
      facts: { padded, epsLike, software: typeof software === "string" ? software : undefined },
    });
  }

  const enqueue = (c: Candidate, via: string) => {
    const key = c.host.toLowerCase();
    const known = tasks.get(key);
    if (known) {
      known.tcpPort ??= c.tcpPort;
      known.tlsPort ??= c.tlsPort;
      if (known.foundVia.length < 20 && !known.foundVia.includes(via)) known.foundVia.push(via);
      return;
    }
    if (tasks.size >= maxServers) {
      skippedOverLimit++;
      return;
    }
    const t: Task = {
      key,
      host: key,
      address: c.address,
      tcpPort: c.tcpPort,
      tlsPort: c.tlsPort,
      foundVia: [via],
    };
    tasks.set(key, t);
    if (!finished.has(key)) {
      queue.push(t);
      // Start it now if a slot is free, not only when another server finishes.
      wake();
    }
  };
  let wake = () => {};
  for (const s of options.seeds) {
    enqueue({
      host: s.host,
      address: net.isIP(s.host) ? s.host : null,
      tcpPort: s.t ?? null,
      tlsPort: s.s ?? null,
      version: null,
    }, "seed");
  }
  // Resuming: what finished servers advertised is still to be crawled.
  for (const r of previous.records) {
    if (r.probe === "peers" && finished.has(r.server) && Array.isArray(r.data.peers)) {
      for (
        const c of [
          ...(r.data.peers as Candidate[]),
          ...((r.data.feature_hosts as Candidate[]) ?? []),
        ]
      ) enqueue(c, r.server);
    }
  }

  const perAddress = new Map<string, Promise<void>>();
  const serialByAddress = async <T>(addr: string, fn: () => Promise<T>): Promise<T> => {
    const prev = perAddress.get(addr) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    perAddress.set(addr, prev.then(() => mine));
    await prev;
    try {
      return await fn();
    } finally {
      release();
      if (perAddress.get(addr) === mine) perAddress.delete(addr);
    }
  };

  let done = 0, inFlight = 0;
  const record = async (r: Omit<ProbeRecord, "seq" | "scan_id" | "t">) => {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    await writer.write({ scan_id: scanId, t: new Date().toISOString(), ...r });
  };
  const progress = () =>
    options.onProgress?.({
      discovered: tasks.size,
      done,
      inFlight,
      records: Object.values(byStatus).reduce((a, b) => a + b, 0),
    });

  const crawlServer = async (task: Task) => {
    const attempt = (attempts.get(task.key) ?? 0) + 1;
    attempts.set(task.key, attempt);
    const onion = isOnion(task.host);
    const base = {
      server: task.key,
      attempt,
      host: task.host,
      network: onion ? "onion" as const : "clearnet" as const,
    };
    await record({
      ...base,
      ip: null,
      port: null,
      transport: null,
      probe: "discover",
      probe_version: "1",
      status: "success",
      op: null,
      message: null,
      duration_ms: 0,
      data: { found_via: task.foundVia, tcp_port: task.tcpPort, tls_port: task.tlsPort },
    });

    const endpoints: Endpoint[] = [];
    const ports: [Transport, number][] = [];
    if (task.tlsPort) ports.push(["tls", task.tlsPort]);
    if (task.tcpPort) ports.push(["tcp", task.tcpPort]);
    if (onion) {
      if (!options.socks) {
        await record({
          ...base,
          ip: null,
          port: null,
          transport: null,
          probe: "resolve",
          probe_version: "1",
          status: "unsupported",
          op: "proxy",
          message: "onion server and no SOCKS proxy configured",
          duration_ms: 0,
          data: {},
        });
      } else {for (const [transport, port] of ports) {
          endpoints.push({
            server: task.key,
            host: task.host,
            ip: null,
            dialIp: null,
            port,
            transport,
            network: "onion",
            plainPort: task.tcpPort,
          });
        }}
    } else {
      const t0 = performance.now();
      let addresses: string[] = [];
      let status: Status = "success", message: string | null = null;
      try {
        addresses = await options.resolver.resolve(task.host);
        if (!addresses.length) [status, message] = ["dns-error", "no addresses (NXDOMAIN)"];
      } catch (err) {
        [status, message] = ["dns-error", String((err as Error).message).slice(0, 300)];
      }
      addresses = addresses.slice(0, 4);
      const classes = Object.fromEntries(addresses.map((a) => [a, classifyAddress(a)]));
      await record({
        ...base,
        ip: null,
        port: null,
        transport: null,
        probe: "resolve",
        probe_version: "1",
        status,
        op: status === "success" ? null : "resolve",
        message,
        duration_ms: Math.round(performance.now() - t0),
        data: { addresses, classes, resolver: options.resolver.kind },
      });
      /** Records every port of `ip` as not dialled: the status, why, and what is known of it. */
      const notDialled = async (
        ip: string,
        status: "blocklisted" | "unreachable",
        message: string,
        data: Record<string, unknown>,
      ) => {
        for (const [transport, port] of ports) {
          await record({
            ...base,
            ip,
            port,
            transport,
            probe: "reach",
            probe_version: "1",
            status,
            op: "connect",
            message,
            duration_ms: 0,
            data,
          });
        }
      };
      for (const ip of addresses) {
        const addressClass = { address_class: classes[ip] };
        // Only public addresses are ever dialled (in the lab they route to loopback); the local
        // target, a user's own servers on this machine, dials loopback addresses only.
        if (classes[ip] !== (options.target === "local" ? "loopback" : "public")) {
          const why = `advertised address is ${classes[ip]}; never dialled`;
          await notDialled(ip, "blocklisted", why, addressClass);
          continue;
        }
        // The lab dials a loopback stand-in; the lists speak of the address the world sees.
        const refusal = options.target === "lab" ? listedRefusal(ip, policy) : null;
        if (refusal) {
          await notDialled(ip, "blocklisted", refusal, addressClass);
          continue;
        }
        const dialIp = options.resolver.dialAddress(ip);
        if (dialIp === null) {
          await notDialled(ip, "unreachable", "no route to address", {});
          continue;
        }
        for (const [transport, port] of ports) {
          endpoints.push({
            server: task.key,
            host: task.host,
            ip,
            dialIp,
            port,
            transport,
            network: "clearnet",
            plainPort: task.tcpPort,
          });
        }
      }
    }

    const socksTimeout = options.connectTimeoutMs ?? 20_000;
    // One deadline over all of this server's endpoints: a hostile server cannot hold a slot longer.
    const deadlineMs = options.serverDeadlineMs ?? 90_000;
    const deadline = new AbortController();
    const deadlineTimer = setTimeout(
      () =>
        deadline.abort(
          new DOMException(`server deadline of ${deadlineMs} ms exceeded`, "TimeoutError"),
        ),
      deadlineMs,
    );
    const signal = options.signal
      ? AbortSignal.any([options.signal, deadline.signal])
      : deadline.signal;
    try {
      let mainFacts: Facts = {};
      for (const [i, ep] of endpoints.entries()) {
        const run = async () => {
          const ctx = makeProbeContext({
            endpoint: ep,
            dial: {
              policy,
              path: options.path,
              socks: ep.network === "onion" ? options.socks! : undefined,
              connectTimeoutMs: ep.network === "onion"
                ? socksTimeout
                : options.connectTimeoutMs ?? 8000,
              tlsTimeoutMs: options.connectTimeoutMs ?? 8000,
            },
            clientName,
            requestTimeoutMs: options.requestTimeoutMs ?? 8000,
            // Budgets are kept per address and per /24 as the world sees them (the lab's simulated ones).
            mayProvoke: (cost) => politeness.mayProvoke(ep.ip ?? ep.host, cost),
            beforeConnect: () => politeness.connectionSlot(options.signal),
            trustAnchorsPem: options.trustAnchorsPem ?? null,
            certificateTime: options.certificateTime,
            signal,
          });
          const phases = i === 0
            ? options.battery ?? DEFAULT_BATTERY
            : options.secondaryBattery ?? SECONDARY_BATTERY;
          // Further endpoints of the server inherit what decides waits (padding, EPS-likeness).
          if (i > 0) {
            Object.assign(ctx.facts, { padded: mainFacts.padded, epsLike: mainFacts.epsLike });
          } else mainFacts = ctx.facts;
          let timingEntry: (typeof timingTargets)[number] | undefined;
          try {
            await runBattery(ctx, phases, async (r) => {
              // Cut short by the server deadline (not by the caller): record it as the timeout it
              // is, naming the deadline. A probe that was waiting (on another probe's verdict) when
              // the deadline ended the session finds it ended and says "timeout" in its own words.
              if (
                (r.status === "aborted" || r.status === "timeout") && deadline.signal.aborted &&
                !options.signal?.aborted && !/server deadline of/.test(r.message ?? "")
              ) {
                r = {
                  ...r,
                  status: "timeout",
                  message: `server deadline of ${deadlineMs} ms exceeded (${
                    r.message ?? "aborted"
                  })`,
                };
              }
              await record({
                ...base,
                ip: ep.ip,
                port: ep.port,
                transport: ep.transport,
                probe: r.probe,
                probe_version: r.probe_version,
                status: r.status,
                op: r.op ?? null,
                message: r.message ?? null,
                duration_ms: r.duration_ms,
                data: r.data,
              });
              if (r.probe === "peers" && r.status === "success") {
                for (const c of ctx.facts.peers ?? []) {
                  enqueue(c, task.key);
                }
              }
              // Onions are not timed: through Tor a connect measures the circuit, not the server.
              if (
                i === 0 && r.probe === "reach" && r.status === "success" && ep.dialIp &&
                ep.network === "clearnet"
              ) {
                timingEntry = {
                  target: {
                    server: task.key,
                    host: ep.host,
                    ip: ep.ip,
                    dialIp: ep.dialIp,
                    port: ep.port,
                    transport: ep.transport,
                    padded: false,
                    // The crawl's connect (inflated by its busy loop) orders the phase's start.
                    rttHintMs: typeof r.data.connect_ms === "number" ? r.data.connect_ms : null,
                  },
                  attempt,
                  network: ep.network,
                  facts: ctx.facts,
                };
                timingTargets.push(timingEntry);
              }
            });
          } finally {
            ctx.session?.close();
            // The timing phase needs three facts; the rest (features, peer lists, replies) is let go.
            if (timingEntry) {
              timingEntry.facts = {
                software: ctx.facts.software,
                padded: ctx.facts.padded,
                epsLike: ctx.facts.epsLike,
              };
            }
          }
        };
        await (ep.dialIp ? serialByAddress(ep.dialIp, run) : run());
      }
    } finally {
      clearTimeout(deadlineTimer);
    }
    await record({
      ...base,
      ip: null,
      port: null,
      transport: null,
      probe: "done",
      probe_version: "1",
      status: "success",
      op: null,
      message: null,
      duration_ms: 0,
      data: { endpoints: endpoints.length },
    });
  };

  await new Promise<void>((resolve) => {
    const pump = () => {
      if (options.signal?.aborted) {
        if (inFlight === 0) resolve();
        return;
      }
      while (inFlight < concurrency && queue.length) {
        const task = queue.shift()!;
        inFlight++;
        crawlServer(task).catch((err) => {
          // A bug on our side: keep the evidence in the records and go on.
          return record({
            server: task.key,
            attempt: attempts.get(task.key) ?? 1,
            host: task.host,
            network: "clearnet",
            ip: null,
            port: null,
            transport: null,
            probe: "crawl",
            probe_version: "1",
            status: "protocol-error",
            op: "parse",
            message: `crawler error: ${(err as Error).message}`.slice(0, 500),
            duration_ms: 0,
            data: {},
          });
        }).finally(() => {
          inFlight--;
          done++;
          progress();
          pump();
        });
      }
      if (inFlight === 0 && queue.length === 0) resolve();
    };
    wake = () => queueMicrotask(pump);
    pump();
  });
  // The timing phase: the crawl's busy loop is over; fewer servers at once, samples spread out.
  let timing: TimingSummary | null = null;
  if (options.timing !== false && !options.signal?.aborted && timingTargets.length) {
    // Only servers that answered `server.version` in the crawl: the others cannot give an
    // application round trip, and a silent one would hold the phase for its deadlines.
    const answered = timingTargets.filter((t) => typeof t.facts.software === "string");
    for (const t of answered) {
      t.target.padded = t.facts.padded === true;
      // Electrum Personal Server serves one client at a time: no session is held open on it.
      t.target.singleClient = t.facts.epsLike === true ||
        (typeof t.facts.software === "string" && /personalserver/i.test(t.facts.software));
    }
    const byServer = new Map(answered.map((t) => [t.target.server, t]));
    const timingOptions = options.timing ?? {};
    timing = await measureTimings(answered.map((t) => t.target), {
      dial: {
        policy,
        path: options.path,
        connectTimeoutMs: options.connectTimeoutMs ?? 8000,
        tlsTimeoutMs: options.connectTimeoutMs ?? 8000,
      },
      clientName,
      beforeConnect: () => politeness.connectionSlot(options.signal),
      signal: options.signal,
      onResult: async (t, r) => {
        const meta = byServer.get(t.server)!;
        await record({
          server: t.server,
          attempt: meta.attempt,
          host: t.host,
          network: meta.network,
          ip: t.ip,
          port: t.port,
          transport: t.transport,
          probe: "timing",
          probe_version: TIMING_VERSION,
          status: r.status,
          op: r.op,
          message: r.message,
          duration_ms: r.duration_ms,
          data: { ...r.data, concurrency: timingOptions.concurrency ?? TIMING_CONCURRENCY },
        });
      },
    }, timingOptions);
  }
  await writer.close();
  if (!(options.politeness instanceof Politeness)) politeness.close();
  return {
    scanId,
    recordsPath,
    servers: tasks.size,
    records: Object.values(byStatus).reduce((a, b) => a + b, 0),
    skippedOverLimit,
    byStatus,
    politeness: {
      refused: politeness.refused,
      maxSpentPerAddress: Math.max(0, ...politeness.spent.values()),
      connectionsPerSecond: politeness.connectionsPerSecond,
      errorBudget: politeness.errorBudget,
      groupBudget: politeness.groupBudget,
    },
    timing,
  };
}
