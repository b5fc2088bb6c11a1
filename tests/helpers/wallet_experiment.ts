/**
 * The privacy experiment's real-wallet scenarios: Debian's Electrum daemon, in its default
 * multi-server mode, against a small lab whose request log is the servers' view. Each scenario
 * returns a {@linkcode WalletTranscript}; `record_wallet_transcripts.ts` writes them as the
 * committed fixtures of `lib/privacy/testdata/wallet/`.
 *
 * The lab: eight TLS servers on loopback. The main one sits where regtest Electrum's hard-coded
 * server list points (127.0.0.1, TLS 51002), so the wallet picks it with no `--server` flag, as a
 * user's wallet picks from its list; it advertises the other seven through
 * `server.peers.subscribe` (`v1.6`, `s50002`), under their loopback address as host name so the
 * wallet can dial them. One of them answers no `blockchain.estimatefee` (the method is removed),
 * which makes the wallet drop it: the rejected server. Loopback addresses are exempt from the
 * client's /16 rule, so all seven are eligible. The Tor scenario goes through the lab's SOCKS
 * gateway, which dials servers from its own exit address; there every server is an onion service
 * (the wallet bypasses its proxy for loopback addresses, so a loopback main would be dialled
 * directly) and the main is configured by name, as a Tor user configures an onion server.
 *
 * @module
 */
import { fixtureHosts } from "../../lib/lab/fixture_hosts.ts";
import { type Lab, startLab } from "../../lib/lab/lab.ts";
import type { LabHost } from "../../lib/lab/population.ts";
import {
  TEST_WALLET_FIRST_ADDRESS,
  TEST_WALLET_VPRV,
  TEST_WALLET_VPUB,
} from "../../lib/lab/chain/test_wallet.ts";
import { addressToScripthash } from "../../lib/bitcoin/scripthash.ts";
import type {
  ServerRole,
  TranscriptAddress,
  TranscriptMark,
  TranscriptServer,
  TranscriptWallet,
  WalletTranscript,
} from "../../lib/privacy/transcript.ts";
import { ElectrumDaemon, electrumOffline, freeRpcBase, until } from "./electrum_daemon.ts";

/**
 * A fresh wallet's Electrum seed (segwit), made once with `electrum --offline make_seed
 * --seed_type segwit`. Nothing on the lab chain pays it. Regtest test material only.
 */
export const FRESH_WALLET_SEED =
  "faculty vocal betray dance exclude exchange suspect firm lazy truth stadium cage";

/** The address the lab's Tor gateway dials servers from (its exit). */
export const TOR_EXIT_ADDRESS = "127.0.0.66";

/** Personalities of the main server and its seven peers (the last one is rejected). */
const PERSONALITIES = [
  "fulcrum-2.1.1",
  "electrumx-1.20.0",
  "electrumx-1.19.0",
  "fulcrum-2.1.0",
  "electrumx-1.18.0",
  "fulcrum-2.0.0",
  "electrumx-1.17.0",
  "electrumx-1.16.0",
] as const;

/** A wallet of a scenario. */
export interface ScenarioWallet {
  name: string;
  kind: TranscriptWallet["kind"];
}

/** One scenario. */
export interface Scenario {
  name: string;
  summary: string;
  wallets: ScenarioWallet[];
  transport: "direct" | "tor";
  /** Kill the main server once synchronized and wait for the wallet to move. */
  failover?: boolean;
  /** Once synchronized, make a payment (`payto`) and broadcast it (the lab refuses it, but the
   * server that receives it has seen it). */
  broadcast?: boolean;
}

/** The seven scenarios (the rejected server is part of every one). */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: "fresh",
    summary: "A wallet restored from an Electrum seed with no history.",
    wallets: [{ name: "fresh", kind: "seed" }],
    transport: "direct",
  },
  {
    name: "history",
    summary: "The lab's test wallet (account private key) with its transaction history.",
    wallets: [{ name: "history", kind: "vprv" }],
    transport: "direct",
  },
  {
    name: "watch-only",
    summary: "The same account restored watch-only from its vpub.",
    wallets: [{ name: "watch", kind: "vpub" }],
    transport: "direct",
  },
  {
    name: "failover",
    summary: "The watch-only wallet; the main server dies once synchronized.",
    wallets: [{ name: "watch", kind: "vpub" }],
    transport: "direct",
    failover: true,
  },
  {
    name: "two-wallets",
    summary: "The fresh and the watch-only wallet loaded in one daemon.",
    wallets: [{ name: "fresh", kind: "seed" }, { name: "watch", kind: "vpub" }],
    transport: "direct",
  },
  {
    name: "broadcast",
    summary: "The test wallet (private key) pays itself and broadcasts the transaction.",
    wallets: [{ name: "history", kind: "vprv" }],
    transport: "direct",
    broadcast: true,
  },
  {
    name: "tor",
    summary: "The watch-only wallet through the lab's Tor gateway (SOCKS5).",
    wallets: [{ name: "watch", kind: "vpub" }],
    transport: "tor",
  },
];

