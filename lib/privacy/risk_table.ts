/**
 * The six privacy risks of a light-wallet user, each as numbers measured on the real wallet's
 * transcripts, on the client model over the scanned population, or on the scan itself.
 *
 * @module
 */
import { median } from "../analysis/median.ts";
import { pairwisePrecisionRecall } from "../stats/pairwise_precision_recall.ts";
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { linkWallets } from "./link_wallets.ts";
import type { PrivacyInputs } from "./load_privacy_inputs.ts";
import { serverViews } from "./server_views.ts";
import { fingerprintRelease } from "./fingerprint_release.ts";
import { simulateExposure } from "./simulate_exposure.ts";
import { LINKING_CLIENTS as LINK_CLIENTS, simulateLinking } from "./simulate_linking.ts";
import type { WalletTranscript } from "./transcript.ts";

/** Where a number comes from. */
export type RiskSource = "real wallet" | "client model" | "scan" | "client source";

/** One measured risk. */
export interface RiskRow {
  risk:
    | "xpub leakage"
    | "address correlation"
    | "timing leaks"
    | "IP deanonymization"
    | "plaintext transport"
    | "centralization";
  measure: string;
  value: number;
  unit: string;
  /** What the value is out of or measured over, with its size (`395 reachable servers`). */
  denominator: string;
  source: RiskSource;
  meaning: string;
}

/** Options of {@linkcode riskTable}. */
export interface RiskTableOptions {
  /** Simulated clients for the exposure rows. Default: 10,000. */
  clients?: number;
  /** Seeded randomness. */
  random: () => number;
}

/**
 * Measure the risks.
 *
 * @example
 * ```ts
 * const rows = riskTable(await loadPrivacyInputs(), { random: seededRandom(1) });
 * ```
 */
