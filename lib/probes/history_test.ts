/**
 * The `history` probe against lab hosts of every personality (whose histories are whole) and a
 * planted withholding server (whose every history is empty), plus the judgement of replies no lab
 * server sends (refusals of long histories, misdated or malformed entries, an oversized line).
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { fixtureHosts } from "../lab/fixture_hosts.ts";
import { PERSONALITIES, personality } from "../lab/servers/personalities.ts";
import { judgeHistory } from "./history.ts";
import { checkpointHeight } from "./proofs.ts";
import type { LabHost } from "../lab/population.ts";
import type { Lab } from "../lab/lab.ts";
import type { Reply } from "../electrum/session.ts";
import { runLabBattery, withQuietLab } from "../../tests/helpers/lab_probe.ts";

async function historyOf(lab: Lab, h: LabHost) {
  const results = await runLabBattery(h, [["preversion", "reach"], ["version"], ["tip"], [
    "history",
  ]], { trustAnchorsPem: [lab.caPem] });
  return results.find((r) => r.probe === "history")!;
}

Deno.test("history: every personality lists the payment its chain holds; a withholding server does not", async () => {
  const ids = Object.keys(PERSONALITIES);
  const hosts = fixtureHosts([...ids, "electrumx-1.20.0", "fulcrum-2.0.0"], {
    seed: "history-test",
  });
  const withholders = hosts.slice(-2);
  for (const w of withholders) Object.assign(w, { role: "withholding" });
  await withQuietLab(hosts, async (lab) => {
    const all = await Promise.all(hosts.map((h) => historyOf(lab, h)));
    for (const [i, h] of hosts.entries()) {
      const r = all[i];
      const withholds = withholders.includes(h);
      const label = `${h.personality}${withholds ? " (withholding)" : ""}: ${JSON.stringify(r)}`;
      if (personality(h.personality).family === "eps") {
        assertEquals(r.status, "unsupported", label);
        continue;
      }
      assertEquals(r.status, "success", label);
      const cp = checkpointHeight(r.data.tip_height as number)!;
      assertEquals(r.data.cp_height, cp, label);
      // The block's first payment, its bytes, its first standard output: all from the chain.
      const txid = lab.chain.chain.blockTxids(cp)![1];
      assertEquals(r.data.txid, txid, label);
      assertEquals(r.data.tx_pos, 1, label);
      assert(typeof r.data.scripthash === "string", label);
      const truth = lab.chain.chain.history(r.data.scripthash as string);
      assert(truth.some((e) => e.tx_hash === txid && e.height === cp), label);
      if (withholds) {
        assertEquals(r.data.verdict, "withheld", label);
        assertEquals(r.data.entries, 0, label);
        assertEquals(r.data.detail, "empty", label);
      } else {
        assertEquals(r.data.verdict, "listed", label);
        assertEquals(r.data.listed_height, cp, label);
        assertEquals(r.data.entries, truth.length, label);
      }
    }
  });
});

const raw = new Uint8Array(0);
const ok = (result: unknown): Reply => ({ status: "success", result, raw, rttMs: 1 });
const T = "ab".repeat(32), U = "cd".repeat(32);

Deno.test("judgeHistory: listed, withheld among other entries, misdated, malformed", () => {
  assertEquals(judgeHistory(ok([{ tx_hash: U, height: 5 }, { tx_hash: T, height: 9 }]), T, 9), {
    verdict: "listed",
    entries: 2,
    listed_height: 9,
    detail: null,
  });
  assertEquals(judgeHistory(ok([{ tx_hash: U, height: 5 }]), T, 9).verdict, "withheld");
  assertEquals(judgeHistory(ok([{ tx_hash: T, height: 0 }]), T, 9).verdict, "misdated");
  assertEquals(judgeHistory(ok([{ tx_hash: T }]), T, 9).verdict, "malformed");
  assertEquals(judgeHistory(ok({ tx_hash: T, height: 9 }), T, 9).verdict, "malformed");
});

Deno.test("judgeHistory: a long history refused or cut is too-large, never withheld", () => {
  const err = (message: string): Reply => ({
    status: "rpc-error",
    error: { code: 1, message },
    raw,
    rttMs: 1,
  });
  for (
    const m of [
      "history too large",
      `History for ${T} exceeds max history 125000 with 200000 items!`,
      "Too many history entries",
    ]
  ) assertEquals(judgeHistory(err(m), T, 9).verdict, "too-large", m);
  assertEquals(judgeHistory(err("unavailable index"), T, 9).verdict, "refused");
  const cut: Reply = { status: "oversize", op: "read", message: "a line exceeded", rttMs: null };
  assertEquals(judgeHistory(cut, T, 9).verdict, "too-large");
  const silent: Reply = { status: "timeout", op: "rpc", message: "deadline", rttMs: null };
  assertEquals(judgeHistory(silent, T, 9).verdict, "unanswered");
});
