/**
 * Benchmark of the offline IP enrichment (lib/geo).
 *
 * Measures: opening the bundled databases; enriching 10,000 addresses (median of several
 * runs; the requirement is at most 2 s); 5,000 lab address picks with country calibration,
 * cold (index built) and warm.
 *
 * Two workloads: (1) addresses from real provider space (drawn with a fixed seed; 20% IPv6,
 * 10% uniformly random IPv4), as a crawl sees them; (2) 10,000 distinct uniformly random IPv4
 * addresses per run, which defeats the decoded-record cache.
 *
 * Usage: `deno run -A bench/geo_bench.ts [--runs N]` (default 7 runs).
 *
 * @module
 */
import { openGeo } from "../lib/geo/mod.ts";
import { pickAddressInProvider } from "../lib/lab/addresses/mod.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";

/** Median of a run's timings (NaN for none; the one definition is lib/analysis/median.ts). */
const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

function rngFrom(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

async function main(): Promise<void> {
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 7;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`--runs must be a positive integer, got ${Deno.args[runsArg + 1]}`);
  }

  const t0 = performance.now();
  const geo = await openGeo();
  const openMs = performance.now() - t0;

  const mix: [number, string, 4 | 6][] = [
    [396982, "US", 4],
    [16509, "US", 4],
    [14061, "DE", 4],
    [24940, "DE", 4],
    [24940, "FI", 4],
    [16276, "FR", 4],
    [51167, "DE", 4],
    [7922, "US", 4],
    [1221, "AU", 4],
    [3320, "DE", 4],
    [24940, "DE", 6],
    [16509, "IE", 6],
    [14061, "US", 6],
    [16276, "FR", 6],
  ];
  const rng = rngFrom(20260901);
  const t1 = performance.now();
  const picks: string[] = [];
  for (let k = 0; k < 5000; k++) {
    const [asn, country, version] = mix[k % mix.length];
    picks.push(pickAddressInProvider(asn, rng, { country, version, geo }).ip);
  }
  const pickColdMs = performance.now() - t1;
  const t2 = performance.now();
  for (let k = 0; k < 5000; k++) {
    const [asn, country, version] = mix[k % mix.length];
    pickAddressInProvider(asn, rng, { country, version, geo });
  }
  const pickWarmMs = performance.now() - t2;

  const v4 = picks.filter((ip) => !ip.includes(":"));
  const v6 = picks.filter((ip) => ip.includes(":"));
  const ips: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    if (k % 10 === 9) {
      ips.push(
        [1 + Math.floor(rng() * 222), 0, 0, 0].map((
          x,
          i,
        ) => (i === 0 ? x : Math.floor(rng() * 256))).join("."),
      );
    } else if (k % 5 === 0) {
      ips.push(v6[k % v6.length]);
    } else {
      ips.push(v4[k % v4.length]);
    }
  }
  const times: number[] = [];
  let located = 0;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    located = 0;
    for (const ip of ips) if (geo.lookup(ip).country_code !== null) located++;
    times.push(performance.now() - t);
  }
  const med = median(times);
  // A harder workload: 10,000 distinct uniformly random IPv4 addresses (record cache cold).
  const randomTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const fresh = Array.from(
      { length: 10_000 },
      () =>
        [
          1 + Math.floor(rng() * 222),
          Math.floor(rng() * 256),
          Math.floor(rng() * 256),
          Math.floor(rng() * 256),
        ].join("."),
    );
    const t = performance.now();
    for (const ip of fresh) geo.lookup(ip);
    randomTimes.push(performance.now() - t);
  }
  const fmt = (x: number) => x.toFixed(1);
  console.log(`deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores`);
  console.log(`openGeo (bundled databases):            ${fmt(openMs)} ms`);
  console.log(
    `10,000 lookups, median of ${runs} runs:      ${fmt(med)} ms  (${
      Math.round(10_000 / med * 1000).toLocaleString("en")
    } lookups/s; runs ${times.map(fmt).join(", ")} ms)`,
  );
  console.log(
    `  located ${located} of 10,000 (${ips.filter((ip) => ip.includes(":")).length} IPv6)`,
  );
  console.log(
    `10,000 random IPv4 lookups, median:      ${fmt(median(randomTimes))} ms  (runs ${
      randomTimes.map(fmt).join(", ")
    } ms)`,
  );
  console.log(`5,000 calibrated picks, cold (index):     ${fmt(pickColdMs)} ms`);
  console.log(`5,000 calibrated picks, warm:             ${fmt(pickWarmMs)} ms`);
  const worst = Math.max(med, median(randomTimes));
  console.log(`requirement (10,000 lookups <= 2,000 ms): ${worst <= 2000 ? "met" : "NOT met"}`);
  for (const p of geo.provenance()) {
    console.log(`  ${p.database}: built ${p.build_date} (${p.build_date_from})`);
  }
}

if (import.meta.main) await main();
