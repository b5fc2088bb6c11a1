import { assertEquals, assertRejects } from "../testing/assert.ts";
import { readPolitenessLedger, writePolitenessLedger } from "./politeness_ledger.ts";

Deno.test("readPolitenessLedger: reads what writePolitenessLedger wrote, null when absent, names a bad file", async () => {
  const dir = await Deno.makeTempDir({ prefix: "obs-ledger-" });
  try {
    const path = `${dir}/politeness_ledger.json`;
    assertEquals(await readPolitenessLedger(path), null);
    const ledger = {
      at: "2026-12-03T19:00:00.000Z",
      addresses: { "203.0.113.9": 1700, "abc.onion": 1200.5 },
    };
    await writePolitenessLedger(path, ledger);
    assertEquals(await readPolitenessLedger(path), ledger);
    for (
      const [text, why] of [
        ["{", "not JSON"],
        ['{"at":"soon","addresses":{}}', "bad `at`"],
        ['{"at":"2026-12-03T19:00:00Z","addresses":[]}', "bad `addresses`"],
        ['{"at":"2026-12-03T19:00:00Z","addresses":{"a":-1}}', 'bad units for "a"'],
      ]
    ) {
      await Deno.writeTextFile(path, text);
      await assertRejects(() => readPolitenessLedger(path), TypeError, `${path}: ${why}`);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
