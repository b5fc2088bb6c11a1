/**
 * The reference light wallet's network constants, per release, as facts read from its public
 * source (Electrum 4.3.4 as Debian ships it, `electrum/network.py`, `interface.py`,
 * `synchronizer.py`, `simple_config.py`; and 4.8.1). The client model (`client_session.ts`,
 * `select_servers.ts`) reads only these.
 *
 * @module
 */

/** What a client release does on the network. */
export interface ClientProfile {
  /** Release, as in its `server.version` client string `electrum/<release>`. */
  release: string;
  /** Second `server.version` parameter: the protocol it asks for. */
  protocolRequest: string | readonly string[];
  /** Interfaces it keeps open (`NUM_TARGET_CONNECTED_SERVERS`). */
  targetConnections: number;
  /** Recent servers preferred while fewer are connected (`NUM_STICKY_SERVERS`). */
  stickyServers: number;
  /** Recent servers remembered (`NUM_RECENT_SERVERS`). */
  recentServers: number;
  /** Onion interfaces allowed before a new one is refused (more than this many connected). */
  maxOnion: number;
  /** `blockchain.estimatefee` targets asked on every interface, every `feeIntervalMs`. */
  feeTargets: readonly number[];
  /** Fee estimates and the main's fee histogram are refreshed this often, ms. */
  feeIntervalMs: number;
  /** `server.ping`: a fixed period, or uniform in [0, max] plus noise pings, ms. */
  ping: { kind: "fixed"; everyMs: number } | { kind: "random"; maxMs: number; noise: number };
  /** Writes padded to a power of two of at least this many bytes (null: no padding). */
  paddingBytes: number | null;
  /** Gap limits: unused receiving and change addresses kept subscribed past the last used. */
  gapReceive: number;
  gapChange: number;
  /** Confirmations an address's history needs before the gap window rolls past it. */
  gapConfirmations: number;
  /** Scripthash subscriptions in flight at most. */
  maxInFlight: number;
  /** Requests only the main server receives at connect (besides the scripthash traffic). */
  mainOnConnect: readonly string[];
  /** Requests every interface receives at connect. */
  everyOnConnect: readonly string[];
}

/** Electrum 4.3.4, the Debian package the real-wallet experiment runs. */
export const ELECTRUM_4_3_4: ClientProfile = {
  release: "4.3.4",
  protocolRequest: "1.4",
  targetConnections: 10,
  stickyServers: 4,
  recentServers: 20,
  maxOnion: 5,
  feeTargets: [25, 10, 5, 2],
  feeIntervalMs: 60_000,
  ping: { kind: "fixed", everyMs: 300_000 },
  paddingBytes: null,
  gapReceive: 20,
  gapChange: 10,
  gapConfirmations: 3,
  maxInFlight: 100,
  mainOnConnect: [
    "server.banner",
    "server.donation_address",
    "server.peers.subscribe",
    "blockchain.relayfee",
    "mempool.get_fee_histogram",
  ],
  everyOnConnect: ["server.version", "blockchain.headers.subscribe", "blockchain.estimatefee"],
};

/** Electrum 4.8.1, the current release (analysis notes §2; not run here). */
export const ELECTRUM_4_8_1: ClientProfile = {
  ...ELECTRUM_4_3_4,
  release: "4.8.1",
  protocolRequest: ["1.4", "1.6"],
  feeTargets: [1008, 144, 25, 10, 5, 2],
  ping: { kind: "random", maxMs: 300_000, noise: 0.2 },
  paddingBytes: 1024,
  mainOnConnect: [
    "server.banner",
    "server.donation_address",
    "server.peers.subscribe",
    "mempool.get_info",
    "mempool.get_fee_histogram",
  ],
};

/** The client string a release sends in `server.version`. */
export function clientString(profile: ClientProfile): string {
  return `electrum/${profile.release}`;
}
