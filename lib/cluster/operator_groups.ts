/**
 * Operator groups: servers linked by shared identifiers that are too rare to be a coincidence
 * among independent servers, with false discoveries controlled (Benjamini-Hochberg) and each
 * group's evidence listed.
 *
 * @module
 */
import { benjaminiHochberg } from "../stats/benjamini_hochberg.ts";
import { scanStatistic } from "../stats/scan_statistic.ts";
import { ISSUANCE_RESOLUTION_MS } from "./cert_batches.ts";
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
  /** The background rate of this value alone: the chance that a given other independent server
   * holds it too (or the scan statistic of a burst or batch). */
  readonly rate: number;
  /** Identifier families every one of its holders also shares (this value's own first): the
   * coincidences combined into {@linkcode SharedValue.p}. */
  readonly joint: IdentifierFamily[];
  /** The p-value tested: the product, over the families of `joint`, of the smallest rate of a
   * value of that family all the holders share (for a weak kind, its own rate only). */
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

/**
 * Families of strong identifiers whose coincidences are independent under the null (independent
 * operators): a shared certificate implies a shared key, and a burst or batch is a statement about
 * the same certificates as their name template, so within a family only the strongest counts.
 */
export type IdentifierFamily = "key" | "issuance" | "donation" | "banner" | "peers";

/** The family of each strong kind. */
export const FAMILY_OF: ReadonlyMap<IdentifierKind, IdentifierFamily> = new Map([
  ["certificate", "key"],
  ["public-key", "key"],
  ["cert-name-template", "issuance"],
  ["cert-burst", "issuance"],
  ["cert-batch", "issuance"],
  ["donation", "donation"],
  ["banner", "banner"],
  ["peer-community", "peers"],
]);

