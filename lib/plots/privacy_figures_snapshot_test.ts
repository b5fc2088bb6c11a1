/**
 * Snapshot tests of the privacy figures (see `figures_snapshot_test.ts` for the method;
 * regenerate with `OBS_UPDATE_SNAPSHOTS=1 deno test -A lib/plots/privacy_figures_snapshot_test.ts`).
 */
import { assertSvgSnapshot } from "./svg_snapshot.ts";
import { exposureBars } from "./exposure_bars.ts";
import { beforeAfterChart } from "./before_after_chart.ts";
import { requestTimeline } from "./request_timeline.ts";
import { sessionsChart } from "./sessions_chart.ts";

const LAB = "LAB RUN (simulated network)";

Deno.test("exposureBars draws main, any-connection and address shares per group", async () => {
  await assertSvgSnapshot(
    "exposure_bars",
    exposureBars([
      { group: "g1", mainShare: 0.2, anyShare: 0.9, ipShare: 0.9 },
      { group: "Google Cloud", mainShare: 0.73, anyShare: 1, ipShare: 1 },
      { group: "a-very-long-operator-group-name-cut", mainShare: 0.01, anyShare: 0.1, ipShare: 0 },
    ], { title: "Exposure", caption: LAB }),
  );
});

Deno.test("beforeAfterChart draws an arrow per 0-1 measure, coloured by verdict, and leaves out counts", async () => {
  await assertSvgSnapshot(
    "before_after_chart",
    beforeAfterChart([
      { label: "Use Tor: address seen", before: 0.9, after: 0, verdict: "helps" },
      { label: "Rotate: whole wallet", before: 0.18, after: 0.89, verdict: "backfires" },
      { label: "Tor: wallet share", before: 1, after: 1, verdict: "no effect" },
      { label: "a count", before: 1, after: 9.5, verdict: "backfires" },
    ], { title: "Recommendations", caption: LAB }),
  );
});

Deno.test("requestTimeline draws one tick per request by kind, with labelled marks", async () => {
  await assertSvgSnapshot(
    "request_timeline",
    requestTimeline([
      { server: "f0040 (main)", tS: 0.6, method: "server.version" },
      { server: "f0040 (main)", tS: 0.9, method: "blockchain.scripthash.subscribe" },
      { server: "f0041 (peer)", tS: 1.0, method: "blockchain.estimatefee" },
      { server: "f0041 (peer)", tS: 9.7, method: "blockchain.scripthash.subscribe" },
      { server: "f0047 (rejected)", tS: 1.1, method: "server.banner" },
    ], { title: "Requests", caption: LAB, marks: [{ tS: 9.4, label: "main-killed" }] }),
  );
});

Deno.test("sessionsChart draws one line per client kind", async () => {
  await assertSvgSnapshot(
    "sessions_chart",
    sessionsChart(
      [1, 2, 3].flatMap((k) => [
        { sessions: k, client: "default (random main each start)", wholeWalletServers: k * 0.95 },
        { sessions: k, client: "pinned (one configured server)", wholeWalletServers: 1 },
      ]),
      { title: "Restarts", caption: LAB },
    ),
  );
});
