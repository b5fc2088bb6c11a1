/**
 * Wire-faithful server personalities, declared as data: one table entry per implementation and
 * version, interpreted by the shared machinery in `server.ts` and `wire.ts`. Every fact comes from
 * `shared/reference/electrum-servers.md` (section numbers in the comments).
 *
 * @module
 */

/** Implementation families. */
export type Family = "electrumx" | "fulcrum" | "electrs" | "esplora" | "eps";

/** A personality: how one implementation at one version behaves on the wire. */
export interface Personality {
  /** Stable id, e.g. `electrumx-1.16.0`. */
  id: string;
  family: Family;
  version: string;
  /** First element of the `server.version` reply (§2.1). */
  software: string;
  protocolMin: string;
  protocolMax: string;
  /** How `server.version` params are negotiated (§2.1). */
  negotiation: "range" | "fulcrum" | "electrs-range" | "electrs-exact" | "ignore" | "eps";
  /** Line terminator (§1). */
  lineEnding: "\n" | "\r\n";
  /** Key order and spacing (§1): ElectrumX insertion order, alphabetical (Qt/serde), EPS Python. */
  style: "electrumx" | "alphabetical" | "python";
  /** Traffic-analysis padding (§1): none, ElectrumX 1.18 (no warm-up), 1.19+ (1,024-byte warm-up). */
  padding: "none" | "padded" | "padded-warmup";
  /** ElectrumX >= 1.19 refuses anything before `server.version` (§2.2). */
  versionFirst: boolean;
  /** Third and later `server.version` args: error (old) or ignored (protocol 1.6 rule) (§2.2). */
  extraVersionArgs: "error" | "ignore";
  /** `server.features` shape (§3). */
  features:
    | "electrumx"
    | "electrumx-noservices"
    | "fulcrum"
    | "electrs-flat"
    | "esplora-string-error"
    | "esplora-32601"
    | "none";
  /** Batch handling (§4.2). */
  batch: "yes" | "no" | "max20";
  /**
   * The order replies leave in on one connection (§7.1, and Fulcrum's `RPC.cpp`/`Servers.cpp`):
   * `aiorpcx` (ElectrumX): every request is handled in a task of its own, so method replies are
   * written only after the receive loop has read what arrived, while errors that carry no id (a
   * line that is not JSON, JSON that is not an object, an empty batch) are written at once, ahead
   * of them. `fulcrum`: every request-level error (parse, invalid request, unknown method, wrong
   * parameter count) and the replies of the methods answered on the connection's own thread are
   * written at once, in arrival order; methods that go to the thread pool or bitcoind (headers,
   * scripthash and transaction methods, fee estimates) and batches are answered later, so what
   * arrived after them overtakes them. `in-order`: one request at a time (electrs, esplora, EPS).
   */
  replyOrder: "aiorpcx" | "fulcrum" | "in-order";
  /** Error-message dialect (§4.2). */
  errors: "electrumx" | "fulcrum" | "electrs" | "esplora-2021" | "esplora-new" | "eps";
  /** `server.peers.subscribe` format and whether the server discovers peers (§5). */
  peers: "electrumx" | "fulcrum" | "empty";
  /** Default banner (§5.1); `$VERSION` is substituted. */
  banner: string;
  /** Default donation address (§5.1). */
  donation: string | null;
  /** Fee histogram value shape (§6.1). */
  histogram: "decimal" | "integer" | "pow2";
  /** Methods implemented beyond the common core (§6.1). */
  extraMethods: readonly string[];
  /** Methods of the common core it lacks (§6.1). */
  missingMethods: readonly string[];
  /** Anti-abuse limits (§7), as the real software's defaults. */
  limits: {
    /** Connections per client IP before the next is aborted (Fulcrum 12). */
    perIpConnections?: number;
    /** Net errors before disconnect (Fulcrum 10). */
    errorBudget?: number;
    /** ElectrumX cost model per client /24 (§7.1). */
    cost?: {
      soft: number;
      hard: number;
      perError: number;
      perParseError: number;
      perConnection: number;
    };
    /** One client at a time (EPS). */
    singleClient?: boolean;
    /** Drop a request line longer than this silently (ElectrumX MAX_RECV) or with code 3 (Fulcrum). */
    maxRecv?: number;
  };
}

const ELECTRUMX_COST = {
  soft: 1000,
  hard: 10_000,
  perError: 100,
  perParseError: 1100,
  perConnection: 5,
};
const CORE = [
  "server.version",
  "server.banner",
  "server.donation_address",
  "server.peers.subscribe",
  "server.ping",
  "server.features",
  "server.add_peer",
  "blockchain.headers.subscribe",
  "blockchain.block.header",
  "blockchain.block.headers",
  "blockchain.estimatefee",
  "blockchain.relayfee",
  "mempool.get_fee_histogram",
  "blockchain.scripthash.get_balance",
  "blockchain.scripthash.get_history",
  "blockchain.scripthash.listunspent",
  "blockchain.scripthash.subscribe",
  "blockchain.scripthash.get_mempool",
  "blockchain.scripthash.unsubscribe",
  "blockchain.transaction.broadcast",
  "blockchain.transaction.get",
  "blockchain.transaction.get_merkle",
  "blockchain.transaction.id_from_pos",
] as const;

