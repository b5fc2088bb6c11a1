import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { cliParams, parseCli } from "./cli.ts";
import { UsageError } from "./exit_codes.ts";
import { parseLabClock, runParams } from "../crawl/params.ts";
import { runScan } from "./scan.ts";
import { startLab } from "../lab/lab.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { parseCsv } from "../data/read_csv.ts";
import { FINGERPRINTS_SCHEMA, SERVERS_SCHEMA, TLS_SCHEMA } from "../data/schemas/mod.ts";

Deno.test("parseCli: flags become run parameters; live needs --i-know; unknown flags throw", () => {
  const c = parseCli([
    "--target",
    "local",
    "--seeds",
    "127.0.0.5:50001:t,127.0.0.5:50002:s",
    "--concurrency",
    "8",
    "--out",
    "/tmp/x",
    "--rate",
    "50",
  ]);
  const p = runParams(c.env);
  assertEquals(p.target, "local");
  assertEquals(p.seeds, [{ host: "127.0.0.5", t: 50001, s: 50002 }]);
  assertEquals([p.concurrency, c.out, c.rate], [8, "/tmp/x", 50]);
  assertEquals(
    runParams(parseCli(["--size", "40", "--seed", "s", "--latency", "0"]).env).labSize,
    40,
  );
  assertThrows(() => runParams(parseCli(["--target", "live"]).env), RangeError, "OBS_LIVE");
  assertEquals(runParams(parseCli(["--target", "live", "--i-know"]).env).target, "live");
  // Default concurrency: 256 servers at once in the lab, 64 on live and local targets.
  assertEquals(runParams({}).concurrency, 256);
  assertEquals(runParams({ OBS_TARGET: "live", OBS_LIVE: "1" }).concurrency, 64);
  assertEquals(
    runParams({ OBS_TARGET: "local", OBS_SEEDS: "127.0.0.5:50001:t" }).concurrency,
    64,
  );
  assertThrows(() => parseCli(["--bogus"]), UsageError, "--bogus");
  assertThrows(() => parseCli(["--rate=-1"]), UsageError, "--rate must be a number >= 0");
});

Deno.test("parseCli: --help, and a bad flag value is refused naming the flag, even when negative", () => {
  assertEquals(parseCli(["--help"]).help, true);
  assertEquals(parseCli(["-h"]).help, true);
  assertThrows(
    () => cliParams(parseCli(["--concurrency", "-1"])),
    UsageError,
    "--concurrency must be in 1..1000, got -1",
  );
  assertThrows(
    () => cliParams(parseCli(["--concurrency=-1"])),
    UsageError,
    "--concurrency must be in 1..1000, got -1",
  );
  assertThrows(
    () => cliParams(parseCli(["--size", "abc"])),
    UsageError,
    "--size must be an integer in 10..5000, got abc",
  );
  assertThrows(
    () => parseCli(["--rate", "-5"]),
    UsageError,
    '--rate must be a number >= 0, got "-5"',
  );
  // A value from the environment keeps the variable's name.
  assertThrows(
    () => cliParams(parseCli([], { OBS_CONCURRENCY: "0" })),
    UsageError,
    "OBS_CONCURRENCY must be in 1..1000, got 0",
  );
  assertThrows(
    () => cliParams(parseCli(["--target", "local", "--seeds", "8.8.8.8:50001:t"])),
    UsageError,
    '--seeds: the local target dials only 127.0.0.0/8 and ::1, not "8.8.8.8"',
  );
});

Deno.test("runParams: OBS_LAB_WEEK (or --lab-week) evolves the lab by whole weeks 0..52; anything else is refused", () => {
  assertEquals(runParams({}).labWeek, 0);
  assertEquals(runParams({ OBS_LAB_WEEK: "3" }).labWeek, 3);
  assertEquals(runParams(parseCli(["--lab-week", "1"]).env).labWeek, 1);
  for (const bad of ["-1", "1.5", "53", "x"]) {
    assertThrows(() => runParams({ OBS_LAB_WEEK: bad }), RangeError, "OBS_LAB_WEEK");
  }
});

Deno.test("runParams: OBS_LAB_CLOCK (or --lab-clock) pins the lab clock; a bad value is refused by name", () => {
  assertEquals(runParams({}).labClock, null);
  assertEquals(
    runParams({ OBS_LAB_CLOCK: "2026-11-01" }).labClock?.toISOString(),
    "2026-11-01T00:00:00.000Z",
  );
  assertEquals(
    runParams(parseCli(["--lab-clock", "2026-11-01T12:30:00Z"]).env).labClock?.toISOString(),
    "2026-11-01T12:30:00.000Z",
  );
  for (
    const bad of [
      "2026-02-31",
      "01/11/2026",
      "2026-11-01T12:30:00",
      "tomorrow",
      "2026-03-14",
      "2035-01-01",
    ]
  ) {
    assertThrows(() => runParams({ OBS_LAB_CLOCK: bad }), RangeError, "OBS_LAB_CLOCK");
  }
  assertThrows(() => parseLabClock("2026-13-01"), RangeError, '"2026-13-01"');
});

