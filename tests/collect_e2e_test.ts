/**
 * End to end: `runScan` on a 60-server lab writes servers.csv, fingerprints.csv, tls.csv and the
 * manifest; every row matches the lab's ground truth for what was observable (software claimed,
 * ports, tip lag, certificate fingerprint, addresses, implementation family); the planted
 * modified servers are flagged and only they; the tables are derived deterministically;
 * `clusters.csv` has one row per row of `features.csv`, in its order, reads back through its
 * schema, and is the same bytes when derived again (its isolation forest is seeded).
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { deriveTables, runScan } from "../lib/pipeline/scan.ts";
import { PROBES } from "../lib/probes/battery.ts";
import { runParams } from "../lib/crawl/params.ts";
import { readRecords } from "../lib/records/records.ts";
import { parseCsv, readCsv } from "../lib/data/read_csv.ts";
import { tableCsv } from "../lib/data/table_csv.ts";
import {
  CLUSTERS_SCHEMA,
  FINGERPRINTS_SCHEMA,
  PEERS_SCHEMA,
  SERVERS_SCHEMA,
  TLS_SCHEMA,
} from "../lib/data/schemas/mod.ts";
import { deriveFingerprints } from "../lib/tables/derive_fingerprints.ts";
import { deriveTls } from "../lib/tables/derive_tls.ts";
import { derivePeers } from "../lib/tables/derive_peers.ts";
import type { TruthRow } from "../lib/lab/ground_truth.ts";

Deno.test("runScan on a lab: every server row matches the ground truth; modified servers flagged; tables deterministic", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "collect-e2e-" });
  try {
    // Timings are not checked here (tests/timing_e2e_test.ts is): OBS_TIMING=off skips the phase.
    const r = await runScan({
      params: runParams({
        OBS_LAB_SIZE: "60",
        OBS_SEED: "collect-e2e-2",
        OBS_LATENCY: "0",
        OBS_TIMING: "off",
      }),
      dataDir,
    });
    assertEquals(r.manifest.timing, null);
    assertEquals(r.summary.timing, null);
    const truth = JSON.parse(await Deno.readTextFile(r.files.labTruth!)).hosts as TruthRow[];
    const servers = parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA);
    const fps = parseCsv(await Deno.readTextFile(r.files.fingerprints), FINGERPRINTS_SCHEMA);
    const tls = parseCsv(await Deno.readTextFile(r.files.tls), TLS_SCHEMA);
    const keyOf = (t: TruthRow) => (t.hostname ?? t.onion ?? t.ipv4)!;
    const byKey = new Map(truth.map((t) => [keyOf(t), t]));

    // clusters.csv: one row per feature row, in its order; the same bytes derived again.
    assertEquals(r.files.clusters, `${dataDir}/clusters.csv`);
    const clustersText = await Deno.readTextFile(r.files.clusters);
    const clusters = await readCsv(r.files.clusters);
    assertEquals(
      clusters.map((c) => c.server),
      (await readCsv(r.files.features)).map((f) => f.server),
    );
    assertEquals(tableCsv(clusters, CLUSTERS_SCHEMA), clustersText);
    assert(clusters.some((c) => c.behaviour_cluster !== null), "no behaviour cluster");
    const again = await deriveTables(r.scanDir, `${dataDir}/again`, "lab");
    assertEquals(await Deno.readTextFile(again.clusters), clustersText);

    // Every lab host is discovered and has one row.
    for (const t of truth) {
      assert(servers.some((s) => s.server === keyOf(t)), `${t.id} (${keyOf(t)}) not discovered`);
    }
    let compared = 0, epsRows = 0;
    for (const s of servers) {
      const t = byKey.get(String(s.server));
      if (!t) continue; // bogus peers advertised by peer poisoners: recorded, never real
      compared++;
      const label = `${t.id} ${t.role} ${s.server}`;
      assertEquals(s.status, "success", label);
      assertEquals(s.software, t.claims_software, label);
      assertEquals(s.tcp_port, t.tcp_port, label);
      assertEquals(s.tls_port, t.tls_port, label);
      assertEquals(s.ipv4 ?? null, t.onion ? null : t.ipv4, label);
      // The ground truth gives a relay its upstream's lag (it serves the upstream's chain).
      const lag = t.lag_blocks;
      assertEquals(s.tip_lag_blocks, lag, label);
      const fp = fps.find((f) => f.server === s.server)!;
      assertEquals(fp.family_inferred, t.implementation, `${label}: ${fp.inference_evidence}`);
      // Claiming another family is a claim mismatch; a build modified in one detail is not.
      assertEquals(fp.claim_mismatch, t.cluster_truth.includes("+claims-"), label);
      if (t.role === "phishing") assertEquals(fp.broadcast_html, true, label);
      else assertEquals(fp.broadcast_html, false, label);
      if (t.tls_port && t.cert_sha256) {
        const leaf = tls.filter((x) => x.server === s.server && x.chain_position === 0);
        assert(leaf.length > 0, `${label}: no certificate row`);
        for (const l of leaf) assertEquals(l.sha256, t.cert_sha256, label);
        // EPS hosts serve the certificate EPS ships: the known-default detector names it.
        for (const l of leaf) {
          assertEquals(
            l.known_default_cert,
            t.cert_practice === "eps-default" ? "eps-default-2018" : null,
            label,
          );
        }
        if (t.cert_practice === "eps-default") epsRows += leaf.length;
        // Lab-CA certificates verify for their name unless the lab's validity window (set from the
        // lab's own date) has passed by the time of the scan.
        for (const l of leaf) {
          if (l.checked_name !== t.hostname) continue;
          assertEquals(
            l.chain_verifies,
            t.cert_practice === "lab-ca" && l.validity_at_scan === "valid",
            `${label} ${l.verify_reason}`,
          );
          if (t.cert_practice === "lab-ca" && l.validity_at_scan === "expired") {
            assertEquals(l.verify_reason, "expired", label);
          }
        }
      } else assert(!tls.some((x) => x.server === s.server), `${label}: TLS row without TLS`);
    }
    assert(compared >= 60, `only ${compared} servers compared`);
    assert(epsRows > 0, "no EPS host with the default certificate in this lab");
    assert(truth.some((t) => t.role === "modified"), "the lab planted no modified server");

    // The manifest lists probe versions and counts by status.
    const m = r.manifest;
    assertEquals(m.probes.preversion, PROBES.preversion.version);
    assert(Object.keys(m.probes).length >= 18);
    assert(m.counts_by_status.success > 0);
    assertEquals(m.politeness.error_probes_refused, 0);

    // Deterministic: the same records in any order give the same bytes.
    const { records } = await readRecords(`${r.scanDir}/records.jsonl`);
    const shuffled = [...records].reverse();
    assertEquals(
      tableCsv(deriveFingerprints(shuffled), FINGERPRINTS_SCHEMA),
      await Deno.readTextFile(r.files.fingerprints),
    );
    assertEquals(tableCsv(deriveTls(shuffled), TLS_SCHEMA), await Deno.readTextFile(r.files.tls));
    assertEquals(
      tableCsv(derivePeers(shuffled, "lab"), PEERS_SCHEMA),
      await Deno.readTextFile(r.files.peers),
    );

    // The discovery graph: every server but the seed was advertised by someone (in-degree >= 1,
    // matching found_via), and the edges name the advertiser of every found_via entry.
    const edges = parseCsv(await Deno.readTextFile(r.files.peers), PEERS_SCHEMA);
    assert(edges.length > servers.length, `only ${edges.length} edges`);
    for (const s of servers) {
      const via = String(s.found_via ?? "").split(";").filter((v) => v && v !== "seed");
      if (String(s.found_via).startsWith("seed")) continue;
      assert(Number(s.peers_in_degree) >= 1, `${s.server}: in-degree ${s.peers_in_degree}`);
      for (const v of via) {
        assert(
          edges.some((e) => e.server === v && e.peer_host === s.server),
          `${s.server}: no edge from ${v}`,
        );
      }
    }
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
