/**
 * End to end: a small lab scan writes `features.csv` beside the other tables; it reads back
 * through its schema; servers that run the same lab personality share their behaviour features
 * (honest ones exactly, a modified server claiming other software too), and the planted
 * fee manipulator and phishing server differ from their personality where they were planted.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { readCsv, type Row } from "../lib/data/read_csv.ts";
import { tableCsv } from "../lib/data/table_csv.ts";
import { FEATURES_SCHEMA } from "../lib/data/schemas/mod.ts";
import { featureSet } from "../lib/analysis/features/feature_set.ts";
import type { TruthRow } from "../lib/lab/ground_truth.ts";

Deno.test("features.csv of a lab scan: reads back through its schema; one personality, one behaviour", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "features-e2e-" });
  try {
    const r = await runScan({
      params: runParams({
        OBS_LAB_SIZE: "60",
        OBS_SEED: "features-e2e",
        OBS_LATENCY: "0",
        OBS_TIMING: "off",
      }),
      dataDir,
    });
    assertEquals(r.files.features, `${dataDir}/features.csv`);
    const truth = JSON.parse(await Deno.readTextFile(r.files.labTruth!)).hosts as TruthRow[];
    const text = await Deno.readTextFile(r.files.features);
    const rows = await readCsv(r.files.features);
    // Round trip: the rows read back write the same bytes.
    assertEquals(tableCsv(rows, FEATURES_SCHEMA), text);
    const servers = await readCsv(r.files.servers);
    assertEquals(rows.length, servers.filter((s) => s.transports_reachable !== null).length);

    const byKey = new Map(truth.map((t) => [(t.hostname ?? t.onion ?? t.ipv4)!, t]));
    const honest = new Map<string, Row[]>();
    const planted: [TruthRow, Row][] = [];
    for (const row of rows) {
      const t = byKey.get(String(row.server));
      if (!t) continue; // bogus peers advertised by a peer poisoner
      if (t.adversarial) planted.push([t, row]);
      else honest.set(t.behaves_like, [...(honest.get(t.behaves_like) ?? []), row]);
    }
    const behaviour = featureSet(["behaviour"]);
    const signature = (row: Row) => JSON.stringify(behaviour.map((f) => row[f.name]));
    let compared = 0;
    for (const [personality, members] of honest) {
      if (members.length < 2) continue;
      compared += members.length;
      for (const f of behaviour) {
        const values = new Set(members.map((m) => JSON.stringify(m[f.name])));
        assertEquals(values.size, 1, `${personality} ${f.name}: ${[...values].join(" | ")}`);
      }
    }
    assert(compared >= 20, `only ${compared} honest servers in personalities with two or more`);
    // Different personalities of different families never share a behaviour signature.
    const families = new Map<string, Set<string>>();
    for (const [personality, members] of honest) {
      const family = personality.split("-")[0];
      families.set(
        signature(members[0]),
        new Set([...(families.get(signature(members[0])) ?? []), family]),
      );
    }
    for (const [, fams] of families) assertEquals(fams.size, 1, [...fams].join(","));

    const kinds = new Set<string>();
    for (const [t, row] of planted) {
      const peers = honest.get(t.behaves_like);
      if (!peers) continue;
      const differing = behaviour.filter((f) => row[f.name] !== peers[0][f.name]).map((f) =>
        f.name
      );
      const label = `${t.role} ${t.id} (${t.behaves_like}): ${differing.join(",")}`;
      if (t.role === "fee-manipulator") assert(differing.includes("histogram_shape"), label);
      else if (t.role === "phishing") {
        assert(
          differing.includes("broadcast_phishing") && differing.includes("wording_broadcast"),
          label,
        );
      } else if (t.role === "modified") {
        // A server that lies about its software behaves exactly like what it runs; a subtly
        // modified build differs in exactly one feature: one error wording, or the removed
        // blockchain.transaction.id_from_pos in the method-support vector (the methods probe
        // calls it since its version 2).
        if (String(t.modification ?? "").startsWith("claims-")) assertEquals(differing, [], label);
        else if (t.modification === "no-id-from-pos") {
          assertEquals(differing, ["methods_known"], label);
        } else assertEquals(differing.length, 1, label);
      } else continue;
      kinds.add(t.role);
    }
    assertEquals([...kinds].sort(), ["fee-manipulator", "modified", "phishing"]);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
