import { assertEquals } from "../testing/assert.ts";
import { readLocation } from "./_records.ts";

// Shaped like a GeoLite2-City record for 81.2.69.160 in MaxMind's published test data.
const geolite2City = {
  city: { geoname_id: 2643743, names: { en: "London", de: "London", ru: "Лондон" } },
  continent: { code: "EU", geoname_id: 6255148, names: { en: "Europe" } },
  country: {
    geoname_id: 2635167,
    iso_code: "GB",
    names: { en: "United Kingdom", de: "Vereinigtes Königreich" },
  },
  location: {
    accuracy_radius: 10,
    latitude: 51.5142,
    longitude: -0.0931,
    time_zone: "Europe/London",
  },
  registered_country: { geoname_id: 6252001, iso_code: "US", names: { en: "United States" } },
};

Deno.test("readLocation maps the MaxMind City schema, names in the requested language", () => {
  assertEquals(readLocation(true, geolite2City, "en"), {
    country_code: "GB",
    country_name: "United Kingdom",
    continent_code: "EU",
    city: "London",
    latitude: 51.5142,
    longitude: -0.0931,
  });
  assertEquals(readLocation(true, geolite2City, "de")?.country_name, "Vereinigtes Königreich");
  assertEquals(readLocation(true, geolite2City, "fr")?.city, "London", "falls back to en");
});

Deno.test("readLocation: a MaxMind record without country (registered country only) is no answer", () => {
  assertEquals(
    readLocation(
      true,
      { registered_country: { iso_code: "US", names: { en: "United States" } } },
      "en",
    ),
    null,
  );
});

Deno.test("readLocation maps the ip-location-db flat schema; empty strings and 0,0 become null", () => {
  assertEquals(
    readLocation(false, {
      country_code: "de",
      city: "",
      latitude: 0,
      longitude: 0,
      state1: "",
      postcode: "",
    }, "en"),
    {
      country_code: "DE",
      country_name: null,
      continent_code: null,
      city: null,
      latitude: null,
      longitude: null,
    },
  );
  assertEquals(readLocation(false, { country_code: "" }, "en"), null);
  assertEquals(readLocation(false, { country_code: "ZZ" }, "en"), null);
  assertEquals(readLocation(false, null, "en"), null);
});
