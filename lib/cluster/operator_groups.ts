/**
 * Operator groups: servers linked by shared identifiers that are too rare to be a coincidence
 * among independent servers, with false discoveries controlled (Benjamini-Hochberg) and each
 * group's evidence listed.
 *
 * @module
 */
import { benjaminiHochberg } from "../stats/benjamini_hochberg.ts";
import type { FeatureRow } from "./feature_input.ts";
import { type FrontOptions, type FrontRelation, frontRelations } from "./front_relations.ts";
import {
  FEATURE_TABLE_COLUMNS,
  type IdentifierKind,
  type IdentifierOptions,
  type PeerLink,
  serverIdentifiers,
  STRONG_KINDS,
  WEAK_KINDS,
} from "./operator_identifiers.ts";

/** Options of {@link operatorGroups}. */
export interface OperatorGroupOptions extends IdentifierOptions {
  /** False discovery rate for the shared values kept as edges. Default 0.01. */
  q?: number;
  /** Identifier kinds used. Default: every kind. */
  kinds?: readonly IdentifierKind[];
  /** Every host each server announces in `server.features` `hosts`, itself included (peers.csv
   * rows of source `server.features`). Default: none (fronts found by timing only). */
  announced?: readonly PeerLink[];
  /** Margin of the timing evidence of a front, ms (see `front_relations.ts`). Default 50. */
  slowerByMs?: FrontOptions["slowerByMs"];
}

/** One shared value: a candidate hypothesis "its holders are not independent". */
export interface SharedValue {
  readonly kind: IdentifierKind;
  /** The value (server-supplied text for banners and donation addresses: escape it when
   * rendering). */
  readonly value: string;
  /** Servers holding it, in row order. */
  readonly servers: string[];
  /** Holders left once holders linked by another strong identifier count as one. */
  readonly independentHolders: number;
  /** The background rate: the chance that a given other independent server holds it too. */
  readonly p: number;
  /** Benjamini-Hochberg adjusted p-value. */
  readonly q: number;
  /** Kept as an edge (q <= the rate). */
  readonly kept: boolean;
  /** Edge weight, -log10 p: how rare the coincidence is. */
  readonly weight: number;
}

/** One operator group and its evidence. */
export interface OperatorGroup {
  /** `g1`, `g2`, ... by decreasing size, then first server. */
  readonly id: string;
  readonly servers: string[];
  /** The kept shared values linking its members, strongest (largest weight) first. */
  readonly evidence: SharedValue[];
}

/** Result of {@link operatorGroups}. */
export interface OperatorGroups {
  /** Group id per row, null for a server in no group. */
  readonly labels: (string | null)[];
  readonly groups: OperatorGroup[];
  /** Every shared value tested (held by >= 2 servers), kept or not. */
  readonly tested: SharedValue[];
  /** Servers that front another (serve its certificate from their own address): the values
   * they share with the server they front are left out of the grouping. */
  readonly fronts: FrontRelation[];
}

/** Kinds whose sharing implies the other's: they cannot explain each other (a shared
 * certificate means a shared key; a burst means a shared name template). */
const IMPLIED_BY: ReadonlyMap<IdentifierKind, readonly IdentifierKind[]> = new Map([
  ["certificate", ["public-key"]],
  ["public-key", ["certificate"]],
  ["cert-name-template", ["cert-burst"]],
  ["cert-batch", ["cert-burst", "cert-name-template"]],
]);

class UnionFind {
  parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
  union(a: number, b: number): void {
    const x = this.find(a), y = this.find(b);
    if (x !== y) this.parent[Math.max(x, y)] = Math.min(x, y);
  }
}

