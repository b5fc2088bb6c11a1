import { assert, assertEquals } from "../testing/assert.ts";
import { calibrateWeights } from "./calibrate.ts";
import type { IndicatorHit } from "./suspect_context.ts";
import type { ReferenceVerdict } from "./reference_verdicts.ts";

const hit = (indicator: IndicatorHit["indicator"]): IndicatorHit => ({
  indicator,
  value: "",
  evidence: [],
});

function population() {
  const hits = new Map<string, IndicatorHit[]>();
  const verdicts: ReferenceVerdict[] = [];
  for (let i = 0; i < 99; i++) {
    hits.set(`h${i}`, i < 9 ? [hit("banner-url")] : []);
    verdicts.push({ server: `h${i}`, adversarial: false, kind: "honest", operator: `o${i}` });
  }
  for (let i = 0; i < 4; i++) {
    hits.set(`s${i}`, [hit("stale-tip"), hit("banner-url")]);
    verdicts.push({ server: `s${i}`, adversarial: true, kind: "stale-tip", operator: `s${i}` });
  }
  for (let i = 0; i < 6; i++) {
    hits.set(`p${i}`, [hit("phishing-broadcast")]);
    verdicts.push({ server: `p${i}`, adversarial: true, kind: "phishing", operator: "fleet" });
  }
  return { hits, verdicts };
}

Deno.test("calibrateWeights: likelihood ratio of the best kind against honest, smoothed, clipped", () => {
  const { hits, verdicts } = population();
  const c = calibrateWeights(hits, verdicts);
  const row = (n: string) => c.rows.find((r) => r.indicator === n)!;
  // stale-tip: kind rate (4 + 2·0.4) / (4 + 2) = 0.8, honest (0 + 0.5) / 100 = 0.005: LR 160 -> 5.
  assertEquals(row("stale-tip").kind, "stale-tip");
  assertEquals(row("stale-tip").likelihoodRatio, 160);
  assertEquals(c.weights["stale-tip"], 5);
  // banner-url: kind rate (4 + 2·0.4) / 6 = 0.8, honest 9.5 / 100: LR 8.4 -> ln 2.13.
  assertEquals(c.weights["banner-url"], 2.13);
  assertEquals(c.weights["relay-latency"], 0);
});

Deno.test("calibrateWeights: a held-out kind leaves its indicators uncalibrated", () => {
  const { hits, verdicts } = population();
  const c = calibrateWeights(hits, verdicts, { holdOut: "stale-tip" });
  assertEquals(c.weights["stale-tip"], 0);
  assert(c.weights["phishing-broadcast"] > 0);
  assertEquals(c.heldOut, "stale-tip");
});
