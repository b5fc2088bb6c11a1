/**
 * What changed between two scans: new, gone and changed servers; version, implementation and
 * certificate changes; new operator groups and suspicion-tier changes; and first-seen bursts
 * (many new servers with one name template appearing together, as the 2018 phishing fleet and
 * the 2025 cloud fleet did). Servers are keyed by `server` (the servers.csv key); a server
 * counts as present when it answered (`status` success).
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import type { ArchivedScan } from "./load_archived_scan.ts";

/** One change of one server present in both scans. */
export interface ServerChange {
  server: string;
  /** `version`: the claimed software string changed within its family; `implementation`: the
   * claimed family changed; `inferred-implementation`: the wire-behaviour family changed;
   * `certificate`: the set of leaf certificates presented changed. */
  kind: "version" | "implementation" | "inferred-implementation" | "certificate";
  from: string;
  to: string;
}

/** New servers sharing one name template, seen together. */
export interface FirstSeenBurst {
  /** The name with every digit run replaced by `<N>` (`node-<N>.example.lab`), or an IPv4 /24. */
  template: string;
  servers: string[];
  /** Seconds between the first and last `first_seen` of these servers (null when unknown). */
  first_seen_span_s: number | null;
  /** Seconds between the earliest and latest certificate notBefore (null without certificates). */
  not_before_span_s: number | null;
}

/** The comparison of scan A (earlier) with scan B (later). */
export interface ScanComparison {
  a: { scan_id: string; started_at: string | null; answered: number };
  b: { scan_id: string; started_at: string | null; answered: number };
  newServers: string[];
  goneServers: string[];
  changes: ServerChange[];
  /**
   * Operator groups of B that are new (none of their members was in a group in A) or that new
   * servers joined (`newServers`: members absent from A), largest first. Group ids are not
   * stable across scans, so a group is matched by its members, not its id.
   */
  groupChanges: { group: string; servers: string[]; newServers: string[]; isNew: boolean }[];
  /** Servers whose suspicion tier changed (both scans have `hss.csv`); null when either lacks it. */
  tierChanges: { server: string; from: string; to: string }[] | null;
  bursts: FirstSeenBurst[];
}

/** Options of {@linkcode compareScans}. */
export interface CompareOptions {
  /** Fewest new servers with one template that make a burst. Default: 4. */
  burstMin?: number;
  /** Longest span (first seen, or certificate issuance) of a burst, seconds. Default: 86,400. */
  burstWindowS?: number;
}

/** The name template of a server key: digit runs as `<N>`; an IPv4 address as its /24. */
export function nameTemplate(server: string): string {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(server)) return `${server.split(".").slice(0, 3).join(".")}.<N>`;
  return server.toLowerCase().replace(/\d+/g, "<N>");
}

const answered = (rows: readonly Row[]) =>
  new Map(rows.filter((r) => r.status === "success").map((r) => [String(r.server), r]));

const byServer = (rows: readonly Row[]) => new Map(rows.map((r) => [String(r.server), r]));

/** Leaf certificates per server: sorted sha256 list, and notBefore per sha256. */
function leafCerts(rows: readonly Row[]): Map<string, { set: string; notBefore: number[] }> {
  const m = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (r.chain_position !== 0 || typeof r.sha256 !== "string") continue;
    const s = String(r.server);
    if (!m.has(s)) m.set(s, new Map());
    m.get(s)!.set(r.sha256, Date.parse(String(r.not_before ?? "")));
  }
  return new Map([...m].map(([s, c]) => [s, {
    set: [...c.keys()].sort().map((h) => h.slice(0, 16)).join(";"),
    notBefore: [...c.values()].filter(Number.isFinite),
  }]));
}

const span = (xs: number[]) => xs.length ? (Math.max(...xs) - Math.min(...xs)) / 1000 : null;

/**
 * Compare two scans.
 *
 * @param a The earlier scan.
 * @param b The later scan.
 * @param options Burst size and window.
 * @returns What changed, each list sorted by server name.
 * @example
 * ```ts
 * const c = compareScans(await loadArchivedScan(dir, "previous"), await loadArchivedScan(dir, "latest"));
 * c.newServers; // ["node-1.cloudnode.lab", ...]
 * ```
 */
