/**
 * Record the privacy experiment's real-wallet transcripts into `lib/privacy/testdata/wallet/`
 * (one JSON file per scenario). Run inside a private network namespace, as root:
 *
 * ```sh
 * unshare -n sh -c 'ip link set lo up && deno run -A tests/helpers/record_wallet_transcripts.ts [names]'
 * ```
 *
 * The `history` scenario is held 70 s after it synchronizes, so that the periodic traffic (fee
 * estimates every 60 s) shows; the others 8 s.
 *
 * @module
 */
import { runScenario, SCENARIOS } from "./wallet_experiment.ts";
import { requireElectrum } from "./electrum_daemon.ts";

if (import.meta.main) {
  requireElectrum();
  const out = new URL("../../lib/privacy/testdata/wallet/", import.meta.url).pathname;
  const wanted = new Set(Deno.args);
  for (const s of SCENARIOS) {
    if (wanted.size && !wanted.has(s.name)) continue;
    const started = Date.now();
    const t = await runScenario(s, { holdMs: s.name === "history" ? 70_000 : 8_000 });
    await Deno.writeTextFile(`${out}${s.name}.json`, JSON.stringify(t) + "\n");
    console.log(`${s.name}: ${t.events.length} requests, ${Date.now() - started} ms`);
  }
}