Deno.test("runScan: the lab clock is recorded in the manifest, and a pinned clock gives the same certificates on any day", async () => {
  const dirs = [
    await Deno.makeTempDir({ prefix: "lab-clock-a-" }),
    await Deno.makeTempDir({ prefix: "lab-clock-b-" }),
  ];
  try {
    const env = { OBS_LAB_SIZE: "10", OBS_SEED: "lab-clock", OBS_LATENCY: "0" };
    const pinned = await runScan({
      params: runParams({ ...env, OBS_LAB_CLOCK: "2026-06-10" }),
      dataDir: dirs[0],
    });
    assertEquals(pinned.manifest.lab?.clock, "2026-06-10T00:00:00.000Z");
    const today = await runScan({ params: runParams(env), dataDir: dirs[1] });
    const midnight = new Date();
    midnight.setUTCHours(0, 0, 0, 0);
    assertEquals(today.manifest.lab?.clock, midnight.toISOString());
    // The lab dates its certificates from its clock: the pinned run's are those of 2026-06-10.
    const dates = async (f: string) =>
      parseCsv(await Deno.readTextFile(f), TLS_SCHEMA).map((t) =>
        `${t.server} ${t.not_before} ${t.not_after}`
      ).sort();
    const a = await dates(pinned.files.tls), b = await dates(today.files.tls);
    assert(a.length > 0);
    assert(
      a.every((x) => x.split(" ")[1] < "2026-06-10"),
      "a certificate issued after the pinned clock",
    );
    assert(a.join() !== b.join(), "the pinned clock changed no certificate");
    // And they are judged as of the lab's clock, not the day the run happens to be made.
    const clock = Date.parse("2026-06-10T00:00:00Z");
    const rows = parseCsv(await Deno.readTextFile(pinned.files.tls), TLS_SCHEMA).filter((t) =>
      t.chain_position === 0
    );
    assert(rows.length > 0);
    for (const t of rows) {
      const days = Math.floor((Date.parse(String(t.not_after)) - clock) / 86_400_000);
      assert(
        t.days_to_expiry === days || t.days_to_expiry === days - 1,
        `${t.server}: ${t.days_to_expiry} days, expected ${days}`,
      );
      if (Date.parse(String(t.not_after)) > clock + 86_400_000) {
        assertEquals(t.validity_at_scan, "valid", String(t.server));
      }
    }
  } finally {
    for (const d of dirs) await Deno.remove(d, { recursive: true });
  }
});

Deno.test("runParams: OBS_DENY, OBS_ALLOW and OBS_EXCLUDE_FILE (and their flags); live loads the committed exclusion file", () => {
  const p = runParams(
    parseCli([
      "--target",
      "local",
      "--seeds",
      "127.0.0.5:50001:t",
      "--deny",
      "127.0.0.5/32, 2001:db8::/32",
      "--allow",
      "127.0.0.0/8",
    ]).env,
  );
  assertEquals([p.deny, p.allow, p.excludeFile], [["127.0.0.5/32", "2001:db8::/32"], [
    "127.0.0.0/8",
  ], null]);
  assertThrows(
    () => runParams({ OBS_DENY: "127.0.0.5/40" }),
    RangeError,
    'OBS_DENY: "127.0.0.5/40"',
  );
  assertThrows(() => runParams({ OBS_ALLOW: "localhost" }), RangeError, "OBS_ALLOW");
  assertEquals(
    String(runParams({ OBS_TARGET: "live", OBS_LIVE: "1" }).excludeFile).endsWith(
      "/lib/crawl/live_exclusions.conf",
    ),
    true,
  );
  assertEquals(
    runParams({ OBS_TARGET: "live", OBS_LIVE: "1", OBS_EXCLUDE_FILE: "none" }).excludeFile,
    null,
  );
  assertEquals(
    runParams(parseCli(["--exclude-file", "/tmp/x.conf"]).env).excludeFile,
    "/tmp/x.conf",
  );
});

