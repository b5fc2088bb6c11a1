import { assertEquals, assertRejects } from "../testing/assert.ts";
import { ADDRESS_MAP_FORMAT, AddressMapResolver, readAddressMap } from "./address_map.ts";

const GOOD = {
  format: ADDRESS_MAP_FORMAT,
  seeds: [{ host: "seed.lab", t: 50001, s: 50002 }],
  socks: { ip: "127.0.0.1", port: 9050 },
  names: { "seed.lab": ["88.99.1.1", "2a01:4f8::1"], "x.onion": [] },
  dial: { "88.99.1.1": "127.10.0.2", "2a01:4f8::1": "127.10.0.2" },
  ca_pem: "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
  lab: { seed: "s", clearnet: 1, onion: 1, latency: 0 },
};

Deno.test("readAddressMap reads a lab's map and its resolver routes names and simulated addresses to loopback", async () => {
  const path = await Deno.makeTempFile({ prefix: "address_map_test_" });
  try {
    await Deno.writeTextFile(path, JSON.stringify(GOOD));
    const r = new AddressMapResolver(await readAddressMap(path));
    assertEquals(await r.resolve("SEED.lab"), ["88.99.1.1", "2a01:4f8::1"]);
    assertEquals(await r.resolve("unknown.lab"), []);
    assertEquals(await r.resolve("constructor"), []);
    assertEquals(r.dialAddress("2A01:4F8::1"), "127.10.0.2");
    assertEquals(r.dialAddress("8.8.8.8"), null);
    assertEquals(r.kind, "lab-map");
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("readAddressMap refuses a map that routes off loopback, a wrong format, or no file, naming the file", async () => {
  const path = await Deno.makeTempFile({ prefix: "address_map_test_" });
  try {
    await Deno.writeTextFile(path, JSON.stringify({ ...GOOD, dial: { "88.99.1.1": "8.8.8.8" } }));
    await assertRejects(
      () => readAddressMap(path),
      TypeError,
      "88.99.1.1 does not route to a loopback address",
    );
    await Deno.writeTextFile(
      path,
      JSON.stringify({ ...GOOD, socks: { ip: "10.0.0.1", port: 9050 } }),
    );
    await assertRejects(() => readAddressMap(path), TypeError, "SOCKS gateway");
    await Deno.writeTextFile(path, JSON.stringify({ ...GOOD, format: "other/1" }));
    await assertRejects(() => readAddressMap(path), TypeError, `address map ${path}: format`);
    await Deno.writeTextFile(path, "{");
    await assertRejects(() => readAddressMap(path), TypeError, "not JSON");
    await assertRejects(() => readAddressMap(`${path}.missing`), TypeError, "no such file");
  } finally {
    await Deno.remove(path);
  }
});
