/**
 * End to end: `deno task lab` in one process writes its ground truth and address map into its own
 * run folder; `deno task collect --target local --lab-map <that map>` in another process crawls
 * the whole running lab (every lab host answers), not only the seeds, and leaves its politeness
 * ledger in the lab's run folder for the next crawl of the same lab.
 */
import { assert, assertEquals, assertIncludes } from "../lib/testing/assert.ts";
import { projectPath } from "../lib/data/paths.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import type { TruthRow } from "../lib/lab/ground_truth.ts";
import { readPolitenessLedger } from "../lib/crawl/politeness_ledger.ts";

Deno.test({
  name:
    "collect --lab-map crawls a lab running in another process whole; the lab's truth stays in its run folder",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "lab-map-" });
    const report = projectPath("data", "lab", "ground_truth.json");
    const before = await Deno.readTextFile(report).catch(() => null);
    const lab = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        projectPath("lib", "lab", "cli.ts"),
        "--size",
        "10",
        "--latency",
        "0",
        "--tip-interval",
        "0",
        "--run-dir",
        `${tmp}/run`,
      ],
      stdout: "piped",
      stderr: "null",
      stdin: "null",
    }).spawn();
    const reader = lab.stdout.getReader();
    try {
      let out = "";
      const deadline = Date.now() + 30_000;
      while (!out.includes("Press Ctrl-C") && Date.now() < deadline) {
        const { value, done } = await reader.read();
        if (done) break;
        out += new TextDecoder().decode(value, { stream: true });
      }
      assertIncludes(out, `Address map: ${tmp}/run/address_map.json`);
      const collect = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "-A",
          projectPath("lib", "pipeline", "cli.ts"),
          "--target",
          "local",
          "--lab-map",
          `${tmp}/run/address_map.json`,
          "--out",
          `${tmp}/data`,
        ],
        stdin: "null",
      }).output();
      const stderr = new TextDecoder().decode(collect.stderr);
      assertEquals(collect.code, 0, stderr);
      assertIncludes(stderr, "collect: crawling the running lab of");
      const truth = JSON.parse(await Deno.readTextFile(`${tmp}/run/ground_truth.json`))
        .hosts as TruthRow[];
      const rows = new Map(
        (await readCsv(`${tmp}/data/servers.csv`)).map((r) => [String(r.server), r]),
      );
      for (const h of truth) {
        const key = (h.onion ?? h.hostname ?? h.ipv4)!;
        assertEquals(rows.get(key)?.status, "success", `lab host ${key}`);
      }
      assert(truth.length >= 10, `${truth.length} lab hosts`);
      const manifest = JSON.parse(await Deno.readTextFile(`${tmp}/data/manifest.json`));
      assertEquals([manifest.target, manifest.resolver, manifest.trust_anchors], [
        "lab",
        "lab-map",
        "lab-ca",
      ]);
      assertEquals(
        await Deno.readTextFile(report).catch(() => null),
        before,
        "the report's ground truth is untouched",
      );
      // The error units the crawl left with the running lab's servers wait there for the next crawl.
      const ledger = await readPolitenessLedger(`${tmp}/run/politeness_ledger.json`);
      assert(
        ledger && Object.values(ledger.addresses).some((units) => units > 1000),
        JSON.stringify(ledger),
      );
    } finally {
      reader.releaseLock();
      await lab.stdout.cancel().catch(() => {});
      lab.kill("SIGTERM");
      await lab.status;
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
