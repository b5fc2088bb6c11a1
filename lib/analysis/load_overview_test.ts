import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { enrichmentRows, loadOverviewData } from "./load_overview.ts";
import { GEO_SCHEMA, SERVERS_SCHEMA, TLS_SCHEMA } from "../data/schemas/mod.ts";
import type { TableSchema } from "../data/schema.ts";
import { tableCsv } from "../data/table_csv.ts";

// A table file with every column of its schema: the given cells, the rest unknown.
const table = (schema: TableSchema, rows: Record<string, unknown>[]) =>
  tableCsv(
    rows.map((r) => ({
      ...Object.fromEntries(schema.columns.map((c) => [c.name, null])),
      ...r,
    })) as never,
    schema,
  );

Deno.test("loadOverviewData reads the tables and says clearly when tls.csv is absent", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assertRejects(() => loadOverviewData(dir), Error, "run notebooks/01_collect.ipynb");
    await Deno.writeTextFile(
      `${dir}/manifest.json`,
      JSON.stringify({ target: "lab", scan_id: "lab-1", started_at: "2026-11-24T09:00:00.000Z" }),
    );
    await Deno.writeTextFile(
      `${dir}/servers.csv`,
      table(SERVERS_SCHEMA, [{
        server: "a.lab",
        network: "clearnet",
        status: "success",
        transports_reachable: "tls",
        target: "lab",
        first_seen: "2026-11-24T09:00:00.000Z",
        last_seen: "2026-11-24T09:00:01.000Z",
      }]),
    );
    await Deno.writeTextFile(
      `${dir}/geo.csv`,
      table(GEO_SCHEMA, [{
        target: "lab",
        network: "clearnet",
        server: "a.lab",
        ip: "88.99.1.1",
        main: true,
        ip_version: 4,
        provider: "Hetzner",
        provider_class: "hosting",
        simulated: true,
      }]),
    );
    const d = await loadOverviewData(dir);
    assertEquals([d.label.isLab, d.reachable.length, d.population[0].provider, d.tls], [
      true,
      1,
      "Hetzner",
      null,
    ]);
    assert(d.tlsMessage?.includes("tls.csv is not there"));
    assertEquals(d.scanTime.toISOString(), "2026-11-24T09:00:00.000Z");
    assertEquals(enrichmentRows(d.manifest), []);
    await Deno.writeTextFile(`${dir}/tls.csv`, table(TLS_SCHEMA, []));
    assertEquals((await loadOverviewData(dir)).tls, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
