/**
 * The client model against the real wallet: for every committed transcript of Debian's Electrum
 * 4.3.4, the modelled session predicts the same scripthash set at the main server (used
 * addresses plus the gap windows), nothing at the others, the same client string and connect
 * requests, and the burst shape within the stated tolerances:
 * - a wallet's subscriptions at the main go out within 2,000 ms of the first (model: 500 ms;
 *   loopback, a loaded 2-core machine: 22-1,211 ms measured);
 * - fee-estimate rounds come every 60 s +- 2 s on every interface (history transcript, 70 s hold).
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import { checkTranscript, type WalletTranscript } from "./transcript.ts";
import { modelSession, type ModelWallet } from "./client_session.ts";
import { clientString, ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { burstWindow, serverViews } from "./server_views.ts";

const NAMES = ["fresh", "history", "watch-only", "failover", "two-wallets", "broadcast", "tor"];
const BURST_TOLERANCE_MS = 2_000;

function load(name: string): WalletTranscript {
  const url = new URL(`./testdata/wallet/${name}.json`, import.meta.url);
  return checkTranscript(JSON.parse(Deno.readTextFileSync(url)));
}

/** The model's input from the wallet's own address list (receiving then change, by index). */
function modelWallet(w: WalletTranscript["wallets"][number]): ModelWallet {
  const rec = w.addresses.filter((a) => !a.change);
  const chg = w.addresses.filter((a) => a.change);
  const used = (xs: typeof rec) => xs.flatMap((a, i) => (a.used ? [i] : []));
  const old = (xs: typeof rec) =>
    xs.flatMap((a, i) => ((a.confirmations ?? 0) >= ELECTRUM_4_3_4.gapConfirmations ? [i] : []));
  return {
    usedReceive: used(rec),
    usedChange: used(chg),
    oldReceive: old(rec),
    oldChange: old(chg),
  };
}

for (const name of NAMES) {
  Deno.test(`modelSession predicts the real wallet's "${name}" session at the main and the peers`, () => {
    const t = load(name);
    const cut = t.marks.find((m) => m.name === "main-killed")?.tMs ?? Infinity;
    const before = t.events.filter((e) => e.tMs < cut);
    const main = t.servers.find((s) => s.role === "main")!;
    const random = seededRandom(7);
    for (const w of t.wallets) {
      const model = modelSession(modelWallet(w), ELECTRUM_4_3_4, { main: true, random });
      const rec = w.addresses.filter((a) => !a.change);
      const chg = w.addresses.filter((a) => a.change);
      const predicted = new Set(
        model.filter((r) => r.method === "blockchain.scripthash.subscribe").map((r) => {
          const id = String(r.params[0]);
          const list = id[0] === "r" ? rec : chg;
          const a = list[Number(id.slice(1))];
          assert(a, `the model subscribes ${id}, beyond the wallet's ${list.length} addresses`);
          return a.scripthash;
        }),
      );
      const real = new Set(
        before.filter((e) => e.server === main.id && e.method === "blockchain.scripthash.subscribe")
          .map((e) => (e.params as string[])[0]),
      );
      for (const h of predicted) assert(real.has(h), `${w.name}: predicted ${h} not subscribed`);
      const others = t.wallets.filter((x) => x !== w).flatMap((x) =>
        x.addresses.map((a) => a.scripthash)
      );
      assertEquals(
        [...real].filter((h) => !others.includes(h)).length,
        predicted.size,
        `${w.name}: the same scripthash set`,
      );
      const subs = before.filter((e) =>
        e.server === main.id && e.method === "blockchain.scripthash.subscribe" &&
        w.addresses.some((a) => a.scripthash === (e.params as string[])[0])
      );
      const realBurst = burstWindow(subs.map((e) => e.tMs))!;
      const modelBurst = burstWindow(
        model.filter((r) => r.method === "blockchain.scripthash.subscribe").map((r) => r.tMs),
      )!;
      assert(realBurst <= BURST_TOLERANCE_MS, `${w.name}: real burst ${realBurst} ms`);
      assert(modelBurst <= BURST_TOLERANCE_MS, `${w.name}: model burst ${modelBurst} ms`);
    }
    // The connect requests: the main gets the model's main set, every other interface the rest.
    const modelMain = new Set(
      modelSession({ usedReceive: [], usedChange: [] }, ELECTRUM_4_3_4, {
        main: true,
        random,
        untilMs: 0,
      }).map((r) => r.method),
    );
    const modelPeer = modelSession({ usedReceive: [], usedChange: [] }, ELECTRUM_4_3_4, {
      main: false,
      random,
      untilMs: 0,
    });
    const realMain = new Set(before.filter((e) => e.server === main.id).map((e) => e.method));
    for (const m of modelMain) assert(realMain.has(m), `${name}: main got no ${m}`);
    for (const s of t.servers.filter((s) => s.role === "peer")) {
      const ev = before.filter((e) => e.server === s.id);
      if (ev.length < modelPeer.length) continue; // dropped after version (onion limit)
      const firstRound = ev.filter((e) => e.tMs - ev[0].tMs < 2_000).map((e) => e.method).sort();
      assertEquals(firstRound, modelPeer.map((r) => r.method).sort(), `${name} ${s.id}`);
    }
    for (const v of serverViews(t).filter((v) => v.requests > 0)) {
      assertEquals(v.clientVersion, clientString(ELECTRUM_4_3_4));
    }
  });
}

Deno.test("modelSession's 60 s fee-estimate timer matches the real wallet's (history, 70 s hold)", () => {
  const t = load("history");
  const views = serverViews(t).filter((v) => v.role !== "rejected");
  for (const v of views) {
    assert(v.feeRoundGapMs !== null, `${v.server}: one round only`);
    assert(Math.abs(v.feeRoundGapMs - ELECTRUM_4_3_4.feeIntervalMs) <= 2_000, `${v.feeRoundGapMs}`);
    assertEquals(v.feeEstimates, 2 * ELECTRUM_4_3_4.feeTargets.length, v.server);
  }
  const model = modelSession({ usedReceive: [], usedChange: [] }, ELECTRUM_4_3_4, {
    main: false,
    random: seededRandom(1),
    untilMs: 70_000,
  });
  assertEquals(model.filter((r) => r.method === "blockchain.estimatefee").length, 8);
  assertEquals(model.filter((r) => r.method === "server.ping").length, 0, "fixed 300 s ping");
});

Deno.test("modelSession for 4.8.1 sends the range protocol and six fee targets", () => {
  const m = modelSession({ usedReceive: [0, 3], usedChange: [1] }, {
    ...ELECTRUM_4_3_4,
    release: "4.8.1",
    protocolRequest: ["1.4", "1.6"],
    feeTargets: [1008, 144, 25, 10, 5, 2],
  }, { main: true, random: seededRandom(2), untilMs: 0 });
  assertEquals(m[0].params, ["electrum/4.8.1", "1.4-1.6"]);
  assertEquals(m.filter((r) => r.method === "blockchain.estimatefee").length, 6);
  assertEquals(m.filter((r) => r.method === "blockchain.scripthash.subscribe").length, 24 + 12);
});
