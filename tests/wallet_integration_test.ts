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
import { requireElectrum } from "./helpers/electrum_daemon.ts";

const ELECTRUM = "/usr/bin/electrum";
const PYTHON = "/usr/bin/python3";

/**
 * Three honest hosts: ElectrumX 1.20.0 (version-first, padded) and Fulcrum 2.1.1 (CRLF) over TCP,
 * and ElectrumX 1.19.0 over TLS with a self-signed certificate (the wallet pins it on first use).
 */
const CASES = [
  { personality: "electrumx-1.20.0", transport: "t" },
  { personality: "fulcrum-2.1.1", transport: "t" },
  { personality: "electrumx-1.19.0", transport: "s" },
] as const;

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

/** Call the daemon's JSON-RPC interface (HTTP on loopback, basic auth from the config we wrote). */
async function rpc(
  client: Deno.HttpClient,
  port: number,
  method: string,
  params: Record<string, unknown> = {},
): Promise<unknown> {
  const init: RequestInit & { client: Deno.HttpClient } = {
    method: "POST",
    client,
    headers: { authorization: `Basic ${btoa("lab:lab")}`, "content-type": "application/json" },
    body: JSON.stringify({ id: 1, method, params }),
    signal: AbortSignal.timeout(10_000),
  };
  const r = await fetch(`http://127.0.0.1:${port}/`, init);
  const body = await r.text();
  if (!r.ok) throw new Error(`${method}: HTTP ${r.status} ${body.slice(0, 200)}`);
  const j = JSON.parse(body);
  if (j.error) throw new Error(`${method}: ${j.error.message}`);
  return j.result;
}

interface WalletRun {
  balance: Record<string, string>;
  history: { txid: string; height: number; confirmations: number }[];
}

/**
 * Restore the test wallet offline, start a daemon on one lab server, and read it through the
 * daemon's JSON-RPC port (one Python process per wallet instead of one per command: fast and
 * steady under load). Always stops the daemon, killing it if it does not stop.
 */
/** A base port such that `count` consecutive ports below the ephemeral range are free now. */
function freeRpcBase(count: number): number {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - count));
    const held: Deno.Listener[] = [];
    try {
      for (let i = 0; i < count; i++) {
        held.push(Deno.listen({ hostname: "127.0.0.1", port: base + i }));
      }
      return base;
    } catch {
      // taken: try another base
    } finally {
      for (const l of held) l.close();
    }
  }
  throw new Error("no free run of RPC ports below the ephemeral range");
}

async function syncWallet(server: string, port: number): Promise<WalletRun> {
  const dir = await Deno.makeTempDir({ prefix: "wallet-it-" });
  const wallet = `${dir}/regtest/wallets/w`;
  const client = Deno.createHttpClient({});
  let daemon: Deno.ChildProcess | null = null;
  const logs: string[] = [];
  try {
    await Deno.mkdir(`${dir}/regtest/wallets`, { recursive: true });
    const restored = await electrum(dir, ["--offline", "restore", TEST_WALLET_VPUB, "-w", wallet]);
    assertEquals(restored.code, 0, `restore: ${restored.stderr}`);
    const configPath = `${dir}/regtest/config`;
    const config = await Deno.readTextFile(configPath).then(JSON.parse, () => ({}));
    await Deno.writeTextFile(
      configPath,
      JSON.stringify({ ...config, rpcport: port, rpcuser: "lab", rpcpassword: "lab" }),
    );
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
    const deadline = Date.now() + 50_000;
    await until(
      "the daemon's RPC port",
      deadline,
      async () => (await rpc(client, port, "ping")) === true || undefined,
      200,
    );
    await until(
      "load_wallet",
      deadline,
      async () =>
        (await rpc(client, port, "load_wallet", { wallet_path: wallet })) !== undefined ||
        undefined,
      300,
    );
    await until(
      "is_synchronized",
      deadline,
      async () => (await rpc(client, port, "is_synchronized", { wallet })) === true || undefined,
      200,
    );
    // Synchronized means histories and transactions are in; SPV verification follows right after.
    const history = await until(
      "every confirmed transaction to be verified",
      deadline,
      async () => {
        const h = await rpc(client, port, "onchain_history", { wallet }) as {
          transactions: WalletRun["history"];
        };
        return h.transactions.every((t) => t.height <= 0 || t.confirmations > 0)
          ? h.transactions
          : undefined;
      },
      200,
    );
    const balance = await rpc(client, port, "getbalance", { wallet }) as Record<string, string>;
    await rpc(client, port, "stop").catch(() => null);
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
    return { balance, history };
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
    client.close();
    await Deno.remove(dir, { recursive: true });
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
