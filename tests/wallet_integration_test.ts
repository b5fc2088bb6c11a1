/**
 * End-to-end: Debian's Electrum wallet (4.3.4, `/usr/bin/electrum`, regtest) accepts the lab. For an
 * ElectrumX-like and a Fulcrum-like lab server it restores the documented test wallet (watch-only,
 * from its vpub), syncs over TCP on a lab loopback address with `--oneserver`, verifies every
 * confirmed transaction's merkle proof (SPV), and reports the balance `lib/chain` expects. The lab's
 * request log must show the wallet's scripthash subscriptions.
 *
 * Runs inside the test runner's private network namespace (loopback only), so the wallet cannot
 * reach anything else. Skipped where Electrum is not installed. The daemon is always stopped and,
 * failing that, killed.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { buildPopulation, type LabHost } from "../lib/lab/population.ts";
import { segmentAddressPicker } from "../lib/lab/addresses.ts";
import { startLab } from "../lib/lab/lab.ts";
import { expectedWalletBalance } from "../lib/chain/expected_balance.ts";
import { TEST_WALLET_VPUB, testWallet } from "../lib/chain/test_wallet.ts";

const ELECTRUM = "/usr/bin/electrum";
const PYTHON = "/usr/bin/python3";
const installed = (() => {
  try {
    return Deno.statSync(ELECTRUM).isFile && Deno.statSync(PYTHON).isFile;
  } catch {
    return false;
  }
})();

/** Two honest TCP hosts: one ElectrumX 1.20.0 (version-first, padded) and one Fulcrum 2.1.1 (CRLF). */
function walletHosts(): LabHost[] {
  const base = buildPopulation({
    clearnet: 10,
    onion: 0,
    seed: "wallet",
    adversaries: false,
    pickAddress: segmentAddressPicker,
  });
  return [["electrumx-1.20.0", 0], ["fulcrum-2.1.1", 1]].map(([id, i]) => ({
    ...base[i as number],
    personality: id as string,
    claims: null,
    tcpPort: 50001,
    tlsPort: null,
    cert: null,
    lag: 0,
    peers: [],
    bogusPeers: [],
  }));
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function electrum(dir: string, args: string[], timeoutMs = 20_000): Promise<Run> {
  const out = await new Deno.Command(PYTHON, {
    args: [ELECTRUM, "--regtest", "-D", dir, ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    env: { HOME: dir },
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const dec = new TextDecoder();
  return {
    code: out.code,
    stdout: dec.decode(out.stdout).trim(),
    stderr: dec.decode(out.stderr).trim(),
  };
}

async function until<T>(
  what: string,
  deadline: number,
  f: () => Promise<T | undefined>,
  everyMs = 300,
): Promise<T> {
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await f();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ""}`);
}

/** Restore, sync and read the wallet against one lab server; always stops the daemon. */
async function syncWallet(
  server: string,
): Promise<
  {
    balance: Record<string, string>;
    history: { txid: string; height: number; confirmations: number }[];
    log: string;
  }
> {
  const dir = await Deno.makeTempDir({ prefix: "wallet-it-" });
  const wallet = `${dir}/regtest/wallets/w`;
  let daemon: Deno.ChildProcess | null = null;
  const logs: string[] = [];
  try {
    await Deno.mkdir(`${dir}/regtest/wallets`, { recursive: true });
    const restored = await electrum(dir, ["--offline", "restore", TEST_WALLET_VPUB, "-w", wallet]);
    assertEquals(restored.code, 0, `restore: ${restored.stderr}`);
    daemon = new Deno.Command(PYTHON, {
      args: [ELECTRUM, "--regtest", "-D", dir, "daemon", "--oneserver", "--server", server],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { HOME: dir },
    }).spawn();
    const drain = async (s: ReadableStream<Uint8Array>) => {
      const dec = new TextDecoder();
      for await (const c of s) logs.push(dec.decode(c, { stream: true }));
    };
    const drained = Promise.all([drain(daemon.stdout), drain(daemon.stderr)]);
    const deadline = Date.now() + 40_000;
    await until("the daemon to load the wallet", deadline, async () => {
      const r = await electrum(dir, ["load_wallet", "-w", wallet], 10_000);
      return r.code === 0 ? true : undefined;
    }, 200);
    await until("is_synchronized", deadline, async () => {
      const r = await electrum(dir, ["is_synchronized", "-w", wallet], 10_000);
      return r.code === 0 && r.stdout === "true" ? true : undefined;
    }, 200);
    // Synchronized means histories and transactions are in; SPV verification follows right after.
    const history = await until(
      "every confirmed transaction to be verified",
      deadline,
      async () => {
        const r = await electrum(dir, ["onchain_history", "-w", wallet], 10_000);
        if (r.code !== 0) return undefined;
        const txs = JSON.parse(r.stdout).transactions as {
          txid: string;
          height: number;
          confirmations: number;
        }[];
        return txs.every((t) => t.height <= 0 || t.confirmations > 0) ? txs : undefined;
      },
      300,
    );
    const b = await electrum(dir, ["getbalance", "-w", wallet], 10_000);
    assertEquals(b.code, 0, `getbalance: ${b.stderr}`);
    await electrum(dir, ["stop"], 10_000).catch(() => null);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const status = await Promise.race([
      daemon.status,
      new Promise<null>((r) => timer = setTimeout(() => r(null), 5_000)),
    ]);
    clearTimeout(timer);
    if (status === null) daemon.kill("SIGKILL");
    await daemon.status;
    await drained;
    daemon = null;
    return { balance: JSON.parse(b.stdout), history, log: logs.join("") };
  } catch (err) {
    throw new Error(
      `${err instanceof Error ? err.message : err}\n--- daemon output ---\n${
        logs.join("").slice(-4000)
      }`,
    );
  } finally {
    if (daemon) {
      try {
        daemon.kill("SIGKILL");
      } catch { /* already gone */ }
      await daemon.status;
      await daemon.stdout.cancel().catch(() => {});
      await daemon.stderr.cancel().catch(() => {});
    }
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "Electrum 4.3.4 restores, syncs, SPV-verifies and shows the expected balance against ElectrumX-like and Fulcrum-like lab servers",
  ignore: !installed,
  async fn() {
    const hosts = walletHosts();
    const lab = await startLab({ hosts, seed: "wallet", latency: 0, tipIntervalMs: 0 });
    try {
      const expected = expectedWalletBalance(lab.chain.chain);
      const wanted = new Set(Array.from({ length: 20 }, (_, i) => testWallet().scripthash(0, i)));
      const results = await Promise.all(
        hosts.map((h) => syncWallet(`${h.loopback}:${h.tcpPort}:t`)),
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
