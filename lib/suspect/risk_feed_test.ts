import { assert, assertEquals } from "../testing/assert.ts";
import { Ajv } from "ajv";
import { projectPath } from "../data/paths.ts";
import { loadSuspectTables } from "./load_suspect_tables.ts";
import { deriveHss } from "./derive_hss.ts";
import { RISK_FEED_SCHEMA, riskFeed } from "./risk_feed.ts";

const validator = () => new Ajv({ allErrors: true, strict: true }).compile(RISK_FEED_SCHEMA);

Deno.test("riskFeed: the feed of the committed scan validates against RISK_FEED_SCHEMA", async () => {
  const { tables, manifest } = await loadSuspectTables(projectPath("data"));
  const feed = riskFeed(deriveHss(tables), manifest);
  const validate = validator();
  assert(validate(feed), JSON.stringify(validate.errors?.slice(0, 3)));
  const servers = feed.servers as { hss: number; tier: string }[];
  assertEquals(servers.length, tables.features.length);
  for (let i = 1; i < servers.length; i++) assert(servers[i - 1].hss >= servers[i].hss);
  assertEquals((feed.provenance as { scan_id: string }).scan_id, manifest.scan_id);
});

Deno.test("RISK_FEED_SCHEMA refuses a score out of range, an unknown tier and a missing provenance", async () => {
  const { tables, manifest } = await loadSuspectTables(projectPath("data"));
  const feed = riskFeed(deriveHss(tables), manifest);
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