Deno.test("runScan: a denied address is never dialled: local (loopback, the dial guard) and lab (simulated address)", async () => {
  const hosts = fixtureHosts(["fulcrum-2.1.1", "electrs-0.11.1"], {
    seed: "deny-local",
    firstIndex: 40,
  });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const dirs = [
    await Deno.makeTempDir({ prefix: "deny-local-" }),
    await Deno.makeTempDir({ prefix: "deny-lab-" }),
  ];
  const exclude = `${dirs[0]}/exclude.conf`;
  try {
    // Local: the second host's loopback address is in an exclusion file; the first is allowed.
    await Deno.writeTextFile(exclude, `# test\n${hosts[1].loopback}/32  # denied\n`);
    const seeds = hosts.map((h) => `${h.loopback}:50001:t`).join(",");
    const r = await runScan({
      params: runParams({ OBS_TARGET: "local", OBS_SEEDS: seeds, OBS_EXCLUDE_FILE: exclude }),
      dataDir: dirs[0],
    });
    assertEquals(r.manifest.dial_lists, {
      exclude_file: exclude,
      deny: [`${hosts[1].loopback}/32`],
      allow: [],
    });
    const rows = new Map(
      parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA).map((s) => [s.server, s]),
    );
    assertEquals(rows.get(hosts[0].loopback)?.status, "success");
    const denied = rows.get(hosts[1].loopback)!;
    assertEquals(denied.status, "blocklisted");
    assert(String(denied.status_message).includes("deny list"), String(denied.status_message));
    assertEquals(lab.requests.filter((q) => q.host === hosts[1].id).length, 0);
    assert(lab.requests.some((q) => q.host === hosts[0].id));
  } finally {
    await lab.stop();
  }
  try {
    // Lab: deny every simulated address (IPv4 and IPv6) but the seed's; only the seed is dialled.
    const env = { OBS_LAB_SIZE: "10", OBS_SEED: "deny-lab", OBS_LATENCY: "0" };
    const probe = await runScan({ params: runParams(env), dataDir: dirs[1] });
    const all = parseCsv(await Deno.readTextFile(probe.files.servers), SERVERS_SCHEMA).filter((s) =>
      s.status === "success" && s.ipv4
    );
    const seed = all.find((s) => String(s.found_via).startsWith("seed"))!;
    const others = all.filter((s) => s !== seed).map((s) => `${s.ipv4}/32`);
    const others6 = all.filter((s) => s !== seed && s.ipv6).flatMap((s) =>
      String(s.ipv6).split(";").map((a) => `${a}/128`)
    );
    const r = await runScan({
      params: runParams({ ...env, OBS_DENY: [...others, ...others6].join(",") }),
      dataDir: dirs[1],
    });
    const rows = parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA);
    assertEquals(rows.find((s) => s.server === seed.server)?.status, "success");
    // Servers only the denied ones advertised are not discovered at all; every one discovered is refused.
    const blocked = rows.filter((s) => others.includes(`${s.ipv4}/32`));
    assert(blocked.length >= 3, `only ${blocked.length} denied servers discovered`);
    assertEquals(rows.filter((s) => s.status === "success" && s.ipv4).map((s) => s.server), [
      seed.server,
    ]);
    for (const s of blocked) {
      assert(
        s.status === "blocklisted" && String(s.status_message).includes("deny list"),
        `${s.server} ${s.status}`,
      );
    }
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
    const r = await runScan({
      params: runParams(parseCli(["--target", "local", "--seeds", seeds]).env),
      dataDir,
    });
    assertEquals(r.manifest.target, "local");
    assertEquals(r.manifest.trust_anchors, "system-store");
    // The manifest names the client exactly as every server.version sent it.
    const sent = new Set(
      lab.requests.filter((q) => q.method === "server.version").map((q) =>
        (q.params as unknown[])[0]
      ),
    );
    assertEquals([...sent], [r.manifest.client_name]);
    const servers = parseCsv(await Deno.readTextFile(r.files.servers), SERVERS_SCHEMA);
    const seen = servers.filter((s) => String(s.server).startsWith("127."));
    assertEquals(seen.map((s) => s.software).sort(), ["Fulcrum 2.1.1", "electrs/0.11.1"]);
    // What they advertise (Fulcrum names its public address) is recorded, never dialled.
    for (const s of servers.filter((x) => !String(x.server).startsWith("127."))) {
      assert(s.status === "blocklisted" || s.status === "dns-error", String(s.status));
    }
    const fps = parseCsv(await Deno.readTextFile(r.files.fingerprints), FINGERPRINTS_SCHEMA).filter(
      (f) => String(f.server).startsWith("127."),
    );
    assertEquals(fps.map((f) => f.family_inferred).sort(), ["electrs", "fulcrum"]);
    const tls = parseCsv(await Deno.readTextFile(r.files.tls), TLS_SCHEMA);
    assert(tls.length >= 2);
    for (const t of tls) assertEquals(t.chain_verifies, false); // self-signed, not in the system store
  } finally {
    await lab.stop();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("runParams: OBS_TIMING (or --timing) is on, off or the most samples per server; anything else is refused by name", () => {
  assertEquals(runParams({}).timing, undefined);
  assertEquals(runParams({ OBS_TIMING: "on" }).timing, undefined);
  assertEquals(runParams({ OBS_TIMING: "off" }).timing, false);
  assertEquals(runParams({ OBS_TIMING: "4" }).timing, 4);
  assertEquals(cliParams(parseCli(["--timing", "off"])).timing, false);
  for (const bad of ["0", "33", "2.5", "-1", "yes", "1e1"]) {
    assertThrows(
      () => runParams({ OBS_TIMING: bad }),
      RangeError,
      "OBS_TIMING must be on, off, or the most samples per server",
    );
  }
});
