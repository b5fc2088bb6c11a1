/**
 * inferImplementation: every voting rule on its own, the family decision, version ranges from
 * build history (both sides of each boundary), the confidence and where it drops, and the
 * extraction of evidence from records.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { recordMaker } from "../records/record_maker.ts";
import {
  claimedFamily,
  evidenceFromRecords,
  type Family,
  inferImplementation,
  type WireEvidence,
} from "./infer_implementation.ts";

type Case = WireEvidence["errorCases"][string];

/** Evidence with nothing observed but every evidence probe read. */
function ev(over: Partial<WireEvidence> = {}): WireEvidence {
  return {
    claimedSoftware: null,
    preversion: null,
    lineEnding: null,
    paddedLines: 0,
    lines: 0,
    resultKeyOrder: null,
    errorKeyOrder: null,
    spacing: null,
    stringError: false,
    featuresKeys: null,
    featuresHosts: null,
    featuresStatus: null,
    errorCases: {},
    batch: null,
    donation: undefined,
    methods: null,
    histogramShape: null,
    mempoolInfoOk: null,
    rangeProtocol: null,
    rangeError: null,
    probesRead: 9,
    probesExpected: 9,
    ...over,
  };
}

const reply = (message: string | null, over: Partial<Case> = {}): Case => ({
  outcome: "reply",
  reply_kind: "error",
  code: -32600,
  message,
  reply: null,
  ...over,
});
const closed: Case = {
  outcome: "closed",
  reply_kind: null,
  code: null,
  message: null,
  reply: null,
};
const silent: Case = {
  outcome: "silent",
  reply_kind: null,
  code: null,
  message: null,
  reply: null,
};

