/**
 * One collecting run, end to end: start the lab when it is the target, crawl, write the scan's
 * manifest, derive the tables into `data/`, and (in the lab) write the ground truth to its own
 * file, apart from everything detectors read.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import { tableCsv } from "../data/table_csv.ts";
import { FEATURES_SCHEMA, FINGERPRINTS_SCHEMA, SERVERS_SCHEMA, TLS_SCHEMA } from "../data/schemas/mod.ts";
import { readCsv } from "../data/read_csv.ts";
import { deriveFeatures } from "../analysis/features/derive_features.ts";
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { startLab } from "../lab/lab.ts";
import { PROBES } from "../probes/battery.ts";
import { deriveServers } from "../tables/derive_servers.ts";
import { enrichmentManifest, writeGeoTable } from "../tables/derive_geo.ts";
import { crawl, type CrawlProgress, type CrawlSummary, type Seed } from "../crawl/crawl.ts";
import type { RunParams } from "../crawl/params.ts";
import { readRecords } from "../records/records.ts";
import { groupByServer } from "../tables/scan_records.ts";
import type { PolitenessOptions } from "../crawl/politeness.ts";
import { rootCertificates } from "node:tls";
import { deriveFingerprints } from "../tables/derive_fingerprints.ts";
import { deriveTls } from "../tables/derive_tls.ts";
import { LabAddressBook, LocalResolver, type Resolver, SystemResolver } from "../crawl/resolver.ts";

/** The manifest written beside each scan's records. */
export interface ScanManifest {
  scan_id: string;
  target: string;
  started_at: string;
  finished_at: string;
  vantage: string;
  tool: { name: string; version: string };
  probes: Record<string, string>;
  client_name: string;
  resolver: string;
  lab: { seed: string; clearnet: number; onion: number; latency: number } | null;
  servers: number;
  records: number;
  counts_by_status: Record<string, number>;
  skipped_over_limit: number;
  /** Politeness settings and what they refused (`politeness.ts`). */
  politeness: { connections_per_second: number; error_budget_per_address: number; error_budget_per_24: number; error_probes_refused: number; max_error_units_per_address: number };
  /** How certificates were verified: `lab-ca`, `system-store`. */
  trust_anchors: string;
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
  /** Politeness (error budget per /24, connection rate). Default: 2,000 connections/s for the lab
   * and local targets, 100/s live; 3,000 error units per /24. */
  politeness?: PolitenessOptions;
  signal?: AbortSignal;
}

/** What a run produced. */
export interface ScanResult {
  manifest: ScanManifest;
  scanDir: string;
  summary: CrawlSummary;
  files: { servers: string; fingerprints: string; tls: string; features: string; manifest: string; labTruth: string | null };
}

/** The observatory's version, stamped on manifests. */
export const TOOL_VERSION = "0.1.0";

/** Load the committed live seed list. */
export async function liveSeeds(): Promise<Seed[]> {
  const j = JSON.parse(await Deno.readTextFile(new URL("../crawl/live_seeds.json", import.meta.url)));
  return j.seeds as Seed[];
}

/**
 * Run one collecting job.
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
  await Deno.mkdir(scanDir, { recursive: true });

  const lab = params.target === "lab" ? await startLab({ size: params.labSize, seed: params.seed, latency: params.latency, hostile: params.labHostile }) : null;
  let summary: CrawlSummary;
  let resolver: Resolver;
  try {
    resolver = lab ? new LabAddressBook(lab.resolver) : params.target === "local" ? new LocalResolver() : new SystemResolver();
    const seeds = lab ? [...lab.seeds.slice(0, 1), ...lab.hostileSeeds] : params.seeds ?? (params.target === "live" ? await liveSeeds() : []);
    if (!seeds.length) throw new TypeError("The local target needs OBS_SEEDS, e.g. 127.0.0.5:50001:t,127.0.0.5:50002:s");
    summary = await crawl({
      target: params.target,
      seeds,
      resolver,
      socks: lab ? lab.socks : params.target === "live" ? params.tor : null,
      scanDir,
      concurrency: params.concurrency,
      // Certificates verify against the lab CA in the lab, the system store otherwise.
      trustAnchorsPem: lab ? [lab.caPem] : rootCertificates,
      politeness: { connectionsPerSecond: params.target === "live" ? 100 : 2000, ...options.politeness },
      onProgress: options.onProgress,
      signal: options.signal,
    });
  } finally {
    await lab?.stop();
  }
  const manifest: ScanManifest = {
    scan_id: summary.scanId,
    target: params.target,
    started_at: started.toISOString(),
    finished_at: new Date().toISOString(),
    vantage: params.target === "lab" ? "lab (simulated vantage: Frankfurt, DE)" : Deno.hostname(),
    tool: { name: "electrum-observatory", version: TOOL_VERSION },
    probes: Object.fromEntries(Object.values(PROBES).map((p) => [p.name, p.version])),
    client_name: "electrum-observatory/0.1",
    resolver: resolver.kind,
    lab: lab ? { seed: params.seed, clearnet: lab.hosts.filter((h) => !h.onion).length, onion: lab.hosts.filter((h) => h.onion).length, latency: params.latency } : null,
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
    trust_anchors: lab ? "lab-ca" : "system-store",
    ...(await enrichmentManifest()), // databases that enrich geo.csv (lib/tables/derive_geo.ts)
  };
  const manifestPath = `${scanDir}/manifest.json`;
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
  const files = await deriveTables(scanDir, dataDir, params.target);
  // The lab writes what its servers really are to its own file; nothing here reads it.
  const labTruth = lab ? await lab.recordTruth(dataDir, { scanId: summary.scanId }) : null;
  await writeFileAtomic(`${dataDir}/manifest.json`, JSON.stringify(manifest, null, 2) + "\n");
  return { manifest, scanDir, summary, files: { ...files, manifest: manifestPath, labTruth } };
}

/**
 * Derive the tables of one scan into the data directory (atomic writes, every row checked against
 * its schema); `features.csv` last, from the other tables as written and read back.
 */
export async function deriveTables(scanDir: string, dataDir: string, target: string): Promise<{ servers: string; fingerprints: string; tls: string; features: string }> {
  // Group the scan once; every table is derived from the same grouped view.
  const scan = groupByServer((await readRecords(`${scanDir}/records.jsonl`)).records);
  const servers = `${dataDir}/servers.csv`;
  await writeFileAtomic(servers, tableCsv(deriveServers(scan, target), SERVERS_SCHEMA));
  const fingerprints = `${dataDir}/fingerprints.csv`;
  await writeFileAtomic(fingerprints, tableCsv(deriveFingerprints(scan), FINGERPRINTS_SCHEMA));
  const tls = `${dataDir}/tls.csv`;
  await writeFileAtomic(tls, tableCsv(deriveTls(scan), TLS_SCHEMA));
  const geo = (await writeGeoTable(scan, dataDir, target)).path;
  const features = `${dataDir}/features.csv`;
  const [serverRows, fingerprintRows, tlsRows, geoRows] = await Promise.all([servers, fingerprints, tls, geo].map((p) => readCsv(p)));
  await writeFileAtomic(features, tableCsv(deriveFeatures({ servers: serverRows, fingerprints: fingerprintRows, tls: tlsRows, geo: geoRows }), FEATURES_SCHEMA));
  return { servers, fingerprints, tls, features };
}
