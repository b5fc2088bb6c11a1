/**
 * End to end: a rerun with the same parameters reproduces the derived tables byte for byte apart
 * from their documented volatile columns (times, discovery order); the scan id is in the manifest
 * only; the lab presents the same certificates under one seed and a pinned clock.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { startLab } from "../lib/lab/lab.ts";
import { parseCsv } from "../lib/data/read_csv.ts";
import { FINGERPRINTS_SCHEMA, SERVERS_SCHEMA } from "../lib/data/schemas/mod.ts";
import type { TableSchema } from "../lib/data/schema.ts";
import { SERVER_VOLATILE_COLUMNS } from "../lib/tables/derive_servers.ts";
import { FINGERPRINT_VOLATILE_COLUMNS } from "../lib/tables/derive_fingerprints.ts";

/** A table's rows, in file order, without the named columns. */
function withoutColumns(
  text: string,
  schema: TableSchema,
  volatile: readonly string[],
): Record<string, unknown>[] {
  return parseCsv(text, schema).map((row) =>
    Object.fromEntries(Object.entries(row).filter(([k]) => !volatile.includes(k)))
  );
}

Deno.test("a same-parameter rerun reproduces the tables apart from the volatile columns; the scan id is in the manifest only", async () => {
  const dirs = [
    await Deno.makeTempDir({ prefix: "rerun-a-" }),
    await Deno.makeTempDir({ prefix: "rerun-b-" }),
  ];
  try {
    const params = runParams({ OBS_LAB_SIZE: "10", OBS_LATENCY: "0", OBS_SEED: "rerun" });
    const runs = [];
    for (const dataDir of dirs) runs.push(await runScan({ params, dataDir }));
    assert(runs[0].manifest.scan_id !== runs[1].manifest.scan_id, "two scans, two ids");
    const read = (i: number, name: string) => Deno.readTextFile(`${dirs[i]}/${name}`);
    for (const name of ["servers.csv", "fingerprints.csv", "tls.csv", "geo.csv"]) {
      const header = (await read(0, name)).split("\n")[0].split(",");
      assert(!header.includes("scan_id"), `${name} has a scan_id column`);
    }
    for (const name of ["tls.csv", "geo.csv"]) {
      assertEquals(await read(1, name), await read(0, name), name);
    }
    assertEquals(
      withoutColumns(await read(1, "servers.csv"), SERVERS_SCHEMA, SERVER_VOLATILE_COLUMNS),
      withoutColumns(await read(0, "servers.csv"), SERVERS_SCHEMA, SERVER_VOLATILE_COLUMNS),
    );
    assertEquals(
      withoutColumns(
        await read(1, "fingerprints.csv"),
        FINGERPRINTS_SCHEMA,
        FINGERPRINT_VOLATILE_COLUMNS,
      ),
      withoutColumns(
        await read(0, "fingerprints.csv"),
        FINGERPRINTS_SCHEMA,
        FINGERPRINT_VOLATILE_COLUMNS,
      ),
    );
    // The ground truth differs only in the scan it names.
    const truth = async (i: number) => ({
      ...JSON.parse(await read(i, "lab/ground_truth.json")),
      scan_id: null,
    });
    assertEquals(await truth(1), await truth(0));
  } finally {
    for (const d of dirs) await Deno.remove(d, { recursive: true });
  }
});

Deno.test("the lab presents the same certificates under one seed and a pinned clock", async () => {
  const now = new Date("2026-06-01T00:00:00Z");
  const hashes: string[][] = [];
  for (let i = 0; i < 2; i++) {
    const lab = await startLab({
      size: 120,
      seed: "rerun-certs",
      latency: 0,
      tipIntervalMs: 0,
      now,
    });
    const dir = await Deno.makeTempDir({ prefix: "rerun-certs-" });
    try {
      const truth = JSON.parse(
        await Deno.readTextFile(await lab.recordTruth(dir, { scanId: `run-${i}` })),
      );
      hashes.push(
        truth.hosts.map((h: { id: string; cert_sha256: string | null }) =>
          `${h.id} ${h.cert_sha256}`
        ),
      );
    } finally {
      await lab.stop();
      await Deno.remove(dir, { recursive: true });
    }
  }
  assert(
    hashes[0].filter((h) => !h.endsWith(" null")).length > 50,
    "most lab hosts have a certificate",
  );
  assertEquals(hashes[1], hashes[0]);
});
