/** Tests of the small helpers notebook 05 calls: randomness, profile table, findings, rows. */
import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { privacyRandom } from "./privacy_random.ts";
import { profileTable } from "./profile_table.ts";
import { privacyFindings } from "./privacy_findings.ts";
import { recommendationArrows, timelineRows } from "./figure_rows.ts";
import { SERVER_VIEWS_SCHEMA, serverViewRows } from "./server_views_schema.ts";
import { checkTranscript } from "./transcript.ts";
import type { RiskRow } from "./risk_table.ts";
import type { RecommendationRow } from "./recommendation_table.ts";

const failover = checkTranscript(JSON.parse(Deno.readTextFileSync(
  new URL("./testdata/wallet/failover.json", import.meta.url),
)));

Deno.test("privacyRandom repeats for a seed and differs across seeds", () => {
  const a = privacyRandom(1);
  const b = privacyRandom(1);
  const c = privacyRandom(2);
  const xs = [a(), a(), a()];
  assertEquals(xs, [b(), b(), b()]);
  assert(xs[0] !== c());
  assert(xs.every((x) => x >= 0 && x < 1));
});

Deno.test("profileTable puts the two releases' constants side by side", () => {
  const rows = profileTable();
  const p = rows.find((r) => r.constant === "protocolRequest")!;
  assertEquals([p.debian_4_3_4, p.current_4_8_1], ["1.4", "1.4, 1.6"]);
  assertEquals(rows.find((r) => r.constant === "paddingBytes")!.debian_4_3_4, "none");
});

Deno.test("timelineRows labels servers by role and keeps the marks; an unknown scenario throws", () => {
  const { rows, marks } = timelineRows([failover], { scenario: "failover" });
  assertEquals(rows.length, failover.events.length);
  assert(rows.some((r) => r.server.endsWith("(main)")));
  assertEquals(marks.map((m) => m.label), ["synchronized", "main-killed", "resynchronized"]);
  assertThrows(() => timelineRows([failover], { scenario: "nope" }), RangeError, "nope");
});

Deno.test("serverViewRows gives one row per server with every schema column", () => {
  const rows = serverViewRows([failover]);
  assertEquals(rows.length, failover.servers.length);
  for (const c of SERVER_VIEWS_SCHEMA.columns) assert(c.name in rows[0], c.name);
});

Deno.test("privacyFindings names what backfired and has no apostrophes to mangle", () => {
  const risks: RiskRow[] = [
    {
      risk: "xpub leakage",
      measure: "share of the wallet's addresses the main server learns",
      value: 1,
      unit: "share",
      denominator: "44 addresses of the history wallet",
      source: "real wallet",
      meaning: "",
    },
    {
      risk: "xpub leakage",
      measure: "unused (gap-window) addresses the main server learns",
      value: 28,
      unit: "addresses",
      denominator: "44 addresses of the history wallet",
      source: "real wallet",
      meaning: "",
    },
  ];
  const recs: RecommendationRow[] = [
    {
      recommendation: "Rotate",
      audience: "users",
      measure: "m",
      before: 1,
      after: 9,
      unit: "servers",
      denominator: "2,000 simulated clients",
      cost: "-",
      verdict: "backfires",
    },
  ];
  const f = privacyFindings(risks, recs);
  assert(
    f[0].includes("100%") &&
      f[0].includes("of its 44 addresses of the history wallet, 28 of them unused"),
    f[0],
  );
  assert(f.some((s) => s.includes("Backfired on at least one measure: Rotate")));
  assert(f.every((s) => !s.includes("'")));
  assertEquals(recommendationArrows(recs)[0].label, "Rotate: m");
});
