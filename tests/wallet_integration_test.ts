/**
 * End-to-end: Debian's Electrum wallet (4.3.4, `/usr/bin/electrum`, regtest) accepts the lab. For an
 * ElectrumX-like and a Fulcrum-like lab server it restores the documented test wallet (watch-only,
 * from its vpub), syncs with `--oneserver` on a lab loopback address (over TCP, and over TLS with
 * a self-signed certificate the wallet pins), reads it through the daemon's JSON-RPC, verifies every
 * confirmed transaction's merkle proof (SPV), and reports the balance `lib/lab/chain` expects. The lab's
 * request log must show the wallet's scripthash subscriptions.
 *
 * Runs inside the test runner's private network namespace (loopback only), so the wallet cannot
 * reach anything else. Fails (never skips) where Electrum is not installed. The daemon is always stopped and,
 * failing that, killed.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { fixtureHosts } from "../lib/lab/fixture_hosts.ts";
import { startLab } from "../lib/lab/lab.ts";
import { expectedWalletBalance } from "../lib/lab/chain/expected_balance.ts";
import { TEST_WALLET_VPUB, testWallet } from "../lib/lab/chain/test_wallet.ts";
import { ElectrumDaemon, freeRpcBase, requireElectrum } from "./helpers/electrum_daemon.ts";

/**
 * Three honest hosts: ElectrumX 1.20.0 (version-first, padded) and Fulcrum 2.1.1 (CRLF) over TCP,
 * and ElectrumX 1.19.0 over TLS with a self-signed certificate (the wallet pins it on first use).
 */
const CASES = [
  { personality: "electrumx-1.20.0", transport: "t" },
  { personality: "fulcrum-2.1.1", transport: "t" },
  { personality: "electrumx-1.19.0", transport: "s" },
] as const;

interface WalletRun {
  balance: Record<string, string>;
  history: { txid: string; height: number; confirmations: number }[];
}

/**
 * Restore the test wallet offline, start a daemon on one lab server (`--oneserver`), and read it
 * through the daemon's JSON-RPC port (one Python process per wallet instead of one per command:
 * fast and steady under load). Always stops the daemon, killing it if it does not stop.
 */
async function syncWallet(server: string, port: number): Promise<WalletRun> {
  const daemon = await ElectrumDaemon.prepare(port);
  try {
    const wallet = await daemon.restore("w", TEST_WALLET_VPUB);
    await daemon.start({ args: ["--oneserver", "--server", server] });
    const deadline = daemon.startedAt + 50_000;
    await daemon.loadAndSync(wallet, deadline);
    // loadAndSync waits for every mined transaction to be SPV-verified (Electrum's own rule).
    const { transactions: history } = await daemon.rpc("onchain_history", { wallet }) as {
      transactions: WalletRun["history"];
    };
    const balance = await daemon.rpc("getbalance", { wallet }) as Record<string, string>;
    return { balance, history };
  } catch (err) {
    throw new Error(
      `${err instanceof Error ? err.message : err}\n--- daemon output ---\n${
        daemon.logs.join("").slice(-4000)
      }`,
    );
  } finally {
    await daemon.close();
  }
}

Deno.test({
  name:
    "Electrum 4.3.4 restores, syncs, SPV-verifies and shows the expected balance against ElectrumX-like and Fulcrum-like lab servers (TCP, and TLS with a pinned self-signed certificate)",
  async fn() {
    requireElectrum();
    const hosts = fixtureHosts(CASES.map((c) => c.personality), { tls: true, seed: "wallet" });
    const lab = await startLab({ hosts, seed: "wallet", latency: 0, tipIntervalMs: 0 });
    try {
      const expected = expectedWalletBalance(lab.chain.chain);
      const wanted = new Set(Array.from({ length: 20 }, (_, i) => testWallet().scripthash(0, i)));
      // Distinct daemon RPC ports (loopback, inside the test namespace), below the kernel's
      // ephemeral range (32768-60999) so that no lab listener or outgoing socket, which take
      // ephemeral ports, can hold one first; each checked free before use.
      const rpcBase = freeRpcBase(hosts.length);
      const results = await Promise.all(
        hosts.map((h, i) =>
          syncWallet(
            `${h.loopback}:${CASES[i].transport === "t" ? h.tcpPort : h.tlsPort}:${
              CASES[i].transport
            }`,
            rpcBase + i,
          )
        ),
      );
      for (const [i, h] of hosts.entries()) {
        const { balance, history } = results[i];
        assertEquals(balance, expected.getbalance, `${h.personality}`);
        assertEquals(history.length, expected.transactions, `${h.personality} transactions`);
        const subs = lab.requests.filter((e) =>
          e.host === h.id && e.method === "blockchain.scripthash.subscribe"
        );
        const seen = new Set(subs.map((e) => (e.params as string[])[0]));
        for (const sh of wanted) {
          assert(seen.has(sh), `${h.personality}: no subscription to ${sh} in the request log`);
        }
        assert(subs.every((e) => Number.isFinite(e.t) && e.t > 0), "log entries carry timestamps");
        const merkle = lab.requests.filter((e) =>
          e.host === h.id && e.method === "blockchain.transaction.get_merkle"
        );
        const confirmed = history.filter((t) => t.height > 0).length;
        assert(
          merkle.length >= confirmed,
          `${h.personality}: ${merkle.length} merkle requests for ${confirmed} confirmed transactions`,
        );
      }
    } finally {
      await lab.stop();
    }
  },
});
