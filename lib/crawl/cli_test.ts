import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { parseCli } from "./cli.ts";
import { parseLabClock, runParams } from "./params.ts";
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

Deno.test("runParams: OBS_LAB_CLOCK (or --lab-clock) pins the lab clock; a bad value is refused by name", () => {
  assertEquals(runParams({}).labClock, null);
  assertEquals(runParams({ OBS_LAB_CLOCK: "2026-11-01" }).labClock?.toISOString(), "2026-11-01T00:00:00.000Z");
  assertEquals(runParams(parseCli(["--lab-clock", "2026-11-01T12:30:00Z"]).env).labClock?.toISOString(), "2026-11-01T12:30:00.000Z");
  for (const bad of ["2026-02-31", "01/11/2026", "2026-11-01T12:30:00", "tomorrow", "2008-12-31"]) {
    assertThrows(() => runParams({ OBS_LAB_CLOCK: bad }), RangeError, `OBS_LAB_CLOCK`);
  }
  assertThrows(() => parseLabClock("2026-13-01"), RangeError, '"2026-13-01"');
});

Deno.test("runScan: the lab clock is recorded in the manifest, and a pinned clock gives the same certificates on any day", async () => {
  const dirs = [await Deno.makeTempDir({ prefix: "lab-clock-a-" }), await Deno.makeTempDir({ prefix: "lab-clock-b-" })];
  try {
    const env = { OBS_LAB_SIZE: "10", OBS_SEED: "lab-clock", OBS_LATENCY: "0" };
    const pinned = await runScan({ params: runParams({ ...env, OBS_LAB_CLOCK: "2025-03-10" }), dataDir: dirs[0] });
    assertEquals(pinned.manifest.lab?.clock, "2025-03-10T00:00:00.000Z");
    const today = await runScan({ params: runParams(env), dataDir: dirs[1] });
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    assertEquals(today.manifest.lab?.clock, midnight.toISOString());
    // The lab dates its certificates from its clock: the pinned run's are those of 2025-03-10.
    const dates = async (f: string) => parseCsv(await Deno.readTextFile(f)).map((t) => `${t.server} ${t.not_before} ${t.not_after}`).sort();
    const a = await dates(pinned.files.tls), b = await dates(today.files.tls);
    assert(a.length > 0);
    assert(a.every((x) => x.split(" ")[1] < "2025-03-10"), "a certificate issued after the pinned clock");
    assert(a.join() !== b.join(), "the pinned clock changed no certificate");
  } finally {
    for (const d of dirs) await Deno.remove(d, { recursive: true });
  }
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