export function riskTable(inputs: PrivacyInputs, options: RiskTableOptions): RiskRow[] {
  const t = (name: string) => inputs.transcripts.find((x) => x.scenario === name)!;
  const history = t("history");
  const mainOf = (x: WalletTranscript) => serverViews(x).find((v) => v.role === "main")!;
  const hv = mainOf(history);
  const wallet = history.wallets[0].addresses;
  const mainSubs = subscribed(history, "main");
  const unusedLearned = wallet.filter((a) => !a.used && mainSubs.has(a.scripthash)).length;
  const xpubHits = inputs.transcripts.reduce(
    (n, x) =>
      n +
      x.events.filter((e) => /[xtuvyz]pub[1-9A-HJ-NP-Za-km-z]{20}/.test(JSON.stringify(e.params)))
        .length,
    0,
  );
  const requestCount = inputs.transcripts.reduce((n, x) => n + x.events.length, 0);
  const connectedMax = Math.max(...inputs.transcripts.map((x) => x.servers.length));
  const watchDiff = symmetricDifference(mainSubs, subscribed(t("watch-only"), "main"));
  const wholeDefault = Math.max(
    ...inputs.transcripts.filter((x) => x.scenario !== "failover").map((x) =>
      serverViews(x).filter((v) => v.learnedWholeWallet).length
    ),
  );
  const wholeFailover = serverViews(t("failover")).filter((v) => v.learnedWholeWallet).length;
  const rejected = serverViews(history).find((v) => v.role === "rejected")!;

  const two = t("two-wallets");
  const twoMain = two.servers.find((s) => s.role === "main")!.id;
  const twoSubs = two.events.filter((e) =>
    e.server === twoMain && e.method === "blockchain.scripthash.subscribe"
  ).map((e) => ({ ...e, scripthash: (e.params as string[])[0] }));
  const owner = new Map(
    two.wallets.flatMap((w) => w.addresses.map((a) => [a.scripthash, w.name] as const)),
  );
  const realLink = pairwisePrecisionRecall(
    twoSubs.map((s) => owner.get(s.scripthash) ?? null),
    linkWallets(twoSubs),
  );
  const sim = simulateLinking({ random: options.random });
  const simDefault = sim.find((r) => r.variant === "default")!;

  const direct = inputs.transcripts.filter((x) => x.transport === "direct");
  const firstSub = median(direct.map((x) => mainOf(x).firstSubscriptionMs!)) ?? NaN;
  const maxBurst = Math.max(...inputs.transcripts.map((x) => mainOf(x).burstWindowMs ?? 0));

  const bt = t("broadcast");
  const sent = bt.events.filter((e) => e.method === "blockchain.transaction.broadcast");
  const paid = bt.marks.find((m) => m.name === "broadcast")?.tMs ?? NaN;
  const walletConns = new Set(
    bt.events.filter((e) => e.method === "blockchain.scripthash.subscribe").map((e) =>
      `${e.server}/${e.conn}`
    ),
  );

  const conns = inputs.transcripts.flatMap((x) => {
    const by = new Map<string, typeof x.events>();
    for (const e of x.events) {
      const k = `${e.server}/${e.client}/${e.conn}`;
      by.set(k, [...(by.get(k) ?? []), e]);
    }
    return [...by.values()].filter((ev) => ev.some((e) => e.method === "blockchain.estimatefee"));
  });
  const identified = conns.filter((ev) => fingerprintRelease(ev) !== "unknown").length;

  const clients = options.clients ?? 10_000;
  const ex = (tor: boolean, groupBy: "operator" | "provider") =>
    simulateExposure(inputs.candidates, ELECTRUM_4_3_4, {
      clients,
      tor,
      groupBy,
      random: options.random,
    });
  const op = ex(false, "operator");
  const prov = ex(false, "provider");
  const opTor = ex(true, "operator");
  const topOp = op.rows[0];
  const topProv = prov.rows[0];
  const torViews = serverViews(t("tor"));
  const tierRows = hssTierRows(inputs, clients, options.random);

  const cs = inputs.candidates;
  const tlsServers = cs.filter((c) => c.tls);
  const leaf = new Map<string, (typeof inputs.tls)[number]>();
  for (const r of inputs.tls) {
    if (r.chain_position === 0 && !leaf.has(String(r.server))) leaf.set(String(r.server), r);
  }
  const leaves = tlsServers.map((c) => leaf.get(c.server)).filter((r) => r !== undefined);
  const expired = leaves.filter((r) => r!.validity_at_scan === "expired").length;
  const weak = leaves.filter((r) =>
    (r!.key_type === "rsa" && Number(r!.key_bits) < 2048) ||
    r!.signature_algorithm === "sha1WithRSAEncryption"
  ).length;

  const R = (
    risk: RiskRow["risk"],
    measure: string,
    value: number,
    unit: string,
    denominator: string,
    source: RiskSource,
    meaning: string,
  ): RiskRow => ({ risk, measure, value: round4(value), unit, denominator, source, meaning });
  // A share of the simulated default clients (the exposure simulations above).
  const modelShare = (risk: RiskRow["risk"], measure: string, value: number, meaning: string) =>
    R(risk, measure, value, "share", `${clients} simulated clients`, "client model", meaning);
  return [
    R(
      "xpub leakage",
      "share of the wallet's addresses the main server learns",
      hv.walletShare,
      "share",
      `${wallet.length} addresses of the history wallet (used and gap window)`,
      "real wallet",
      "every address, used and unused: the server can rebuild the wallet as if it had the xpub",
    ),
    R(
      "xpub leakage",
      "unused (gap-window) addresses the main server learns",
      unusedLearned,
      "addresses",
      `${wallet.length} addresses of the history wallet`,
      "real wallet",
      "future receiving addresses are known before any payment reaches them",
    ),
    R(
      "xpub leakage",
      "time from start to the whole wallet at the main",
      hv.firstSubscriptionMs! + hv.burstWindowMs!,
      "ms",
      "1 wallet opening (history scenario)",
      "real wallet",
      "the whole set arrives within a second or two of opening the wallet",
    ),
    R(
      "xpub leakage",
      "requests carrying an extended public key (all scenarios)",
      xpubHits,
      "requests",
      `${requestCount} requests in ${inputs.transcripts.length} real-wallet scenarios`,
      "real wallet",
      "the xpub itself is never sent",
    ),
    R(
      "xpub leakage",
      "addresses the main learns differently for the watch-only xpub wallet",
      watchDiff,
      "addresses",
      `${mainSubs.size} addresses the spending wallet's main learned`,
      "real wallet",
      "a watch-only wallet reveals exactly what the spending wallet reveals",
    ),
    R(
      "xpub leakage",
      "servers that learn the whole wallet in one session",
      wholeDefault,
      "servers",
      `${connectedMax} servers connected per session`,
      "real wallet",
      "only the main, among 8 connected",
    ),
    R(
      "xpub leakage",
      "servers that learn the whole wallet when the main dies (failover)",
      wholeFailover,
      "servers",
      `${t("failover").servers.length} servers connected (failover scenario)`,
      "real wallet",
      "a main switch re-sends every subscription to the new main",
    ),
    R(
      "address correlation",
      "two wallets in one daemon: linker pairwise precision (real)",
      realLink.precision ?? 0,
      "precision",
      `${realLink.predictedPairs} address pairs the linker joined (two-wallets scenario)`,
      "real wallet",
      "both wallets' subscriptions share one connection and one burst: the server merges them",
    ),
    R(
      "address correlation",
      "simulated clients (30% with two wallets): linker precision",
      simDefault.precision ?? 0,
      "precision",
      `address pairs the linker joined, ${LINK_CLIENTS} simulated clients`,
      "client model",
      "pairs the linker joins that truly belong together",
    ),
    R(
      "address correlation",
      "simulated clients: linker recall",
      simDefault.recall,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      "client model",
      "every same-wallet pair is linked",
    ),
    R(
      "timing leaks",
      "wallet opening: first subscription after start (median, direct)",
      firstSub,
      "ms",
      `${direct.length} direct real-wallet sessions`,
      "real wallet",
      "the server learns when the wallet is opened to about a second",
    ),
    R(
      "timing leaks",
      "subscription burst window (largest)",
      maxBurst,
      "ms",
      `${inputs.transcripts.length} real-wallet sessions`,
      "real wallet",
      "a wallet's addresses arrive as one burst: timing alone groups them",
    ),
    R(
      "timing leaks",
      "connections whose release class is read from the protocol request and one fee round",
      conns.length ? identified / conns.length : 0,
      "share",
      `${conns.length} connections with a fee round (all scenarios)`,
      "real wallet",
      "the client string is not needed to date the client",
    ),
    R(
      "timing leaks",
      "fee-estimate cadence on every interface",
      serverViews(history)[1].feeRoundGapMs ?? NaN,
      "ms",
      "1 interface (history scenario)",
      "real wallet",
      `${ELECTRUM_4_3_4.feeTargets.length} targets every 60 s and a fixed 300 s ping fingerprint 4.3.4 (4.8.1: 6 targets, random pings)`,
    ),
    R(
      "timing leaks",
      "servers that received the payment's broadcast (real)",
      new Set(sent.map((e) => e.server)).size,
      "servers",
      `${bt.servers.length} servers connected (broadcast scenario)`,
      "real wallet",
      "only the main: it sees the transaction first",
    ),
    R(
      "timing leaks",
      "broadcasts on the connection carrying the wallet's addresses",
      sent.length
        ? sent.filter((e) => walletConns.has(`${e.server}/${e.conn}`)).length / sent.length
        : 0,
      "share",
      `${sent.length} broadcasts (broadcast scenario)`,
      "real wallet",
      "the server ties the new transaction to the whole wallet",
    ),
    R(
      "timing leaks",
      "from the payment to the server receiving it",
      sent.length ? Math.min(...sent.map((e) => e.tMs)) - paid : NaN,
      "ms",
      "1 payment (broadcast scenario)",
      "real wallet",
      "its first-seen time is the moment the user paid",
    ),
    modelShare(
      "IP deanonymization",
      `clients whose address reaches the top operator group (${topOp.group})`,
      topOp.ipShare,
      "any contacted server (even one dropped after server.version) sees the address",
    ),
    modelShare(
      "IP deanonymization",
      `clients whose address reaches the top provider (${topProv.group})`,
      topProv.ipShare,
      "a provider sees its tenants' connections",
    ),
    R(
      "IP deanonymization",
      "servers that see a client's address (mean, clearnet)",
      op.meanContacted,
      "servers",
      `${clients} simulated clients (mean per client)`,
      "client model",
      "10 interfaces plus those dropped by the /16 rule",
    ),
    R(
      "IP deanonymization",
      "clients whose address reaches any group through Tor",
      Math.max(...opTor.rows.map((r) => r.ipShare)),
      "share",
      `${clients} simulated clients over Tor`,
      "client model",
      "servers see an exit",
    ),
    R(
      "IP deanonymization",
      "servers that saw the client's own address over Tor (real)",
      torViews.filter((v) => v.requests > 0 && v.clientAddress === "127.0.0.1").length,
      "servers",
      `${torViews.length} servers connected over Tor`,
      "real wallet",
      "all saw the gateway's exit address",
    ),
    R(
      "plaintext transport",
      "reachable servers without TLS (TCP only)",
      cs.filter((c) => c.tcp && !c.tls).length / cs.length,
      "share",
      `${cs.length} reachable servers`,
      "scan",
      "their users' queries and addresses cross the network in clear",
    ),
    R(
      "plaintext transport",
      "reachable servers offering plaintext TCP",
      cs.filter((c) => c.tcp).length / cs.length,
      "share",
      `${cs.length} reachable servers`,
      "scan",
      "a user who types host:port:t gets no encryption",
    ),
    R(
      "plaintext transport",
      "automatic selections over TCP",
      0,
      "share",
      "every automatic selection (the client's source)",
      "client source",
      "the client picks only TLS servers on its own",
    ),
    R(
      "plaintext transport",
      "TLS servers whose certificate is trusted on first use (not CA-verified)",
      tlsServers.filter((c) => c.caVerified === false).length / tlsServers.length,
      "share",
      `${tlsServers.length} reachable TLS servers`,
      "scan",
      "the first connection can be intercepted unnoticed",
    ),
    R(
      "plaintext transport",
      "TLS servers with an expired certificate",
      leaves.length ? expired / leaves.length : 0,
      "share",
      `${leaves.length} TLS servers with a leaf certificate`,
      "scan",
      "accepted anyway once pinned",
    ),
    R(
      "plaintext transport",
      "TLS servers with a weak key or SHA-1 signature",
      weak,
      "servers",
      `${leaves.length} TLS servers with a leaf certificate`,
      "scan",
      "a strict client refuses such certificates; a pinning client accepts them once pinned",
    ),
    modelShare(
      "centralization",
      `main server in the top operator group (${topOp.group})`,
      topOp.mainShare,
      "that group learns the whole wallet of this share of clients",
    ),
    modelShare(
      "centralization",
      `any connection in the top operator group (${topOp.group})`,
      topOp.anyShare,
      "address, version, cadence",
    ),
    modelShare(
      "centralization",
      `main server at the top provider (${topProv.group})`,
      topProv.mainShare,
      "a takeover of the provider reaches these wallets",
    ),
    R(
      "centralization",
      `clients of 10,000 touched by an outage of ${topProv.group}`,
      Math.round(topProv.anyShare * 10_000),
      "clients",
      `10,000 clients (scaled from ${clients} simulated)`,
      "client model",
      "lose at least one interface (a main among them for the main share)",
    ),
    ...tierRows.map((r) =>
      R("centralization", r.measure, r.value, r.unit, r.denominator, "client model", r.meaning)
    ),
    R(
      "centralization",
      "rejected server: requests it still received (history, 70 s)",
      rejected.requests,
      "requests",
      "1 rejected server over 70 s (history scenario)",
      "real wallet",
      "a server the wallet drops has learned its address and version, again at each retry",
    ),
  ];
}