const NOT_FULCRUM = "electrumx/electrs/esplora/eps";
const RULES: [string, Partial<WireEvidence>, string][] = [
  ["crlf", { lineEnding: "crlf" }, "line_ending=crlf -> fulcrum (3)"],
  ["lf", { lineEnding: "lf" }, "line_ending=lf -> electrumx/electrs/esplora/eps (1)"],
  ["padded lines", { paddedLines: 2 }, "padding=yes -> electrumx (3)"],
  [
    "padded preversion",
    { preversion: { outcome: "error", error: null, padded: true } },
    "padding=yes -> electrumx (3)",
  ],
  ["python spacing", { spacing: "python" }, "spacing=python -> eps (3)"],
  [
    "compact spacing",
    { spacing: "compact" },
    "spacing=compact -> electrumx/fulcrum/electrs/esplora (0.5)",
  ],
  [
    "result keys ex",
    { resultKeyOrder: "jsonrpc,result,id" },
    "result_keys=jsonrpc,result,id -> electrumx/eps (2)",
  ],
  [
    "result keys id",
    { resultKeyOrder: "id,jsonrpc,result" },
    "result_keys=id,jsonrpc,result -> fulcrum/electrs/esplora (2)",
  ],
  [
    "error keys ex",
    { errorKeyOrder: "jsonrpc,error,id" },
    "error_keys=jsonrpc,error,id -> electrumx (2)",
  ],
  [
    "error keys rust",
    { errorKeyOrder: "error,id,jsonrpc" },
    "error_keys=error,id,jsonrpc -> fulcrum/electrs/esplora (2)",
  ],
  [
    "error keys eps",
    { errorKeyOrder: "error,jsonrpc,id" },
    "error_keys=error,jsonrpc,id -> eps (2)",
  ],
  ["bare string error", { stringError: true }, "error=bare-string -> esplora (3)"],
  [
    "version-first",
    { preversion: { outcome: "version-first", error: null, padded: false } },
    "preversion=version-first -> electrumx (4)",
  ],
  [
    "preversion silent",
    { preversion: { outcome: "silent", error: null, padded: false } },
    "preversion=silent -> eps (4)",
  ],
  ["preversion features unknown", {
    preversion: {
      outcome: "error",
      error: { message: "unknown method server.features" },
      padded: false,
    },
  }, "preversion=features-unknown -> esplora (3)"],
  ["preversion discovery disabled", {
    preversion: { outcome: "error", error: "discovery is disabled", padded: false },
  }, "preversion=features-unknown -> esplora (3)"],
  [
    "preversion answered",
    { preversion: { outcome: "answered", error: null, padded: false } },
    "preversion=answered -> electrumx/fulcrum/electrs (1)",
  ],
  ["features silent", { featuresStatus: "timeout" }, "features=silent -> eps (3)"],
  ["dsproof", { featuresKeys: ["dsproof", "hosts"] }, "features=dsproof -> fulcrum (3)"],
  [
    "features order",
    { featuresKeys: ["hosts", "pruning", "server_version"] },
    "features_order=hosts,pruning,... -> electrumx (2)",
  ],
  [
    "flat hosts",
    { featuresKeys: ["genesis_hash"], featuresHosts: { tcp_port: 50001 } },
    "features_hosts=flat -> electrs (3)",
  ],
  [
    "unknown method ex",
    { errorCases: { unknown_method: reply('unknown method "foo.bar"') } },
    "unknown_method=electrumx-wording -> electrumx (2)",
  ],
  ["unknown method fulcrum", {
    errorCases: { unknown_method: reply("Unsupported request: foo.bar") },
  }, "unknown_method=fulcrum-wording -> fulcrum (2)"],
  [
    "unknown method electrs",
    { errorCases: { unknown_method: reply("method not found") } },
    "unknown_method=electrs-wording -> electrs (2)",
  ],
  [
    "unknown method esplora",
    { errorCases: { unknown_method: reply("unknown method foo.bar") } },
    "unknown_method=esplora-wording -> esplora (2)",
  ],
  ["bad params ex", {
    errorCases: { bad_params: reply("3 arguments passed to method x taking at most 2") },
  }, "bad_params=electrumx-wording -> electrumx (2)"],
  [
    "bad params fulcrum",
    { errorCases: { bad_params: reply("Expected at most 2 parameters") } },
    "bad_params=fulcrum-wording -> fulcrum (2)",
  ],
  [
    "bad params fulcrum missing",
    { errorCases: { bad_params: reply("Missing required params") } },
    "bad_params=fulcrum-wording -> fulcrum (2)",
  ],
  [
    "bad params electrs",
    { errorCases: { bad_params: reply("invalid params") } },
    "bad_params=invalid-params -> electrs (1)",
  ],
  [
    "bad params esplora",
    { errorCases: { bad_params: reply("missing height") } },
    "bad_params=esplora-wording -> esplora (2)",
  ],
  ["no method silent", { errorCases: { no_method: silent } }, "no_method=silent -> electrumx (2)"],
  [
    "no method fulcrum",
    { errorCases: { no_method: reply("Invalid JSON RPC object") } },
    "no_method=fulcrum-wording -> fulcrum (2)",
  ],
  [
    "no method rust",
    { errorCases: { no_method: reply("invalid request") } },
    "no_method=invalid-request -> electrs/esplora (1)",
  ],
  [
    "no method closed",
    { errorCases: { no_method: closed } },
    "no_method=closed -> esplora/eps (1)",
  ],
  [
    "extra key rejected",
    { errorCases: { extra_key: reply("bad", { code: -32600 }) } },
    "extra_key=rejected -> fulcrum (3)",
  ],
  ["extra key ignored", {
    errorCases: { extra_key: reply(null, { code: null, reply_kind: "result" }) },
  }, "extra_key=ignored -> electrumx/electrs/esplora/eps (0.5)"],
  [
    "not object ex",
    { errorCases: { not_object: reply("request object must be a dictionary") } },
    "not_object=electrumx-wording -> electrumx (2)",
  ],
  [
    "not object fulcrum",
    { errorCases: { not_object: reply("Invalid request") } },
    "not_object=Invalid-request -> fulcrum (1)",
  ],
  [
    "not object rust",
    { errorCases: { not_object: reply("invalid request") } },
    "not_object=invalid-request -> electrs/esplora (1)",
  ],
  [
    "empty batch ex",
    { errorCases: { empty_batch: reply("batch is empty") } },
    "empty_batch=batch-is-empty -> electrumx (2)",
  ],
  [
    "empty batch fulcrum",
    { errorCases: { empty_batch: reply("Invalid request") } },
    "empty_batch=Invalid-request -> fulcrum (1)",
  ],
  ["empty batch []", {
    errorCases: { empty_batch: reply(null, { reply_kind: "batch", reply: "[]" }) },
  }, "empty_batch=[] -> electrs/esplora (2)"],
  [
    "empty batch closed",
    { errorCases: { empty_batch: closed } },
    "empty_batch=closed -> esplora/eps (1)",
  ],
  [
    "malformed ex",
    { errorCases: { malformed_json: reply("invalid JSON") } },
    "malformed=invalid-JSON -> electrumx (2)",
  ],
  ["malformed fulcrum", {
    errorCases: { malformed_json: reply("Failed to parse Json from string: {bad") },
  }, "malformed=fulcrum-echo -> fulcrum (2)"],
  [
    "malformed rust",
    { errorCases: { malformed_json: reply("parse error") } },
    "malformed=parse-error -> electrs/esplora (1)",
  ],
  [
    "malformed closed",
    { errorCases: { malformed_json: closed } },
    "malformed=closed -> esplora/eps (1)",
  ],
  [
    "batch comma-space",
    { batch: { outcome: "reply", join: "comma-space" } },
    "batch_join=comma-space -> electrumx (2)",
  ],
  [
    "batch comma",
    { batch: { outcome: "reply", join: "comma" } },
    "batch_join=comma -> fulcrum/electrs/esplora (1)",
  ],
  ["batch closed", { batch: { outcome: "closed", join: null } }, "batch=closed -> esplora/eps (1)"],
  ["donation empty", { donation: "" }, "donation=empty -> electrumx (1)"],
  [
    "donation fulcrum",
    { donation: "1Ca1inCimwRhhcpFX84TPRrPQSryTgKW6N" },
    "donation=fulcrum-default -> fulcrum (1)",
  ],
  ["donation null", { donation: null }, "donation=null -> electrs/esplora (1)"],
  [
    "donation eps",
    { donation: "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy" },
    "donation=eps-default -> eps (1)",
  ],
  [
    "get_first_use",
    { methods: { "blockchain.scripthash.get_first_use": true } },
    "get_first_use=yes -> fulcrum (2)",
  ],
  [
    "get_mempool missing",
    { methods: { "blockchain.scripthash.get_mempool": false } },
    "get_mempool=no -> electrs/esplora/eps (1)",
  ],
  ["histogram decimal", { histogramShape: "decimal" }, "histogram=decimal -> electrumx (1)"],
  ["histogram pow2", { histogramShape: "pow2" }, "histogram=pow2 -> electrs/esplora (1)"],
  ["mempool info at 1.4", { mempoolInfoOk: true }, "mempool.get_info@1.4=yes -> fulcrum (1)"],
  ["range 1.6", { rangeProtocol: "1.6" }, "range=1.6 -> electrumx/fulcrum (1)"],
  ["range 1.4.3", { rangeProtocol: "1.4.3" }, "range=1.4.3 -> electrumx/fulcrum (1)"],
  ["range 1.4.2", { rangeProtocol: "1.4.2" }, "range=1.4.2 -> electrumx/fulcrum (1)"],
  ["range 1.4.1", { rangeProtocol: "1.4.1" }, "range=1.4.1 -> electrumx (2)"],
  ["range 1.5 (Fulcrum prints 1.5.0 as 1.5)", { rangeProtocol: "1.5" }, "range=1.5 -> fulcrum (2)"],
  ["range 1.5.3", { rangeProtocol: "1.5.3" }, "range=1.5.3 -> fulcrum (2)"],
  ["range 1.4.5", { rangeProtocol: "1.4.5" }, "range=1.4.5 -> fulcrum (2)"],
  ["range 1.4", { rangeProtocol: "1.4" }, `range=1.4 -> ${NOT_FULCRUM} (1)`],
  [
    "range refusal Range(",
    { rangeError: 'x requested Range("1.4", "1.6"), server supports 1.4' },
    "range=electrs-refusal -> electrs (2)",
  ],
  [
    "range refusal old",
    { rangeError: "x requested protocol version 1.6, server supports 1.4" },
    "range=electrs-refusal -> electrs (2)",
  ],
];

