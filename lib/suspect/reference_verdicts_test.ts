import { assertEquals, assertRejects } from "../testing/assert.ts";
import { loadReferenceVerdicts } from "./reference_verdicts.ts";

Deno.test("loadReferenceVerdicts reads adversarial, kind and operator, and rejects a host without a flag", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const hosts = [
      { hostname: "s.example", adversarial: true, scenario: "sybil", operator: "op-s" },
      { hostname: null, onion: null, ipv4: "10.0.0.2", adversarial: false, operator: "op-h" },
    ];
    await Deno.writeTextFile(`${dir}/r.json`, JSON.stringify({ hosts }));
    assertEquals(await loadReferenceVerdicts(`${dir}/r.json`), [
      { server: "s.example", adversarial: true, kind: "sybil", operator: "op-s" },
      { server: "10.0.0.2", adversarial: false, kind: "unknown", operator: "op-h" },
    ]);
    await Deno.writeTextFile(
      `${dir}/old.json`,
      JSON.stringify({ hosts: [{ hostname: "a.example", operator: "op" }] }),
    );
    await assertRejects(
      () => loadReferenceVerdicts(`${dir}/old.json`),
      Error,
      "has no adversarial flag",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
