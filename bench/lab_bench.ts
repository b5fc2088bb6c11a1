/**
 * Benchmark of the lab (issue 3: a 1,000-server lab starts and answers in <= 5 s on the 2-core
 * machine and stays under 500 MB resident; a 5,000-server lab starts).
 *
 * Each run starts the lab in a fresh child process (so resident memory does not mix; the lab
 * then has its own core, as it would beside a crawler) and:
 * 1. the child starts a lab of N servers in total (clearnet + onion; latency model off, tip
 *    fixed), timing `startLab` (population, chain, listeners, SOCKS gateway);
 * 2. this process asks every server for `server.version` once, 200 connections at a time, over
 *    TCP where the server offers it and otherwise over TLS (which makes that host's certificate on
 *    first use), dialling each host's loopback address directly; ElectrumX 1.18 holds its first
 *    reply up to 1 s, as the real one does, so this phase takes at least about 1 s;
 * 3. the child reports its resident memory (RSS) and open file descriptors after answering.
 * Printed: each run, then the medians; "start+answer" is the "starts and answers".
 *
 * Usage: `deno run -A bench/lab_bench.ts [--runs N] [--sizes 1000,5000]`
 * (default 5 runs of 1,000 and 3 runs of 5,000).
 *
 * @module
 */
import tls from "node:tls";
import { startLab } from "../lib/lab/lab.ts";
import type { LabHost } from "../lib/lab/population.ts";
import { DEFAULT_CLEARNET, DEFAULT_ONION } from "../lib/lab/population/scenarios.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";

/** Median of a run's timings (NaN for none; the one definition is lib/analysis/median.ts). */
const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

interface RunResult {
  total: number;
  startMs: number;
  answerMs: number;
  answered: number;
  rssMb: number;
  fds: number;
  listeners: number;
  /** CPU time (user + system) of the lab process, from its start to after answering, ms. */
  labCpuMs: number;
  /** CPU time of the asking client during the answer phase, ms. */
  clientCpuMs: number;
}

/** CPU time (user + system) this process has used, ms (Linux /proc). */
function cpuMs(): number {
  const f = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ");
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

/** What the lab process reports once it is up. */
interface LabUp {
  total: number;
  startMs: number;
  listeners: number;
  /** [loopback ip, port, over TLS, TLS server name]. */
  targets: [string, number, boolean, string | null][];
}

/** Clearnet size whose scaled onion count brings the total to `total` (at most `total`). */
function clearnetFor(total: number): number {
  let c = Math.round((total * DEFAULT_CLEARNET) / (DEFAULT_CLEARNET + DEFAULT_ONION));
  while (c + Math.round((c * DEFAULT_ONION) / DEFAULT_CLEARNET) > total) c--;
  return c;
}

const REQUEST = new TextEncoder().encode(
  '{"jsonrpc":"2.0","method":"server.version","params":["lab-bench","1.4"],"id":1}\n',
);

async function askTcp(ip: string, port: number): Promise<boolean> {
  const conn = await Deno.connect({ hostname: ip, port });
  try {
    await conn.write(REQUEST);
    const buf = new Uint8Array(4096);
    let text = "";
    while (!text.includes("\n")) {
      const n = await conn.read(buf);
      if (n === null) break;
      text += new TextDecoder().decode(buf.subarray(0, n));
    }
    return text.includes('"result"');
  } finally {
    conn.close();
  }
}

function askTls(ip: string, port: number, servername: string | null): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tls.connect(
      { host: ip, port, rejectUnauthorized: false, servername: servername ?? undefined },
      () => s.write(REQUEST),
    );
    let text = "";
    s.on("data", (d: Uint8Array) => {
      text += new TextDecoder().decode(d);
      if (text.includes("\n")) s.destroy();
    });
    s.on("close", () => resolve(text.includes('"result"')));
    s.on("error", () => s.destroy());
  });
}