Deno.test("inferImplementation: each rule casts exactly its vote", () => {
  for (const [name, over, expected] of RULES) {
    const inf = inferImplementation(ev(over));
    const cast = inf.evidence.map((x) => x.replace(/^against: /, ""));
    assertEquals(cast, [expected], name);
  }
});

Deno.test("inferImplementation: silence before server.version is no EPS vote from a server that answered server.features", () => {
  const pv = { outcome: "silent", error: null, padded: false } as const;
  assertEquals(inferImplementation(ev({ preversion: pv, featuresStatus: "success" })).evidence, []);
  for (const featuresStatus of ["timeout", null]) {
    assertEquals(
      inferImplementation(ev({ preversion: pv, featuresStatus })).evidence,
      ["preversion=silent -> eps (4)", ...(featuresStatus ? ["features=silent -> eps (3)"] : [])],
    );
  }
});

Deno.test("inferImplementation: an unknown wording, range or shape casts nothing", () => {
  const inf = inferImplementation(ev({
    errorCases: {
      unknown_method: reply("something else"),
      bad_params: reply("?"),
      not_object: reply("?"),
    },
    rangeProtocol: "1.9",
    rangeError: null,
    histogramShape: "integer",
    donation: "bc1qsomeoneelse",
  }));
  assertEquals([inf.family, inf.evidence, inf.confidence, inf.versionRange], [
    null,
    [],
    null,
    null,
  ]);
});

