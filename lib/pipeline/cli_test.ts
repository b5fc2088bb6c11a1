import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { cliParams, parseCli } from "./cli.ts";
import { UsageError } from "./exit_codes.ts";
import { runParams } from "../crawl/params.ts";
import { runScan } from "./scan.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { parseCsv } from "../data/read_csv.ts";
import { FINGERPRINTS_SCHEMA, SERVERS_SCHEMA, TLS_SCHEMA } from "../data/schemas/mod.ts";

Deno.test("parseCli: flags become run parameters; live needs --i-know; unknown flags throw", () => {
  const c = parseCli(["--target", "local", "--seeds", "127.0.0.5:50001:t,127.0.0.5:50002:s", "--concurrency", "8", "--out", "/tmp/x", "--rate", "50"]);
  const p = runParams(c.env);
  assertEquals(p.target, "local");
  assertEquals(p.seeds, [{ host: "127.0.0.5", t: 50001, s: 50002 }]);
  assertEquals([p.concurrency, c.out, c.rate], [8, "/tmp/x", 50]);
  assertEquals(runParams(parseCli(["--size", "40", "--seed", "s", "--latency", "0"]).env).labSize, 40);
  assertThrows(() => runParams(parseCli(["--target", "live"]).env), RangeError, "OBS_LIVE");
  assertEquals(runParams(parseCli(["--target", "live", "--i-know"]).env).target, "live");
  assertThrows(() => parseCli(["--bogus"]), UsageError, "--bogus");
  assertThrows(() => parseCli(["--rate=-1"]), UsageError, "--rate must be a number >= 0");
});

Deno.test("parseCli: --help, and a bad flag value is refused naming the flag, even when negative", () => {
  assertEquals(parseCli(["--help"]).help, true);
  assertEquals(parseCli(["-h"]).help, true);
  assertThrows(() => cliParams(parseCli(["--concurrency", "-1"])), UsageError, "--concurrency must be in 1..1000, got -1");
  assertThrows(() => cliParams(parseCli(["--concurrency=-1"])), UsageError, "--concurrency must be in 1..1000, got -1");
  assertThrows(() => cliParams(parseCli(["--size", "abc"])), UsageError, "--size must be an integer in 10..5000, got abc");
  assertThrows(() => parseCli(["--rate", "-5"]), UsageError, '--rate must be a number >= 0, got "-5"');
  // A value from the environment keeps the variable's name.
  assertThrows(() => cliParams(parseCli([], { OBS_CONCURRENCY: "0" })), UsageError, "OBS_CONCURRENCY must be in 1..1000, got 0");
  assertThrows(() => cliParams(parseCli(["--target", "local", "--seeds", "8.8.8.8:50001:t"])), UsageError, '--seeds: the local target dials only 127.0.0.0/8 and ::1, not "8.8.8.8"');
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
    const servers = parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA);
    const seen = servers.filter((s) => String(s.server).startsWith("127."));
    assertEquals(seen.map((s) => s.software).sort(), ["Fulcrum 2.1.1", "electrs/0.11.1"]);
    // What they advertise (Fulcrum names its public address) is recorded, never dialled.
    for (const s of servers.filter((x) => !String(x.server).startsWith("127."))) assert(s.status === "blocklisted" || s.status === "dns-error", String(s.status));
    const fps = parseCsv(await Deno.readTextFile(r.files.fingerprints), FINGERPRINTS_SCHEMA).filter((f) => String(f.server).startsWith("127."));
    assertEquals(fps.map((f) => f.family_inferred).sort(), ["electrs", "fulcrum"]);
    const tls = parseCsv(await Deno.readTextFile(r.files.tls), TLS_SCHEMA);
    assert(tls.length >= 2);
    for (const t of tls) assertEquals(t.chain_verifies, false); // self-signed, not in the system store
  } finally {
    await lab.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});