/** The lab process: start, report, answer until stdin says `rss` (report memory) or closes. */
async function labProcess(total: number) {
  const t0 = performance.now();
  const lab = await startLab({
    size: clearnetFor(total),
    seed: "bench",
    latency: 0,
    tipIntervalMs: 0,
    maxLogEntries: 10_000,
  });
  const up: LabUp = {
    total: lab.hosts.length,
    startMs: performance.now() - t0,
    listeners: lab.hosts.reduce((n, h) => n + (h.tcpPort ? 1 : 0) + (h.tlsPort ? 1 : 0), 0),
    targets: lab.hosts.map((h: LabHost) =>
      h.tcpPort ? [h.loopback, h.tcpPort, false, null] : [h.loopback, h.tlsPort!, true, h.hostname]
    ),
  };
  console.log(JSON.stringify(up));
  const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
  for await (const chunk of lines) {
    if (chunk.includes("rss")) {
      const fds = [...Deno.readDirSync("/proc/self/fd")].length;
      console.log(JSON.stringify({ rssMb: Deno.memoryUsage().rss / 1e6, fds, cpuMs: cpuMs() }));
    }
  }
  await lab.stop();
}

/** One run: the lab in a child process, this process as the client (as a crawler would be). */
async function run(total: number): Promise<RunResult> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(import.meta.url).pathname, "--lab", String(total)],
    env: { OBS_FORBID_LIVE: "1", TZ: "UTC" },
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buf = "";
  const nextLine = async () => {
    while (!buf.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("lab process ended early");
      buf += value;
    }
    const i = buf.indexOf("\n");
    const line = buf.slice(0, i);
    buf = buf.slice(i + 1);
    return JSON.parse(line);
  };
  const up = await nextLine() as LabUp;
  const t1 = performance.now();
  const c1 = cpuMs();
  let answered = 0;
  const queue = [...up.targets];
  await Promise.all(Array.from({ length: 200 }, async () => {
    for (let t = queue.shift(); t; t = queue.shift()) {
      const [ip, port, overTls, name] = t;
      const ok = await (overTls ? askTls(ip, port, name) : askTcp(ip, port)).catch(() => false);
      if (ok) answered++;
    }
  }));
  const answerMs = performance.now() - t1;
  const clientCpuMs = cpuMs() - c1;
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("rss\n"));
  const mem = await nextLine() as { rssMb: number; fds: number; cpuMs: number };
  await writer.close();
  await child.status;
  reader.releaseLock();
  return {
    total: up.total,
    startMs: up.startMs,
    answerMs,
    answered,
    rssMb: mem.rssMb,
    fds: mem.fds,
    listeners: up.listeners,
    labCpuMs: mem.cpuMs,
    clientCpuMs,
  };
}

async function parent() {
  const arg = (name: string) => {
    const i = Deno.args.indexOf(name);
    return i >= 0 ? Deno.args[i + 1] : undefined;
  };
  const sizes = (arg("--sizes") ?? "1000,5000").split(",").map(Number);
  const runsArg = arg("--runs");
  console.log(
    `lab_bench: ${navigator.hardwareConcurrency} cores, fd limit ${
      new TextDecoder().decode(
        (await new Deno.Command("sh", { args: ["-c", "ulimit -n"], stdout: "piped" }).output())
          .stdout,
      ).trim()
    }`,
  );
  for (const size of sizes) {
    const runs = runsArg ? Number(runsArg) : size <= 1000 ? 5 : 3;
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await run(size);
      results.push(r);
      console.log(
        `  ${size}: run ${i + 1}: start ${r.startMs.toFixed(0)} ms, all answered ${
          r.answerMs.toFixed(0)
        } ms (${r.answered}/${r.total}), start+answer ${
          (r.startMs + r.answerMs).toFixed(0)
        } ms, RSS ${r.rssMb.toFixed(0)} MB, ${r.listeners} listeners, ${r.fds} fds open, CPU lab ${
          r.labCpuMs.toFixed(0)
        } ms + client ${r.clientCpuMs.toFixed(0)} ms, load ${Deno.loadavg()[0].toFixed(1)}`,
      );
    }
    const m = (f: (r: RunResult) => number) => median(results.map(f));
    console.log(
      `${size} servers, median of ${runs}: start ${
        m((r) => r.startMs).toFixed(0)
      } ms; every server answered server.version in ${
        m((r) => r.answerMs).toFixed(0)
      } ms; start+answer ${m((r) => r.startMs + r.answerMs).toFixed(0)} ms; RSS ${
        m((r) => r.rssMb).toFixed(0)
      } MB; ${m((r) => r.fds)} fds; CPU lab ${m((r) => r.labCpuMs).toFixed(0)} ms, client ${
        m((r) => r.clientCpuMs).toFixed(0)
      } ms`,
    );
  }
}

const li = Deno.args.indexOf("--lab");
if (li >= 0) await labProcess(Number(Deno.args[li + 1]));
else await parent();
