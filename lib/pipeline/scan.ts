/**
 * One collecting run, end to end: start the lab when it is the target, crawl, write the scan's
 * manifest, derive the tables into `data/`, and (in the lab) write the ground truth to its own
 * file, apart from everything detectors read.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import { tableCsv } from "../data/table_csv.ts";
import {
  CLUSTERS_SCHEMA,
  FEATURES_SCHEMA,
  FINGERPRINTS_SCHEMA,
  GEO_SCHEMA,
  PEERS_SCHEMA,
  SERVERS_SCHEMA,
  TLS_SCHEMA,
} from "../data/schemas/mod.ts";
import { asRead } from "../data/as_read.ts";
import { deriveFeatures } from "../analysis/features/derive_features.ts";
import { deriveClusters } from "../cluster/derive_clusters.ts";
import { writeSuspicion } from "../suspect/write_suspicion.ts";
import { FEATURE_SPECS } from "../data/schemas/features.ts";
import { clusterRandom } from "../cluster/cluster_random.ts";
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { startLab } from "../lab/lab.ts";
import { archiveScan, readScanIndex } from "../records/archive_scan.ts";
import { startOfUtcDay } from "../lab/population.ts";
import { PROBES } from "../probes/battery.ts";
import { deriveServers, type ServerRow } from "../tables/derive_servers.ts";
import { deriveGeo, enrichmentManifest, geoAddresses, type GeoRow } from "../tables/derive_geo.ts";
import { geoOptionsFromEnv } from "../geo/shared_geo.ts";
import { lookupAddresses } from "../geo/lookup_addresses.ts";
import { openScan } from "../tables/open_scan.ts";
import {
  CLIENT_NAME,
  crawl,
  type CrawlProgress,
  type CrawlSummary,
  type Seed,
} from "../crawl/crawl.ts";
import { LAB_VANTAGE, type RunParams } from "../crawl/params.ts";
import { loadExclusions } from "../crawl/exclusions.ts";
import { Politeness, type PolitenessOptions } from "../crawl/politeness.ts";
import { readPolitenessLedger, writePolitenessLedger } from "../crawl/politeness_ledger.ts";
import { rootCertificates } from "node:tls";
import { deriveFingerprints, type FingerprintRow } from "../tables/derive_fingerprints.ts";
import { deriveTls, type TlsRow } from "../tables/derive_tls.ts";
import { LabAddressBook, LocalResolver, type Resolver, SystemResolver } from "../crawl/resolver.ts";
import { derivePeers, type PeerRow } from "../tables/derive_peers.ts";
import { TIMING_VERSION, type TimingOptions } from "../crawl/timing.ts";
import { type AddressMap, AddressMapResolver } from "../crawl/address_map.ts";
import type { Row } from "../data/read_csv.ts";
import { NothingAnsweredError } from "./nothing_answered.ts";
import { progressFileWriter } from "./progress_file.ts";
import { pathExists } from "../records/path_exists.ts";

/** The manifest written beside each scan's records. */
export interface ScanManifest {
  scan_id: string;
  target: string;
  started_at: string;
  finished_at: string;
  vantage: string;
  /** The vantage point's coordinates in degrees (`OBS_VANTAGE`), or null when unknown or when
   * the lab's latency scale is below 1 (its round trips then undercut the distance). */
  vantage_coordinates: { latitude: number; longitude: number } | null;
  tool: { name: string; version: string };
  probes: Record<string, string>;
  /** The client name sent as the first parameter of every `server.version`, verbatim. */
  client_name: string;
  resolver: string;
  /** The lab's parameters; `clock` is the lab's time (ISO 8601, UTC), which dates its
   * certificates: the same seed and clock build the same network and the same figures. */
  lab:
    | {
      seed: string;
      clearnet: number;
      onion: number;
      latency: number;
      clock: string | null;
      /** Weeks the lab evolved since it was built (`OBS_LAB_WEEK`); absent for a lab map. */
      week?: number;
    }
    | null;
  servers: number;
  records: number;
  counts_by_status: Record<string, number>;
  skipped_over_limit: number;
  /** Politeness settings and what they refused (`politeness.ts`). */
  politeness: {
    connections_per_second: number;
    error_budget_per_address: number;
    error_budget_per_24: number;
    error_probes_refused: number;
    max_error_units_per_address: number;
  };
  /** How certificates were verified: `lab-ca`, `system-store`. */
  trust_anchors: string;
  /** The address lists the dial guard applied: the exclusion file loaded (null for none), the
   * blocks denied (the file's and `OBS_DENY`'s), and the allow list (empty: no restriction). */
  dial_lists: { exclude_file: string | null; deny: string[]; allow: string[] };
  /** The timing phase after the crawl (`timing.ts`); null when skipped. Durations in ms. */
  timing: {
    servers: number;
    samples_per_server: number;
    concurrency: number;
    path_emulated: boolean;
    /** What the phase measured of this run: the load decides these figures, so a rerun with the
     * same parameters changes them (the notebooks' rerun check masks every field of a `measured`
     * object, `lib/report/rerun_notebook.ts`). A new load-dependent figure goes here. */
    measured: {
      samples_taken: number;
      concurrency_peak: number;
      duration_ms: number;
      loop_lag_median_ms: number | null;
      loop_lag_max_ms: number | null;
    };
  } | null;
}

