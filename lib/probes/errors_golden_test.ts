/**
 * Golden tests of the `err_*` columns of `fingerprints.csv`, per family, from conversations
 * recorded in arrival order: the real ElectrumX of `testdata/electrumx_470c76d/` and the lab
 * personalities of `testdata/errors_lab/` (see the README there for how each was made).
 */
import { assertEquals } from "../testing/assert.ts";
import { recordMaker } from "../records/record_maker.ts";
import { deriveFingerprints } from "../tables/derive_fingerprints.ts";
import { casesFromTranscript, type TranscriptRun } from "./error_transcript.ts";

const COLUMNS = [
  "err_unknown_method",
  "err_bad_params",
  "err_extra_key",
  "err_no_method",
  "err_not_object",
  "err_empty_batch",
  "err_malformed_json",
  "errors_skipped",
] as const;

/** The error columns of one server, by name. */
type ErrorColumns = Record<(typeof COLUMNS)[number], string | number>;

async function runsOf(path: string): Promise<TranscriptRun[]> {
  return (JSON.parse(await Deno.readTextFile(new URL(path, import.meta.url))) as {
    runs: TranscriptRun[];
  }).runs;
}

/** The error columns a scan would derive from these connections. */
function columns(runs: TranscriptRun[]): Record<string, unknown> {
  const rec = recordMaker({
    scan_id: "golden",
    t: "2026-12-03T00:00:00.000Z",
    server: "s.example",
    ip: "192.0.2.1",
    port: 50001,
    transport: "tcp",
  });
  const records = [
    rec("reach"),
    rec("errors", { cases: casesFromTranscript(runs) }, { probe_version: "4" }),
    rec("done"),
  ];
  const row = deriveFingerprints(records)[0] as Record<string, unknown>;
  return Object.fromEntries(COLUMNS.map((c) => [c, row[c]]));
}

const ELECTRUMX: ErrorColumns = {
  err_unknown_method: '-32601 unknown method "observatory.no_such_method"',
  err_bad_params: '-32602 0 arguments passed to method "blockchain.block.header" but it requires 1',
  err_extra_key: '{"jsonrpc":"2.0","result":null,"id":9003}',
  err_no_method: "silent",
  err_not_object: "-32600 request object must be a dictionary",
  err_empty_batch: "-32600 batch is empty",
  err_malformed_json: "-32700 invalid JSON",
  errors_skipped: 0,
};

Deno.test("error columns, real ElectrumX 470c76d: one case per connection gives every case its own reply", async () => {
  // That recording sent nothing after the case, so nothing proves the silent connection alive.
  assertEquals(
    columns(await runsOf("./testdata/electrumx_470c76d/errors_one_per_connection.json")),
    { ...ELECTRUMX, err_no_method: "timeout" },
  );
});

Deno.test("error columns, real ElectrumX 470c76d: the old fenced pipeline's recording attributes nothing wrongly (id-less errors that came first stay ambiguous)", async () => {
  const all = await runsOf("./testdata/electrumx_470c76d/errors_pipelined.json");
  for (const run of all) {
    assertEquals(columns([run]), {
      ...ELECTRUMX,
      err_no_method: "ambiguous",
      err_not_object: "ambiguous",
      err_empty_batch: "ambiguous",
      err_malformed_json: "ambiguous",
    });
  }
});

/** Each recording of the lab's personalities (`testdata/errors_lab/`) and the columns it gives. */
const LAB_GOLDEN: { name: string; file: string; expected: ErrorColumns }[] = [
  {
    name: "lab ElectrumX recorded with the probe's rounds: the same as the real server's",
    file: "electrumx-1.16.0.json",
    expected: ELECTRUMX,
  },
  {
    name: "Fulcrum 2.1.1 (lab)",
    file: "fulcrum-2.1.1.json",
    expected: {
      err_unknown_method: "-32601 Unsupported request: observatory.no_such_method",
      err_bad_params:
        "-32602 Expected at least 1 parameter for blockchain.block.header, got 0 instead",
      err_extra_key: "-32600 Invalid request",
      err_no_method: "-32600 Invalid JSON RPC object",
      err_not_object: "-32600 Invalid request",
      err_empty_batch: "-32600 Invalid request",
      err_malformed_json:
        '-32700 Failed to parse Json from string: {"jsonrpc":"2.0","method":"server.ping","params":[?',
      errors_skipped: 0,
    },
  },
  {
    name: "electrs 0.11.1 (lab)",
    file: "electrs-0.11.1.json",
    expected: {
      err_unknown_method: "-32601 method not found",
      err_bad_params: "-32602 invalid params",
      err_extra_key: '{"id":9003,"jsonrpc":"2.0","result":null}',
      err_no_method: "-32600 invalid request",
      err_not_object: "-32600 invalid request",
      err_empty_batch: "[]",
      err_malformed_json: "-32700 parse error",
      errors_skipped: 0,
    },
  },
  {
    name: "esplora 2021 build (lab): hangs up on four cases, one connection each",
    file: "esplora-0.4.1-2021.json",
    expected: {
      err_unknown_method: '"unknown method observatory.no_such_method []"',
      err_bad_params: '"missing height"',
      err_extra_key: '{"id":9003,"jsonrpc":"2.0","result":null}',
      err_no_method: "closed",
      err_not_object: "closed",
      err_empty_batch: "closed",
      err_malformed_json: "closed",
      errors_skipped: 0,
    },
  },
  {
    name: "esplora newer build (lab): answers every case",
    file: "esplora-0.4.1-new.json",
    expected: {
      err_unknown_method: "-32601 unknown method observatory.no_such_method",
      err_bad_params: "-32602 non-integer height",
      err_extra_key: '{"id":9003,"jsonrpc":"2.0","result":null}',
      err_no_method: "-32600 invalid request",
      err_not_object: "-32600 invalid request",
      err_empty_batch: "[]",
      err_malformed_json: "-32700 parse error",
      errors_skipped: 0,
    },
  },
  {
    name:
      "EPS 0.2.4 (lab, probe forced to run): the crash on bad params is nobody's for sure; nothing is attributed wrongly",
    file: "eps-0.2.4.json",
    expected: {
      err_unknown_method: "ambiguous",
      err_bad_params: "ambiguous",
      err_extra_key: "ambiguous",
      err_no_method: "not-sent",
      err_not_object: "not-sent",
      err_empty_batch: "not-sent",
      err_malformed_json: "not-sent",
      errors_skipped: 4,
    },
  },
];

for (const { name, file, expected } of LAB_GOLDEN) {
  Deno.test(`error columns, ${name}`, async () => {
    assertEquals(columns(await runsOf(`./testdata/errors_lab/${file}`)), expected);
  });
}
