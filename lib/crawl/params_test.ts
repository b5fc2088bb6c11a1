import { assertEquals, assertThrows } from "../testing/assert.ts";
import { parseVantage, runParams } from "./params.ts";

Deno.test("runParams: the vantage's coordinates (OBS_VANTAGE; Frankfurt for the lab, else unknown)", () => {
  assertEquals(runParams({}).vantage, { latitude: 50.11, longitude: 8.68 });
  assertEquals(runParams({ OBS_VANTAGE: "-33.87,151.21" }).vantage, {
    latitude: -33.87,
    longitude: 151.21,
  });
  assertEquals(
    runParams({ OBS_TARGET: "local", OBS_SEEDS: "127.0.0.5:50001:t" }).vantage,
    null,
  );
  for (const bad of ["50", "50,", "91,8", "50,181", "a,b", "1,2,3"]) {
    assertThrows(() => parseVantage(bad), RangeError, "OBS_VANTAGE");
  }
});
