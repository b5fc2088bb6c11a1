/**
 * Collector benchmark (issue 4): the default lab (350 clearnet servers) and a 1,000-server lab
 * with simulated latency on. Per run: the lab in its own process (`_collect_lab.ts`), then the
 * collector in its own process (`_collect_run.ts crawl`): % of lab hosts discovered, wall time,
 * peak RSS of the crawl and of crawl + derivation; then certificate capture of the same lab's
 * TLS endpoints by the collector (`_collect_run.ts certs`) and by nmap
 * (`nmap -n -Pn -p PORTS --script +ssl-cert -iL targets`), both timed from outside their
 * process, side by side. Medians over `--runs` runs (default 3).
 *
 * Usage: deno run -A bench/collect_bench.ts [--runs 3] [--sizes 350,1000] [--latency 1] [--concurrency 256] [--timing off] [--no-nmap] [--v8-flags F|none]
 *
 * `--timing off` skips the timing phase after the crawl (the crawl alone is timed).
 * `--v8-flags` gives the collector's V8 flags (comma-separated, `none` for V8's defaults); by
 * default the benchmark runs the collector with the flags of the `collect` task in `deno.json`,
 * as `deno task collect` runs it.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { median as medianOrNull } from "../lib/analysis/median.ts";

/** Median of a run's timings (NaN for none; the one definition is lib/analysis/median.ts). */
const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    runs: { type: "string" },
    sizes: { type: "string" },
    latency: { type: "string" },
    concurrency: { type: "string" },
    "no-nmap": { type: "boolean" },
    timing: { type: "string" },
    "sslscan-parallel": { type: "string" },
    "v8-flags": { type: "string" },
  },
});
const runs = Number(values.runs ?? 3);
const sizes = (values.sizes ?? "350,1000").split(",").map(Number);
const latency = values.latency ?? "1";
const concurrency = values.concurrency ?? "256";
const timing = values.timing === "off" ? "off" : "on";
const sslscanParallel = Number(values["sslscan-parallel"] ?? 32);
// sslscan is not among the project's system packages: `apt-get install sslscan` to compare with it.
const hasSslscan = await new Deno.Command("sslscan", { args: ["--version"], stdout: "null" })
  .output().then((o) => o.success, () => false);
if (!values["no-nmap"] && !hasSslscan) console.error("sslscan not installed: its row is skipped");
const here = new URL("./", import.meta.url).pathname;
// The collector runs with the V8 flags its own entry (`deno task collect`) gives it.
const collectTask: string = JSON.parse(await Deno.readTextFile(`${here}../deno.json`)).tasks
  .collect.command;
const v8Flags = values["v8-flags"] ?? /--v8-flags=(\S+)/.exec(collectTask)?.[1] ?? "none";
const collectorFlags = v8Flags === "none" ? [] : [`--v8-flags=${v8Flags}`];
console.error(`collector V8 flags: ${v8Flags}`);

async function waitFor(path: string, ms = 60_000) {
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    try {
      await Deno.stat(path);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`lab did not start within ${ms} ms`);
}

async function timed(cmd: string, args: string[]): Promise<{ ms: number; stdout: string }> {
  const t0 = performance.now();
  const out = await new Deno.Command(cmd, {
    args,
    stdout: "piped",
    stderr: "inherit",
    env: { OBS_FORBID_LIVE: "1" },
  }).output();
  const ms = performance.now() - t0;
  if (!out.success) throw new Error(`${cmd} ${args.slice(0, 3).join(" ")} failed with ${out.code}`);
  return { ms, stdout: new TextDecoder().decode(out.stdout) };
}

interface Row {
  size: number;
  hosts: number;
  discoveredPct: number;
  crawlMs: number;
  /** Of which the timing phase after the crawl, ms. */
  timingMs: number | null;
  timingLagMaxMs: number | null;
  wallMs: number;
  crawlRssMb: number;
  crawlCpuMs: number;
  peakRssMb: number;
  tlsEndpoints: number;
  collectorCerts: number;
  collectorCertMs: number;
  nmapCerts: number | null;
  nmapMs: number | null;
  /** nmap with `-T4 --min-parallelism C --min-hostgroup C` (C = the collector's concurrency). */
  nmapT4Certs: number | null;
  nmapT4Ms: number | null;
  sslscanCerts: number | null;
  sslscanMs: number | null;
}

