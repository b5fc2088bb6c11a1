/**
 * End to end: nothing is lost when the collector is killed. A lab runs in its own process (a
 * fresh one, same seed, for every collector run); the collector runs in another and is killed
 * with SIGKILL at seeded random moments, several times,
 * then run to completion on the same scan directory. After every kill the records file holds
 * only complete records (plus at most one torn last line, which the next run cuts off) and any
 * derived file is whole; at the end the derived rows equal those of an uninterrupted run, and no
 * record of a server's final attempt is duplicated.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { readRecords } from "../lib/records/records.ts";
import { stableServerRow } from "../lib/tables/derive_servers.ts";
import { groupByServer } from "../lib/tables/scan_records.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { denoCommand } from "./helpers/isolated.ts";

const helper = (name: string) => new URL(`./helpers/${name}`, import.meta.url).pathname;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function waitForFile(path: string, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    try {
      await Deno.stat(path);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${path} did not appear within ${ms} ms`);
}

/** Every complete line parses; only a last line without its newline may be torn. */
async function checkRecordsFile(path: string): Promise<number> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch {
    return 0;
  }
  const lines = text.split("\n");
  lines.pop(); // "" when the file ends with a newline, else the torn last line the next run cuts off
  for (const [i, line] of lines.entries()) {
    try {
      JSON.parse(line);
    } catch {
      throw new Error(
        `records.jsonl line ${i + 1} of ${lines.length} is not a whole record: ${
          line.slice(0, 120)
        }`,
      );
    }
  }
  return lines.length;
}

/** A derived CSV, if present, is whole: its header plus rows that each have every column. */
async function checkDerived(dir: string): Promise<void> {
  try {
    const rows = await readCsv(`${dir}/derived/servers.csv`);
    for (const r of rows) {
      assert(typeof r.server === "string" && r.server.length > 0, "servers.csv has a broken row");
    }
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
}

async function collect(info: string, scanDir: string, labPid: number): Promise<Deno.ChildProcess> {
  const cmd = await denoCommand(helper("collect_process.ts"), [info, scanDir], {
    joinPid: labPid,
    stdout: "piped",
    stderr: "piped",
  });
  return cmd.spawn();
}

const stable = (rows: Record<string, unknown>[]) => rows.map(stableServerRow);

Deno.test({
  name:
    "collector killed with SIGKILL mid-crawl resumes with no lost, duplicated or half-written records",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "obs-kill-" });
    // Every collector run meets a freshly started lab (same seed, same network): the emulated
    // ElectrumX servers remember error costs per /24 across connections, and a real resume comes
    // long after that memory decayed, so no run should inherit the previous run's throttling.
    let labs = 0;
    const withLab = async <T>(fn: (info: string, pid: number) => Promise<T>): Promise<T> => {
      const info = `${tmp}/lab-${labs++}.json`;
      const lab = (await denoCommand(helper("lab_process.ts"), ["40", "resume-kill", "0", info], {
        stdout: "null",
        stderr: "piped",
      })).spawn();
      try {
        await waitForFile(info, 60_000);
        return await fn(info, lab.pid);
      } finally {
        lab.kill("SIGTERM");
        await lab.output();
      }
    };
    try {
      // The uninterrupted reference run.
      const t0 = performance.now();
      const ref = await withLab(async (info, pid) =>
        await (await collect(info, `${tmp}/ref`, pid)).output()
      );
      assert(
        ref.success,
        `reference run failed: ${new TextDecoder().decode(ref.stderr).slice(-2000)}`,
      );
      const refMs = performance.now() - t0;

      // Killed runs on one directory, then a run to completion.
      const r = rng(20261124);
      const kills = 4;
      let killedAfterRecords = 0;
      for (let k = 0; k < kills; k++) {
        await withLab(async (info, pid) => {
          const child = await collect(info, `${tmp}/killed`, pid);
          const delay = 200 + r() * Math.max(300, refMs * 0.6);
          await new Promise((res) => setTimeout(res, delay));
          try {
            child.kill("SIGKILL");
          } catch { /* it may have finished already */ }
          await child.output();
        });
        const n = await checkRecordsFile(`${tmp}/killed/records.jsonl`);
        killedAfterRecords = Math.max(killedAfterRecords, n);
        await checkDerived(`${tmp}/killed`);
      }
      assert(killedAfterRecords > 0, "no kill landed after the first records were written");
      const fin = await withLab(async (info, pid) =>
        await (await collect(info, `${tmp}/killed`, pid)).output()
      );
      assert(fin.success, `final run failed: ${new TextDecoder().decode(fin.stderr).slice(-2000)}`);

      const a = await readCsv(`${tmp}/ref/derived/servers.csv`);
      const b = await readCsv(`${tmp}/killed/derived/servers.csv`);
      assert(a.length > 30, `reference run found only ${a.length} servers`);
      assertEquals(stable(b), stable(a));

      // The final attempt of each server holds each probe outcome once.
      const { records } = await readRecords(`${tmp}/killed/records.jsonl`);
      const { servers, unfinished } = groupByServer(records);
      assertEquals(unfinished, []);
      for (const s of servers) {
        const keys = s.records.map((x) => `${x.probe}|${x.ip}|${x.port}|${x.transport}`);
        assertEquals(keys.length, new Set(keys).size, `duplicated records for ${s.server}`);
      }
      const seqs = records.map((x) => x.seq);
      assertEquals(seqs, seqs.map((_, i) => i), "record numbering has gaps or repeats");
      console.log(
        `reference ${
          Math.round(refMs)
        } ms, ${a.length} servers; ${kills} kills, ${records.length} records, ${
          Math.max(...servers.map((s) => s.attempt))
        } attempts at most`,
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
