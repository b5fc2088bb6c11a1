import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { archiveScan, gunzip, gzip, readScanIndex } from "./archive_scan.ts";

async function fakeScan(root: string, id: string, started: string): Promise<string> {
  const dir = `${root}/scans/${id}`;
  await Deno.mkdir(`${dir}/derived`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/manifest.json`,
    JSON.stringify({
      scan_id: id,
      target: "lab",
      started_at: started,
      lab: { seed: "s", clock: "2026-06-01T00:00:00.000Z", week: 1 },
    }),
  );
  await Deno.writeTextFile(`${dir}/records.jsonl`, `{"id":"${id}"}\n`);
  await Deno.writeTextFile(`${dir}/derived/servers.csv`, "server,status\na,success\nb,refused\n");
  return dir;
}

Deno.test("archiveScan keeps records, manifest and tables gzipped, indexes scans by start, and refuses a second copy", async () => {
  const root = await Deno.makeTempDir();
  try {
    const archiveDir = `${root}/archive`;
    const late = await fakeScan(root, "scan-b", "2026-06-08T00:00:00Z");
    const early = await fakeScan(root, "scan-a", "2026-06-01T00:00:00Z");
    await archiveScan(late, { archiveDir });
    const entry = await archiveScan(early, { archiveDir });
    assertEquals(entry, {
      scan_id: "scan-a",
      target: "lab",
      started_at: "2026-06-01T00:00:00Z",
      finished_at: null,
      servers: 2,
      lab: { seed: "s", clock: "2026-06-01T00:00:00.000Z", week: 1 },
      tables: ["servers.csv"],
    });
    assertEquals((await readScanIndex(archiveDir)).map((x) => x.scan_id), ["scan-a", "scan-b"]);
    const records = await gunzip(await Deno.readFile(`${archiveDir}/scan-a/records.jsonl.gz`));
    assertEquals(new TextDecoder().decode(records), '{"id":"scan-a"}\n');
    await assertRejects(() => archiveScan(early, { archiveDir }), Error, "append-only");
    assertEquals((await readScanIndex(archiveDir)).length, 2);
    assertEquals(await readScanIndex(`${root}/none`), []);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("archiveScan counts servers.csv's rows, not its lines: a banner's newline inside quotes is no row", async () => {
  const root = await Deno.makeTempDir();
  try {
    const dir = await fakeScan(root, "scan-n", "2026-06-01T00:00:00Z");
    // As toCsv writes a server's two-line banner (and a quote in it): quoted, newline kept.
    await Deno.writeTextFile(
      `${dir}/derived/servers.csv`,
      'server,status,banner\na,success,"Welcome\n""fast"" node\n"\nb,refused,\n',
    );
    const entry = await archiveScan(dir, { archiveDir: `${root}/archive` });
    assertEquals(entry.servers, 2);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("gzip is deterministic and round-trips", async () => {
  const bytes = new TextEncoder().encode("x".repeat(10_000));
  const [a, b] = [await gzip(bytes), await gzip(bytes)];
  assertEquals(a, b);
  assert(a.length < 200, `compressed to ${a.length} bytes`);
  assertEquals(await gunzip(a), bytes);
});
