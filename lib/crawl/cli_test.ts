import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { parseCli } from "./cli.ts";
import { runParams } from "./params.ts";
import { runScan } from "./scan.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { parseCsv } from "../data/read_csv.ts";

Deno.test("parseCli: flags become run parameters; live needs --i-know; unknown flags throw", () => {
  const c = parseCli(["--target", "local", "--seeds", "127.0.0.5:50001:t,127.0.0.5:50002:s", "--concurrency", "8", "--out", "/tmp/x", "--rate", "50"]);
  const p = runParams(c.env);
  assertEquals(p.target, "local");
  assertEquals(p.seeds, [{ host: "127.0.0.5", t: 50001, s: 50002 }]);
  assertEquals([p.concurrency, c.out, c.rate], [8, "/tmp/x", 50]);
  assertEquals(runParams(parseCli(["--size", "40", "--seed", "s", "--latency", "0"]).env).labSize, 40);
  assertThrows(() => runParams(parseCli(["--target", "live"]).env), RangeError, "OBS_LIVE");
  assertEquals(runParams(parseCli(["--target", "live", "--i-know"]).env).target, "live");
  assertThrows(() => parseCli(["--bogus"]));
  assertThrows(() => parseCli(["--rate=-1"]), RangeError);
});

Deno.test("runScan --target local: crawls only the given loopback seeds and derives the three tables", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1", "electrs-0.11.1"], { tls: true, seed: "cli-local" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const dataDir = await Deno.makeTempDir({ prefix: "collect-local-" });
  try {
    const seeds = hosts.map((h) => `${h.loopback}:50001:t,${h.loopback}:50002:s`).join(",");
    const r = await runScan({ params: runParams(parseCli(["--target", "local", "--seeds", seeds]).env), dataDir });
    assertEquals(r.manifest.target, "local");
    assertEquals(r.manifest.trust_anchors, "system-store");
    // The manifest names the client exactly as every server.version sent it.
    const sent = new Set(lab.requests.filter((q) => q.method === "server.version").map((q) => (q.params as unknown[])[0]));
    assertEquals([...sent], [r.manifest.client_name]);
    const servers = parseCsv(await Deno.readTextFile(r.files.servers));
    const seen = servers.filter((s) => String(s.server).startsWith("127."));
    assertEquals(seen.map((s) => s.software).sort(), ["Fulcrum 2.1.1", "electrs/0.11.1"]);
    // What they advertise (Fulcrum names its public address) is recorded, never dialled.
    for (const s of servers.filter((x) => !String(x.server).startsWith("127."))) assert(s.status === "blocklisted" || s.status === "dns-error", String(s.status));
    const fps = parseCsv(await Deno.readTextFile(r.files.fingerprints)).filter((f) => String(f.server).startsWith("127."));
    assertEquals(fps.map((f) => f.family_inferred).sort(), ["electrs", "fulcrum"]);
    const tls = parseCsv(await Deno.readTextFile(r.files.tls));
    assert(tls.length >= 2);
    for (const t of tls) assertEquals(t.chain_verifies, false); // self-signed, not in the system store
  } finally {
    await lab.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
