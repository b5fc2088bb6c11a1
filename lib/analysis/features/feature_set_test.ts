import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import {
  FEATURE_GROUPS,
  FEATURE_SPECS,
  type FeatureGroup,
  FEATURES_SCHEMA,
} from "../../data/schemas/features.ts";
import { featureNumber, featureSet, versionNumber } from "./feature_set.ts";

const spec = (name: string) => FEATURE_SPECS.find((f) => f.name === name)!;

Deno.test("FEATURE_SPECS: every feature is a column once, in a known group, with a positive weight and a kind its type fits", () => {
  const names = FEATURES_SCHEMA.columns.map((c) => c.name);
  assertEquals(names, ["server", ...FEATURE_SPECS.map((f) => f.name)]);
  for (const g of FEATURE_GROUPS) assert(featureSet([g]).length >= 5, `${g} has features`);
  for (const f of FEATURE_SPECS) {
    assert(f.weight > 0 && f.weight <= 1, `${f.name} weight ${f.weight}`);
    if (f.kind === "set") assertEquals(f.type, "list", f.name);
    if (f.kind === "boolean") assertEquals(f.type, "boolean", f.name);
    if (f.kind === "ordinal") assertEquals(f.type, "version", f.name);
    if (f.kind === "numeric") assert(["integer", "number", "timestamp"].includes(f.type), f.name);
    if (f.log) assertEquals(f.kind, "numeric", f.name);
  }
  // The clustering reads behaviour only: no hosting, certificate or timing column in it.
  assert(
    featureSet(["behaviour"]).every((f) =>
      !/^(host_|cert_|lat_|banner|donation|tls_stack)/.test(f.name)
    ),
  );
  assertEquals(featureSet().length, FEATURE_SPECS.length);
  assertThrows(() => featureSet(["behavior" as FeatureGroup]), RangeError, '"behavior"');
});

Deno.test("featureNumber: versions order as versions, timestamps are milliseconds, log1p where declared", () => {
  const pmax = spec("protocol_max_negotiated");
  assertEquals(featureNumber(pmax, "1.4.2"), 1.004002);
  assert(featureNumber(pmax, "1.10")! > featureNumber(pmax, "1.9")!);
  assert(featureNumber(pmax, "1.4.2")! < featureNumber(pmax, "1.4.10")!);
  assertEquals(featureNumber(pmax, "garbage"), null);
  assertEquals(
    featureNumber(spec("cert_issued_at"), "2026-01-01T00:00:00.000Z"),
    Date.UTC(2026, 0, 1),
  );
  assertEquals(featureNumber(spec("lat_tcp_ms"), 0), 0);
  assertEquals(featureNumber(spec("lat_tcp_ms"), Math.E - 1), 1);
  assertEquals(featureNumber(spec("lat_tls_over_tcp_ms"), -3), -3);
  assertEquals(featureNumber(spec("lat_tcp_ms"), null), null);
  assertThrows(() => featureNumber(spec("wire_line_ending"), "lf"), TypeError, "categorical");
  assertEquals(versionNumber("1.4"), 1.004);
});
