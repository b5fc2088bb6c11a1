/**
 * Drive Debian's Electrum (4.3.4, `/usr/bin/electrum`, regtest) as a daemon: restore wallets
 * offline, start the daemon in its default network mode (no `--server`, no `--oneserver`: it
 * picks the regtest hard-coded server and opens up to 10 connections), and talk to its JSON-RPC
 * port. Used by the wallet integration tests and the privacy experiment; runs only inside the
 * test runner's private network namespace (loopback only).
 *
 * @module
 */

/** The wallet's entry point and interpreter (Debian packages). */
export const ELECTRUM = "/usr/bin/electrum";
export const PYTHON = "/usr/bin/python3";

/**
 * Fail (never skip) when Debian's Electrum is missing: `deno task setup` (or the test runner as
 * root) installs the `electrum` package.
 *
 * @param files The files that must exist. Default: Electrum's script and Debian's Python.
 * @throws {Error} Naming the missing file and how to install it.
 */
export function requireElectrum(files: readonly string[] = [ELECTRUM, PYTHON]): void {
  for (const f of files) {
    let ok = false;
    try {
      ok = Deno.statSync(f).isFile;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw new Error(
        `${f} is missing: the wallet tests need Debian's electrum package ` +
          "(apt-get install -y --no-install-recommends electrum, or deno task setup as root)",
      );
    }
  }
}

