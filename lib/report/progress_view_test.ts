import { assertEquals } from "../testing/assert.ts";
import { watchProgress } from "./progress_view.ts";
import { renderProgress } from "../pipeline/render_progress.ts";
import type { ProgressLine } from "../pipeline/progress_file.ts";

Deno.test("renderProgress says the phase and counts; with tty it draws a bar of done/discovered", () => {
  const line: ProgressLine = {
    phase: "crawl",
    discovered: 40,
    done: 10,
    inFlight: 3,
    records: 120,
  };
  assertEquals(renderProgress(line), "crawling: 10/40 servers done, 3 in flight, 120 records");
  assertEquals(
    renderProgress(line, { tty: true, barWidth: 8 }),
    "[##......] crawling: 10/40 servers done, 3 in flight, 120 records",
  );
  assertEquals(renderProgress({ ...line, phase: "lab" }), "starting the lab");
});

/**
 * Run `body` on a fresh temporary progress file, with `append` writing one line to it; the file is
 * removed afterwards.
 */
async function withProgressFile(
  body: (path: string, append: (l: ProgressLine) => void) => Promise<void>,
): Promise<void> {
  const path = await Deno.makeTempFile({ prefix: "progress_view_test_" });
  const append = (l: ProgressLine) =>
    Deno.writeTextFileSync(path, JSON.stringify(l) + "\n", { append: true });
  try {
    await body(path, append);
  } finally {
    await Deno.remove(path);
  }
}

/**
 * Empty the progress file at `path` and watch it (polled every 10 ms, plain lines only at phase
 * changes); `out` collects what the watcher writes.
 */
async function watchEmptied(path: string, tty: boolean) {
  await Deno.writeTextFile(path, "");
  const out: string[] = [];
  const stop = watchProgress(path, {
    tty,
    write: (t) => out.push(t),
    pollMs: 10,
    plainEveryMs: 60_000,
  });
  return { out, stop };
}

Deno.test("watchProgress shows a file's progress: plain lines per phase without a tty, one redrawn bar with", async () => {
  await withProgressFile(async (path, append) => {
    for (const tty of [false, true]) {
      const { out, stop } = await watchEmptied(path, tty);
      append({ phase: "lab", discovered: 0, done: 0, inFlight: 0, records: 0 });
      await new Promise((r) => setTimeout(r, 50));
      append({ phase: "crawl", discovered: 2, done: 0, inFlight: 2, records: 4 });
      append({ phase: "crawl", discovered: 2, done: 1, inFlight: 1, records: 9 });
      Deno.writeTextFileSync(path, '{"phase":"cra', { append: true }); // a torn line waits
      await new Promise((r) => setTimeout(r, 50));
      Deno.writeTextFileSync(path, 'wl","discovered":2,"done":2,"inFlight":0,"records":12}\n', {
        append: true,
      });
      append({ phase: "done", discovered: 2, done: 2, inFlight: 0, records: 12 });
      await stop();
      if (!tty) {
        assertEquals(out, [
          "report: starting the lab\n",
          "report: crawling: 1/2 servers done, 1 in flight, 9 records\n",
          "report: crawling: 2/2 servers done, 0 in flight, 12 records\n",
          "report: crawl done: 2/2 servers done, 0 in flight, 12 records\n",
        ]);
      } else {
        assertEquals(out.at(-1), "\n");
        assertEquals(
          out.at(-2),
          "\r\x1b[2Kreport: [########################] crawl done: 2/2 servers done, 0 in flight, 12 records",
        );
        assertEquals(out.filter((t) => t.includes("\n")).length, 1, "one line, redrawn");
      }
    }
  });
});

Deno.test("watchProgress without a tty prints each phase's last line, however the polls fell", async () => {
  const polled = () => new Promise((r) => setTimeout(r, 60));
  const zero = { discovered: 0, done: 0, inFlight: 0, records: 0 };
  const finished = { discovered: 1, done: 1, inFlight: 0, records: 3 };
  await withProgressFile(async (path, append) => {
    // A refused crawl: its start is polled, then its end and the tables arrive in later polls.
    for (const tablesInSamePoll of [true, false]) {
      const { out, stop } = await watchEmptied(path, false);
      append({ phase: "crawl", ...zero });
      await polled();
      append({ phase: "crawl", ...finished });
      if (!tablesInSamePoll) await polled();
      append({ phase: "tables", ...finished });
      await stop();
      assertEquals(out, [
        "report: crawling: 0/0 servers done, 0 in flight, 0 records\n",
        "report: crawling: 1/1 servers done, 0 in flight, 3 records\n",
        "report: deriving tables: 1/1 servers done, 0 in flight, 3 records\n",
      ]);
    }
    // Watching stops while the crawl's last line is held back: it is printed then.
    const { out, stop } = await watchEmptied(path, false);
    append({ phase: "crawl", ...zero });
    await polled();
    append({ phase: "crawl", ...finished });
    await polled();
    await stop();
    assertEquals(out.at(-1), "report: crawling: 1/1 servers done, 0 in flight, 3 records\n");
  });
});