const SECRETS: Record<TranscriptWallet["kind"], string> = {
  seed: FRESH_WALLET_SEED,
  vprv: TEST_WALLET_VPRV,
  vpub: TEST_WALLET_VPUB,
};

/** The experiment's lab hosts: the main at the regtest hard-coded address, seven peers. */
export function experimentHosts(
  options: { onion?: boolean } = {},
): { hosts: LabHost[]; roles: Map<string, ServerRole> } {
  const hosts = fixtureHosts([...PERSONALITIES], { tls: true, seed: "privacy", firstIndex: 40 });
  const roles = new Map<string, ServerRole>();
  hosts.forEach((h, i) => {
    if (options.onion) {
      h.onion = `${h.id}privacylab${"x".repeat(40)}.onion`;
      h.hostname = h.onion;
      h.ipv4 = null;
      h.ipv6 = null;
    } else if (i === 0) {
      h.loopback = "127.0.0.1";
      h.tcpPort = 51001;
      h.tlsPort = 51002;
    }
    if (!options.onion) {
      // Peers are advertised by their loopback address, so the wallet reaches them.
      h.ipv4 = h.loopback;
      h.ipv6 = null;
      h.hostname = h.loopback;
    }
    const role: ServerRole = i === 0 ? "main" : i === hosts.length - 1 ? "rejected" : "peer";
    if (role === "rejected") h.settings = { removedMethods: ["blockchain.estimatefee"] };
    roles.set(h.id, role);
  });
  hosts[0].peers = hosts.slice(1).map((h) => h.id);
  return { hosts, roles };
}

/** Options of {@linkcode runScenario}. */
export interface RunOptions {
  /** Keep the wallet connected this long after it is synchronized, ms (periodic traffic).
   * Default: 8,000. */
  holdMs?: number;
  /** Give up after this long, ms. Default: 150,000. */
  timeoutMs?: number;
}

/**
 * Run one scenario against a fresh experiment lab and return what the servers saw.
 *
 * @throws {Error} With the daemon's last output when the wallet does not sync in time.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions = {},
): Promise<WalletTranscript> {
  const tor = scenario.transport === "tor";
  const deadline = Date.now() + (options.timeoutMs ?? 150_000);
  const { lab, hosts, roles } = await startExperimentLab(tor, deadline);
  const daemon = await ElectrumDaemon.prepare(freeRpcBase(1));
  const marks: TranscriptMark[] = [];
  try {
    const version = (await electrumOffline(daemon.dir, ["version"])).stdout.split("\n").at(-1)!;
    const paths: string[] = [];
    for (const w of scenario.wallets) paths.push(await daemon.restore(w.name, SECRETS[w.kind]));
    await daemon.start(
      tor
        ? { proxy: `${lab.socks.ip}:${lab.socks.port}`, server: `${hosts[0].onion}:50002:s` }
        : {},
    );
    const rel = () => Date.now() - daemon.startedAt;
    for (const p of paths) await daemon.loadAndSync(p, deadline);
    marks.push({ name: "synchronized", tMs: rel() });
    const wallets: TranscriptWallet[] = [];
    for (const [i, w] of scenario.wallets.entries()) {
      wallets.push({ ...w, addresses: await walletAddresses(daemon, paths[i], lab) });
    }
    if (scenario.broadcast) {
      await sleep(2_000);
      const tx = await daemon.rpc("payto", {
        destination: TEST_WALLET_FIRST_ADDRESS,
        amount: "0.001",
        feerate: 2,
        wallet: paths[0],
      }) as string;
      marks.push({ name: "broadcast", tMs: rel() });
      // The lab refuses every broadcast: the wallet reports the server's error.
      await daemon.rpc("broadcast", { tx }).catch(() => null);
    }
    await sleep(options.holdMs ?? 8_000);
    if (scenario.failover) {
      const main = hosts[0];
      lab.crash(main.id);
      marks.push({ name: "main-killed", tMs: rel() });
      const all = new Set(wallets.flatMap((w) => w.addresses.map((a) => a.scripthash)));
      await until("another server to receive the whole wallet", deadline, () => {
        const bySrv = new Map<string, Set<string>>();
        for (const e of lab.requests) {
          if (e.host === main.id || e.method !== "blockchain.scripthash.subscribe") continue;
          const s = bySrv.get(e.host) ?? new Set<string>();
          s.add((e.params as string[])[0]);
          bySrv.set(e.host, s);
        }
        return Promise.resolve(
          [...bySrv.values()].some((s) => s.size >= all.size) ? true : undefined,
        );
      }, 250);
      marks.push({ name: "resynchronized", tMs: rel() });
      await sleep(3_000);
    }
    marks.push({ name: "stopped", tMs: rel() });
    return transcript(scenario, version, lab, daemon.startedAt, roles, wallets, marks);
  } catch (err) {
    throw new Error(
      `${scenario.name}: ${err instanceof Error ? err.message : err}\n--- daemon output ---\n${
        daemon.logs.join("").slice(-3000)
      }`,
    );
  } finally {
    await daemon.close();
    await lab.stop();
  }
}

/**
 * Start the experiment lab where the wallet looks for it. A lab whose address is taken moves to
 * another loopback block (`lib/lab/runtime/listen_all.ts`), but regtest Electrum's hard-coded
 * server is 127.0.0.1:51002 and the peers are advertised by their address: a moved lab is one
 * the wallet never reaches, and it waits for "synchronized" until the deadline with no output.
 * Ports 51001/51002 and 50001/50002 lie in the kernel's ephemeral range, so any socket of the
 * machine can hold one for a while. A moved lab is stopped and started again every 500 ms until
 * its addresses are free, or the deadline. Over Tor every server is an onion reached by name
 * through the lab's gateway, so a moved lab is fine there.
 *
 * @throws {Error} Naming the addresses when they stay taken until the deadline.
 */
