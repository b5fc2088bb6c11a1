/**
 * The inference against a real ElectrumX: records assembled from the replies that spesmilo/electrumx
 * 470c76d (2024-02, an untagged master build calling itself "ElectrumX 1.16.0" while speaking
 * protocol 1.4.3) sent on loopback (`lib/probes/testdata/electrumx_470c76d/`, see its README),
 * read with the probes' own parsers. Each case comes from a connection that carried only that case,
 * so no reply is attributed by guesswork. The `methods` probe has no recording, so its record is
 * absent, as when a probe does not run.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import type { ProbeRecord } from "../records/records.ts";
import { recordMaker } from "../records/record_maker.ts";
import { summariseWire } from "../probes/wire.ts";
import { readWireStyle } from "../probes/wire_style.ts";
import { resultKeys } from "../probes/preversion.ts";
import { batchJoin } from "../probes/batch.ts";
import { histogramShape } from "../probes/fees.ts";
import { evidenceFromRecords, inferImplementation } from "./infer_implementation.ts";

interface Run {
  case?: string;
  sent: { text: string }[];
  lines: { text: string }[];
  closed_by_server: boolean;
}
interface Scenario {
  cases?: string[];
  runs: Run[];
}

const DIR = new URL("../probes/testdata/electrumx_470c76d/", import.meta.url);
const load = async (name: string): Promise<Scenario> =>
  JSON.parse(await Deno.readTextFile(new URL(name, DIR)));
const bytes = (s: string) => new TextEncoder().encode(s);
const body = (line: string) =>
  JSON.parse(line) as { id?: unknown; result?: unknown; error?: { code: number; message: string } };
const runOf = (s: Scenario, name: string) => s.runs[s.cases!.indexOf(name)];

const rec = recordMaker({
  scan_id: "real",
  t: "2026-12-03T00:00:00.000Z",
  server: "127.0.0.1",
  ip: "127.0.0.1",
  port: 50001,
  transport: "tcp",
  probe_version: "fixture",
});

async function realRecords(): Promise<ProbeRecord[]> {
  const [queries, negotiation, order, errors] = await Promise.all([
    load("queries.json"),
    load("version_negotiation.json"),
    load("version_order.json"),
    load("errors_one_per_connection.json"),
  ]);
  const q = queries.runs.find((r) =>
    !("transport" in r) || (r as unknown as { transport: string }).transport === "tcp"
  )!;
  const reply = (id: number) => q.lines.find((l) => body(l.text).id === id)!.text;
  const sentId = (r: Run, i: number) => {
    try {
      return (JSON.parse(r.sent[i].text) as { id?: unknown }).id ?? null;
    } catch {
      return null;
    }
  };

  // The error cases, one connection each: the reply is the line after server.version's, matched
  // by the case's id (or null for a case that has none).
  const cases = errors.cases!.map((name) => {
    const r = runOf(errors, name);
    const id = sentId(r, 1);
    const line = r.lines.slice(1).find((l) => body(l.text).id === id || body(l.text).id === null);
    if (!line) {
      return {
        case: name,
        outcome: r.closed_by_server ? "closed" : "silent",
        reply_kind: null,
        code: null,
        message: null,
        reply: null,
      };
    }
    const b = body(line.text);
    return {
      case: name,
      outcome: "reply",
      reply_kind: b.error ? "error" : "result",
      code: b.error?.code ?? null,
      message: b.error?.message ?? null,
      reply: line.text.trimEnd(),
    };
  });
  const before = runOf(order, "before_version:server.features").lines[0].text;
  const batchLine = q.lines.find((l) => l.text.startsWith("["))!.text;
  const allLines = [...q.lines, ...errors.runs.flatMap((r) => r.lines)].map((l) => bytes(l.text));
  return [
    rec("version", { software: (body(q.lines[0].text).result as string[])[0] }),
    rec("version_range", {
      protocol: (body(runOf(negotiation, "range_1.4_1.6").lines[0].text).result as string[])[1],
    }),
    rec("preversion", {
      outcome: body(before).result ? "answered" : "error",
      style: readWireStyle(bytes(before)),
    }),
    rec("wire", { ...summariseWire(allLines) }),
    rec("features", { features: body(reply(1)).result, keys: resultKeys(bytes(reply(1))) }),
    rec("donation", { donation_address: body(reply(3)).result }),
    rec("fees", { histogram_shape: histogramShape(body(reply(10)).result) }),
    rec("batch", { outcome: "reply", join: batchJoin(bytes(batchLine)) }),
    rec("errors", { cases }),
  ];
}

Deno.test("inferImplementation on a real ElectrumX 1.16.0-era build (470c76d): ElectrumX, version-consistent", async () => {
  const records = await realRecords();
  const e = evidenceFromRecords(records);
  assertEquals([e.claimedSoftware, e.rangeProtocol], ["ElectrumX 1.16.0", "1.4.3"]);
  assertEquals(e.errorCases.not_object.message, "request object must be a dictionary");
  const inf = inferImplementation(e);
  assertEquals(inf.family, "electrumx", inf.evidence.join("; "));
  assertEquals(inf.agrees, true);
  // Unpadded, answering before server.version, at 1.4.3: master "1.16.0" (7140587 onward) or 1.17.0.
  assertEquals(inf.versionRange, ">=1.16.0 <=1.17.0");
  assertEquals(inf.versionConsistent, true);
  // Eight of nine evidence probes recorded (no `methods`), nothing against ElectrumX.
  assertEquals(inf.coverage, 0.89);
  assertEquals(inf.confidence, 0.89);
  assert(!inf.evidence.some((x) => x.startsWith("against:")), inf.evidence.join("; "));
});
