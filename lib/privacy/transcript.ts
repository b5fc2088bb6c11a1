/**
 * A real wallet's session as the servers saw it: the transcript format of the privacy experiment.
 * One transcript is one scenario (a real Electrum daemon against a small lab), holding every
 * request each lab server logged, the wallet's own address list (from the wallet, not from the
 * servers) and the moments the experiment acted (main server killed, sync seen).
 *
 * Committed transcripts live in `lib/privacy/testdata/wallet/` (see its README for how they were
 * made); the client model is validated against them and notebook 05 reads them.
 *
 * @module
 */

/** The role a lab server plays in a scenario. */
export type ServerRole =
  /** The regtest hard-coded server (127.0.0.1:51002), the wallet's first main server. */
  | "main"
  /** A server the main advertises through `server.peers.subscribe`. */
  | "peer"
  /** A peer the wallet drops after connecting (it answers no fee estimate). */
  | "rejected";

/** One lab server of a scenario. */
export interface TranscriptServer {
  id: string;
  role: ServerRole;
  /** Loopback address and TLS port the wallet dialled. */
  address: string;
  tlsPort: number;
  personality: string;
}

/** One address of a wallet, as the wallet lists it. */
export interface TranscriptAddress {
  address: string;
  scripthash: string;
  change: boolean;
  /** Whether the address has history (as the wallet lists it). */
  used: boolean;
  /** Deepest confirmation count of its history on the lab chain (0: mempool only; null: no
   * history). The wallet rolls its gap window past addresses with 3 or more. */
  confirmations: number | null;
}

/** One wallet loaded in the daemon. */
export interface TranscriptWallet {
  name: string;
  /** How it was restored: an Electrum seed, an account private key, a watch-only account key. */
  kind: "seed" | "vprv" | "vpub";
  addresses: TranscriptAddress[];
}

/** One request a lab server logged. */
export interface TranscriptEvent {
  /** Milliseconds since the daemon was started. */
  tMs: number;
  /** Server id (see {@linkcode TranscriptServer}). */
  server: string;
  /** The client address the server saw. */
  client: string;
  /** Connection number on that server. */
  conn: number;
  method: string;
  params: unknown;
}

/** A moment the experiment acted or observed, ms since the daemon was started. */
export interface TranscriptMark {
  name: "synchronized" | "main-killed" | "resynchronized" | "broadcast" | "stopped";
  tMs: number;
}

/** A whole scenario. */
export interface WalletTranscript {
  scenario: string;
  /** What the scenario shows, in a sentence. */
  summary: string;
  /** `electrum --offline version`. */
  electrumVersion: string;
  /** Transport from the wallet to the servers. */
  transport: "direct" | "tor";
  servers: TranscriptServer[];
  wallets: TranscriptWallet[];
  events: TranscriptEvent[];
  marks: TranscriptMark[];
}

/**
 * Check the shape of a parsed transcript (committed fixtures are data like any other).
 *
 * @throws {TypeError} Naming the first field that is missing or of the wrong type.
 * @example
 * ```ts
 * const t = checkTranscript(JSON.parse(await Deno.readTextFile("history.json")));
 * ```
 */
export function checkTranscript(value: unknown): WalletTranscript {
  const t = value as WalletTranscript;
  const need = (ok: boolean, what: string) => {
    if (!ok) throw new TypeError(`transcript: ${what} is missing or malformed`);
  };
  need(typeof t === "object" && t !== null, "the object");
  need(typeof t.scenario === "string", "scenario");
  need(typeof t.electrumVersion === "string", "electrumVersion");
  need(t.transport === "direct" || t.transport === "tor", "transport");
  need(Array.isArray(t.servers) && t.servers.every((s) => typeof s.id === "string"), "servers");
  need(
    Array.isArray(t.wallets) && t.wallets.every((w) => Array.isArray(w.addresses)),
    "wallets",
  );
  need(
    Array.isArray(t.events) &&
      t.events.every((e) => Number.isFinite(e.tMs) && typeof e.method === "string"),
    "events",
  );
  need(Array.isArray(t.marks), "marks");
  return t;
}
