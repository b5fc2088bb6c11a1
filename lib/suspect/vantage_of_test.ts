import { assertEquals } from "../testing/assert.ts";
import { vantageOf } from "./vantage_of.ts";

Deno.test("vantageOf: two numbers in range, else null", () => {
  assertEquals(vantageOf({ vantage_coordinates: { latitude: 50.11, longitude: 8.68 } }), {
    latitude: 50.11,
    longitude: 8.68,
  });
  assertEquals(vantageOf(null), null);
  assertEquals(vantageOf({}), null);
  assertEquals(vantageOf({ vantage_coordinates: null }), null);
  assertEquals(vantageOf({ vantage_coordinates: { latitude: "50", longitude: 8 } }), null);
  assertEquals(vantageOf({ vantage_coordinates: { latitude: 91, longitude: 8 } }), null);
});