async function startExperimentLab(
  tor: boolean,
  deadline: number,
): Promise<{ lab: Lab; hosts: LabHost[]; roles: Map<string, ServerRole> }> {
  for (;;) {
    const { hosts, roles } = experimentHosts({ onion: tor });
    const wanted = hosts.map((h) => `${h.loopback}:${h.tcpPort}/${h.tlsPort}`);
    const lab = await startLab({
      hosts,
      seed: "privacy",
      latency: 0,
      tipIntervalMs: 0,
      torExitAddress: TOR_EXIT_ADDRESS,
    });
    if (tor || hosts.every((h) => h.loopback === h.ipv4)) return { lab, hosts, roles };
    await lab.stop();
    if (Date.now() >= deadline) {
      throw new Error(
        `the experiment lab's addresses stayed taken (${wanted.join(", ")}; regtest Electrum ` +
          "looks for its server at 127.0.0.1:51002): the lab could only start elsewhere",
      );
    }
    await sleep(500);
  }
}

async function walletAddresses(daemon: ElectrumDaemon, wallet: string, lab: Lab) {
  const view = lab.chain.view(0);
  const tip = view.tip().height;
  const all = await daemon.rpc("listaddresses", { wallet }) as string[];
  const change = new Set(await daemon.rpc("listaddresses", { wallet, change: true }) as string[]);
  const unused = new Set(await daemon.rpc("listaddresses", { wallet, unused: true }) as string[]);
  return all.map((address): TranscriptAddress => {
    const scripthash = addressToScripthash(address);
    const history = [...view.history(scripthash), ...view.mempool(scripthash)];
    return {
      address,
      scripthash,
      change: change.has(address),
      used: !unused.has(address),
      confirmations: history.length
        ? Math.max(...history.map((e) => (e.height > 0 ? tip - e.height + 1 : 0)))
        : null,
    };
  });
}

function transcript(
  scenario: Scenario,
  electrumVersion: string,
  lab: Lab,
  startedAt: number,
  roles: Map<string, ServerRole>,
  wallets: TranscriptWallet[],
  marks: TranscriptMark[],
): WalletTranscript {
  const servers: TranscriptServer[] = lab.hosts.map((h) => ({
    id: h.id,
    role: roles.get(h.id)!,
    address: h.onion ?? h.loopback,
    tlsPort: h.tlsPort!,
    personality: h.personality,
  }));
  const events = lab.requests.filter((e) => e.t >= startedAt).map((e) => ({
    tMs: e.t - startedAt,
    server: e.host,
    client: e.client,
    conn: e.conn,
    method: e.method,
    params: e.params,
  }));
  return {
    scenario: scenario.name,
    summary: scenario.summary,
    electrumVersion,
    transport: scenario.transport,
    servers,
    wallets,
    events,
    marks,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
