import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { geoOptionsFromEnv, sharedGeo } from "./shared_geo.ts";

Deno.test("geoOptionsFromEnv reads the user's MaxMind paths and ignores empty values", () => {
  assertEquals(geoOptionsFromEnv({}), {});
  assertEquals(geoOptionsFromEnv({ OBS_MAXMIND_CITY: "/x/City.mmdb", OBS_MAXMIND_ASN: "" }), {
    maxmindCityPath: "/x/City.mmdb",
  });
  assertEquals(geoOptionsFromEnv({ OBS_MAXMIND_ASN: "/x/ASN.mmdb" }), {
    maxmindAsnPath: "/x/ASN.mmdb",
  });
});

Deno.test("sharedGeo opens once per options and does not cache a failed open", async () => {
  const a = await sharedGeo({});
  assert(a === await sharedGeo({}), "same enricher for the same options");
  const bad = { maxmindCityPath: "/nonexistent/GeoLite2-City.mmdb" };
  await assertRejects(() => sharedGeo(bad));
  await assertRejects(() => sharedGeo(bad));
});
