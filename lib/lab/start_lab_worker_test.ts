import { assert, assertEquals } from "../testing/assert.ts";
import { connectElectrum } from "../electrum/connect.ts";
import { startLabWorker } from "./start_lab_worker.ts";

Deno.test("startLabWorker: a lab on its own thread answers on loopback, resolves its names and writes its ground truth after stop", async () => {
  const lab = await startLabWorker({ size: 10, latency: 0, tipIntervalMs: 0, seed: "worker-test" });
  const dir = await Deno.makeTempDir();
  try {
    const h = lab.hosts.find((x) => x.hostname && x.tcpPort && !x.onion)!;
    const [ip] = lab.resolver.resolve(h.hostname!);
    assertEquals(lab.resolver.dialAddress(ip), h.loopback);
    assert(lab.seeds.length > 0 && lab.caPem.includes("BEGIN CERTIFICATE"));
    const c = await connectElectrum({ host: h.hostname!, ip: h.loopback, port: h.tcpPort! }, {
      transport: "tcp",
      policy: { mode: "lab" },
    });
    assertEquals(c.status, "success");
    if (c.status === "success") {
      const r = await c.session.request("server.version", ["worker-test", "1.4"]);
      c.session.close();
      assertEquals(r.status, "success");
    }
    await lab.stop();
    const path = await lab.recordTruth(dir, { scanId: "worker-test" });
    const truth = JSON.parse(await Deno.readTextFile(path));
    assertEquals([truth.scan_id, truth.hosts.length], ["worker-test", lab.hosts.length]);
  } finally {
    await lab.close();
    await Deno.remove(dir, { recursive: true });
  }
});