/** Output of one Electrum command. */
export interface ElectrumRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run one offline Electrum command in data directory `dir`. */
export async function electrumOffline(
  dir: string,
  args: string[],
  timeoutMs = 30_000,
): Promise<ElectrumRun> {
  const out = await new Deno.Command(PYTHON, {
    args: [ELECTRUM, "--regtest", "-D", dir, "--offline", ...args],
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

/** Poll `f` until it gives a value, or throw after `deadline` (epoch ms). */
export async function until<T>(
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

/** A base port such that `count` consecutive ports below the ephemeral range are free now. */
export function freeRpcBase(count: number): number {
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

/** Options of {@linkcode ElectrumDaemon.start}. */
export interface DaemonOptions {
  /** SOCKS5 proxy (the lab's Tor gateway) as `host:port`. Default: none (direct). */
  proxy?: string;
  /** Main server written to the config (`host:port:s`), with auto-connect left on (unlike the
   * `--server` flag, which turns it off). Default: none (the hard-coded list). */
  server?: string;
  /** Extra daemon arguments (e.g. `["--oneserver", "--server", "h:p:s"]`). Default: none. */
  args?: string[];
}

/** A running Electrum daemon with its own data directory and RPC port. */
export class ElectrumDaemon {
  readonly dir: string;
  readonly port: number;
  #client = Deno.createHttpClient({});
  #child: Deno.ChildProcess | null = null;
  #drained: Promise<unknown> = Promise.resolve();
  /** The daemon's output so far (for failure messages). */
  readonly logs: string[] = [];
  /** When the daemon was spawned (epoch ms). */
  startedAt = 0;

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
  }

  /** A data directory with the RPC settings written, ready for offline restores. */
  static async prepare(port: number): Promise<ElectrumDaemon> {
    const dir = await Deno.makeTempDir({ prefix: "wallet-privacy-" });
    await Deno.mkdir(`${dir}/regtest/wallets`, { recursive: true });
    return new ElectrumDaemon(dir, port);
  }

  /** Path of wallet `name` in this data directory. */
  walletPath(name: string): string {
    return `${this.dir}/regtest/wallets/${name}`;
  }

  /** Restore a wallet offline from a seed, an xprv or an xpub. */
  async restore(name: string, secret: string): Promise<string> {
    const path = this.walletPath(name);
    const r = await electrumOffline(this.dir, ["restore", secret, "-w", path]);
    if (r.code !== 0) throw new Error(`restore ${name}: ${r.stderr}`);
    return path;
  }

  /** Start the daemon (default network mode unless `args` say otherwise). */
  async start(options: DaemonOptions = {}): Promise<void> {
    const configPath = `${this.dir}/regtest/config`;
    const config = await Deno.readTextFile(configPath).then(JSON.parse, () => ({}));
    await Deno.writeTextFile(
      configPath,
      JSON.stringify({
        ...config,
        rpcport: this.port,
        rpcuser: "lab",
        rpcpassword: "lab",
        ...(options.proxy ? { proxy: `socks5:${options.proxy}::` } : {}),
        ...(options.server ? { server: options.server, auto_connect: true } : {}),
      }),
    );
    this.startedAt = Date.now();
    this.#child = new Deno.Command(PYTHON, {
      args: [ELECTRUM, "--regtest", "-D", this.dir, "daemon", ...(options.args ?? [])],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      env: { HOME: this.dir },
    }).spawn();
    const drain = async (s: ReadableStream<Uint8Array>) => {
      const dec = new TextDecoder();
      for await (const c of s) this.logs.push(dec.decode(c, { stream: true }));
    };
    this.#drained = Promise.all([drain(this.#child.stdout), drain(this.#child.stderr)]);
    await until(
      "the daemon's RPC port",
      Date.now() + 40_000,
      async () => (await this.rpc("ping")) === true || undefined,
      200,
    );
  }

  /** Call the daemon's JSON-RPC interface. */
  async rpc(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const init: RequestInit & { client: Deno.HttpClient } = {
      method: "POST",
      client: this.#client,
      headers: { authorization: `Basic ${btoa("lab:lab")}`, "content-type": "application/json" },
      body: JSON.stringify({ id: 1, method, params }),
      signal: AbortSignal.timeout(15_000),
    };
    const r = await fetch(`http://127.0.0.1:${this.port}/`, init);
    const body = await r.text();
    if (!r.ok) throw new Error(`${method}: HTTP ${r.status} ${body.slice(0, 200)}`);
    const j = JSON.parse(body);
    if (j.error) throw new Error(`${method}: ${j.error.message}`);
    return j.result;
  }

  /** Load a wallet and wait until it is synchronized (deadline in epoch ms). */
  async loadAndSync(path: string, deadline: number): Promise<void> {
    await until(
      "load_wallet",
      deadline,
      async () => (await this.rpc("load_wallet", { wallet_path: path })) !== undefined || undefined,
    );
    await until(
      "is_synchronized",
      deadline,
      async () => (await this.rpc("is_synchronized", { wallet: path })) === true || undefined,
      200,
    );
    // `is_synchronized` turns true as soon as the servers' histories are in, but Electrum rolls
    // its address gap forward only for addresses used by SPV-verified transactions at least
    // 3 deep (wallet.py synchronize_sequence, address_is_old), and verification runs on its own:
    // under load the wallet says synchronized before it has derived (and subscribed) the
    // addresses after its used ones. Wait for the wallet's own completion rule instead.
    await until(
      "the address gap filled past every used address",
      deadline,
      async () => (await this.#gapFilled(path)) || undefined,
      200,
    );
  }

  /**
   * Whether the wallet is synchronized by Electrum's own rule: `is_synchronized`, every mined
   * transaction SPV-verified, none of the last 20 receiving and last 10 change addresses (its
   * gap limits) paid by a transaction 3 or more confirmations deep, and no address derived
   * meanwhile (the address count and `is_synchronized` are read again afterwards).
   */
  async #gapFilled(path: string): Promise<boolean> {
    const list = async (o: Record<string, boolean>) =>
      await this.rpc("listaddresses", { wallet: path, ...o }) as string[];
    if ((await this.rpc("is_synchronized", { wallet: path })) !== true) return false;
    const receiving = await list({ receiving: true });
    const change = await list({ change: true });
    const history = await this.rpc("onchain_history", { wallet: path, show_addresses: true }) as {
      transactions: { height: number; confirmations: number; outputs?: { address: string }[] }[];
    };
    const txs = history.transactions;
    if (txs.some((t) => t.height > 0 && !(t.confirmations > 0))) return false; // not verified yet
    const old = new Set(
      txs.filter((t) => t.confirmations >= 3).flatMap((t) =>
        (t.outputs ?? []).map((o) => o.address)
      ),
    );
    if (receiving.slice(-20).some((a) => old.has(a)) || change.slice(-10).some((a) => old.has(a))) {
      return false;
    }
    return (await this.rpc("is_synchronized", { wallet: path })) === true &&
      (await list({})).length === receiving.length + change.length;
  }

  /** Stop the daemon (RPC `stop`, then SIGKILL after 5 s) and remove its directory. */
  async close(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child) {
      await this.rpc("stop").catch(() => null);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const status = await Promise.race([
        child.status,
        new Promise<null>((r) => timer = setTimeout(() => r(null), 5_000)),
      ]);
      clearTimeout(timer);
      if (status === null) {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }
      await child.status;
      await this.#drained;
    }
    this.#client.close();
    await Deno.remove(this.dir, { recursive: true }).catch(() => {});
  }
}
