import { assert, assertEquals } from "../testing/assert.ts";
import { tableCsv } from "../data/table_csv.ts";
import { readCsv } from "../data/read_csv.ts";
import {
  CLUSTERS_SCHEMA,
  FEATURES_SCHEMA,
  FINGERPRINTS_SCHEMA,
  GEO_SCHEMA,
  PEERS_SCHEMA,
  SERVERS_SCHEMA,
  TLS_SCHEMA,
} from "../data/schemas/mod.ts";
import { asRead } from "../data/as_read.ts";
import type { SuspectTables } from "./suspect_context.ts";
import { writeSuspicion } from "./write_suspicion.ts";

const T = "2026-12-03T09:38:02.019Z";

type Schema = Parameters<typeof tableCsv>[1];

/** Three servers' tables with their schemas; the first is 40 blocks behind. */
function tableRows(): Record<
  keyof SuspectTables,
  { rows: Record<string, unknown>[]; schema: Schema }
> {
  const names = ["alpha.example", "beta.example", "gamma.example"];
  return {
    servers: {
      rows: names.map((server, i) => ({
        target: "lab",
        server,
        network: "clearnet",
        status: "success",
        software: "ElectrumX 1.20.0",
        tip_lag_blocks: i ? 0 : 40,
        first_seen: T,
        last_seen: T,
      })),
      schema: SERVERS_SCHEMA,
    },
    fingerprints: {
      rows: names.map((server) => ({
        server,
        transport: "tcp",
        port: 50001,
        claim_mismatch: false,
      })),
      schema: FINGERPRINTS_SCHEMA,
    },
    tls: { rows: [], schema: TLS_SCHEMA },
    geo: {
      rows: names.map((server) => ({
        target: "lab",
        simulated: true,
        server,
        network: "clearnet",
        main: true,
      })),
      schema: GEO_SCHEMA,
    },
    peers: { rows: [], schema: PEERS_SCHEMA },
    features: { rows: names.map((server) => ({ server })), schema: FEATURES_SCHEMA },
    clusters: {
      rows: names.map((server, i) => ({
        server,
        modified: false,
        modified_reasons: "",
        differing_features: "",
        outlier_score: 0.5,
        outlier_rank: i + 1,
        explanation: "ordinary",
      })),
      schema: CLUSTERS_SCHEMA,
    },
  };
}

/** The tables through their schemas into `dir` as `<name>.csv`. */
async function writeTables(dir: string) {
  for (const [name, t] of Object.entries(tableRows())) {
    await Deno.writeTextFile(`${dir}/${name}.csv`, tableCsv(t.rows as never, t.schema));
  }
}

Deno.test("writeSuspicion: hss.csv through its schema, the feed and its schema beside it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeTables(dir);
    const manifest = `${dir}/manifest.json`;
    await Deno.writeTextFile(
      manifest,
      JSON.stringify({
        scan_id: "s1",
        target: "lab",
        started_at: T,
        finished_at: T,
        vantage: "lab",
        tool: { name: "eo", version: "0.1.0" },
      }),
    );
    const f = await writeSuspicion(dir, manifest);
    const rows = await readCsv(f.hss);
    assertEquals(rows.map((r) => [r.server, r.tier]), [["alpha.example", "high"], [
      "beta.example",
      "benign",
    ], ["gamma.example", "benign"]]);
    const feed = JSON.parse(await Deno.readTextFile(f.riskFeed!));
    assertEquals(feed.provenance.scan_id, "s1");
    assertEquals(feed.servers[0].indicators[0].name, "stale-tip");
    assert((await Deno.readTextFile(f.riskFeedSchema!)).includes('"$schema"'));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeSuspicion: without a manifest only hss.csv is written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeTables(dir);
    const f = await writeSuspicion(dir, null);
    assertEquals([f.riskFeed, f.riskFeedSchema], [null, null]);
    assertEquals((await readCsv(f.hss)).length, 3);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeSuspicion: a manifest without provenance makes no feed (the schema refuses it)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeTables(dir);
    await Deno.writeTextFile(
      `${dir}/manifest.json`,
      JSON.stringify({ scan_id: "s1", target: "lab" }),
    );
    let message = "";
    try {
      await writeSuspicion(dir, `${dir}/manifest.json`);
    } catch (err) {
      message = String(err);
    }
    assert(message.includes("risk feed does not fit its schema"), message);
    assertEquals([...Deno.readDirSync(dir)].some((e) => e.name === "risk-feed.json"), false);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeSuspicion: given the tables in memory, reads none and writes the same hss.csv", async () => {
  const read = await Deno.makeTempDir(), held = await Deno.makeTempDir();
  try {
    await writeTables(read);
    const fromFiles = await writeSuspicion(read, null);
    // `held` has no table: the step must score the rows it is given.
    const tables = Object.fromEntries(
      Object.entries(tableRows()).map(([name, t]) => [name, asRead(t.rows as never, t.schema)]),
    ) as unknown as SuspectTables;
    const fromMemory = await writeSuspicion(held, null, { tables });
    assertEquals(
      await Deno.readTextFile(fromMemory.hss),
      await Deno.readTextFile(fromFiles.hss),
    );
  } finally {
    await Deno.remove(read, { recursive: true });
    await Deno.remove(held, { recursive: true });
  }
});
