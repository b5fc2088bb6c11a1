/**
 * End to end: the timing phase on the default lab with simulated latency, crawled at the default
 * concurrency. Every server's TCP round trip and application round trip in `servers.csv` lie
 * within 5 ms or 5 % of the lab's configured path (whichever is larger), except at most
 * {@linkcode JITTER_TAIL_ALLOWANCE} figures of the ~700, and those within the lab's jitter envelope;
 * none is more than 1 ms below its path; and each relay's extra delay (application round trip
 * minus TCP round trip) is recovered within 10 ms of its configured upstream leg plus its own
 * added delay. The configured values come from rebuilding the lab's population from the same
 * seed, as the lab does.
 *
 * Why a few exceptions: a figure is the minimum over its 5 to 10 samples, and the lab's paths add
 * jitter of up to 10 % of the round trip (10 % x u^3 for a uniform u, methodology section 2), plus
 * about 1 ms per sample from the emulation's timers and the loop. The minimum ends above the bar
 * only when every sample drew jitter from the top of that range: at a 100 ms path with 1 ms of
 * overhead, (1 - 0.4^(1/3))^5 = 1.3e-3 for a figure with 5 samples, 2.3e-5 with 8. Replaying the
 * samples of nine measured runs (bench/README.md, "The timing phase and its bar"), that is 0.12 to
 * 0.47 expected figures above the bar per run, so a bar without exceptions fails one run in three
 * to nine with no fault anywhere (one of the nine had such a figure: 6.26 ms over a 112 ms path,
 * 5 samples), while more than 3 come up in at most 1 replayed run in 700; a bias common to all
 * figures (a busy loop, a hold that ends late) still puts far more than 3 above the bar.
 */
import { assert } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { barMs, timingPathFigures } from "./helpers/timing_paths.ts";

const SEED = "electrum-observatory";
/** Figures allowed above the 5 ms / 5 % bar (within the jitter envelope): see the module comment. */
const JITTER_TAIL_ALLOWANCE = 3;
const SIZE = Number(Deno.env.get("TIMING_E2E_SIZE") ?? 350);

Deno.test("timing phase: TCP and application round trips of the lab's servers within 5 ms or 5 % (at most 3 figures in the jitter tail), none below its path, relays' extra delay within 10 ms", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "timing-e2e-" });
  try {
    const r = await runScan({
      params: runParams({ OBS_LAB_SIZE: String(SIZE), OBS_SEED: SEED, OBS_LATENCY: "1" }),
      dataDir,
    });
    const { figures, relays: relayFigures, timed } = await timingPathFigures(r.files.servers, {
      size: SIZE,
      seed: SEED,
    });
    const bad: string[] = [];
    // Above the 5 ms / 5 % bar but within the jitter envelope.
    const tail: string[] = [];
    // The lab's largest jitter (10 %) plus the most loop lag a quiet sample may carry (5 ms).
    const envelope = (v: number) => 0.1 * v + 5;
    for (const { label, kind, got, want, samples, loopLagMs } of figures) {
      const text = `${label}: ${kind} ${got} vs ${want} (${samples} samples, lag ${loopLagMs})`;
      if (typeof got !== "number" || got < want - 1 || got > want + envelope(want)) {
        bad.push(`${text}, outside [path - 1 ms, path + 10 % + 5 ms]`);
      } else if (Math.abs(got - want) > barMs(want)) tail.push(text);
    }
    for (const { label, extra, want } of relayFigures) {
      if (!(Math.abs(extra - want) <= 10)) {
        bad.push(`${label}: relay extra ${extra.toFixed(1)} vs ${want}`);
      }
    }
    const relays = relayFigures.length;
    assert(timed >= SIZE * 0.95, `only ${timed} servers timed`);
    assert(relays > 0, "the lab has relays");
    assert(
      r.manifest.timing !== null && r.manifest.timing.servers >= timed,
      JSON.stringify(r.manifest.timing),
    );
    // The raw samples of the servers that are off, for the failure message.
    const recs = (await Deno.readTextFile(`${r.scanDir}/records.jsonl`)).split("\n").filter(Boolean)
      .map((l) => JSON.parse(l)).filter((x) => x.probe === "timing");
    if (tail.length > JITTER_TAIL_ALLOWANCE) {
      bad.push(
        `${tail.length} figures above 5 ms / 5 % (at most ${JITTER_TAIL_ALLOWANCE}):`,
        ...tail,
      );
    }
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
