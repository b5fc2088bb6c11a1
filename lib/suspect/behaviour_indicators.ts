/**
 * The behaviour and latency indicators of the suspicion score (see `INDICATOR_SPECS`): claim
 * against wire, unknown wordings, phishing content in broadcast errors and banners, accepted
 * impossible transactions, stale tips, absurd fees, `hosts` naming another server, peer lists
 * that are unreachable, packed or one operator's, a relay's extra round trip, and a geolocation
 * farther than the round trip allows.
 *
 * @module
 */
import { median } from "../analysis/median.ts";
import { greatCircleKm } from "../geo/great_circle_km.ts";
import { isProbeReading } from "../probes/readings.ts";
import {
  type IndicatorHit,
  num,
  quote,
  ref,
  type SuspectContext,
  text,
} from "./suspect_context.ts";

/** Options of {@linkcode behaviourIndicators}; thresholds are the rules' (section 10). */
export interface BehaviourIndicatorOptions {
  /** Blocks behind the median server's lag that make a stale tip. Default: 6 (a confirmation
   * depth; the median absorbs the blocks mined while the crawl ran). */
  staleBlocks?: number;
  /** Factor from the median that makes fee data absurd (either way). Default: 5. */
  feeFactor?: number;
  /** Extra milliseconds of the application round trip (or TLS handshake) over TCP that make a
   * relay. Default: 40. */
  relayExtraMs?: number;
  /** The vantage point's coordinates in degrees (the manifest's `vantage_coordinates`); null or
   * absent: `geo-beyond-rtt` is not judged. Default: null. */
  vantage?: { latitude: number; longitude: number } | null;
  /** Kilometres a geolocation may lie beyond the round trip's reach before it is a hit (city
   * databases err by hundreds of km). Default: 1000. */
  geoSlackKm?: number;
  /** Fewest other servers giving a checkpoint root at a server's checkpoint height before a
   * root unlike theirs is judged (they must agree among themselves, see `rootMajority`).
   * Default: 3. */
  rootQuorum?: number;
  /** Share of the other servers at a checkpoint height that must give one root for it to be the
   * network's. Default: 2/3. */
  rootMajority?: number;
  /** Largest share of the servers that answered an error case that may hold a wording for it to
   * count as of no known implementation (at least one server). Default: 0.005 (on a 1,000-server
   * scan, up to 4 servers sharing a patched wording; below 400 answers, a wording of one). */
  rareWordingShare?: number;
}

/** Fibre carries light about 200 km per ms one way, so a round trip of t ms reaches t x 100 km. */
const KM_PER_RTT_MS = 100;

/** The wording columns of `features.csv` compared across servers. */
const WORDINGS = [
  "wording_unknown_method",
  "wording_bad_params",
  "wording_extra_key",
  "wording_no_method",
  "wording_not_object",
  "wording_empty_batch",
  "wording_malformed_json",
  "wording_version_range",
  "wording_broadcast",
] as const;

/** A method every release of every known implementation answers (the methods probe asks it). */
const CORE_METHOD = "blockchain.transaction.id_from_pos";

const HTML = /<\s*\/?\s*[a-z][a-z0-9]*(\s[^>]*)?>/i;
const UPDATE = /\b(update|upgrade|download|install)\b/i;
const URL = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\./i;
const FEES = [
  "fee_estimate_1_btc_kvb",
  "fee_estimate_6_btc_kvb",
  "fee_estimate_144_btc_kvb",
  "fee_histogram_top_sat_vb",
] as const;

/**
 * Find the behaviour and latency indicators of every scored server.
 *
 * @param ctx The indexed tables.
 * @param options See {@linkcode BehaviourIndicatorOptions}.
 * @returns Hits by server (servers without a hit absent).
 * @example
 * ```ts
 * behaviourIndicators(suspectContext(tables)).get("phish.example");
 * ```
 */