/** Smallest p-value kept finite (its -log10 is the edge weight). */
const P_MIN = 1e-300;

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
 * 3. Its rate estimates the chance that the coincidence arises among independent servers:
 *    - a chosen value (certificate, key, donation, banner, name template, port tuple): m_v / n;
 *      for a weak kind (the port tuple) at least the share of the other independent servers
 *      whose value is held by m_v or more (strangers share tuples from a short menu);
 *    - `cert-batch`: the scan statistic of `cert_batches.ts` (k certificates of one class within
 *      L among the class's N, issuance uniform over the issuer's span);
 *    - `cert-burst`: the same scan statistic within the name template (with issuer and key
 *      type): its N distinct certificates issued uniformly over every certificate's issuance
 *      span T, the chance that k of them fall within the burst's length L,
 *      N · P(Binomial(N - 1, (L + 1 s) / T) >= k - 1);
 *    - `subnet-version-config`: given the /24 and its m_24 independent servers, the chance that
 *      one of the others runs the same software and configuration at that combination's
 *      population rate f (independent holders / n): 1 - (1 - f)^(m_24 - 1);
 *    - `peer-community` (a structure, not a chosen value): the rate of closed communities, each
 *      counted once as its members are tied: c / (n + 1), c the number of closed communities.
 *
 *    One coincidence is resolved to 1 / n at best (a share, or a null model of issuance times,
 *    checked against n servers only), so every rate is at least 1 / n; a burst or batch of k
 *    certificates is k - 1 further coincidences, at least n^-(k - 1).
 * 4. Its p-value combines the coincidences its holders show: for a strong kind, the product over
 *    the identifier families (key: certificate and public key; issuance: name template, burst
 *    and batch; donation; banner; peer community) of which every holder shares one value, of
 *    the smallest rate of such a value in that family; for a weak kind, its rate alone.
 *    Independent operators share values of different families independently, so a fleet tied
 *    by a key, a banner and a burst is far rarer than any one of them (1/60 each at 60 servers,
 *    their holders counted as one; together 1/60^3 and below), while holders that share one
 *    value and nothing else keep its rate. Benjamini-Hochberg over all hypotheses at rate `q`;
 *    each kept value links all its holders with weight -log10 p.
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

  // Every coincidence is resolved to 1 / n at best: a value's share, or a null model of issuance
  // times, is checked against n servers only, and below 1 / n the population cannot confirm it
  // (renewal automation firing at common hours makes independent issuances cluster more than
  // uniformly). Evidence below that comes from several coincidences: the k - 1 further
  // certificates of a run of k (floor n^-(k - 1)), or several families shared (below).
  /** Distinct certificates among rows (servers presenting one certificate count once). */
  const certificates = (list: readonly number[]) =>
    new Map(list.map((i) => [ids[i].get("certificate") ?? `row ${i}`, found.issuedMs[i]]));
  const draft: Omit<SharedValue, "q" | "kept" | "p" | "joint" | "weight">[] = [];
  for (const [kind, byValue] of holders) {
    for (const [value, list] of byValue) {
      if (list.length < 2) continue;
      let p: number;
      let independent: number;
      let floor = 1 / n;
      if (kind === "peer-community") {
        // Each other closed community is one independent instance of the structure.
        independent = 1;
        p = communities / (n + 1);
      } else if (kind === "cert-batch") {
        // A scan statistic over the class's certificates (cert_batches.ts).
        independent = independentOf.get(kind)!.get(value)!;
        const batch = found.batches.get(value)!;
        p = batch.p;
        floor = Math.pow(n, -(batch.certificates - 1));
      } else if (kind === "cert-burst") {
        // The scan statistic of cert_batches.ts within the template: its N certificates issued
        // independently, uniformly over the span of every certificate's issuance; the chance
        // that k of them fall within the burst's length L of one another.
        const key = value.slice(0, value.lastIndexOf(" @ "));
        const sameTemplate = found.certTemplate.flatMap((k, i) =>
          k === key && found.issuedMs[i] !== null ? [i] : []
        );
        const all = certificates(sameTemplate).size;
        const run = [...certificates(list).values()].filter((t): t is number => t !== null);
        const length = run.length ? Math.max(...run) - Math.min(...run) : 0;
        independent = independentCount(list, ["cert-burst", "cert-name-template"]);
        p = scanStatistic(all, run.length, length + ISSUANCE_RESOLUTION_MS, span);
        floor = Math.pow(n, -(run.length - 1));
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
      draft.push({
        kind,
        value,
        servers: list.map((i) => rows[i].server),
        independentHolders: independent,
        rate: Math.min(1, Math.max(p, floor, P_MIN)),
      });
    }
  }
  // Combine the coincidences the holders show: every strong family whose value all of them share
  // is an independent coincidence under the null, so the rates multiply (the smallest within a
  // family, whose kinds imply one another). A fleet tied by a key, a banner, a name template and
  // a burst is far rarer than any one of them; holders merged to one independent holder by the
  // others no longer leave each value at its floor alone.
  const rateOf = new Map(draft.map((d) => [`${d.kind}\u0000${d.value}`, d.rate]));
  const combined = draft.map((d) => {
    const own = FAMILY_OF.get(d.kind);
    if (own === undefined) return { ...d, joint: [], p: d.rate, weight: -Math.log10(d.rate) };
    const list = holders.get(d.kind)!.get(d.value)!;
    const best = new Map<IdentifierFamily, number>([[own, d.rate]]);
    for (const [other, family] of FAMILY_OF) {
      if (other === d.kind || (kinds.size && !kinds.has(other))) continue;
      const v = ids[list[0]].get(other);
      if (v === undefined || !list.every((i) => ids[i].get(other) === v)) continue;
      const r = rateOf.get(`${other}\u0000${v}`)!;
      best.set(family, Math.min(best.get(family) ?? 1, r));
    }
    const joint = [own, ...[...best.keys()].filter((f) => f !== own).sort()];
    const p = Math.max(P_MIN, joint.reduce((a, f) => a * best.get(f)!, 1));
    return { ...d, joint, p, weight: -Math.log10(p) };
  });
  const bh = benjaminiHochberg(combined.map((d) => d.p), rate);
  const tested: SharedValue[] = combined.map((d, k) => ({
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