/**
 * Exposure to the servers the suspicion score (`hss.csv`) puts in its high tier, and in its
 * medium or high tiers: the share of simulated default clients whose main server, and whose any
 * connection, is such a server (one simulation for both). One "not measured" row when `hss.csv`
 * is absent.
 */
function hssTierRows(
  inputs: PrivacyInputs,
  clients: number,
  random: () => number,
): Omit<RiskRow, "risk" | "source">[] {
  if (inputs.hss === null) {
    return [{
      measure: "clients exposed to servers of the HSS high or medium tier: not measured",
      value: 0,
      unit: "servers",
      denominator: "0 servers scored (no hss.csv: the suspicion score was not run on this scan)",
      meaning: "run the suspicion score (notebook 04) to measure it",
    }];
  }
  const cs = inputs.candidates;
  const scored = cs.filter((c) => c.hssTier != null).length;
  // One simulation tallies both classes from the same clients, so the wider class's shares are
  // never below the narrower one's.
  const classes = [
    { name: "high tier", tiers: ["high"] },
    { name: "medium or high tier", tiers: ["high", "medium"] },
  ];
  const ofTier = (c: (typeof cs)[number]) =>
    classes.filter((k) => k.tiers.includes(c.hssTier!)).map((k) => k.name);
  const exposure = simulateExposure(cs, ELECTRUM_4_3_4, { clients, groupBy: ofTier, random });
  return classes.flatMap(({ name }) => {
    const row = exposure.rows.find((r) => r.group === name);
    const of = `${clients} simulated clients; ${row?.servers ?? 0} usable TLS servers in the ` +
      `${name} of ${cs.filter((c) => ofTier(c).includes(name)).length} in it, ${scored} ` +
      "answering servers scored";
    return [
      {
        measure: `main server in the HSS ${name}`,
        value: row?.mainShare ?? 0,
        unit: "share",
        denominator: of,
        meaning:
          "a suspected adversary learns the whole wallet of this share of clients (the main " +
          "comes from the stand-in hard-coded list, the most-advertised servers, which a " +
          "peer-poisoning fleet inflates: methodology 11.3)",
      },
      {
        measure: `any connection to a server in the HSS ${name}`,
        value: row?.anyShare ?? 0,
        unit: "share",
        denominator: of,
        meaning: "a suspected adversary sees the address, version and cadence of this share",
      },
    ];
  });
}

function subscribed(t: WalletTranscript, role: string): Set<string> {
  const ids = new Set(t.servers.filter((s) => s.role === role).map((s) => s.id));
  return new Set(
    t.events.filter((e) => ids.has(e.server) && e.method === "blockchain.scripthash.subscribe")
      .map((e) => (e.params as string[])[0]),
  );
}

function symmetricDifference(a: Set<string>, b: Set<string>): number {
  return [...a].filter((x) => !b.has(x)).length + [...b].filter((x) => !a.has(x)).length;
}

/** Four decimals: enough for shares of 10,000 clients, short in tables. */
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
