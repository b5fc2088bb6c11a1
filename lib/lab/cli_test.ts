import { assert, assertEquals, assertMatch, assertThrows } from "../testing/assert.ts";
import { parseLabCli } from "./cli.ts";

Deno.test("parseLabCli maps every option and refuses malformed values", () => {
  const cli = parseLabCli([
    "--size",
    "100",
    "--onion",
    "5",
    "--seed",
    "x",
    "--latency",
    "0.5",
    "--tip-interval",
    "1000",
    "--request-log",
    "/tmp/r.jsonl",
    "--vantage=-33.87,151.21",
    "--no-adversaries",
    "--ground-truth",
    "/tmp/t.json",
  ]);
  assertEquals(cli.options, {
    size: 100,
    onion: 5,
    seed: "x",
    latency: 0.5,
    tipIntervalMs: 1000,
    requestLogPath: "/tmp/r.jsonl",
    adversaries: false,
    vantage: { latitude: -33.87, longitude: 151.21 },
  });
  assertEquals(cli.groundTruth, "/tmp/t.json");
  assertEquals(cli.addressMap, "/tmp/address_map.json");
  // By default the run writes into its own folder, never over the report's data/lab/ground_truth.json.
  const own = parseLabCli([]);
  assertMatch(own.groundTruth, /\/lab-runs\/lab-[0-9T-]+Z\/ground_truth\.json$/);
  assertEquals(own.addressMap, own.groundTruth.replace("ground_truth.json", "address_map.json"));
  assertEquals(parseLabCli(["--run-dir", "/tmp/run"]).groundTruth, "/tmp/run/ground_truth.json");
  assertThrows(() => parseLabCli(["--size", "ten"]), RangeError);
  assertThrows(() => parseLabCli(["--vantage", "100,0"]), RangeError);
  assertThrows(() => parseLabCli(["--bogus"]), TypeError);
});

Deno.test("deno task lab prints its seeds, gateway and ground truth, serves, and stops on SIGINT", async () => {
  const dir = await Deno.makeTempDir({ prefix: "lab-cli-" });
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      new URL("./cli.ts", import.meta.url).pathname,
      "--size",
      "12",
      "--onion",
      "2",
      "--latency",
      "0",
      "--tip-interval",
      "0",
      "--ground-truth",
      `${dir}/truth.json`,
      "--request-log",
      `${dir}/requests.jsonl`,
    ],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  let out = "";
  const dec = new TextDecoder();
  const reader = child.stdout.getReader();
  try {
    const deadline = Date.now() + 20_000;
    while (!out.includes("Press Ctrl-C") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      out += dec.decode(value, { stream: true });
    }
    assert(out.includes("Seed servers"), out);
    assert(/SOCKS5 gateway .*: 127\.0\.0\.1:\d+/.test(out), out);
    assert(out.includes(`Ground truth: ${dir}/truth.json`), out);
    assert(out.includes(`Address map: ${dir}/address_map.json`), out);
    const dial = out.match(/--server (127\.\d+\.\d+\.\d+):(\d+):t/);
    assert(dial, out);
    const conn = await Deno.connect({ hostname: dial[1], port: Number(dial[2]) });
    await conn.write(
      new TextEncoder().encode(
        '{"jsonrpc":"2.0","method":"server.version","params":["cli-test","1.4"],"id":1}\n',
      ),
    );
    const buf = new Uint8Array(4096);
    const n = await conn.read(buf);
    conn.close();
    assert(n && dec.decode(buf.subarray(0, n)).includes('"result"'));
    const truth = JSON.parse(await Deno.readTextFile(`${dir}/truth.json`));
    assertEquals(truth.hosts.length, 14);
    child.kill("SIGINT");
    const status = await child.status;
    assertEquals(status.code, 0);
    const log = await Deno.readTextFile(`${dir}/requests.jsonl`);
    assert(log.includes('"method":"server.version"'), "the request log was flushed on stop");
  } finally {
    reader.releaseLock();
    await child.stdout.cancel().catch(() => {});
    await child.stderr.cancel().catch(() => {});
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await child.status;
    await Deno.remove(dir, { recursive: true });
  }
});