/** Wire profiles that make each family win without touching the traits under test. */
const PROFILE: Record<Family, Partial<WireEvidence>> = {
  electrumx: {
    errorKeyOrder: "jsonrpc,error,id",
    batch: { outcome: "reply", join: "comma-space" },
  },
  fulcrum: { lineEnding: "crlf", featuresKeys: ["dsproof"] },
  electrs: {
    featuresKeys: ["genesis_hash"],
    featuresHosts: { tcp_port: 50001 },
    errorCases: { unknown_method: reply("method not found") },
  },
  esplora: { stringError: true },
  eps: { spacing: "python", preversion: { outcome: "silent", error: null, padded: false } },
};

Deno.test("inferImplementation: the family with most weight wins and the rest count against it", () => {
  for (const f of ["electrumx", "fulcrum", "electrs", "esplora", "eps"] as const) {
    assertEquals(inferImplementation(ev(PROFILE[f])).family, f, f);
  }
  const mixed = inferImplementation(ev({ ...PROFILE.fulcrum, errorKeyOrder: "jsonrpc,error,id" }));
  assertEquals(mixed.family, "fulcrum");
  assert(
    mixed.evidence.includes("against: error_keys=jsonrpc,error,id -> electrumx (2)"),
    mixed.evidence.join("; "),
  );
});

// Traits of ElectrumX builds: unpadded and answering before server.version; padded; version-first.
const unpadded = { lines: 10, preversion: { outcome: "answered", error: null, padded: false } };
const padded = {
  lines: 10,
  paddedLines: 5,
  preversion: { outcome: "answered", error: null, padded: true },
};
const versionFirst = {
  lines: 10,
  paddedLines: 5,
  preversion: { outcome: "version-first", error: null, padded: true },
};

