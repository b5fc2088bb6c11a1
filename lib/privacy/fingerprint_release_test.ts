import { assertEquals } from "../testing/assert.ts";
import { fingerprintRelease } from "./fingerprint_release.ts";
import { modelSession } from "./client_session.ts";
import { ELECTRUM_4_3_4, ELECTRUM_4_8_1 } from "./client_profiles.ts";
import { privacyRandom } from "./privacy_random.ts";
import { checkTranscript } from "./transcript.ts";

Deno.test("fingerprintRelease tells 4.3.4 from 4.8.1 sessions of the model, and names every real 4.3.4 connection", () => {
  const w = { usedReceive: [0], usedChange: [] };
  for (const main of [true, false]) {
    const old = modelSession(w, ELECTRUM_4_3_4, { main, random: privacyRandom(1), untilMs: 0 });
    const cur = modelSession(w, ELECTRUM_4_8_1, { main, random: privacyRandom(1), untilMs: 0 });
    assertEquals(fingerprintRelease(old), "single-1.4 / 4 fee targets");
    assertEquals(fingerprintRelease(cur), "range / 6 fee targets");
  }
  const t = checkTranscript(JSON.parse(Deno.readTextFileSync(
    new URL("./testdata/wallet/history.json", import.meta.url),
  )));
  const conns = new Set(t.events.map((e) => `${e.server}/${e.conn}`));
  for (const c of conns) {
    const ev = t.events.filter((e) => `${e.server}/${e.conn}` === c);
    if (!ev.some((e) => e.method === "blockchain.estimatefee")) continue;
    assertEquals(fingerprintRelease(ev), "single-1.4 / 4 fee targets", c);
  }
  assertEquals(fingerprintRelease([]), "unknown");
});
