/**
 * Everything the privacy tables read: the committed real-wallet transcripts and the scanned
 * population's derived tables (`servers.csv`, `geo.csv`, `clusters.csv`, `peers.csv`,
 * `tls.csv`, and `hss.csv` when the suspicion score was run), turned into the client model's
 * candidates.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCsv, type Row } from "../data/read_csv.ts";
import { HSS_SCHEMA } from "../data/schemas/hss.ts";
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { type Candidate, candidatesFromTables } from "./candidates.ts";
import { checkTranscript, type WalletTranscript } from "./transcript.ts";
import { type RunLabel, runLabel } from "../analysis/run_label.ts";

/** The scenarios of the committed transcripts, in the notebook's order. */
export const TRANSCRIPT_NAMES = [
  "fresh",
  "history",
  "watch-only",
  "failover",
  "two-wallets",
  "broadcast",
  "tor",
] as const;

/** What the privacy tables are computed from. */
export interface PrivacyInputs {
  /** What kind of run the tables come from (`manifest.json`). */
  label: RunLabel;
  /** The scan's id. */
  scanId: string;
  transcripts: WalletTranscript[];
  servers: Row[];
  tls: Row[];
  /** `hss.csv` read through its schema, or null when the file is absent (score not run). */
  hss: Row[] | null;
  candidates: Candidate[];
}

/** Options of {@linkcode loadPrivacyInputs}. */
export interface PrivacyInputOptions {
  /** Folder of the derived tables. Default: the project's `data/`. */
  dataDir?: string;
  /** Folder of the transcripts. Default: `lib/privacy/testdata/wallet/`. */
  transcriptsDir?: string;
}

/** The committed transcripts' folder. */
export function transcriptsDir(): string {
  return fileURLToPath(new URL("./testdata/wallet/", import.meta.url));
}

/**
 * Read the transcripts and tables.
 *
 * @throws {Deno.errors.NotFound} When a table or transcript is missing (run the collection first);
 *   a missing `clusters.csv` (notebook 03 not run) leaves every server in a group of its own, a
 *   missing `hss.csv` leaves `hss` null (the suspicion-tier rows say "not measured").
 * @throws {TypeError} When `hss.csv` does not fit its schema.
 * @example
 * ```ts
 * const inputs = await loadPrivacyInputs();
 * inputs.candidates.length; // servers that answered in the scan
 * ```
 */
export async function loadPrivacyInputs(options: PrivacyInputOptions = {}): Promise<PrivacyInputs> {
  const d = options.dataDir ?? defaultDataDir();
  const tdir = options.transcriptsDir ?? transcriptsDir();
  const transcripts = await Promise.all(
    TRANSCRIPT_NAMES.map(async (n) =>
      checkTranscript(JSON.parse(await Deno.readTextFile(join(tdir, `${n}.json`))))
    ),
  );
  const [servers, geo, peers, tls] = await Promise.all(
    ["servers", "geo", "peers", "tls"].map((t) => readCsv(join(d, `${t}.csv`))),
  );
  // Operator groups come from notebook 03 (clusters.csv); without them every server is its own.
  const clusters = await readCsv(join(d, "clusters.csv")).catch((err) => {
    if (err instanceof Deno.errors.NotFound) return [];
    throw err;
  });
  const hss = await readCsv(join(d, HSS_SCHEMA.table), HSS_SCHEMA).catch((err) => {
    if (err instanceof Deno.errors.NotFound) return null;
    throw err;
  });
  const manifest = JSON.parse(await Deno.readTextFile(join(d, "manifest.json")));
  return {
    label: runLabel(manifest),
    scanId: String(manifest.scan_id ?? ""),
    transcripts,
    servers,
    tls,
    hss,
    candidates: candidatesFromTables({ servers, geo, clusters, peers, tls, hss: hss ?? [] }),
  };
}