/** The common core of methods every personality starts from. */
export const CORE_METHODS: readonly string[] = CORE;

function electrumx(version: string): Personality {
  const [, minor] = version.split(".").map(Number);
  // 1.12-1.16 1.4.2, 1.17-1.18 1.4.3, 1.19+ 1.6 (reference §2.1); 1.8.x served 1.1-1.4 (inferred).
  const protocolMax = minor >= 19 ? "1.6" : minor >= 17 ? "1.4.3" : minor >= 12 ? "1.4.2" : "1.4";
  return {
    id: `electrumx-${version}`,
    family: "electrumx",
    version,
    software: `ElectrumX ${version}`,
    protocolMin: minor >= 9 ? "1.4" : "1.1",
    protocolMax,
    negotiation: "range",
    lineEnding: "\n",
    style: "electrumx",
    padding: minor >= 19 ? "padded-warmup" : minor >= 18 ? "padded" : "none",
    versionFirst: minor >= 19,
    extraVersionArgs: minor >= 19 ? "ignore" : "error",
    // Versions <= 1.10 have no `services` key (reference §3).
    features: minor <= 10 ? "electrumx-noservices" : "electrumx",
    batch: "yes",
    replyOrder: "aiorpcx",
    errors: "electrumx",
    peers: "electrumx",
    banner: `You are connected to an ElectrumX ${version} server.`,
    donation: "",
    histogram: "decimal",
    extraMethods: minor >= 19
      ? ["mempool.get_info", "blockchain.transaction.broadcast_package"]
      : [],
    missingMethods: minor >= 19 ? [] : [],
    limits: { cost: ELECTRUMX_COST, maxRecv: 1_000_000 },
  };
}

function fulcrum(version: string): Personality {
  const [major, minor, patch] = version.split(".").map(Number);
  // Per tag (reference §2.1): v1.5-1.8 1.4.5; v1.9.0 1.5.0; v1.9.8 1.5.2; v1.10-v2.0.x 1.5.3; v2.1.0+ 1.6.
  const protocolMax = major >= 2 && minor >= 1
    ? "1.6"
    : major >= 2 || minor >= 10
    ? "1.5.3"
    : minor === 9 && patch >= 8
    ? "1.5.2"
    : minor === 9
    ? "1.5.0"
    : "1.4.5";
  return {
    id: `fulcrum-${version}`,
    family: "fulcrum",
    version,
    software: `Fulcrum ${version}`,
    protocolMin: "1.4",
    protocolMax,
    negotiation: "fulcrum",
    lineEnding: "\r\n",
    style: "alphabetical",
    padding: "none",
    versionFirst: false,
    extraVersionArgs: major >= 2 && minor >= 1 ? "ignore" : "error",
    features: "fulcrum",
    batch: "yes",
    replyOrder: "fulcrum",
    errors: "fulcrum",
    peers: "fulcrum",
    banner: `Connected to a Fulcrum ${version} server`,
    donation: "1Ca1inCimwRhhcpFX84TPRrPQSryTgKW6N",
    histogram: "integer",
    extraMethods: [
      "mempool.get_info",
      "blockchain.scripthash.get_first_use",
      "blockchain.scripthash.get_status",
      "blockchain.headers.get_tip",
      "blockchain.transaction.get_height",
      "blockchain.utxo.get_info",
      "daemon.passthrough",
    ],
    missingMethods: [],
    limits: { perIpConnections: 12, errorBudget: 10, maxRecv: 8_000_000 },
  };
}

function electrs(version: string): Personality {
  const [, minor, patch] = version.split(".").map(Number);
  const old = minor <= 8;
  return {
    id: `electrs-${version}`,
    family: "electrs",
    version,
    software: old ? `electrs ${version}` : `electrs/${version}`,
    protocolMin: "1.4",
    protocolMax: "1.4",
    negotiation: old || (minor === 9 && patch < 14) ? "electrs-exact" : "electrs-range",
    lineEnding: "\n",
    style: "alphabetical",
    padding: "none",
    versionFirst: false,
    extraVersionArgs: "error",
    features: "electrs-flat",
    batch: "yes",
    replyOrder: "in-order",
    errors: "electrs",
    peers: "empty",
    banner: `Welcome to electrs ${version} (Electrum Rust Server)!`,
    donation: null,
    histogram: "pow2",
    extraMethods: [],
    missingMethods: ["blockchain.scripthash.get_mempool", "server.add_peer"],
    limits: {},
  };
}

