import { assert, assertEquals } from "../testing/assert.ts";
import { Ajv } from "ajv";
import { projectPath } from "../data/paths.ts";
import type { Row } from "../data/read_csv.ts";
import { deriveHss } from "./derive_hss.ts";
import { RISK_FEED_SCHEMA, riskFeed } from "./risk_feed.ts";
import type { SuspectTables } from "./suspect_context.ts";

const manifest = {
  scan_id: "lab-2026-12-03T09-38-02-019Z",
  target: "lab",
  started_at: "2026-12-03T09:38:02.019Z",
  finished_at: "2026-12-03T09:39:27.066Z",
  vantage: "lab (simulated vantage: Frankfurt, DE)",
  tool: { name: "electrum-observatory", version: "0.1.0" },
};

/** Twelve servers: a stale one, a phishing one, a group of three, the rest plain. */
function tables(): SuspectTables {
  const t: Record<string, Row[]> = {
    servers: [],
    fingerprints: [],
    tls: [],
    geo: [],
    peers: [],
    features: [],
    clusters: [],
  };
  for (let i = 0; i < 12; i++) {
    const s = `srv${"abcdefghijkl"[i]}.example`;
    t.servers.push({
      server: s,
      software: "ElectrumX 1.20.0",
      tip_lag_blocks: i === 0 ? 40 : 0,
      banner: "",
    });
    t.fingerprints.push({
      server: s,
      family_claimed: "electrumx",
      broadcast_html: i === 1,
      broadcast_error_text: i === 1 ? "<b>update</b>" : "rejected",
    });
    t.features.push({ server: s });
    t.geo.push({ server: s, main: true, asn: 100 + i });
    t.clusters.push({
      server: s,
      operator_group: i >= 9 ? "g1" : null,
      operator_evidence: i >= 9 ? "banner (3, 0.001)" : null,
    });
  }
  return t as unknown as SuspectTables;
}

const validator = () => new Ajv({ allErrors: true, strict: true }).compile(RISK_FEED_SCHEMA);

Deno.test("riskFeed: a feed validates against RISK_FEED_SCHEMA, servers by score, groups with tier and reason", () => {
  const feed = riskFeed(deriveHss(tables()), manifest);
  const validate = validator();
  assert(validate(feed), JSON.stringify(validate.errors?.slice(0, 3)));
  const servers = feed.servers as { server: string; hss: number; tier: string }[];
  assertEquals(servers.length, 12);
  for (let i = 1; i < servers.length; i++) assert(servers[i - 1].hss >= servers[i].hss);
  assertEquals(servers.slice(0, 2).map((s) => [s.server, s.tier]), [["srva.example", "high"], [
    "srvb.example",
    "high",
  ]]);
  assertEquals((feed.provenance as { scan_id: string }).scan_id, manifest.scan_id);
  assertEquals(feed.groups, [{
    group: "g1",
    servers: 3,
    tier: "benign",
    reason:
      "linked by banner; 1 software version on 1 provider; no member above benign: an honest multi-server operator as far as the scan can see",
  }]);
});

Deno.test("RISK_FEED_SCHEMA refuses a score out of range, an unknown tier and a missing provenance", () => {
  const feed = riskFeed(deriveHss(tables()), manifest);
  const validate = validator();
  const servers = feed.servers as Record<string, unknown>[];
  assert(!validate({ ...feed, servers: [{ ...servers[0], hss: 150 }] }));
  assert(!validate({ ...feed, servers: [{ ...servers[0], tier: "low" }] }));
  const { provenance: _, ...noProvenance } = feed;
  assert(!validate(noProvenance));
});

Deno.test("data/risk-feed.schema.json is the schema the code writes", async () => {
  const committed = JSON.parse(await Deno.readTextFile(projectPath("data/risk-feed.schema.json")));
  assertEquals(committed, JSON.parse(JSON.stringify(RISK_FEED_SCHEMA)));
});