/**
 * Groups servers by shared identifiers (see `operator_identifiers.ts`), keeping a shared value
 * only when it is rare among independent servers:
 *
 * 0. A server that fronts another (`front_relations.ts`: it presents the other's certificate and
 *    announces the other's `hosts`, or is much slower to answer than to accept) loses every value
 *    it shares with the server it fronts: they are that server's, not its own.
 * 1. Every value of every kind held by >= 2 servers is a hypothesis.
 * 2. Its holders are merged when they also share a value of another *strong* kind (a
 *    certificate, key, donation address, non-default banner, name template, burst, batch or
 *    closed peer community; not one implied by this one: certificate and key, burst, batch and
 *    name template); the number of groups left, m_v, counts its independent holders. A value
 *    spread over strangers (the default port tuple on hundreds of unrelated servers) keeps
 *    m_v near its holder count; a value whose holders are tied by other identifiers (a fleet's
 *    certificate, an operator's banner) counts once.
 * 3. Its p-value estimates the chance that a given other independent server holds it, at
 *    least 1 / n:
 *    - a chosen value (certificate, key, donation, banner, name template, port tuple): m_v / n;
 *      for a weak kind (the port tuple) at least the share of the other independent servers
 *      whose value is held by m_v or more (strangers share tuples from a short menu);
 *    - `cert-batch`: the scan statistic of `cert_batches.ts` (k certificates of one class within
 *      L among the class's N, issuance uniform over the issuer's span);
 *    - `cert-burst`: given the name template (with issuer and key type) and its m_t independent
 *      holders, the chance that one of the others was issued within the gap by chance, issuance
 *      uniform over the span seen: 1 - (1 - 2 gap / span)^(m_t - 1);
 *    - `subnet-version-config`: given the /24 and its m_24 independent servers, the chance that
 *      one of the others runs the same software and configuration at that combination's
 *      population rate f (independent holders / n): 1 - (1 - f)^(m_24 - 1);
 *    - `peer-community` (a structure, not a chosen value): the rate of closed communities, each
 *      counted once as its members are tied: c / (n + 1), c the number of closed communities.
 * 4. Benjamini-Hochberg over all hypotheses at rate `q`; each kept value links all its holders
 *    with weight -log10 p.
 * 5. Groups are the connected components of the kept links (two or more servers).
 *
 * Deterministic; no randomness.
 *
 * @param rows Feature rows, one per server.
 * @param options See {@link OperatorGroupOptions}.
 * @throws {RangeError} on a bad rate or a bad identifier option.
 *
 * @example
 * ```ts
 * const { groups } = operatorGroups(rows, { peers });
 * groups[0].evidence.map((e) => `${e.kind}: ${e.servers.length} servers`);
 * ```
 */