/** sslscan switched to certificate capture only (protocol versions are still tried: no switch). */
const SSLSCAN_CERT_ONLY = [
  "--no-colour",
  "--no-ciphersuites",
  "--no-cipher-details",
  "--no-compression",
  "--no-fallback",
  "--no-groups",
  "--no-heartbleed",
  "--no-renegotiation",
  "--show-certificate",
];

const rows: Row[] = [];
for (const size of sizes) {
  for (let run = 0; run < runs; run++) {
    const dir = await Deno.makeTempDir({ prefix: "collect-bench-" });
    const info = `${dir}/lab.json`;
    const lab = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        `${here}_collect_lab.ts`,
        String(size),
        "electrum-observatory",
        latency,
        info,
      ],
      stdout: "null",
      stderr: "inherit",
    }).spawn();
    try {
      await waitFor(info);
      const labInfo = JSON.parse(await Deno.readTextFile(info));
      const crawl = await timed(Deno.execPath(), [
        "run",
        "-A",
        ...collectorFlags,
        `${here}_collect_run.ts`,
        "crawl",
        info,
        `${dir}/scan`,
        concurrency,
        timing,
      ]);
      const c = JSON.parse(crawl.stdout.trim().split("\n").pop()!);
      const certs = await timed(Deno.execPath(), [
        "run",
        "-A",
        ...collectorFlags,
        `${here}_collect_run.ts`,
        "certs",
        info,
        `${dir}/certs`,
        concurrency,
      ]);
      const k = JSON.parse(certs.stdout.trim().split("\n").pop()!);
      let nmapCerts: number | null = null, nmapMs: number | null = null;
      let nmapT4Certs: number | null = null, nmapT4Ms: number | null = null;
      let sslscanCerts: number | null = null, sslscanMs: number | null = null;
      if (!values["no-nmap"]) {
        const targets = [...new Set(labInfo.tls.map((t: { loopback: string }) => t.loopback))];
        const ports = [...new Set(labInfo.tls.map((t: { port: number }) => t.port))].join(",");
        await Deno.writeTextFile(`${dir}/targets.txt`, targets.join("\n") + "\n");
        const nmapArgs = [
          "-n",
          "-Pn",
          "-p",
          ports,
          "--script",
          "+ssl-cert",
          "-iL",
          `${dir}/targets.txt`,
        ];
        // Default timing (as a user would first run it), then parallelism matched to the collector's.
        const n = await timed("nmap", nmapArgs);
        nmapCerts = (n.stdout.match(/\| ssl-cert: Subject/g) ?? []).length;
        nmapMs = n.ms;
        const n4 = await timed("nmap", [
          "-T4",
          "--min-parallelism",
          concurrency,
          "--min-hostgroup",
          concurrency,
          ...nmapArgs,
        ]);
        nmapT4Certs = (n4.stdout.match(/\| ssl-cert: Subject/g) ?? []).length;
        nmapT4Ms = n4.ms;
        // sslscan: one process per endpoint (it scans its targets one after another), a pool of
        // sslscanParallel at once, every check but the certificate's switched off.
        const endpoints = !hasSslscan
          ? []
          : labInfo.tls.map((t: { loopback: string; port: number }) => `${t.loopback}:${t.port}`);
        const t0 = performance.now();
        let next = 0, got = 0;
        await Promise.all(
          Array.from({ length: Math.min(sslscanParallel, endpoints.length) }, async () => {
            while (next < endpoints.length) {
              const target = endpoints[next++];
              const out = await new Deno.Command("sslscan", {
                args: [...SSLSCAN_CERT_ONLY, target],
                stdout: "piped",
                stderr: "null",
              }).output();
              if (/^Subject:/m.test(new TextDecoder().decode(out.stdout))) got++;
            }
          }),
        );
        if (hasSslscan) {
          sslscanMs = performance.now() - t0;
          sslscanCerts = got;
        }
      }
      const row: Row = {
        size,
        hosts: c.labHosts,
        discoveredPct: Math.round((c.labHostsDiscovered / c.labHosts) * 1000) / 10,
        crawlMs: c.crawlMs,
        timingMs: c.timingMs ?? null,
        timingLagMaxMs: c.timingLoopLagMaxMs ?? null,
        wallMs: Math.round(crawl.ms),
        crawlRssMb: Math.round(c.crawlPeakRssBytes / 2 ** 20),
        crawlCpuMs: c.crawlCpuMs,
        peakRssMb: Math.round(c.peakRssBytes / 2 ** 20),
        tlsEndpoints: k.tlsEndpoints,
        collectorCerts: k.certsCaptured,
        collectorCertMs: Math.round(certs.ms),
        nmapCerts,
        nmapMs: nmapMs === null ? null : Math.round(nmapMs),
        nmapT4Certs,
        nmapT4Ms: nmapT4Ms === null ? null : Math.round(nmapT4Ms),
        sslscanCerts,
        sslscanMs: sslscanMs === null ? null : Math.round(sslscanMs),
      };
      rows.push(row);
      console.log(JSON.stringify({ run, ...row }));
    } finally {
      lab.kill("SIGTERM");
      await lab.status;
      await Deno.remove(dir, { recursive: true });
    }
  }
}

