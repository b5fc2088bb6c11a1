/**
 * End-to-end: what servers learn from the real wallet. Debian's Electrum 4.3.4 (regtest, default
 * multi-server mode) runs each privacy scenario live against the experiment lab
 * (`helpers/wallet_experiment.ts`); the lab's request log must show the facts the committed
 * transcripts (`lib/privacy/testdata/wallet/`) record, so the fixtures the client model and
 * notebook 05 read stay true to the wallet. Fails (never skips) when Electrum is missing.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { runScenario, SCENARIOS, TOR_EXIT_ADDRESS } from "./helpers/wallet_experiment.ts";
import { requireElectrum } from "./helpers/electrum_daemon.ts";
import { checkTranscript, type WalletTranscript } from "../lib/privacy/transcript.ts";
import { serverViews } from "../lib/privacy/server_views.ts";

const FIXTURES = new URL("../lib/privacy/testdata/wallet/", import.meta.url);

async function fixture(name: string): Promise<WalletTranscript> {
  return checkTranscript(JSON.parse(await Deno.readTextFile(new URL(`${name}.json`, FIXTURES))));
}

/** Per role: the distinct methods received and the scripthashes subscribed (sorted). */
function roleFacts(t: WalletTranscript, until = Infinity) {
  const role = new Map(t.servers.map((s) => [s.id, s.role]));
  const out: Record<string, { methods: string[]; scripthashes: string[] }> = {};
  for (const e of t.events) {
    if (e.tMs > until) continue;
    const r = role.get(e.server)!;
    const f = out[r] ??= { methods: [], scripthashes: [] };
    if (!f.methods.includes(e.method)) f.methods.push(e.method);
    if (e.method === "blockchain.scripthash.subscribe") {
      const h = (e.params as string[])[0];
      if (!f.scripthashes.includes(h)) f.scripthashes.push(h);
    }
  }
  for (const f of Object.values(out)) f.methods.sort(), f.scripthashes.sort();
  return out;
}

for (const scenario of SCENARIOS) {
  Deno.test({
    name: `Electrum 4.3.4 scenario "${scenario.name}": the servers learn what its transcript says`,
    async fn() {
      requireElectrum();
      const live = await runScenario(scenario, { holdMs: 3_000 });
      const recorded = await fixture(scenario.name);
      const views = serverViews(live);
      const wallet = new Set(live.wallets.flatMap((w) => w.addresses.map((a) => a.scripthash)));
      // The wallet's own address list is the same as when the fixture was made.
      assertEquals(
        live.wallets.map((w) => w.addresses.map((a) => a.address)),
        recorded.wallets.map((w) => w.addresses.map((a) => a.address)),
      );
      // Every server the wallet talked to got its client string and saw one client address.
      for (const v of views.filter((v) => v.requests > 0)) {
        assertEquals(v.clientVersion, "electrum/4.3.4", v.server);
        assertEquals(
          v.clientAddress,
          scenario.transport === "tor" ? TOR_EXIT_ADDRESS : "127.0.0.1",
          `${v.server}: client address seen`,
        );
      }
      const main = views.find((v) => v.role === "main")!;
      assertEquals(main.walletShare, 1, "the main server learns every address, used and unused");
      assert(main.burstWindowMs !== null && main.burstWindowMs < 2_000, `${main.burstWindowMs}`);
      const rejected = views.find((v) => v.role === "rejected")!;
      assert(rejected.requests >= 1 && rejected.scripthashes === 0, "rejected: version, no wallet");
      const whole = views.filter((v) => v.learnedWholeWallet).length;
      assertEquals(whole, scenario.failover ? 2 : 1, "servers that learned the whole wallet");
      // Until the main is killed, only the main gets scripthashes; the same set as recorded.
      const killed = live.marks.find((m) => m.name === "main-killed")?.tMs ?? Infinity;
      const facts = roleFacts(live, killed);
      const factsRecorded = roleFacts(
        recorded,
        recorded.marks.find((m) => m.name === "main-killed")?.tMs ?? Infinity,
      );
      assertEquals(facts.main.scripthashes, [...wallet].sort());
      assertEquals(facts.main.scripthashes, factsRecorded.main.scripthashes);
      assertEquals(facts.peer.scripthashes, []);
      assertEquals(facts.rejected.scripthashes, []);
      assertEquals(facts.main.methods, factsRecorded.main.methods);
      if (scenario.broadcast) {
        // The payment goes to the main only, on the connection that carries the wallet.
        const sent = live.events.filter((e) => e.method === "blockchain.transaction.broadcast");
        const subs = live.events.filter((e) => e.method === "blockchain.scripthash.subscribe");
        assertEquals(sent.length, 1);
        assertEquals(`${sent[0].server}/${sent[0].conn}`, `${subs[0].server}/${subs[0].conn}`);
        assertEquals(live.servers.find((s) => s.id === sent[0].server)!.role, "main");
      }
      assertEquals(facts.peer.methods, factsRecorded.peer.methods);
    },
  });
}

Deno.test({
  name:
    "runScenario: when 127.0.0.1:51002 (regtest Electrum's hard-coded server) is taken at the start, the lab waits for it instead of moving where the wallet never looks",
  async fn() {
    requireElectrum();
    // Another socket holds the main's address for the first 3 s (its ports are in the kernel's
    // ephemeral range, so any connection of the machine can).
    const holder = Deno.listen({ hostname: "127.0.0.1", port: 51002 });
    const release = setTimeout(() => holder.close(), 3_000);
    try {
      const live = await runScenario(SCENARIOS.find((s) => s.name === "fresh")!, {
        holdMs: 1_000,
        timeoutMs: 60_000,
      });
      const main = serverViews(live).find((v) => v.role === "main")!;
      assertEquals(live.servers.find((s) => s.role === "main")!.address, "127.0.0.1");
      assertEquals(main.walletShare, 1, "the wallet synchronized with the main at 127.0.0.1");
    } finally {
      clearTimeout(release);
      try {
        holder.close();
      } catch { /* closed after 3 s */ }
    }
  },
});
