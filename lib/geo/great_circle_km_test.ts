import { assert, assertEquals, assertLess } from "../testing/assert.ts";
import { greatCircleKm } from "./great_circle_km.ts";

const near = (actual: number, expected: number, tolKm: number) =>
  assertLess(Math.abs(actual - expected), tolKm, `${actual} km, expected ${expected} km`);

Deno.test("greatCircleKm is zero for one point and a quarter meridian along the equator", () => {
  const p = { latitude: 48.1, longitude: 11.6 };
  assertEquals(greatCircleKm(p, p), 0);
  near(
    greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 }),
    10007.543,
    1e-3,
  );
});

Deno.test("greatCircleKm is symmetric and gives known city distances", () => {
  const paris = { latitude: 48.8566, longitude: 2.3522 };
  const newYork = { latitude: 40.7128, longitude: -74.006 };
  const frankfurt = { latitude: 50.1109, longitude: 8.6821 };
  assertEquals(greatCircleKm(paris, newYork), greatCircleKm(newYork, paris));
  near(greatCircleKm(paris, newYork), 5837, 5);
  near(greatCircleKm(paris, frankfurt), 479, 3);
});

Deno.test("greatCircleKm is finite and half the circumference at antipodal points", () => {
  const halfKm = Math.PI * 6371;
  for (const lat of [0, 13.8315, -43.8331, 66.4447]) {
    const km = greatCircleKm({ latitude: lat, longitude: 20 }, { latitude: -lat, longitude: -160 });
    assert(Number.isFinite(km), `finite at latitude ${lat}`);
    near(km, halfKm, 1e-6);
  }
});
