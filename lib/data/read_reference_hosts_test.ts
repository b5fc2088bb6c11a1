import { assertEquals, assertRejects } from "../testing/assert.ts";
import { readReferenceHosts } from "./read_reference_hosts.ts";

async function withFile(text: string, f: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/reference.json`, text);
    await f(`${dir}/reference.json`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("readReferenceHosts keys hosts by name, onion, IPv4 and takes the kind from scenario, then role", async () => {
  const hosts = [
    { hostname: "a.example", onion: "a.onion", ipv4: "10.0.0.1", scenario: "sybil", role: "x" },
    { hostname: null, onion: "b.onion", ipv4: "10.0.0.2", role: "honest" },
    { hostname: null, onion: null, ipv4: "10.0.0.3" },
    { hostname: null, onion: null, ipv4: null, scenario: "honest" },
  ];
  await withFile(JSON.stringify({ hosts }), async (path) => {
    const r = await readReferenceHosts(path);
    assertEquals(r.map((h) => [h.server, h.kind]), [
      ["a.example", "sybil"],
      ["b.onion", "honest"],
      ["10.0.0.3", "unknown"],
    ]);
    assertEquals(r[0].record, hosts[0]);
  });
});

Deno.test("readReferenceHosts rejects a file over maxBytes and one without a hosts list", async () => {
  await withFile(JSON.stringify({ hosts: [{ hostname: "a.example" }] }), async (path) => {
    await assertRejects(() => readReferenceHosts(path, { maxBytes: 10 }), Error, "more than 10");
    assertEquals((await readReferenceHosts(path, { maxBytes: 1000 })).length, 1);
  });
  await withFile("{}", async (path) => {
    await assertRejects(() => readReferenceHosts(path), Error, "no hosts list");
  });
});
