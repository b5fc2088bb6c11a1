import { assertEquals } from "../testing/assert.ts";
import { type ProbeRecord, RecordWriter } from "../records/records.ts";
import { recordMaker } from "../records/record_maker.ts";
import { openScan, SUMMARY_PROBES } from "./open_scan.ts";
import { groupByServer } from "./scan_records.ts";

/** Interleaved records of several servers, with a resumed (unfinished then finished) attempt and
 * an unfinished server, and heavy probe data larger than the read size. */
function records(): ProbeRecord[] {
  const out: ProbeRecord[] = [];
  const make = recordMaker({ scan_id: "s", ip: null, port: null, transport: null });
  const rec = (server: string, attempt: number, probe: string, data: Record<string, unknown>) =>
    out.push(make(probe, data, {
      t: `2026-12-03T10:00:${String(out.length % 60).padStart(2, "0")}.000Z`,
      server,
      attempt,
    }));
  const names = ["c.example", "a.example", "b.example", "d.example"];
  for (const probe of ["discover", "reach", "wire", "jarm", "tip", "done"]) {
    for (const [i, s] of names.entries()) {
      if (s === "d.example" && probe === "done") continue; // never finished
      const attempt = s === "b.example" ? 2 : 1;
      rec(s, attempt, probe, { probe, blob: "x".repeat(probe === "wire" ? 3000 + i : 10) });
      // An earlier attempt of b that did not finish: derivation ignores it.
      if (s === "b.example" && probe !== "done") rec(s, 1, probe, { stale: true });
    }
  }
  return out;
}

async function writeScan(): Promise<{ dir: string; all: ProbeRecord[] }> {
  const dir = await Deno.makeTempDir();
  const w = await RecordWriter.open(`${dir}/records.jsonl`);
  const all: ProbeRecord[] = [];
  for (const r of records()) all.push(await w.write(r));
  await w.close();
  // A half-written last line (a crash mid-write) is ignored, as readRecords ignores it.
  await Deno.writeTextFile(`${dir}/records.jsonl`, '{"scan_id":"s","se', { append: true });
  return { dir, all };
}

Deno.test("openScan summary equals groupByServer with only the summary probes' data kept", async () => {
  const { dir, all } = await writeScan();
  const scan = await openScan(`${dir}/records.jsonl`, { chunkBytes: 1000 });
  try {
    const expected = groupByServer(all);
    assertEquals(scan.summary.unfinished, ["d.example"]);
    assertEquals(
      scan.summary.servers,
      expected.servers.map((s) => ({
        ...s,
        records: s.records.map((r) => (SUMMARY_PROBES.has(r.probe) ? r : { ...r, data: {} })),
      })),
    );
    assertEquals(scan.summary.servers.map((s) => [s.server, s.attempt]), [
      ["a.example", 1],
      ["b.example", 2],
      ["c.example", 1],
    ]);
  } finally {
    scan.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("openScan full yields each server's complete records, in batches, as groupByServer groups them", async () => {
  const { dir, all } = await writeScan();
  const scan = await openScan(`${dir}/records.jsonl`, { chunkBytes: 512 });
  try {
    const expected = groupByServer(all).servers;
    for (const batch of [1, 2, 128]) {
      const got = [];
      for await (const s of scan.full(batch)) got.push(s);
      assertEquals(got, expected);
    }
  } finally {
    scan.close();
    await Deno.remove(dir, { recursive: true });
  }
});
