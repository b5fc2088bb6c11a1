/**
 * End to end: two scans of one lab a simulated week apart (the second with the lab evolved by
 * `lib/lab/evolve.ts`: a new fleet, retired servers, renewed certificates, upgraded versions)
 * are archived by the pipeline, and `compare` lists exactly the planted changes: the fleet as
 * the new servers and one first-seen burst (and as new members of an operator group when the
 * grouping links them); the retired servers as gone;
 * the upgrades as version changes; the renewals as certificate changes; nothing else; and the
 * suspicion-tier changes (each scan keeps its `hss.csv`) only among the servers the week changed.
 * The operator grouping does not link the fleet on this lab (nor at 120 servers: a chosen
 * value's p-value is at least 1 / n against a false-discovery rate of 0.01), so the group
 * assertion below applies only when it does.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";
import { readScanIndex } from "../lib/records/archive_scan.ts";
import { compareScans, loadArchivedScan, overTimeMarkdown } from "../lib/history/mod.ts";
import { compareMain } from "../lib/history/compare_cli.ts";
import { buildPopulation } from "../lib/lab/population.ts";
import { segmentAddressPicker } from "../lib/lab/addresses/addresses.ts";
import { evolvePopulation } from "../lib/lab/evolve.ts";

const SIZE = 60;
const SEED = "over-time";
const CLOCK = "2026-06-01";
const NEXT_WEEK = "2026-06-08";

Deno.test({
  name:
    "compare on two lab scans a simulated week apart lists exactly the planted fleet, retirements, upgrades and renewals",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "obs-over-time-" });
    try {
      const scan = (clock: string, week: number) =>
        runScan({
          params: runParams({
            OBS_TARGET: "lab",
            OBS_LAB_SIZE: String(SIZE),
            OBS_SEED: SEED,
            OBS_LATENCY: "0",
            OBS_TIMING: "off",
            OBS_LAB_CLOCK: clock,
            OBS_LAB_WEEK: String(week),
          }),
          scansDir: `${tmp}/scans`,
          dataDir: `${tmp}/data`,
        });
      const a = await scan(CLOCK, 0);
      const b = await scan(NEXT_WEEK, 1);
      const archive = `${tmp}/data/archive`;
      const index = await readScanIndex(archive);
      assertEquals(index.map((x) => x.scan_id), [a.manifest.scan_id, b.manifest.scan_id]);
      assertEquals(index.map((x) => x.lab?.week), [0, 1]);
      // Each scan keeps its suspicion table too, so tiers can be compared.
      for (const x of index) assert(x.tables.includes("hss.csv"), `${x.scan_id}: ${x.tables}`);
      for (const f of ["records.jsonl.gz", "manifest.json", "tables/servers.csv.gz"]) {
        await Deno.stat(`${archive}/${a.manifest.scan_id}/${f}`);
      }

      // What the lab planted (the same build the lab made, evolved the same way).
      const built = buildPopulation({
        clearnet: SIZE,
        seed: SEED,
        pickAddress: segmentAddressPicker,
        now: new Date(`${CLOCK}T00:00:00Z`),
      });
      const [week] = evolvePopulation(built, {
        seed: SEED,
        weeks: 1,
        builtAt: new Date(`${CLOCK}T00:00:00Z`),
      }).changes;

      const c = compareScans(
        await loadArchivedScan(archive, "previous"),
        await loadArchivedScan(archive, "latest"),
      );
      assertEquals(c.newServers, [...week.fleet.servers].sort());
      assertEquals(c.goneServers, [...week.retired].sort());
      const of = (kind: string) => c.changes.filter((x) => x.kind === kind);
      assertEquals(
        of("version").map((x) => `${x.server}: ${x.from} -> ${x.to}`),
        week.upgraded.map((u) => `${u.server}: ${u.from} -> ${u.to}`).sort(),
      );
      assertEquals(of("certificate").map((x) => x.server), [...week.renewed].sort());
      assertEquals(of("implementation"), []);
      assertEquals(of("inferred-implementation"), []);
      assertEquals(c.bursts.length, 1);
      assertEquals(c.bursts[0].template, week.fleet.template);
      assertEquals(c.bursts[0].servers, [...week.fleet.servers].sort());
      assert(c.bursts[0].not_before_span_s! <= 60, "fleet certificates issued within a minute");
      // Operator groups: only the fleet is new. Whether the grouping links the fleet at all is
      // the grouping's business (lib/cluster); when it does, the comparison reports the fleet as
      // new servers of one group, and no other server as new in any group.
      const fleet = [...week.fleet.servers].sort();
      for (const g of c.groupChanges) {
        assert(
          g.newServers.every((s) => fleet.includes(s)),
          `not a planted server: ${g.newServers}`,
        );
      }
      const grouped = (await loadArchivedScan(archive, "latest")).clusters!
        .filter((r) => fleet.includes(String(r.server)) && r.operator_group !== null);
      if (grouped.length) {
        assert(
          c.groupChanges.some((g) => fleet.every((s) => g.newServers.includes(s))),
          `the fleet's group is not reported: ${JSON.stringify(c.groupChanges)}`,
        );
      }
      // Tier changes are measured (both scans kept hss.csv), and only a server the week changed
      // (a renewed certificate, an upgrade) changes tier: the others are scanned the same.
      assert(c.tierChanges !== null, "tier changes measured");
      const touched = new Set([...week.renewed, ...week.upgraded.map((u) => u.server)]);
      for (const t of c.tierChanges) {
        assert(touched.has(t.server), `tier change of an unchanged server: ${JSON.stringify(t)}`);
        assert(t.from !== t.to);
      }
      // The command says the same.
      const out: string[] = [];
      assertEquals(await compareMain(["--archive", archive], (l) => out.push(l)), 0);
      const text = out.join("\n");
      assert(text.includes(`New servers: ${week.fleet.servers.length} of`), text);
      assert(text.includes(`Gone servers: ${week.retired.length} of`), text);
      assert(text.includes(`Suspicion tier changes: ${c.tierChanges.length}`), text);
      assertEquals(await compareMain(["--archive", archive, "nope", "latest"], () => {}), 2);
      // The summary's section: the later scan against the earlier, the first against nothing.
      const section = await overTimeMarkdown(archive, b.manifest.scan_id);
      assert(section.startsWith("## 7. Over time — LAB RUN (simulated network)"), section);
      assert(section.includes(`New servers: ${week.fleet.servers.length} of`), section);
      assert(
        (await overTimeMarkdown(archive, a.manifest.scan_id)).includes("first archived lab scan"),
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