function esplora(build: "2021" | "new"): Personality {
  return {
    id: `esplora-0.4.1-${build}`,
    family: "esplora",
    version: "0.4.1",
    software: "electrs-esplora 0.4.1",
    protocolMin: "1.4",
    protocolMax: "1.4",
    negotiation: "ignore",
    lineEnding: "\n",
    style: "alphabetical",
    padding: "none",
    versionFirst: false,
    extraVersionArgs: "ignore",
    features: build === "2021" ? "esplora-string-error" : "esplora-32601",
    batch: build === "2021" ? "no" : "max20",
    replyOrder: "in-order",
    errors: build === "2021" ? "esplora-2021" : "esplora-new",
    peers: "empty",
    banner: "Welcome to electrs-esplora 0.4.1",
    donation: null,
    histogram: "pow2",
    extraMethods: [],
    missingMethods: build === "2021"
      ? [
        "blockchain.scripthash.get_mempool",
        "blockchain.scripthash.unsubscribe",
        "server.add_peer",
      ]
      : ["server.add_peer"],
    limits: {},
  };
}

function eps(): Personality {
  return {
    id: "eps-0.2.4",
    family: "eps",
    version: "0.2.4",
    software: "ElectrumPersonalServer 0.2.4",
    protocolMin: "1.1",
    protocolMax: "1.4",
    negotiation: "eps",
    lineEnding: "\n",
    style: "python",
    padding: "none",
    versionFirst: false,
    extraVersionArgs: "ignore",
    features: "none",
    batch: "no",
    replyOrder: "in-order",
    errors: "eps",
    peers: "empty",
    banner:
      "Welcome to Electrum Personal Server 0.2.4\n\nMonitoring 1 wallets, 200 addresses\nConnected bitcoin node: /Satoshi:27.0.0/\nUptime: 12 days\nPeers: 10\nhttps://github.com/chris-belcher/electrum-personal-server\n\nDonate to help improve Electrum Personal Server: bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
    donation: "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
    histogram: "integer",
    extraMethods: ["blockchain.block.get_header", "blockchain.block.get_chunk"],
    missingMethods: [
      "server.features",
      "server.add_peer",
      "blockchain.scripthash.listunspent",
      "blockchain.scripthash.get_mempool",
      "blockchain.scripthash.unsubscribe",
    ],
    limits: { singleClient: true },
  };
}

/** Every personality the lab can run, keyed by id. */
export const PERSONALITIES: Readonly<Record<string, Personality>> = Object.freeze(
  Object.fromEntries(
    [
      // 1.8.12: only claimed, by the phishing fleet of 2018-2019 (prior-art.md).
      ...["1.8.12", "1.16.0", "1.17.0", "1.18.0", "1.19.0", "1.20.0"].map(electrumx),
      ...["1.9.8", "1.10.0", "1.12.0", "2.0.0", "2.1.0", "2.1.1"].map(fulcrum),
      ...["0.8.12", "0.9.13", "0.9.14", "0.10.9", "0.11.1"].map(electrs),
      esplora("2021"),
      esplora("new"),
      eps(),
    ].map((p) => [p.id, p]),
  ),
);

/**
 * Look up a personality by id.
 *
 * @throws {RangeError} If the id is unknown, naming it and the known ids.
 */
export function personality(id: string): Personality {
  const p = PERSONALITIES[id];
  if (!p) {
    throw new RangeError(
      `Unknown personality ${JSON.stringify(id)}; known: ${Object.keys(PERSONALITIES).join(", ")}`,
    );
  }
  return p;
}

/**
 * Fulcrum methods whose replies are computed off the connection's thread (`generic_do_async` or
 * `generic_async_to_bitcoind` in `Servers.cpp`), so later requests' replies can overtake them.
 */
export const FULCRUM_DEFERRED_METHODS: ReadonlySet<string> = new Set([
  "blockchain.block.header",
  "blockchain.block.headers",
  "blockchain.estimatefee",
  "blockchain.scripthash.get_balance",
  "blockchain.scripthash.get_first_use",
  "blockchain.scripthash.get_history",
  "blockchain.scripthash.get_mempool",
  "blockchain.scripthash.listunspent",
  "blockchain.transaction.broadcast",
  "blockchain.transaction.get",
  "blockchain.transaction.get_height",
  "blockchain.transaction.get_merkle",
  "blockchain.transaction.id_from_pos",
  "blockchain.utxo.get_info",
  "mempool.get_info",
  "daemon.passthrough",
]);

/** Methods a personality answers. */
export function methodsOf(p: Personality): Set<string> {
  const s = new Set<string>([...CORE_METHODS, ...p.extraMethods]);
  for (const m of p.missingMethods) s.delete(m);
  // blockchain.relayfee is gone once 1.6 is negotiated; the engine checks the negotiated version.
  return s;
}
