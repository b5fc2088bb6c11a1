/**
 * The `proofs` probe against lab hosts of every personality (whose proofs are true) and a planted
 * proof forger (whose every branch has a made-up sibling).
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { PERSONALITIES, personality } from "../lab/servers/personalities.ts";
import { checkpointHeight, type ProofCheck } from "./proofs.ts";
import type { LabHost } from "../lab/population.ts";
import type { Lab } from "../lab/lab.ts";
import { runLabBattery, withQuietLab } from "../../tests/helpers/lab_probe.ts";

async function proofsOf(lab: Lab, h: LabHost) {
  const results = await runLabBattery(h, [["preversion", "reach"], ["version"], ["tip"], [
    "proofs",
  ]], { trustAnchorsPem: [lab.caPem] });
  return results.find((r) => r.probe === "proofs")!;
}

Deno.test("proofs: every personality's proofs verify; a forger's are invalid, every one", async () => {
  const ids = Object.keys(PERSONALITIES);
  const hosts = fixtureHosts([...ids, "electrumx-1.20.0"], { seed: "proofs-test" });
  const forger = hosts.at(-1)!;
  Object.assign(forger, { role: "proof-forger" });
  await withQuietLab(hosts, async (lab) => {
    const all = await Promise.all(hosts.map((h) => proofsOf(lab, h)));
    const roots = new Set<unknown>();
    for (const [i, h] of hosts.entries()) {
      const r = all[i];
      const p = personality(h.personality);
      const label = `${h.personality}${h === forger ? " (forger)" : ""}: ${JSON.stringify(r)}`;
      if (p.family === "eps") {
        assertEquals(r.status, "unsupported", label);
        continue;
      }
      assertEquals(r.status, "success", label);
      const checks = r.data.checks as ProofCheck[];
      assertEquals(checks.length, 4, label);
      assertEquals(r.data.cp_height, checkpointHeight(r.data.tip_height as number), label);
      if (h === forger) {
        assertEquals(r.data.invalid, 4, label);
        continue;
      }
      assertEquals(r.data.invalid, 0, label);
      // electrs refuses cp_height; its transaction proofs still check against plain headers.
      const refusesCp = p.family === "electrs";
      assertEquals(r.data.checked, refusesCp ? 2 : 4, label);
      for (const c of checks) {
        assertEquals(c.verdict, c.kind === "checkpoint" && refusesCp ? "refused" : "valid", label);
      }
      if (!refusesCp) roots.add(`${r.data.cp_height}:${r.data.cp_root}`);
      assert(typeof r.data.cp_header_hash === "string", label);
    }
    // One chain: every server that gives a checkpoint at the shared height gives one root.
    assertEquals(roots.size, 1, [...roots].join(", "));
  });
});

Deno.test("checkpointHeight: a multiple of 16 at least 6 blocks below the tip, null on a short chain", () => {
  assertEquals(checkpointHeight(1000), 992);
  assertEquals(checkpointHeight(998), 992);
  assertEquals(checkpointHeight(997), 976);
  assertEquals(checkpointHeight(20), null);
});