export function behaviourIndicators(
  ctx: SuspectContext,
  options: BehaviourIndicatorOptions = {},
): Map<string, IndicatorHit[]> {
  const stale = options.staleBlocks ?? 6;
  const factor = options.feeFactor ?? 5;
  const relayMs = options.relayExtraMs ?? 40;
  const vantage = options.vantage ?? null;
  const slackKm = options.geoSlackKm ?? 1000;
  const rareShare = options.rareWordingShare ?? 0.005;
  const quorum = options.rootQuorum ?? 3;
  const majority = options.rootMajority ?? 2 / 3;
  const scored = new Set(ctx.scored);
  const out = new Map<string, IndicatorHit[]>();
  const hit = (s: string, h: IndicatorHit) => out.set(s, [...(out.get(s) ?? []), h]);

  const holders = new Map<string, Map<string, number>>();
  const answered = new Map<string, number>();
  for (const col of WORDINGS) {
    const m = new Map<string, number>();
    for (const s of ctx.scored) {
      const v = text(ctx.feature.get(s)?.[col]);
      if (v === null || isProbeReading(v)) continue;
      m.set(v, (m.get(v) ?? 0) + 1);
      answered.set(col, (answered.get(col) ?? 0) + 1);
    }
    holders.set(col, m);
  }
  // Lag is measured against the consensus tip at the end of the crawl, so every server read
  // earlier shows the blocks mined since: the typical (median) server's lag is that drift.
  const lagMedian = median(
    ctx.scored.map((s) => num(ctx.server.get(s)?.tip_lag_blocks)).filter((x): x is number =>
      x !== null
    ),
  ) ?? 0;
  const feeMedian = new Map<string, number | null>();
  for (const col of FEES) {
    feeMedian.set(
      col,
      median(
        ctx.scored.map((s) => num(ctx.fingerprint.get(s)?.[col])).filter((x): x is number =>
          x !== null && x > 0
        ),
      ),
    );
  }

  // Checkpoint roots by height: the network's root at a height is what the other servers say.
  const rootsAt = new Map<number, Map<string, number>>();
  for (const s of ctx.scored) {
    const fp = ctx.fingerprint.get(s);
    const h = num(fp?.proof_cp_height), root = text(fp?.proof_cp_root);
    if (h === null || root === null) continue;
    const m = rootsAt.get(h) ?? new Map<string, number>();
    m.set(root, (m.get(root) ?? 0) + 1);
    rootsAt.set(h, m);
  }

  for (const s of ctx.scored) {
    const fp = ctx.fingerprint.get(s) ?? {};
    const sv = ctx.server.get(s) ?? {};
    const fe = ctx.feature.get(s) ?? {};
    const cl = ctx.cluster.get(s) ?? {};
    if (fp.claim_mismatch === true) {
      hit(s, {
        indicator: "claim-contradicts-wire",
        value: `claims ${quote(fp.software_claimed)}, behaves like ${fp.family_inferred}`,
        evidence: [
          ref("fingerprints.csv", s, "software_claimed", fp.software_claimed),
          ref("fingerprints.csv", s, "family_inferred", fp.family_inferred),
        ],
      });
    }
    if (fp.claim_version_consistent === false) {
      hit(s, {
        indicator: "claim-version-unknown",
        value: `claims ${quote(fp.software_claimed)}; builds with its traits: ${
          fp.version_range_inferred ?? "?"
        }`,
        evidence: [ref("fingerprints.csv", s, "version_range_inferred", fp.version_range_inferred)],
      });
    }
    const reasons = String(cl.modified_reasons ?? "").split(";");
    // Only differences in what the server said count: a probe that read silence, a timeout or a
    // hang-up (a slow path, e.g. over Tor) is the probe's status, not the server's behaviour.
    const said = String(cl.differing_features ?? "").split(";").filter((f) => {
      const v = text(fe[f]);
      return f !== "" && v !== null && !isProbeReading(v);
    });
    if (reasons.includes("unlike-its-claim") && said.length) {
      hit(s, {
        indicator: "unlike-its-claim",
        value: said.join(", "),
        evidence: said.slice(0, 3).map((f) => ref("features.csv", s, f, fe[f])),
      });
    }
    for (const col of WORDINGS) {
      const v = text(fe[col]);
      if (
        v !== null && !isProbeReading(v) && (answered.get(col) ?? 0) >= 10 &&
        holders.get(col)!.get(v)! <= Math.max(1, Math.floor(rareShare * answered.get(col)!))
      ) {
        const n = holders.get(col)!.get(v)!;
        hit(s, {
          indicator: "unknown-error-wording",
          value: `${col.slice(8)}: ${quote(v)}${
            n > 1 ? `, ${n} servers of ${answered.get(col)}` : ""
          }`,
          evidence: [ref("features.csv", s, col, v)],
        });
        break;
      }
    }
    const unsupported = String(fp.methods_unsupported ?? "").split(";");
    if (unsupported.includes(CORE_METHOD)) {
      hit(s, {
        indicator: "core-method-unknown",
        value: CORE_METHOD,
        evidence: [ref("fingerprints.csv", s, "methods_unsupported", fp.methods_unsupported)],
      });
    }
    const btext = fp.broadcast_error_text;
    if (fp.broadcast_html === true || fp.broadcast_update_wording === true) {
      hit(s, {
        indicator: "phishing-broadcast",
        value: quote(btext, 60),
        evidence: [ref("fingerprints.csv", s, "broadcast_error_text", btext)],
      });
    } else if (fp.broadcast_url === true) {
      hit(s, {
        indicator: "broadcast-url",
        value: quote(btext, 60),
        evidence: [ref("fingerprints.csv", s, "broadcast_error_text", btext)],
      });
    }
    if (fp.broadcast_outcome === "accepted") {
      const other = fp.broadcast_txid_matches === false;
      hit(s, {
        indicator: "broadcast-accepted",
        value: other ? "answered another transaction's txid" : "answered",
        evidence: [
          ref("fingerprints.csv", s, "broadcast_outcome", "accepted"),
          ...(other ? [ref("fingerprints.csv", s, "broadcast_txid_matches", false)] : []),
        ],
      });
    }
    const proofHit = invalidProof(s, fp, rootsAt, quorum, majority);
    if (proofHit) hit(s, proofHit);
    const verdict = text(fp.history_verdict);
    if (verdict === "withheld" || verdict === "misdated") {
      const entries = num(fp.history_entries), at = num(fp.history_height);
      hit(s, {
        indicator: "history-withheld",
        value: verdict === "misdated"
          ? `the payment mined at ${at} listed at another height`
          : entries === 0
          ? `empty history for a script paid at ${at}`
          : `${entries} entries, without the payment at ${at}`,
        evidence: [
          ref("fingerprints.csv", s, "history_verdict", verdict),
          ref("fingerprints.csv", s, "history_txid", text(fp.history_txid)),
          ref("fingerprints.csv", s, "history_entries", entries),
        ],
      });
    }
    const banner = text(sv.banner);
    if (banner && (HTML.test(banner) || UPDATE.test(banner))) {
      hit(s, {
        indicator: "banner-phishing",
        value: quote(banner, 60),
        evidence: [ref("servers.csv", s, "banner", banner)],
      });
    }
    if (banner && URL.test(banner)) {
      hit(s, {
        indicator: "banner-url",
        value: quote(banner.match(URL)![0] + "…", 40),
        evidence: [ref("servers.csv", s, "banner", banner)],
      });
    }
    const lag = num(sv.tip_lag_blocks);
    if (lag !== null && lag - lagMedian >= stale) {
      hit(s, {
        indicator: "stale-tip",
        value: String(lag),
        evidence: [ref("servers.csv", s, "tip_lag_blocks", lag)],
      });
    }
    for (const col of FEES) {
      const v = num(fp[col]), m = feeMedian.get(col);
      if (v === null || v <= 0 || !m) continue;
      if (v >= factor * m || v <= m / factor) {
        hit(s, {
          indicator: "absurd-fees",
          value: `${col} ${v} is ${(v / m).toFixed(1)}x the median ${m}`,
          evidence: [ref("fingerprints.csv", s, col, v)],
        });
        break;
      }
    }
    const peerRows = ctx.peers.get(s) ?? [];
    const hostRows = peerRows.filter((r) => r.source === "server.features");
    const named = [...new Set(hostRows.map((r) => String(r.peer_host)))].filter((h) =>
      h !== s && scored.has(h)
    );
    if (hostRows.length && !hostRows.some((r) => r.self_advertised === true) && named.length) {
      hit(s, {
        indicator: "hosts-name-other-server",
        value: named[0],
        evidence: [ref("peers.csv", s, "peer_host", named[0])],
      });
    }
    const adv = num(sv.peers_advertised), share = num(sv.peers_answered_share);
    if (adv !== null && adv >= 10 && share !== null && share < 0.5) {
      hit(s, {
        indicator: "peers-unreachable",
        value: `${adv} advertised, ${(100 * share).toFixed(0)}% of those dialled answered`,
        evidence: [ref("servers.csv", s, "peers_answered_share", share)],
      });
    }
    const top16 = num(fe.peers_top16_share);
    if (adv !== null && adv >= 10 && top16 !== null && top16 >= 0.5) {
      hit(s, {
        indicator: "peers-packed-prefix",
        value: `${(100 * top16).toFixed(0)}% of ${adv} on one /16`,
        evidence: [ref("features.csv", s, "peers_top16_share", top16)],
      });
    }
    const g = ctx.group.get(s);
    if (g) {
      const listed = [
        ...new Set(
          peerRows.filter((r) =>
            r.source === "server.peers.subscribe" && r.self_advertised !== true
          )
            .map((r) => String(r.peer_host)).filter((h) => scored.has(h)),
        ),
      ];
      const own = listed.filter((h) => ctx.group.get(h) === g).length;
      if (listed.length >= 3 && own / listed.length >= 0.6) {
        hit(s, {
          indicator: "peers-one-operator",
          value: `${own} of ${listed.length} listed servers in ${g}`,
          evidence: [ref("clusters.csv", s, "operator_group", g)],
        });
      }
    }
    const tcp = num(sv.tcp_rtt_ms);
    const lat = num(ctx.geo.get(s)?.latitude), lon = num(ctx.geo.get(s)?.longitude);
    if (vantage && tcp !== null && tcp > 0 && lat !== null && lon !== null) {
      const km = greatCircleKm(vantage, { latitude: lat, longitude: lon });
      if (km - tcp * KM_PER_RTT_MS >= slackKm) {
        hit(s, {
          indicator: "geo-beyond-rtt",
          value: `${Math.round(km)} km away, ${tcp} ms reaches ${
            Math.round(tcp * KM_PER_RTT_MS)
          } km`,
          evidence: [
            ref("geo.csv", s, "latitude", lat),
            ref("geo.csv", s, "longitude", lon),
            ref("servers.csv", s, "tcp_rtt_ms", tcp),
          ],
        });
      }
    }
    if (tcp !== null) {
      // The larger of the application round trip and the TLS handshake over TCP.
      const over = (["app_rtt_ms", "tls_rtt_ms"] as const)
        .map((col) => ({ col, v: num(sv[col]) }))
        .filter((x): x is { col: "app_rtt_ms" | "tls_rtt_ms"; v: number } => x.v !== null)
        .sort((a, b) => b.v - a.v)[0];
      if (over && over.v - tcp >= relayMs) {
        hit(s, {
          indicator: "relay-latency",
          value: `${(over.v - tcp).toFixed(0)} ms`,
          evidence: [
            ref("servers.csv", s, "tcp_rtt_ms", tcp),
            ref("servers.csv", s, over.col, over.v),
          ],
        });
      }
    }
  }
  return out;
}