/** [what, family, traits, claimed software, consistent?] Both sides of every boundary. */
const BOUNDARIES: [string, Family, Partial<WireEvidence>, string, boolean][] = [
  // ElectrumX protocol 1.4: up to 1.9.1 (master kept the name until 936251a).
  ["ex 1.4 last", "electrumx", { ...unpadded, rangeProtocol: "1.4" }, "ElectrumX 1.9.1", true],
  ["ex 1.4 after", "electrumx", { ...unpadded, rangeProtocol: "1.4" }, "ElectrumX 1.9.2", false],
  // 1.4.1: master '1.9.1' from 936251a to master '1.10.1' before 39817ee.
  ["ex 1.4.1 first", "electrumx", { ...unpadded, rangeProtocol: "1.4.1" }, "ElectrumX 1.9.1", true],
  [
    "ex 1.4.1 before",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.1" },
    "ElectrumX 1.9.0",
    false,
  ],
  ["ex 1.4.1 last", "electrumx", { ...unpadded, rangeProtocol: "1.4.1" }, "ElectrumX 1.10.1", true],
  [
    "ex 1.4.1 after",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.1" },
    "ElectrumX 1.11.0",
    false,
  ],
  // 1.4.2: master '1.10.1' from 39817ee; up to kyuupichan's 1.20.2 (BSV line, same names).
  [
    "ex 1.4.2 first",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.2" },
    "ElectrumX 1.10.1",
    true,
  ],
  [
    "ex 1.4.2 before",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.2" },
    "ElectrumX 1.10.0",
    false,
  ],
  [
    "ex 1.4.2 kyuupichan 1.19",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.2" },
    "ElectrumX 1.19",
    true,
  ],
  [
    "ex 1.4.2 kyuupichan last",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.2" },
    "ElectrumX 1.20.2",
    true,
  ],
  [
    "ex 1.4.2 after",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.2" },
    "ElectrumX 1.20.3",
    false,
  ],
  // 1.4.3 unpadded: master '1.16.0' from 7140587 (2022) through '1.17.0' before padding.
  [
    "ex 1.4.3 master 1.16.0 (issue 9)",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.16.0",
    true,
  ],
  [
    "ex 1.4.3 before",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.15.0",
    false,
  ],
  [
    "ex 1.4.3 unpadded last",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.17.0",
    true,
  ],
  [
    "ex 1.4.3 unpadded after",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.18.0",
    false,
  ],
  // 1.4.4: a merged feature branch under '1.16.0' only.
  [
    "ex 1.4.4 branch",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.4" },
    "ElectrumX 1.16.0",
    true,
  ],
  [
    "ex 1.4.4 after",
    "electrumx",
    { ...unpadded, rangeProtocol: "1.4.4" },
    "ElectrumX 1.17.0",
    false,
  ],
  // Padded 1.4.3, not version-first: master '1.17.0' from 7c807c1/7580102 through '1.18.0' before 04d517a.
  ["ex padded first", "electrumx", { ...padded, rangeProtocol: "1.4.3" }, "ElectrumX 1.17.0", true],
  [
    "ex padded before",
    "electrumx",
    { ...padded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.16.0",
    false,
  ],
  ["ex padded last", "electrumx", { ...padded, rangeProtocol: "1.4.3" }, "ElectrumX 1.18.0", true],
  [
    "ex padded after",
    "electrumx",
    { ...padded, rangeProtocol: "1.4.3" },
    "ElectrumX 1.19.0",
    false,
  ],
  // Version-first at 1.4.3: master '1.18.0' between 04d517a and 2fa0730 only.
  [
    "ex vf 1.4.3",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.4.3" },
    "ElectrumX 1.18.0",
    true,
  ],
  [
    "ex vf 1.4.3 before",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.4.3" },
    "ElectrumX 1.17.0",
    false,
  ],
  [
    "ex vf 1.4.3 after",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.4.3" },
    "ElectrumX 1.19.0",
    false,
  ],
  // 1.6: master '1.18.0' from 2fa0730; open above (master '2.0b1').
  [
    "ex 1.6 first",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.6" },
    "ElectrumX 1.18.0",
    true,
  ],
  [
    "ex 1.6 before",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.6" },
    "ElectrumX 1.17.0",
    false,
  ],
  [
    "ex 1.6 master 2.0b1",
    "electrumx",
    { ...versionFirst, rangeProtocol: "1.6" },
    "ElectrumX 2.0b1",
    true,
  ],
  // Fulcrum by protocol.
  ["fu 1.4.2 first", "fulcrum", { rangeProtocol: "1.4.2" }, "Fulcrum 1.0", true],
  ["fu 1.4.2 last (master 1.0.5)", "fulcrum", { rangeProtocol: "1.4.2" }, "Fulcrum 1.0.5", true],
  ["fu 1.4.2 after", "fulcrum", { rangeProtocol: "1.4.2" }, "Fulcrum 1.1.0", false],
  ["fu 1.4.3 first (master 1.0.5)", "fulcrum", { rangeProtocol: "1.4.3" }, "Fulcrum 1.0.5", true],
  ["fu 1.4.3 before", "fulcrum", { rangeProtocol: "1.4.3" }, "Fulcrum 1.0.4", false],
  ["fu 1.4.3 last", "fulcrum", { rangeProtocol: "1.4.3" }, "Fulcrum 1.1.1", true],
  ["fu 1.4.3 after", "fulcrum", { rangeProtocol: "1.4.3" }, "Fulcrum 1.2.0", false],
  ["fu 1.4.4 first (master 1.1.1)", "fulcrum", { rangeProtocol: "1.4.4" }, "Fulcrum 1.1.1", true],
  ["fu 1.4.4 before", "fulcrum", { rangeProtocol: "1.4.4" }, "Fulcrum 1.1.0", false],
  ["fu 1.4.4 last", "fulcrum", { rangeProtocol: "1.4.4" }, "Fulcrum 1.4.1", true],
  ["fu 1.4.4 after", "fulcrum", { rangeProtocol: "1.4.4" }, "Fulcrum 1.5.0", false],
  ["fu 1.4.5 first", "fulcrum", { rangeProtocol: "1.4.5" }, "Fulcrum 1.5.0", true],
  ["fu 1.4.5 before", "fulcrum", { rangeProtocol: "1.4.5" }, "Fulcrum 1.4.1", false],
  ["fu 1.4.5 last (master 1.9.0)", "fulcrum", { rangeProtocol: "1.4.5" }, "Fulcrum 1.9.0", true],
  ["fu 1.4.5 after", "fulcrum", { rangeProtocol: "1.4.5" }, "Fulcrum 1.9.1", false],
  ["fu 1.4.6 only master 1.9.0", "fulcrum", { rangeProtocol: "1.4.6" }, "Fulcrum 1.9.0", true],
  ["fu 1.4.6 before", "fulcrum", { rangeProtocol: "1.4.6" }, "Fulcrum 1.8.2", false],
  ["fu 1.4.6 after", "fulcrum", { rangeProtocol: "1.4.6" }, "Fulcrum 1.9.1", false],
  ["fu 1.5.0 first", "fulcrum", { rangeProtocol: "1.5" }, "Fulcrum 1.9.0", true],
  ["fu 1.5.0 before", "fulcrum", { rangeProtocol: "1.5" }, "Fulcrum 1.8.2", false],
  ["fu 1.5.0 last", "fulcrum", { rangeProtocol: "1.5.0" }, "Fulcrum 1.9.1", true],
  ["fu 1.5.0 after", "fulcrum", { rangeProtocol: "1.5.0" }, "Fulcrum 1.9.2", false],
  ["fu 1.5.1 first (master 1.9.1)", "fulcrum", { rangeProtocol: "1.5.1" }, "Fulcrum 1.9.1", true],
  ["fu 1.5.1 before", "fulcrum", { rangeProtocol: "1.5.1" }, "Fulcrum 1.9.0", false],
  ["fu 1.5.1 last", "fulcrum", { rangeProtocol: "1.5.1" }, "Fulcrum 1.9.5", true],
  ["fu 1.5.1 after", "fulcrum", { rangeProtocol: "1.5.1" }, "Fulcrum 1.9.6", false],
  ["fu 1.5.2 first (master 1.9.5)", "fulcrum", { rangeProtocol: "1.5.2" }, "Fulcrum 1.9.5", true],
  ["fu 1.5.2 before", "fulcrum", { rangeProtocol: "1.5.2" }, "Fulcrum 1.9.4", false],
  ["fu 1.5.2 last", "fulcrum", { rangeProtocol: "1.5.2" }, "Fulcrum 1.9.8", true],
  ["fu 1.5.2 after", "fulcrum", { rangeProtocol: "1.5.2" }, "Fulcrum 1.10.0", false],
  ["fu 1.5.3 first", "fulcrum", { rangeProtocol: "1.5.3" }, "Fulcrum 1.10.0", true],
  ["fu 1.5.3 before", "fulcrum", { rangeProtocol: "1.5.3" }, "Fulcrum 1.9.8", false],
  ["fu 1.5.3 last (v2.0.0 says 2.0)", "fulcrum", { rangeProtocol: "1.5.3" }, "Fulcrum 2.0", true],
  ["fu 1.5.3 after", "fulcrum", { rangeProtocol: "1.5.3" }, "Fulcrum 2.1.0", false],
  ["fu 1.6 first (master 2.0)", "fulcrum", { rangeProtocol: "1.6" }, "Fulcrum 2.0", true],
  ["fu 1.6 before", "fulcrum", { rangeProtocol: "1.6" }, "Fulcrum 1.12.0", false],
  ["fu 1.6 current", "fulcrum", { rangeProtocol: "1.6" }, "Fulcrum 2.1.1", true],
  // electrs by range handling.
  ["rs accepts first (master 0.9.13)", "electrs", { rangeProtocol: "1.4" }, "electrs/0.9.13", true],
  ["rs accepts before", "electrs", { rangeProtocol: "1.4" }, "electrs/0.9.12", false],
  [
    "rs Range( first",
    "electrs",
    { rangeError: 'x requested Range("1.4", "1.6"), server supports 1.4' },
    "electrs/0.9.0",
    true,
  ],
  [
    "rs Range( before",
    "electrs",
    { rangeError: 'x requested Range("1.4", "1.6"), server supports 1.4' },
    "electrs/0.8.12",
    false,
  ],
  [
    "rs Range( last",
    "electrs",
    { rangeError: 'x requested Range("1.4", "1.6"), server supports 1.4' },
    "electrs/0.9.13",
    true,
  ],
  [
    "rs Range( after",
    "electrs",
    { rangeError: 'x requested Range("1.4", "1.6"), server supports 1.4' },
    "electrs/0.9.14",
    false,
  ],
  [
    "rs exact last",
    "electrs",
    { rangeError: "x requested protocol version 1.6, server supports 1.4" },
    "electrs 0.8.12",
    true,
  ],
  [
    "rs exact after",
    "electrs",
    { rangeError: "x requested protocol version 1.6, server supports 1.4" },
    "electrs/0.9.0",
    false,
  ],
];

Deno.test("inferImplementation: claim_version_consistent on both sides of every build-history boundary", () => {
  for (const [what, family, traits, software, consistent] of BOUNDARIES) {
    const inf = inferImplementation(
      ev({ ...PROFILE[family], ...traits, claimedSoftware: software }),
    );
    assertEquals(inf.family, family, `${what}: ${inf.evidence.join("; ")}`);
    assertEquals(inf.versionConsistent, consistent, `${what}: ${software} vs ${inf.versionRange}`);
  }
});

Deno.test("inferImplementation: version ranges are the union of the matching builds", () => {
  const range = (over: Partial<WireEvidence>) =>
    inferImplementation(ev({ ...PROFILE.electrumx, ...over })).versionRange;
  assertEquals(range({ ...versionFirst }), ">=1.18.0");
  assertEquals(range({ ...padded }), ">=1.17.0 <=1.18.0");
  assertEquals(range({ ...unpadded, rangeProtocol: "1.4.3" }), ">=1.16.0 <=1.17.0");
  assertEquals(range({ ...unpadded, rangeProtocol: "1.4.2" }), ">=1.10.1 <=1.20.2");
  // Nothing about padding or order known: every ElectrumX build.
  assertEquals(range({}), null);
  assertEquals(
    inferImplementation(ev({ ...PROFILE.fulcrum, rangeProtocol: "1.5" })).versionRange,
    ">=1.9.0 <=1.9.1",
  );
  assertEquals(
    inferImplementation(ev({ ...PROFILE.electrs, rangeProtocol: "1.4" })).versionRange,
    ">=0.9.13",
  );
  // esplora and EPS: the wire tells no version, so no range and no verdict on the claim.
  const esplora = inferImplementation(
    ev({ ...PROFILE.esplora, rangeProtocol: "1.4", claimedSoftware: "electrs-esplora 0.4.1" }),
  );
  assertEquals([esplora.versionRange, esplora.versionConsistent], [null, null]);
});

Deno.test("inferImplementation: a claim of another family is never checked for version", () => {
  const inf = inferImplementation(
    ev({
      ...PROFILE.electrumx,
      ...unpadded,
      rangeProtocol: "1.4.2",
      claimedSoftware: "Fulcrum 9.9.9",
    }),
  );
  assertEquals([inf.family, inf.claimedFamily, inf.agrees, inf.versionConsistent], [
    "electrumx",
    "fulcrum",
    false,
    null,
  ]);
});

Deno.test("inferImplementation: confidence is 1 only on full, agreeing, unopposed evidence", () => {
  const full = inferImplementation(
    ev({ ...PROFILE.electrumx, claimedSoftware: "ElectrumX 1.16.0" }),
  );
  assertEquals([full.confidence, full.coverage], [1, 1]);
});

Deno.test("inferImplementation: confidence drops with missing evidence (few probes read)", () => {
  const few = inferImplementation(
    ev({ ...PROFILE.electrumx, claimedSoftware: "ElectrumX 1.16.0", probesRead: 3 }),
  );
  assertEquals([few.confidence, few.coverage], [0.33, 0.33]);
  const none = inferImplementation(ev({ ...PROFILE.electrumx, probesRead: 0, probesExpected: 0 }));
  assertEquals(none.confidence, 0);
  // Probes skipped because the server already looked like EPS are not missing evidence.
  const eps = inferImplementation(
    ev({
      ...PROFILE.eps,
      claimedSoftware: "ElectrumPersonalServer 0.2.4",
      probesRead: 5,
      probesExpected: 5,
    }),
  );
  assertEquals(eps.confidence, 1);
});

Deno.test("inferImplementation: confidence drops when the claim contradicts the wire", () => {
  const agreeing = inferImplementation(
    ev({ ...PROFILE.electrumx, claimedSoftware: "ElectrumX 1.16.0" }),
  );
  const contrary = inferImplementation(
    ev({ ...PROFILE.electrumx, claimedSoftware: "Fulcrum 2.1.1" }),
  );
  const unclaimed = inferImplementation(
    ev({ ...PROFILE.electrumx, claimedSoftware: "MyServer 1.0" }),
  );
  assertEquals(contrary.family, "electrumx");
  // ElectrumX weight 4 of 4 cast, plus the contrary claim's 2 in the total: 4/6.
  assertEquals(contrary.confidence, 0.67);
  assertEquals(unclaimed.confidence, 1);
  assert(contrary.confidence! < agreeing.confidence!);
});

Deno.test("inferImplementation: confidence drops with conflicting votes and with traits no build shows", () => {
  // ElectrumX 4 against Fulcrum's CRLF 3: 4/7.
  const conflict = inferImplementation(ev({ ...PROFILE.electrumx, lineEnding: "crlf" }));
  assertEquals([conflict.family, conflict.confidence], ["electrumx", 0.57]);
  // Padded ElectrumX negotiating 1.4.2: no build does both.
  const odd = inferImplementation(
    ev({
      ...PROFILE.electrumx,
      ...padded,
      rangeProtocol: "1.4.2",
      claimedSoftware: "ElectrumX 1.16.0",
    }),
  );
  assertEquals(odd.family, "electrumx");
  assertEquals([odd.versionRange, odd.versionConsistent], [null, null]);
  assert(
    odd.evidence.includes("against: no known electrumx build shows these traits (2)"),
    odd.evidence.join("; "),
  );
  assert(odd.confidence! < 1, String(odd.confidence));
});

Deno.test("claimedFamily: family and numeric version from the software string", () => {
  assertEquals(claimedFamily("ElectrumX 1.16.0"), { family: "electrumx", version: "1.16.0" });
  assertEquals(claimedFamily("ElectrumX 2.0b1"), { family: "electrumx", version: "2.0" });
  assertEquals(claimedFamily("Fulcrum 2.0"), { family: "fulcrum", version: "2.0" });
  assertEquals(claimedFamily("electrs/0.10.5"), { family: "electrs", version: "0.10.5" });
  assertEquals(claimedFamily(null), { family: null, version: null });
});

const rec = recordMaker({ scan_id: "s" });

Deno.test("evidenceFromRecords: reads each probe's fields and counts the probes read", () => {
  const e = evidenceFromRecords([
    rec("version", { software: "ElectrumX 1.16.0", protocol: "1.4" }),
    rec("preversion", { outcome: "answered", style: { paddingSpaces: 0 } }),
    rec("wire", {
      lines: 12,
      line_ending: "lf",
      padded_lines: 0,
      result_key_order: "jsonrpc,result,id",
      error_key_order: "jsonrpc,error,id",
      spacing: "compact",
      string_error: false,
    }),
    rec("features", { keys: ["hosts", "pruning"], features: { hosts: {} } }),
    rec("errors", {
      cases: [{
        case: "unknown_method",
        outcome: "reply",
        reply_kind: "error",
        code: -32601,
        message: 'unknown method "x"',
        reply: null,
      }],
    }),
    rec("donation", { donation_address: "" }),
    rec("version_range", { protocol: 1.4 }),
    rec("methods", {}, { status: "unsupported", data: { skipped: "politeness budget" } }),
    rec("fees", {}, { status: "timeout" }),
    rec("batch", {}, { status: "rpc-error", message: "batch is empty" }),
  ]);
  assertEquals(e.claimedSoftware, "ElectrumX 1.16.0");
  assertEquals(e.preversion, { outcome: "answered", error: null, padded: false });
  assertEquals([e.lineEnding, e.lines, e.resultKeyOrder, e.errorKeyOrder], [
    "lf",
    12,
    "jsonrpc,result,id",
    "jsonrpc,error,id",
  ]);
  assertEquals(e.featuresKeys, ["hosts", "pruning"]);
  assertEquals(e.errorCases.unknown_method.message, 'unknown method "x"');
  assertEquals(e.donation, "");
  // A number on the wire is still read as a protocol version.
  assertEquals(e.rangeProtocol, "1.4");
  assertEquals([e.methods, e.histogramShape], [null, null]);
  // preversion, wire, features, errors, donation, version_range read, batch answered with an
  // error (a reading); methods skipped for budget, fees timed out: 7 of 9.
  assertEquals([e.probesRead, e.probesExpected], [7, 9]);
});

Deno.test("evidenceFromRecords: probes skipped because the server looked like EPS are not expected", () => {
  const skip = {
    status: "unsupported" as const,
    data: { skipped: "EPS-like server (one client at a time)" },
  };
  const e = evidenceFromRecords([
    rec("preversion", { outcome: "silent" }),
    rec("features", {}, { status: "timeout" }),
    rec("methods", {}, skip),
    rec("errors", {}, skip),
    rec("version_range", {}, skip),
  ]);
  assertEquals([e.probesRead, e.probesExpected], [2, 6]);
  assertEquals(e.featuresStatus, "timeout");
});
