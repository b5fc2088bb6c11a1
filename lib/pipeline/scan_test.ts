import { assertEquals, assertRejects } from "../testing/assert.ts";
import { runParams } from "../crawl/params.ts";
import { runScan } from "./scan.ts";
import { NothingAnsweredError } from "./nothing_answered.ts";

const GOOD = {
  "servers.csv": "server,status\ngood.example,success\n",
  "fingerprints.csv": "server\ngood.example\n",
  "tls.csv": "server\n",
  "geo.csv": "server\n",
  "manifest.json": '{"scan_id":"good"}\n',
};

Deno.test("runScan with no server answering throws NothingAnswered naming each seed and keeps the previous tables", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "scan_test_" });
  try {
    for (const [name, text] of Object.entries(GOOD)) {
      await Deno.writeTextFile(`${dataDir}/${name}`, text);
    }
    const params = runParams({ OBS_TARGET: "local", OBS_SEEDS: "127.0.0.99:50001:t" });
    const err = await assertRejects(() => runScan({ params, dataDir }), NothingAnsweredError);
    assertEquals(err.message.split(" (")[0], "0 of 1 servers answered: 127.0.0.99:50001 refused");
    for (const [name, text] of Object.entries(GOOD)) {
      assertEquals(await Deno.readTextFile(`${dataDir}/${name}`), text, name);
    }
    // The scan kept its own records and derived tables, in its own folder.
    const scans = [...Deno.readDirSync(`${dataDir}/scans`)];
    assertEquals(scans.length, 1);
    assertEquals(
      [...Deno.readDirSync(`${dataDir}/scans/${scans[0].name}`)].map((e) => e.name).sort(),
      ["derived", "manifest.json", "records.jsonl"],
    );
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("runScan on the local target without seeds throws before it creates any folder", async () => {
  const dataDir = await Deno.makeTempDir({ prefix: "scan_test_" });
  try {
    const params = { ...runParams({}), target: "local" as const, seeds: null };
    await assertRejects(() => runScan({ params, dataDir }), TypeError, "needs OBS_SEEDS");
    assertEquals([...Deno.readDirSync(dataDir)], []);
  } finally {
    await Deno.remove(dataDir, { recursive: true });
  }
});
