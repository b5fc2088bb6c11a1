/**
 * The folder's pieces together on a small mixed-type population with known answers: three
 * behaviour groups of 12 servers (implementation, wire details, latency, supported methods) and
 * two outliers (a server claiming group A's software with group B's methods and odd numbers, and
 * one unlike anything).
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import { chooseDbscanParams } from "./choose_dbscan_params.ts";
import { encodeFeatures } from "./encode_features.ts";
import { gowerDistances, type GowerFeature } from "./gower.ts";
import { hierarchicalOrder } from "./hierarchical_order.ts";
import { isolationForest } from "./isolation_forest.ts";
import { principalCoordinates } from "./principal_coordinates.ts";
import { silhouette } from "./silhouette.ts";
import { seededRandom } from "./test_helpers.ts";

interface Server {
  impl: string;
  protocolMax: string;
  tls: boolean;
  peers: boolean;
  rttMs: number;
  maxSubs: number | null;
  methods: string[];
}

const FEATURES: Record<keyof Server, GowerFeature> = {
  impl: { kind: "categorical" },
  protocolMax: { kind: "ordinal", levels: ["1.4", "1.4.2", "1.5", "1.6"] },
  tls: { kind: "binary" },
  peers: { kind: "binary", asymmetric: true },
  rttMs: { kind: "numeric" },
  maxSubs: { kind: "numeric" },
  methods: { kind: "set" },
};

function population(seed: number): { servers: Server[]; truth: (number | null)[] } {
  const random = seededRandom(seed);
  const base = ["server.version", "server.banner", "blockchain.headers.subscribe"];
  const groups: Omit<Server, "rttMs" | "maxSubs">[] = [
    { impl: "electrumx", protocolMax: "1.4.2", tls: true, peers: true, methods: [...base, "a"] },
    { impl: "fulcrum", protocolMax: "1.5", tls: true, peers: false, methods: [...base, "f"] },
    { impl: "electrs", protocolMax: "1.4", tls: false, peers: false, methods: base },
  ];
  const rttBase = [40, 60, 80];
  const servers: Server[] = [], truth: (number | null)[] = [];
  groups.forEach((g, k) => {
    for (let i = 0; i < 12; i++) {
      servers.push({
        ...g,
        rttMs: rttBase[k] + random() * 8,
        // Some operators hide the limit: a missing value, skipped by Gower.
        maxSubs: random() < 0.25 ? null : 10000 + Math.floor(random() * 2000),
      });
      truth.push(k);
    }
  });
  servers.push({
    impl: "electrumx",
    protocolMax: "1.5",
    tls: false,
    peers: false,
    rttMs: 5,
    maxSubs: 500,
    methods: [...base, "f"],
  });
  servers.push({
    impl: "unknown",
    protocolMax: "1.6",
    tls: true,
    peers: true,
    rttMs: 300,
    maxSubs: 1000000,
    methods: ["server.version"],
  });
  truth.push(null, null);
  return { servers, truth };
}

Deno.test("end to end: Gower + chosen DBSCAN finds the groups, the outliers are noise", () => {
  for (const seed of [1, 2]) {
    const { servers, truth } = population(seed);
    const d = gowerDistances(servers as unknown as Record<string, never>[], FEATURES);
    const chosen = chooseDbscanParams(d);
    assert(chosen.best !== null && chosen.result !== null, `seed ${seed}: nothing chosen`);
    const labels = chosen.result.labels;
    assertEquals(adjustedRandIndex(truth, labels), 1, `seed ${seed}`);
    assertEquals([labels[36], labels[37]], [null, null]);
    assertEquals([chosen.best.clusterCount, chosen.best.noiseCount], [3, 2]);
    assert(silhouette(d, labels).mean! > 0.5, "clusters are well separated");
    // The same input chooses the same parameters.
    assertEquals(chooseDbscanParams(d).best, chosen.best);
  }
});

Deno.test("end to end: the isolation forest ranks the two outliers on top", () => {
  for (const seed of [1, 2]) {
    const { servers } = population(seed);
    const encoded = encodeFeatures(servers as unknown as Record<string, never>[], FEATURES);
    const s = isolationForest(encoded.rows, seededRandom(100 + seed)).trainingScores;
    const ranked = Array.from(s.keys()).sort((a, b) => s[b] - s[a] || a - b);
    assertEquals(ranked.slice(0, 2).sort(), [36, 37], `seed ${seed}: top ${ranked.slice(0, 4)}`);
  }
});

Deno.test("end to end: dendrogram order keeps groups contiguous; the embedding separates", () => {
  const { servers, truth } = population(3);
  const d = gowerDistances(servers as unknown as Record<string, never>[], FEATURES);
  const seq = hierarchicalOrder(d).order.map((i) => truth[i]).filter((t) => t !== null);
  let changes = 0;
  for (let k = 1; k < seq.length; k++) if (seq[k] !== seq[k - 1]) changes++;
  assertEquals(changes, 2, `group sequence ${seq.join("")}`);
  const { coordinates } = principalCoordinates(d);
  const centre = [0, 1, 2].map((g) => {
    const pts = coordinates.filter((_, i) => truth[i] === g);
    return [0, 1].map((a) => pts.reduce((s, p) => s + p[a], 0) / pts.length);
  });
  // Every grouped server is nearer its own group's centre than any other in the plane.
  coordinates.forEach((p, i) => {
    if (truth[i] === null) return;
    const dist = centre.map((c) => Math.hypot(p[0] - c[0], p[1] - c[1]));
    assertEquals(dist.indexOf(Math.min(...dist)), truth[i], `server ${i}`);
  });
});
