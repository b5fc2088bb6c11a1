import { assertEquals, assertRejects, assertThrows } from "../testing/assert.ts";
import { openGeo } from "./open_geo.ts";
import { lookupAddresses } from "./lookup_addresses.ts";
import { testGeo } from "./_test_geo.ts";
import { bundledPaths } from "./_sources.ts";

const ADDRESSES = [
  "8.8.8.8",
  "1.1.1.1",
  "2a01:4f8::1",
  "2001:4860:4860::8888",
  "::ffff:8.8.4.4",
  "10.0.0.1",
  "127.0.0.1",
  "203.0.113.7",
  "95.216.1.1",
  "8.8.8.8",
];

Deno.test("lookupAddresses gives each address the record openGeo's lookup gives", async () => {
  const geo = await testGeo();
  const batch = await lookupAddresses(ADDRESSES);
  for (const ip of ADDRESSES) assertEquals(batch.lookup(ip), geo.lookup(ip), ip);
  assertEquals(batch.provenance(), geo.provenance());
});

Deno.test("lookupAddresses: without DB-IP the country database answers, as in openGeo", async () => {
  const options = { dbipCityV4Path: null, dbipCityV6Path: null };
  const geo = await openGeo(options);
  const batch = await lookupAddresses(ADDRESSES, options);
  for (const ip of ADDRESSES) assertEquals(batch.lookup(ip), geo.lookup(ip), ip);
  assertEquals(batch.provenance(), geo.provenance());
});

Deno.test("lookupAddresses lookup rejects a non-literal (TypeError) and an address not given (RangeError)", async () => {
  const batch = await lookupAddresses(["8.8.8.8", "example.onion"]);
  assertThrows(() => batch.lookup("example.onion"), TypeError);
  assertThrows(() => batch.lookup("9.9.9.9"), RangeError);
});

Deno.test("lookupAddresses rejects a MaxMind path that holds a database of another schema", async () => {
  await assertRejects(
    () => lookupAddresses(["8.8.8.8"], { maxmindCityPath: bundledPaths().country }),
    TypeError,
    "not a MaxMind City",
  );
});
