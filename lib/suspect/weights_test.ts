import { assert, assertEquals } from "../testing/assert.ts";
import { INDICATOR_SPECS } from "./indicator_specs.ts";
import { LAB_CALIBRATION } from "./lab_calibration.ts";
import { CALIBRATED_WEIGHTS, PRIOR_WEIGHTS, WEIGHT_ORIGINS } from "./weights.ts";

Deno.test("WEIGHT_ORIGINS: the lab calibration's weights, a prior only where the lab gave none", () => {
  assertEquals(Object.keys(WEIGHT_ORIGINS), INDICATOR_SPECS.map((s) => s.name));
  for (const [name, o] of Object.entries(WEIGHT_ORIGINS)) {
    const lab = LAB_CALIBRATION.indicators[name as keyof typeof WEIGHT_ORIGINS];
    const prior = PRIOR_WEIGHTS[name as keyof typeof PRIOR_WEIGHTS];
    if (prior) {
      assertEquals([lab.weight, lab.kind], [0, null], `${name}: a prior over a calibrated weight`);
      assertEquals([o.origin, o.weight, o.reason], ["prior", prior.weight, prior.reason]);
    } else {
      assertEquals([o.origin, o.weight, o.reason], ["lab", lab.weight, null], name);
    }
    assertEquals(CALIBRATED_WEIGHTS[name as keyof typeof CALIBRATED_WEIGHTS], o.weight);
    assert(o.weight >= 0 && o.weight <= 5, `${name}: weight ${o.weight}`);
  }
});