/** Options of {@linkcode runScan}. */
export interface ScanOptions {
  params: RunParams;
  /** Where scans go. Default: `data/scans`. */
  scansDir?: string;
  /** Where the derived tables go. Default: `data`. */
  dataDir?: string;
  /** Continue the scan in this directory (resume after a crash). Default: a new directory. */
  resumeScanDir?: string;
  onProgress?: (p: CrawlProgress) => void;
  /**
   * Crawl a lab already running in another process (`deno task lab`) through the address map it
   * publishes (`lib/crawl/address_map.ts`), instead of starting one; `params.target` must be
   * `lab`. Default: none.
   */
  addressMap?: AddressMap;
  /**
   * Also append progress as JSON Lines to this file (what `deno task report` shows on the
   * terminal while the kernel crawls). Default: `OBS_PROGRESS_FILE` when set, else none.
   */
  progressFile?: string;
  /** Politeness (error budget per /24, connection rate). Default: 2,000 connections/s for the lab
   * and local targets, 100/s live; 3,000 error units per /24. */
  politeness?: PolitenessOptions;
  /**
   * A file that carries the error budgets from one scan of the same servers to the next
   * (`lib/crawl/politeness_ledger.ts`): read before the crawl when it exists, written after it.
   * ElectrumX keeps a /24's cost for a while after the connections close, so scans minutes apart
   * must share one. Default: `<data>/scans/live_politeness_ledger.json` for the live target; none
   * otherwise (a lab this run starts remembers nothing; `deno task collect --lab-map` passes one
   * beside the running lab's address map).
   */
  politenessLedger?: string;
  /** The timing phase after the crawl (`timing.ts`), or `false` to skip it. Default: from the
   * run parameters (`OBS_TIMING`), else the phase's defaults. */
  timing?: TimingOptions | false;
  signal?: AbortSignal;
}

/** What a run produced. */
export interface ScanResult {
  manifest: ScanManifest;
  scanDir: string;
  summary: CrawlSummary;
  /** The published tables, the scan's manifest and the lab's truth file (null off the lab). */
  files: TableFiles & { manifest: string; labTruth: string | null };
}

/** The observatory's version, stamped on manifests. */
export const TOOL_VERSION = "0.1.0";

/** Load the committed live seed list. */
export async function liveSeeds(): Promise<Seed[]> {
  const j = JSON.parse(
    await Deno.readTextFile(new URL("../crawl/live_seeds.json", import.meta.url)),
  );
  return j.seeds as Seed[];
}

/**
 * Run one collecting job. The scan writes into its own folder (`<scans>/<scan id>/`: records,
 * manifest, and the derived tables under `derived/`); only when at least one server answered are
 * the tables moved into the data directory (each file by an atomic rename), so a failed scan never
 * replaces good data.
 *
 * @throws {NothingAnsweredError} When no server answered; the data directory is left as it was.
 * @throws {TypeError} When the local target has no seeds (before anything is written).
 *
 * @example
 * ```ts
 * const r = await runScan({ params: runParams() });
 * console.log(r.manifest.servers);
 * ```
 */