export function compareScans(
  a: ArchivedScan,
  b: ArchivedScan,
  options: CompareOptions = {},
): ScanComparison {
  const burstMin = options.burstMin ?? 4;
  const window = options.burstWindowS ?? 86_400;
  const [sa, sb] = [answered(a.servers), answered(b.servers)];
  const newServers = [...sb.keys()].filter((s) => !sa.has(s)).sort();
  const goneServers = [...sa.keys()].filter((s) => !sb.has(s)).sort();
  const both = [...sb.keys()].filter((s) => sa.has(s)).sort();
  const [fa, fb] = [byServer(a.fingerprints), byServer(b.fingerprints)];
  const [ca, cb] = [leafCerts(a.tls), leafCerts(b.tls)];
  const changes: ServerChange[] = [];
  const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  for (const s of both) {
    const [x, y] = [fa.get(s), fb.get(s)];
    const famA = text(x?.family_claimed), famB = text(y?.family_claimed);
    const swA = text(sa.get(s)!.software), swB = text(sb.get(s)!.software);
    if (famA !== famB) changes.push({ server: s, kind: "implementation", from: swA, to: swB });
    else if (swA !== swB) changes.push({ server: s, kind: "version", from: swA, to: swB });
    if (text(x?.family_inferred) !== text(y?.family_inferred)) {
      changes.push({
        server: s,
        kind: "inferred-implementation",
        from: text(x?.family_inferred),
        to: text(y?.family_inferred),
      });
    }
    const [ka, kb] = [ca.get(s)?.set ?? "", cb.get(s)?.set ?? ""];
    if (ka !== kb) changes.push({ server: s, kind: "certificate", from: ka, to: kb });
  }
  const groupOf = (rows: Row[] | null) =>
    new Map((rows ?? []).map((r) => [String(r.server), r.operator_group as string | null]));
  const [ga, gb] = [groupOf(a.clusters), groupOf(b.clusters)];
  const groups = new Map<string, string[]>();
  for (const [s, g] of gb) if (g) groups.set(g, [...(groups.get(g) ?? []), s]);
  const seenInA = new Set(a.servers.map((r) => String(r.server)));
  const groupChanges = [...groups].map(([group, servers]) => ({
    group,
    servers: servers.sort(),
    newServers: servers.filter((m) => !seenInA.has(m)),
    isNew: servers.every((m) => !ga.get(m)),
  })).filter((g) => g.isNew || g.newServers.length > 0)
    .sort((x, y) => y.servers.length - x.servers.length || x.group.localeCompare(y.group));
  let tierChanges: ScanComparison["tierChanges"] = null;
  if (a.hss && b.hss) {
    const ta = new Map(a.hss.map((r) => [r.server, r.tier]));
    tierChanges = b.hss.filter((r) => ta.has(r.server) && ta.get(r.server) !== r.tier)
      .map((r) => ({ server: r.server, from: ta.get(r.server)!, to: r.tier }))
      .sort((x, y) => x.server.localeCompare(y.server));
  }
  const byTemplate = new Map<string, string[]>();
  for (const s of newServers) {
    const t = nameTemplate(s);
    byTemplate.set(t, [...(byTemplate.get(t) ?? []), s]);
  }
  const bursts: FirstSeenBurst[] = [];
  for (const [template, servers] of byTemplate) {
    if (servers.length < burstMin) continue;
    const seen = servers.map((s) => Date.parse(text(sb.get(s)!.first_seen))).filter(
      Number.isFinite,
    );
    const issued = servers.flatMap((s) => cb.get(s)?.notBefore ?? []);
    const burst = {
      template,
      servers,
      first_seen_span_s: span(seen),
      not_before_span_s: span(issued),
    };
    const spans = [burst.first_seen_span_s, burst.not_before_span_s].filter((x) => x !== null);
    if (spans.some((x) => x <= window)) bursts.push(burst);
  }
  bursts.sort((x, y) =>
    y.servers.length - x.servers.length || x.template.localeCompare(y.template)
  );
  return {
    a: { scan_id: a.entry.scan_id, started_at: a.entry.started_at, answered: sa.size },
    b: { scan_id: b.entry.scan_id, started_at: b.entry.started_at, answered: sb.size },
    newServers,
    goneServers,
    changes,
    groupChanges,
    tierChanges,
    bursts,
  };
}
