/**
 * Ground truth of a lab run: for every host its implementation, claimed software, operator group,
 * role, addresses, ports and certificate, written to its own file. No detector reads it: only
 * tests and yardstick evaluations do (a test enforces that no analysis module imports this file
 * or reads its path).
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import type { CertificateStore } from "./certs/certificates.ts";
import type { LabHost } from "./population.ts";
import { personality } from "./servers/personalities.ts";
import { ADVERSARIAL } from "./population/scenarios.ts";

/** One host's ground truth. */
export interface TruthRow {
  id: string;
  role: string;
  adversarial: boolean;
  /** Operator group: hosts run by one entity share it; a single-server operator has its own. */
  operator: string;
  /** Scenario kind that made it (a `SCENARIOS` name, `honest`, `onion`, `hostile`, `fixture`). */
  scenario: string;
  /**
   * The behavioural cluster a perfect detector would find: the implementation family it behaves
   * like, plus `+<modification>` for a modified build (`hostile` for hostile servers). Data-level
   * misbehaviour (stale tip, withheld history, inflated fees) and configuration (banner,
   * donation, limits, TLS terminator) are not part of it.
   */
  cluster_truth: string;
  /** How its software differs from the release it behaves like; null when unmodified. */
  modification: string | null;
  implementation: string;
  version: string;
  behaves_like: string;
  claims_software: string;
  hostname: string | null;
  onion: string | null;
  ipv4: string | null;
  ipv6: string | null;
  asn: number | null;
  provider: string | null;
  country: string | null;
  tcp_port: number | null;
  tls_port: number | null;
  cert_id: string | null;
  cert_sha256: string | null;
  cert_practice: string | null;
  lag_blocks: number;
  upstream: string | null;
  /** Role `hostile`: which hostility (lib/lab/hostile); null otherwise. */
  hostility: string | null;
}

/**
 * What the ground truth reads of a running lab (a `Lab` from `lab.ts` has it; named here so that
 * this file and `lab.ts`, which writes the truth, do not import each other).
 */
export interface TruthSource {
  hosts: readonly LabHost[];
  certificates: CertificateStore;
}

/** Build the ground-truth rows of a lab. */
export function groundTruthRows(lab: TruthSource): TruthRow[] {
  return lab.hosts.map((h) => {
    const p = personality(h.personality);
    const claimed = personality(h.claims ?? h.personality);
    const cert = h.cert ? lab.certificates.get(h.cert.certId) : undefined;
    return {
      id: h.id,
      role: h.role,
      adversarial: ADVERSARIAL.has(h.role),
      operator: h.operator,
      scenario: h.scenario,
      cluster_truth: clusterTruth(h),
      modification: h.modification,
      implementation: p.family,
      version: p.version,
      behaves_like: p.id,
      claims_software: claimed.software,
      hostname: h.hostname,
      onion: h.onion,
      ipv4: h.ipv4,
      ipv6: h.ipv6,
      asn: h.asn,
      provider: h.provider,
      country: h.region?.country ?? null,
      tcp_port: h.tcpPort,
      tls_port: h.tlsPort,
      cert_id: h.cert?.certId ?? null,
      cert_sha256: cert?.sha256 ?? null,
      cert_practice: h.cert?.practice ?? null,
      // A relay serves its upstream's chain, so what it shows is the upstream's lag.
      lag_blocks: h.upstream ? (lab.hosts.find((u) => u.id === h.upstream)?.lag ?? h.lag) : h.lag,
      upstream: h.upstream,
      hostility: h.hostility ?? null,
    };
  });
}

/**
 * The behavioural cluster of a host (see {@linkcode TruthRow.cluster_truth}).
 *
 * @example
 * ```ts
 * clusterTruth(host); // "fulcrum+claims-electrumx"
 * ```
 */
export function clusterTruth(h: LabHost): string {
  if (h.role === "hostile") return "hostile";
  const family = personality(h.personality).family;
  return h.modification ? `${family}+${h.modification}` : family;
}

/** Write the ground truth of a lab to `path` (atomically). */
export async function writeGroundTruth(
  lab: TruthSource,
  path: string,
  meta: { scanId: string },
): Promise<void> {
  const body = {
    scan_id: meta.scanId,
    note: "Lab ground truth. Detectors never read this file.",
    hosts: groundTruthRows(lab),
  };
  await writeFileAtomic(path, JSON.stringify(body, null, 1) + "\n");
}
