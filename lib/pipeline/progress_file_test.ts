import { assertEquals } from "../testing/assert.ts";
import { progressFileWriter } from "./progress_file.ts";

Deno.test("progressFileWriter appends JSON lines, thrown away while in flight within everyMs, forced ones always", async () => {
  const path = await Deno.makeTempFile({ prefix: "progress_file_test_" });
  try {
    const write = progressFileWriter(path, 60_000);
    write({ phase: "crawl", discovered: 1, done: 0, inFlight: 1, records: 0 });
    write({ phase: "crawl", discovered: 2, done: 1, inFlight: 1, records: 5 }); // within everyMs: dropped
    write({ phase: "crawl", discovered: 2, done: 2, inFlight: 0, records: 9 }); // nothing in flight: kept
    write({ phase: "tables", discovered: 2, done: 2, inFlight: 0, records: 9 }, true);
    const lines = (await Deno.readTextFile(path)).trim().split("\n").map((l) => JSON.parse(l));
    assertEquals(lines.map((l) => [l.phase, l.done]), [["crawl", 0], ["crawl", 2], ["tables", 2]]);
    progressFileWriter(undefined)({
      phase: "done",
      discovered: 0,
      done: 0,
      inFlight: 0,
      records: 0,
    }); // a no-op
    progressFileWriter(`${path}/not-a-folder/x`)({
      phase: "done",
      discovered: 0,
      done: 0,
      inFlight: 0,
      records: 0,
    }); // errors ignored
  } finally {
    await Deno.remove(path);
  }
});