console.log(
  `\nMedians of ${runs} run(s), latency scale ${latency}, concurrency ${concurrency}, ${
    (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ")
  } load at the end:\n`,
);
console.log(
  "| lab | hosts | discovered | crawl | of which timing phase (loop lag max) | crawl + derive (process) | collector CPU (crawl) | crawl peak RSS | peak RSS with derive | TLS endpoints | certs collector | certs nmap | collector cert time | nmap time | nmap / collector |",
);
console.log("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
for (const size of sizes) {
  const rs = rows.filter((r) => r.size === size);
  const m = (f: (r: Row) => number | null) => {
    const xs = rs.map(f).filter((x): x is number => x !== null);
    return xs.length ? median(xs) : null;
  };
  const ratio = m((r) => (r.nmapMs === null ? null : r.nmapMs / r.collectorCertMs));
  console.log(
    `| ${size} | ${m((r) => r.hosts)} | ${m((r) => r.discoveredPct)}% | ${
      (m((r) => r.crawlMs)! / 1000).toFixed(1)
    } s | ${
      m((r) => r.timingMs) === null
        ? "-"
        : (m((r) => r.timingMs)! / 1000).toFixed(1) + " s (" + m((r) => r.timingLagMaxMs) + " ms)"
    } | ${(m((r) => r.wallMs)! / 1000).toFixed(1)} s | ${
      (m((r) => r.crawlCpuMs)! / 1000).toFixed(1)
    } s | ${m((r) => r.crawlRssMb)} MB | ${m((r) => r.peakRssMb)} MB | ${
      m((r) => r.tlsEndpoints)
    } | ${m((r) => r.collectorCerts)} | ${m((r) => r.nmapCerts) ?? "-"} | ${
      (m((r) => r.collectorCertMs)! / 1000).toFixed(1)
    } s | ${m((r) => r.nmapMs) === null ? "-" : (m((r) => r.nmapMs)! / 1000).toFixed(1) + " s"} | ${
      ratio === null ? "-" : ratio.toFixed(1) + "x"
    } |`,
  );
}

if (!values["no-nmap"]) {
  console.log(
    `\nCertificate capture of the same lab's TLS endpoints, side by side (medians, range in brackets; sslscan ${sslscanParallel} processes at once):\n`,
  );
  console.log("| lab | tool | certificates | time | time / collector's |");
  console.log("|---|---|---|---|---|");
  for (const size of sizes) {
    const rs = rows.filter((r) => r.size === size);
    const tools: [string, (r: Row) => number | null, (r: Row) => number | null][] = [
      [`collector (concurrency ${concurrency})`, (r) => r.collectorCertMs, (r) => r.collectorCerts],
      ["nmap ssl-cert, default timing", (r) => r.nmapMs, (r) => r.nmapCerts],
      [
        `nmap ssl-cert, -T4 --min-parallelism ${concurrency} --min-hostgroup ${concurrency}`,
        (r) => r.nmapT4Ms,
        (r) => r.nmapT4Certs,
      ],
      [
        `sslscan --show-certificate, ${sslscanParallel} at once`,
        (r) => r.sslscanMs,
        (r) => r.sslscanCerts,
      ],
    ];
    for (const [name, ms, certs] of tools) {
      const xs = rs.map(ms).filter((x): x is number => x !== null);
      const ratios = rs.map((r) => (ms(r) === null ? null : ms(r)! / r.collectorCertMs))
        .filter((x): x is number => x !== null);
      const cs = rs.map(certs).filter((x): x is number => x !== null);
      if (!xs.length) continue;
      console.log(
        `| ${size} | ${name} | ${median(cs)} | ${(median(xs) / 1000).toFixed(1)} s (${
          (Math.min(...xs) / 1000).toFixed(1)
        }-${(Math.max(...xs) / 1000).toFixed(1)}) | ${median(ratios).toFixed(1)}x |`,
      );
    }
  }
}
