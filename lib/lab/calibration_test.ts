import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { buildPopulation } from "./population.ts";
import { populationMix } from "./population_mix.ts";
import { CALIBRATION } from "./population/calibration.ts";
import { COHORTS } from "./population/cohorts.ts";
import { PERSONALITIES } from "./servers/personalities.ts";

Deno.test("the default lab's mix matches every calibration target within its tolerance", () => {
  const hosts = buildPopulation({ pickAddress: segmentAddressPicker });
  const mix = populationMix(hosts);
  assertEquals(mix.clearnet, CALIBRATION.clearnet);
  assertEquals(mix.onion, CALIBRATION.onion);
  const misses: string[] = [];
  for (const t of CALIBRATION.targets) {
    const got = mix.shares[t.dimension]?.[t.key] ?? 0;
    if (Math.abs(got - t.share) > t.tolerance) {
      misses.push(
        `${t.dimension}=${t.key}: ${got.toFixed(3)} vs ${t.share} ± ${t.tolerance} (${t.basis})`,
      );
    }
  }
  assertEquals(misses, []);
});

Deno.test("the default lab stays calibrated across seeds (families, providers and countries)", () => {
  for (const seed of ["a", "b", "c"]) {
    const mix = populationMix(buildPopulation({ seed, pickAddress: segmentAddressPicker }));
    for (
      const t of CALIBRATION.targets.filter((x) =>
        ["family", "provider", "country"].includes(x.dimension) && x.share >= 0.05
      )
    ) {
      const got = mix.shares[t.dimension]?.[t.key] ?? 0;
      assert(
        Math.abs(got - t.share) <= t.tolerance * 1.5,
        `seed ${seed} ${t.dimension}=${t.key}: ${got.toFixed(3)} vs ${t.share}`,
      );
    }
  }
});

Deno.test("the default lab has ElectrumX 1.16-1.20, Fulcrum 1.9-2.1, electrs 0.8-0.11, esplora and EPS, and unusual ports", () => {
  const hosts = buildPopulation({ pickAddress: segmentAddressPicker });
  const mix = populationMix(hosts);
  const seen = new Set(Object.keys(mix.shares.personality));
  for (const v of ["1.16.0", "1.17.0", "1.18.0", "1.19.0", "1.20.0"]) {
    assert(seen.has(`electrumx-${v}`), v);
  }
  assert([...seen].some((x) => x.startsWith("fulcrum-1.9")) && seen.has("fulcrum-2.1.1"));
  assert(seen.has("electrs-0.8.12") && seen.has("electrs-0.11.1"));
  assert([...seen].some((x) => x.startsWith("esplora")) && seen.has("eps-0.2.4"));
  const ports = Object.keys(mix.shares.tls_port);
  for (const p of ["443", "50002"]) assert(ports.includes(p), p);
  assert(
    ports.filter((p) => !["50002", "443", "other"].includes(p)).length >= 3,
    `unusual TLS ports: ${ports}`,
  );
  for (const c of COHORTS) for (const [id] of c.personalities) assert(id in PERSONALITIES, id);
});

Deno.test("buildPopulation accepts 1 to 5,000 clearnet hosts (10 or more in all), refuses sizes outside, and the same seed gives the same network", () => {
  assertEquals(
    buildPopulation({ clearnet: 9, onion: 1, pickAddress: segmentAddressPicker }).length,
    10,
  );
  const big = buildPopulation({ clearnet: 4400, seed: "big", pickAddress: segmentAddressPicker });
  assertEquals(big.length, 4400 + Math.round((4400 * 45) / 350));
  assertEquals(new Set(big.map((h) => h.loopback)).size, big.length);
  assertThrows(
    () => buildPopulation({ clearnet: 5, onion: 0, pickAddress: segmentAddressPicker }),
    RangeError,
  );
  assertThrows(
    () => buildPopulation({ clearnet: 5001, onion: 0, pickAddress: segmentAddressPicker }),
    RangeError,
  );
  assertThrows(
    () => buildPopulation({ clearnet: 100, onion: 1001, pickAddress: segmentAddressPicker }),
    RangeError,
  );
  const a = buildPopulation({ clearnet: 500, seed: 7, pickAddress: segmentAddressPicker });
  const b = buildPopulation({ clearnet: 500, seed: 7, pickAddress: segmentAddressPicker });
  assertEquals(a, b);
});