export function operatorGroups(
  rows: readonly FeatureRow[],
  options: OperatorGroupOptions = {},
): OperatorGroups {
  const rate = options.q ?? 0.01;
  if (!(rate > 0 && rate <= 1)) throw new RangeError(`q must be in (0, 1], got ${rate}`);
  const kinds = new Set(options.kinds ?? []);
  const found = serverIdentifiers(rows, options);
  const ids = found.values;
  const n = rows.length;
  // A front serves another server's identity: what it shares with that server is not its own.
  const fronts = frontRelations(rows, {
    certificate: (options.columns ?? FEATURE_TABLE_COLUMNS).certificate,
    announced: options.announced,
    slowerByMs: options.slowerByMs,
  });
  const rowOf = new Map(rows.map((r, i) => [r.server, i]));
  for (const f of fronts) {
    const mine = ids[rowOf.get(f.server)!], theirs = ids[rowOf.get(f.fronts)!];
    for (const [k, v] of [...mine]) if (theirs.get(k) === v) mine.delete(k);
  }
  /** Holders of `list` left once holders tied by another strong kind count as one. */
  const independentCount = (list: readonly number[], skip: readonly IdentifierKind[]) => {
    const uf = new UnionFind(list.length);
    for (const other of STRONG_KINDS) {
      if (skip.includes(other) || (kinds.size && !kinds.has(other))) continue;
      const first = new Map<string, number>();
      list.forEach((i, a) => {
        const v = ids[i].get(other);
        if (v === undefined) return;
        const b = first.get(v);
        if (b === undefined) first.set(v, a);
        else uf.union(a, b);
      });
    }
    return new Set(list.map((_, a) => uf.find(a))).size;
  };
  const times = found.issuedMs.filter((t): t is number => t !== null);
  const span = times.length ? Math.max(...times) - Math.min(...times) : 0;
  const window = span > 0 ? Math.min(1, (2 * found.burstGapMs) / span) : 1;
  const holders = new Map<IdentifierKind, Map<string, number[]>>();
  ids.forEach((m, i) => {
    for (const [k, v] of m) {
      if (kinds.size && !kinds.has(k)) continue;
      let byValue = holders.get(k);
      if (!byValue) holders.set(k, byValue = new Map());
      const list = byValue.get(v) ?? [];
      list.push(i);
      byValue.set(v, list);
    }
  });
  let communities = 0;
  for (const list of holders.get("peer-community")?.values() ?? []) {
    if (list.length >= 2) communities++;
  }

  // Independent holders of every value (1 for a value held by one server).
  const independentOf = new Map<IdentifierKind, Map<string, number>>();
  for (const [kind, byValue] of holders) {
    const m = new Map<string, number>();
    for (const [value, list] of byValue) {
      m.set(
        value,
        list.length < 2 ? 1 : independentCount(list, [kind, ...(IMPLIED_BY.get(kind) ?? [])]),
      );
    }
    independentOf.set(kind, m);
  }

  const draft: Omit<SharedValue, "q" | "kept">[] = [];
  for (const [kind, byValue] of holders) {
    for (const [value, list] of byValue) {
      if (list.length < 2) continue;
      let p: number;
      let independent: number;
      if (kind === "peer-community") {
        // Each other closed community is one independent instance of the structure.
        independent = 1;
        p = communities / (n + 1);
      } else if (kind === "cert-batch") {
        // A scan statistic over the class's certificates (cert_batches.ts).
        independent = independentOf.get(kind)!.get(value)!;
        p = found.batches.get(value)!.p;
      } else if (kind === "cert-burst") {
        // Given the template, the chance that one of its other independent holders was
        // issued within the gap of this one by chance (issuance uniform over the span seen).
        const key = value.slice(0, value.lastIndexOf(" @ "));
        const sameTemplate = found.certTemplate.flatMap((k, i) => (k === key ? [i] : []));
        const m = independentCount(sameTemplate, ["cert-burst", "cert-name-template"]);
        independent = independentCount(list, ["cert-burst", "cert-name-template"]);
        p = 1 - Math.pow(1 - window, m - 1);
      } else if (kind === "subnet-version-config") {
        // Given the /24, the chance that one of its other independent servers runs the same
        // software and configuration by chance (at that combination's population rate).
        const cut = value.indexOf(" | ");
        const prefix = value.slice(0, cut + 3), rest = value.slice(cut + 3);
        const same24: number[] = [], sameRest: number[] = [];
        ids.forEach((m, i) => {
          const v = m.get("subnet-version-config");
          if (v === undefined) return;
          if (v.startsWith(prefix)) same24.push(i);
          if (v.slice(v.indexOf(" | ") + 3) === rest) sameRest.push(i);
        });
        const m24 = independentCount(same24, []);
        const f = independentCount(sameRest, []) / n;
        independent = independentCount(list, []);
        p = 1 - Math.pow(1 - f, m24 - 1);
      } else {
        // The value's share of the independent servers: a default copied by many is common.
        independent = independentOf.get(kind)!.get(value)!;
        p = independent / n;
        if (WEAK_KINDS.has(kind) && independent >= 2) {
          // Strangers share these (a port tuple from a short menu): also the share of the other
          // independent servers whose value is held at least this widely, an empirical p-value
          // of the holder count, so a rare tuple shared by strangers is chance where strangers
          // share tuples all the time.
          const counts = [...independentOf.get(kind)!.values()];
          const total = counts.reduce((a, b) => a + b, 0) - independent;
          const wide = counts.reduce((a, b) => a + (b >= independent ? b : 0), 0) - independent;
          if (total > 0) p = Math.max(p, wide / total);
        }
      }
      p = Math.min(1, Math.max(p, 1 / n));
      draft.push({
        kind,
        value,
        servers: list.map((i) => rows[i].server),
        independentHolders: independent,
        p,
        weight: -Math.log10(p),
      });
    }
  }
  const bh = benjaminiHochberg(draft.map((d) => d.p), rate);
  const tested: SharedValue[] = draft.map((d, k) => ({
    ...d,
    q: bh.adjusted[k],
    kept: bh.rejected[k],
  }));

  const index = new Map(rows.map((r, i) => [r.server, i]));
  const uf = new UnionFind(n);
  for (const t of tested) {
    if (!t.kept) continue;
    const first = index.get(t.servers[0])!;
    for (const s of t.servers) uf.union(first, index.get(s)!);
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = uf.find(i);
    const list = members.get(r) ?? [];
    list.push(i);
    members.set(r, list);
  }
  const comps = [...members.values()].filter((m) => m.length >= 2)
    .sort((a, b) => b.length - a.length || a[0] - b[0]);
  const labels: (string | null)[] = new Array(n).fill(null);
  const groups: OperatorGroup[] = comps.map((m, g) => {
    const id = `g${g + 1}`;
    for (const i of m) labels[i] = id;
    const set = new Set(m.map((i) => rows[i].server));
    const evidence = tested.filter((t) => t.kept && set.has(t.servers[0]))
      .sort((a, b) =>
        b.weight - a.weight || b.servers.length - a.servers.length ||
        a.kind.localeCompare(b.kind)
      );
    return { id, servers: m.map((i) => rows[i].server), evidence };
  });
  return { labels, groups, tested, fronts };
}