export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const { params } = options;
  const dataDir = options.dataDir ?? defaultDataDir();
  const scansDir = options.scansDir ?? `${dataDir}/scans`;
  const started = new Date();
  const scanId = `${params.target}-${started.toISOString().replace(/[:.]/g, "-")}`;
  const scanDir = options.resumeScanDir ?? `${scansDir}/${scanId}`;
  if (params.target === "local" && !params.seeds?.length) {
    throw new TypeError(
      "The local target needs OBS_SEEDS, e.g. 127.0.0.5:50001:t,127.0.0.5:50002:s",
    );
  }
  await Deno.mkdir(scanDir, { recursive: true });
  const progress = progressFileWriter(options.progressFile ?? Deno.env.get("OBS_PROGRESS_FILE"));
  progress({
    phase: params.target === "lab" ? "lab" : "crawl",
    discovered: 0,
    done: 0,
    inFlight: 0,
    records: 0,
  });

  // The run's deny list: OBS_DENY plus the exclusion file (the committed one for live runs).
  const excludeFile = params.excludeFile ?? null;
  const deny = [...(params.deny ?? []), ...(excludeFile ? await loadExclusions(excludeFile) : [])];
  const allow = params.allow ?? [];
  // The lab's clock dates its certificates: pinned by the run, or the start of today (UTC).
  const labClock = params.labClock ?? startOfUtcDay(started);
  const map = params.target === "lab" ? options.addressMap ?? null : null;
  const lab = params.target === "lab" && !map
    ? await startLab({
      size: params.labSize,
      seed: params.seed,
      latency: params.latency,
      vantage: params.vantage ?? undefined,
      hostile: params.labHostile,
      now: labClock,
      week: params.labWeek ?? 0,
    })
    : null;
  const ledgerPath = options.politenessLedger ??
    (params.target === "live" ? `${scansDir}/live_politeness_ledger.json` : null);
  const carried = ledgerPath ? await readPolitenessLedger(ledgerPath) : null;
  const politeness = new Politeness({
    connectionsPerSecond: params.target === "live" ? 100 : 2000,
    ...options.politeness,
    ...(carried ? { carried } : {}),
  });
  let summary: CrawlSummary;
  let resolver: Resolver;
  try {
    resolver = map
      ? new AddressMapResolver(map)
      : lab
      ? new LabAddressBook(lab.resolver)
      : params.target === "local"
      ? new LocalResolver()
      : new SystemResolver();
    const seeds = map
      ? map.seeds
      : lab
      ? [...lab.seeds.slice(0, 1), ...lab.hostileSeeds]
      : params.seeds ?? (params.target === "live" ? await liveSeeds() : []);
    if (!seeds.length) {
      throw new TypeError(
        "The local target needs OBS_SEEDS, e.g. 127.0.0.5:50001:t,127.0.0.5:50002:s",
      );
    }
    summary = await crawl({
      target: params.target,
      seeds,
      resolver,
      socks: map ? map.socks : lab ? lab.socks : params.target === "live" ? params.tor : null,
      scanDir,
      clientName: CLIENT_NAME,
      deny,
      allow,
      concurrency: params.concurrency,
      // Certificates verify against the lab CA in the lab, the system store otherwise.
      trustAnchorsPem: map ? [map.caPem] : lab ? [lab.caPem] : rootCertificates,
      // The lab's certificates are judged as of its clock (plus the run's elapsed time), so a
      // pinned clock gives the same validity figures on any day.
      certificateTime: lab ? labTime(labClock) : undefined,
      // The lab's path delays for TCP connects and TLS handshakes (loopback answers at once).
      path: lab?.paths ?? null,
      // The option wins; else OBS_TIMING (`off`, or the most samples per server); else defaults.
      timing: options.timing !== undefined
        ? options.timing
        : params.timing === false
        ? false
        : params.timing
        ? { samples: params.timing }
        : undefined,
      politeness,
      onProgress: (p) => {
        progress({ phase: "crawl", ...p });
        options.onProgress?.(p);
      },
      signal: options.signal,
    });
  } finally {
    politeness.close();
    // Written whatever became of the crawl: the units it spent are with the servers now.
    if (ledgerPath) await writePolitenessLedger(ledgerPath, politeness.ledger());
    await lab?.stop();
  }
  const manifest: ScanManifest = {
    scan_id: summary.scanId,
    target: params.target,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    vantage: params.target === "lab"
      ? `lab (simulated vantage: ${
        !params.vantage ||
          (params.vantage.latitude === LAB_VANTAGE.latitude &&
            params.vantage.longitude === LAB_VANTAGE.longitude)
          ? "Frankfurt, DE"
          : `${params.vantage.latitude}, ${params.vantage.longitude}`
      })`
      : Deno.hostname(),
    vantage_coordinates: params.target === "lab" && params.latency < 1
      ? null
      : params.vantage ?? null,
    tool: { name: "electrum-observatory", version: TOOL_VERSION },
    probes: {
      ...Object.fromEntries(Object.values(PROBES).map((p) => [p.name, p.version])),
      timing: TIMING_VERSION,
    },
    // The exact string every server.version call sent (the crawl's client name).
    client_name: CLIENT_NAME,
    resolver: resolver.kind,
    lab: map ? { ...map.lab, clock: null } : lab
      ? {
        seed: params.seed,
        clearnet: lab.hosts.filter((h) => !h.onion).length,
        onion: lab.hosts.filter((h) => h.onion).length,
        latency: params.latency,
        clock: labClock.toISOString(),
        week: params.labWeek ?? 0,
      }
      : null,
    servers: summary.servers,
    records: summary.records,
    counts_by_status: summary.byStatus,
    skipped_over_limit: summary.skippedOverLimit,
    politeness: {
      connections_per_second: summary.politeness.connectionsPerSecond,
      error_budget_per_address: summary.politeness.errorBudget,
      error_budget_per_24: summary.politeness.groupBudget,
      error_probes_refused: summary.politeness.refused,
      max_error_units_per_address: summary.politeness.maxSpentPerAddress,
    },
    trust_anchors: lab || map ? "lab-ca" : "system-store",
    dial_lists: {
      exclude_file: excludeFile === null
        ? null
        : excludeFile instanceof URL
        ? projectRelative(excludeFile)
        : excludeFile,
      deny,
      allow,
    },
    timing: summary.timing
      ? {
        servers: summary.timing.servers,
        samples_per_server: summary.timing.samplesPerServer,
        concurrency: summary.timing.concurrency,
        path_emulated: lab !== null,
        measured: {
          samples_taken: summary.timing.samplesTaken,
          concurrency_peak: summary.timing.concurrencyPeak,
          duration_ms: summary.timing.durationMs,
          loop_lag_median_ms: summary.timing.loopLagMedianMs,
          loop_lag_max_ms: summary.timing.loopLagMaxMs,
        },
      }
      : null,
    ...(await enrichmentManifest()), // databases that enrich geo.csv (lib/tables/derive_geo.ts)
  };
  const manifestPath = `${scanDir}/manifest.json`;
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  progress({
    phase: "tables",
    discovered: summary.servers,
    done: summary.servers,
    inFlight: 0,
    records: summary.records,
  }, true);
  // Derive into the scan's own folder first; publish into dataDir only when a server answered.
  const derived = await deriveScan(scanDir, `${scanDir}/derived`, params.target);
  const rows = derived.servers;
  if (!rows.some((r) => r.status === "success")) {
    const tried = rows.map((r) => ({
      server: String(r.server),
      port: (r.tcp_port ?? r.tls_port ?? null) as number | null,
      status: String(r.status),
    }));
    throw new NothingAnsweredError(tried, scanDir);
  }
  // Keep the scan (records, manifest, tables; compressed, append-only) for comparisons over
  // time; a resumed scan that was archived already is not archived twice.
  const archiveDir = `${dataDir}/archive`;
  if (!(await readScanIndex(archiveDir)).some((x) => x.scan_id === manifest.scan_id)) {
    await archiveScan(scanDir, { archiveDir, tablesDir: `${scanDir}/derived` });
  }
  const files = await publishTables(derived.files, `${scanDir}/derived`, dataDir);
  // The lab writes what its servers really are to its own file; nothing here reads it.
  const labTruth = lab ? await lab.recordTruth(dataDir, { scanId: summary.scanId }) : null;
  await writeFileAtomic(`${dataDir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  progress({
    phase: "done",
    discovered: summary.servers,
    done: summary.servers,
    inFlight: 0,
    records: summary.records,
  }, true);
  return { manifest, scanDir, summary, files: { ...files, manifest: manifestPath, labTruth } };
}

/** The lab's time: its clock plus the wall time elapsed since this was called. */
function labTime(clock: Date): () => Date {
  const t0 = performance.now();
  return () => new Date(clock.getTime() + Math.round(performance.now() - t0));
}

/** A committed file's path relative to the project (`lib/crawl/live_exclusions.conf`). */
function projectRelative(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  const i = path.lastIndexOf("/lib/");
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The derived tables, by file name, as {@linkcode deriveTables} writes them. */
const TABLE_FILES = [
  "servers.csv",
  "fingerprints.csv",
  "tls.csv",
  "geo.csv",
  "peers.csv",
  "features.csv",
  "clusters.csv",
  "hss.csv",
  "risk-feed.json",
  "risk-feed.schema.json",
] as const;

/** Paths of the derived tables one scan writes, by table. */
export interface TableFiles {
  servers: string;
  fingerprints: string;
  tls: string;
  peers: string;
  features: string;
  clusters: string;
  hss: string;
  /** Null when the scan folder had no manifest (no provenance for the feed). */
  riskFeed: string | null;
}

/**
 * Move a scan's derived tables into the data directory, each by one rename (atomic on one file
 * system; across file systems, an atomic write of a copy).
 *
 * @returns `derived`'s paths as they are in `dataDir`.
 */
async function publishTables(
  derived: TableFiles,
  fromDir: string,
  dataDir: string,
): Promise<TableFiles> {
  await Deno.mkdir(dataDir, { recursive: true });
  for (const name of TABLE_FILES) {
    try {
      await Deno.rename(`${fromDir}/${name}`, `${dataDir}/${name}`);
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) continue;
      await writeFileAtomic(`${dataDir}/${name}`, await Deno.readFile(`${fromDir}/${name}`));
    }
  }
  const moved = (path: string | null) =>
    path === null ? null : `${dataDir}/${path.slice(path.lastIndexOf("/") + 1)}`;
  return Object.fromEntries(
    Object.entries(derived).map(([table, path]) => [table, moved(path)]),
  ) as unknown as TableFiles;
}

/**
 * Derive the tables of one scan into the data directory (atomic writes, every row checked against
 * its schema), in bounded memory: the records file is read once as a summary (every record, the
 * heavy probes' `data` left out; lib/tables/open_scan.ts), from which `servers.csv`, `peers.csv`
 * and `geo.csv` are derived; `fingerprints.csv` and `tls.csv` are derived one server at a time
 * from its full records, read back from the file. `features.csv` is derived from those tables'
 * rows as a reader of the files sees them (`asRead`, without reading the files back), then
 * `clusters.csv` from the features (lib/cluster/derive_clusters.ts; isolation forest seeded by
 * `CLUSTER_RANDOM_SEED`, lib/cluster/cluster_random.ts).
 */
export async function deriveTables(
  scanDir: string,
  dataDir: string,
  target: string,
): Promise<TableFiles> {
  return (await deriveScan(scanDir, dataDir, target)).files;
}

/** The tables derived from the records themselves, as rows. */
interface RecordTables {
  servers: ServerRow[];
  peers: PeerRow[];
  geo: GeoRow[];
  fingerprints: FingerprintRow[];
  tls: TlsRow[];
}

/**
 * Derive `servers.csv`, `peers.csv` and `geo.csv` from the scan's summary and `fingerprints.csv`
 * and `tls.csv` from each server's full records in turn (lib/tables/open_scan.ts); nothing of
 * the records is held once this returns.
 */
async function recordTables(scanDir: string, target: string): Promise<RecordTables> {
  const scanFile = await openScan(`${scanDir}/records.jsonl`);
  try {
    const scan = scanFile.summary;
    const servers = deriveServers(scan, target);
    const peers = derivePeers(scan, target);
    // The addresses are looked up with one GeoIP database open at a time (lib/geo/lookup_addresses.ts).
    const geo = deriveGeo(
      scan,
      await lookupAddresses(geoAddresses(scan), geoOptionsFromEnv()),
      target,
    );
    const fingerprints: FingerprintRow[] = [];
    const tls: TlsRow[] = [];
    // One server's full records at a time (both tables are per server, in server order).
    for await (const s of scanFile.full()) {
      const one = { servers: [s], unfinished: [] };
      fingerprints.push(...deriveFingerprints(one));
      tls.push(...deriveTls(one));
    }
    return { servers, peers, geo, fingerprints, tls };
  } finally {
    scanFile.close();
  }
}

/** {@linkcode deriveTables}, also giving `servers.csv`'s rows as a reader of the file sees them
 * (what `runScan` checks for a server that answered, without reading the file back). */
async function deriveScan(
  scanDir: string,
  dataDir: string,
  target: string,
): Promise<{ files: TableFiles; servers: Row[] }> {
  // What is held from here on is the rows, never the records: recordTables' summary of the
  // records is released when it returns, and each table's rows as derived once its file is
  // written (the steps below read the rows as a reader of the files sees them).
  let t: RecordTables | null = await recordTables(scanDir, target);
  await Deno.mkdir(dataDir, { recursive: true });
  const servers = `${dataDir}/servers.csv`;
  await writeFileAtomic(servers, tableCsv(t.servers, SERVERS_SCHEMA));
  const fingerprints = `${dataDir}/fingerprints.csv`;
  await writeFileAtomic(fingerprints, tableCsv(t.fingerprints, FINGERPRINTS_SCHEMA));
  const tls = `${dataDir}/tls.csv`;
  await writeFileAtomic(tls, tableCsv(t.tls, TLS_SCHEMA));
  const peers = `${dataDir}/peers.csv`;
  await writeFileAtomic(peers, tableCsv(t.peers, PEERS_SCHEMA));
  await writeFileAtomic(`${dataDir}/geo.csv`, tableCsv(t.geo, GEO_SCHEMA));
  const features = `${dataDir}/features.csv`;
  // The peer-list signature reads the advertised peer lists (not features.hosts, not the server itself).
  const peerLinks = t.peers
    .filter((r) => r.source === "server.peers.subscribe" && r.self_advertised !== true)
    .map((r) => ({
      server: String(r.server),
      peer: String(r.peer_host),
      ip: (r.peer_address as string | null) ?? null,
    }));
  const announced = t.peers.filter((r) => r.source === "server.features")
    .map((r) => ({ server: String(r.server), peer: String(r.peer_host) }));
  const fingerprintsRead = asRead(t.fingerprints, FINGERPRINTS_SCHEMA);
  const serversRead = asRead(t.servers, SERVERS_SCHEMA);
  const tlsRead = asRead(t.tls, TLS_SCHEMA);
  const geoRead = asRead(t.geo, GEO_SCHEMA);
  const peersRead = asRead(t.peers, PEERS_SCHEMA);
  t = null;
  const featureRows = deriveFeatures({
    servers: serversRead,
    fingerprints: fingerprintsRead,
    tls: tlsRead,
    geo: geoRead,
    peers: peerLinks,
  });
  await writeFileAtomic(features, tableCsv(featureRows, FEATURES_SCHEMA));
  // clusters.csv from the features as a notebook reads features.csv, the claims of
  // fingerprints.csv and the advertised peer lists. Fewer than two servers: header only.
  const clusters = `${dataDir}/clusters.csv`;
  const featuresRead = asRead(featureRows, FEATURES_SCHEMA);
  const clusterRows = featuresRead.length < 2 ? [] : deriveClusters(
    {
      scanId: scanDir.slice(scanDir.lastIndexOf("/") + 1),
      features: featuresRead,
      specs: FEATURE_SPECS,
      claims: fingerprintsRead,
      peers: peerLinks.map((l) => ({ server: l.server, peer: l.peer })),
      announced,
      // The 2-D embedding is for the figures (lib/cluster/load_cluster_data.ts), not a column of
      // clusters.csv: computing it here cost five n x n matrices and an O(n³) eigendecomposition.
    },
    clusterRandom(),
    { behaviour: { embed: false } },
  ).rows;
  await writeFileAtomic(clusters, tableCsv(clusterRows, CLUSTERS_SCHEMA));
  // hss.csv and risk-feed.json from the tables as a reader of them sees them (lib/suspect; the
  // rows are in memory, so nothing is read back), with the scan's provenance from its manifest
  // when the scan folder has one.
  const manifest = `${scanDir}/manifest.json`;
  const s = await writeSuspicion(dataDir, (await pathExists(manifest)) ? manifest : null, {
    tables: {
      servers: serversRead,
      fingerprints: fingerprintsRead,
      tls: tlsRead,
      geo: geoRead,
      peers: peersRead,
      features: featuresRead,
      clusters: asRead(clusterRows, CLUSTERS_SCHEMA),
    },
  });
  return {
    files: {
      servers,
      fingerprints,
      tls,
      peers,
      features,
      clusters,
      hss: s.hss,
      riskFeed: s.riskFeed,
    },
    servers: serversRead,
  };
}
