/**
 * End to end: the timing phase on the default lab with simulated latency, crawled at the default
 * concurrency. Every server's TCP round trip and application round trip in `servers.csv` lie
 * within 5 ms or 5 % of the lab's configured path (whichever is larger), and each relay's extra
 * delay (application round trip minus TCP round trip) is recovered within 10 ms of its configured
 * upstream leg plus its own added delay. The configured values come from rebuilding the lab's
 * population from the same seed, as the lab does.
 */
import { assert } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { parseCsv } from "../lib/data/read_csv.ts";
import { SERVERS_SCHEMA } from "../lib/data/schemas/mod.ts";
import { buildPopulation, rtt } from "../lib/lab/population.ts";
import { segmentAddressPicker } from "../lib/lab/addresses/addresses.ts";

const SEED = "electrum-observatory";
const SIZE = Number(Deno.env.get("TIMING_E2E_SIZE") ?? 350);

Deno.test("timing phase: TCP and application round trips of every lab server within 5 ms or 5 %, relays' extra delay within 10 ms", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "timing-e2e-" });
  try {
    const r = await runScan({
      params: runParams({ OBS_LAB_SIZE: String(SIZE), OBS_SEED: SEED, OBS_LATENCY: "1" }),
      dataDir,
    });
    const hosts = buildPopulation({
      clearnet: SIZE,
      seed: SEED,
      pickAddress: segmentAddressPicker,
    });
    const byId = new Map(hosts.map((h) => [h.id, h]));
    const byKey = new Map(
      hosts.filter((h) => !h.onion || h.ipv4).map((
        h,
      ) => [(h.hostname ?? h.ipv4)!.toLowerCase(), h]),
    );
    const rows = parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA);
    const bad: string[] = [];
    const within = (got: unknown, want: number, tol: number) =>
      typeof got === "number" && Math.abs(got - want) <= tol;
    let timed = 0, relays = 0;
    for (const row of rows) {
      const h = byKey.get(String(row.server));
      if (!h || h.onion) continue;
      timed++;
      const label = `${h.id} ${h.role} ${h.personality} ${row.server}`;
      const tcpWant = h.rttMs;
      const up = h.upstream ? byId.get(h.upstream)! : null;
      // Through a relay: vantage to relay, the relay's own delay, relay to upstream.
      const extraWant = up ? h.extraLatencyMs + rtt(h.region!, up.region!) : 0;
      const appWant = h.rttMs + extraWant;
      const tol = (v: number) => Math.max(5, 0.05 * v);
      if (!within(row.tcp_rtt_ms, tcpWant, tol(tcpWant))) {
        bad.push(
          `${label}: tcp ${row.tcp_rtt_ms} vs ${tcpWant} (${row.tcp_rtt_samples} samples, lag ${row.timing_loop_lag_ms})`,
        );
      }
      if (!within(row.app_rtt_ms, appWant, tol(appWant))) {
        bad.push(
          `${label}: app ${row.app_rtt_ms} vs ${appWant} (${row.app_rtt_samples} samples, lag ${row.timing_loop_lag_ms})`,
        );
      }
      if (up) {
        relays++;
        const extra = (row.app_rtt_ms as number) - (row.tcp_rtt_ms as number);
        if (!within(extra, extraWant, 10)) {
          bad.push(`${label}: relay extra ${extra.toFixed(1)} vs ${extraWant}`);
        }
      }
    }
    assert(timed >= SIZE * 0.95, `only ${timed} servers timed`);
    assert(relays > 0, "the lab has relays");
    assert(
      r.manifest.timing !== null && r.manifest.timing.servers >= timed,
      JSON.stringify(r.manifest.timing),
    );
    // The raw samples of the servers that are off, for the failure message.
    const recs = (await Deno.readTextFile(`${r.scanDir}/records.jsonl`)).split("\n").filter(Boolean)
      .map((l) => JSON.parse(l)).filter((x) => x.probe === "timing");
    const detail = bad.map((b) => {
      const t = recs.find((x) => x.server === b.split(" ")[3].replace(/:$/, ""));
      return `${b} ${
        JSON.stringify({ tcp: t?.data.connect_ms, tls: t?.data.tls_ms, app: t?.data.app_ms })
      }`;
    });
    assert(
      bad.length === 0,
      `${bad.length} of ${timed} servers off (timing ${JSON.stringify(r.manifest.timing)}):\n${
        detail.slice(0, 30).join("\n")
      }`,
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
