import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { enrichmentRows, loadOverviewData } from "./load_overview.ts";

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
      "server,network,status,transports_reachable,target\na.lab,clearnet,success,tls,lab\n",
    );
    await Deno.writeTextFile(
      `${dir}/geo.csv`,
      "server,ip,main,ip_version,provider,provider_class,simulated\na.lab,88.99.1.1,true,4,Hetzner,hosting,true\n",
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
    await Deno.writeTextFile(`${dir}/tls.csv`, "server,sha256\n");
    assertEquals((await loadOverviewData(dir)).tls, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