/**
 * `invalid-proof` (consistent: two or more proofs that do not fold to their roots, or a
 * checkpoint root unlike the one the other servers at its height agree on) or
 * `invalid-proof-once` (a single bad proof: a real ElectrumX can serve one just after it starts).
 */
function invalidProof(
  s: string,
  fp: Record<string, unknown>,
  rootsAt: ReadonlyMap<number, ReadonlyMap<string, number>>,
  quorum: number,
  majority: number,
): IndicatorHit | null {
  const bad = num(fp.proofs_invalid) ?? 0, checked = num(fp.proofs_checked);
  const h = num(fp.proof_cp_height), root = text(fp.proof_cp_root);
  let against: string | null = null;
  if (h !== null && root !== null) {
    const others = [...(rootsAt.get(h) ?? new Map<string, number>())].map((
      [r, n],
    ) => [r, r === root ? n - 1 : n] as const).filter(([, n]) => n > 0);
    const total = others.reduce((t, [, n]) => t + n, 0);
    const top = others.sort((a, b) => b[1] - a[1])[0];
    if (top && top[0] !== root && total >= quorum && top[1] >= majority * total) {
      against = `checkpoint root at ${h} unlike ${top[1]} of ${total} other servers'`;
    }
  }
  const failed = text(fp.proofs_failed);
  const evidence = [
    ref("fingerprints.csv", s, "proofs_invalid", bad),
    ...(failed ? [ref("fingerprints.csv", s, "proofs_failed", failed)] : []),
    ...(against ? [ref("fingerprints.csv", s, "proof_cp_root", root)] : []),
  ];
  const counted = `${bad} of ${checked ?? "?"} proofs invalid`;
  if (bad >= 2 || against) {
    return {
      indicator: "invalid-proof",
      value: [bad ? counted : null, against].filter(Boolean).join("; "),
      evidence,
    };
  }
  return bad === 1 ? { indicator: "invalid-proof-once", value: counted, evidence } : null;
}
