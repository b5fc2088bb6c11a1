import { assertEquals } from "../testing/assert.ts";
import { summariseWire } from "./wire.ts";
import { batchJoin } from "./batch.ts";
import { histogramShape } from "./fees.ts";
import { textFlags } from "./broadcast.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("summariseWire: line endings, padding, key order, spacing, escapes, notifications", () => {
  const padded = '{"jsonrpc":"2.0","result":null,"id":0' + " ".repeat(1024 - 39) + "}\n";
  const s = summariseWire([
    enc(padded),
    enc('{"jsonrpc":"2.0","error":{"code":-32601,"message":"unknown method \\"x\\""},"id":1}\n'),
    enc('{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[]}\n'),
    enc('{"jsonrpc":"2.0","result":"caf\\u00e9","id":2}\n'),
  ]);
  assertEquals([s.line_ending, s.padded_lines, s.max_padding_spaces, s.padded_pow2_lines], [
    "lf",
    1,
    985,
    1,
  ]);
  assertEquals(
    [s.result_key_order, s.error_key_order, s.spacing, s.ascii_escapes, s.notifications],
    ["jsonrpc,result,id", "jsonrpc,error,id", "compact", 1, 1],
  );
  const f = summariseWire([
    enc('{"id":0,"jsonrpc":"2.0","result":"café"}\r\n'),
    enc('{"error":"unknown method x []","id":1,"jsonrpc":"2.0"}\r\n'),
  ]);
  assertEquals([
    f.line_ending,
    f.padded_lines,
    f.result_key_order,
    f.string_error,
    f.non_ascii_bytes,
  ], ["crlf", 0, "id,jsonrpc,result", true, 2]);
  assertEquals(
    summariseWire([enc('{"jsonrpc": "2.0", "result": 1, "id": 0}\n')]).spacing,
    "python",
  );
  assertEquals(summariseWire([]).line_ending, null);
});

Deno.test("batchJoin, histogramShape, textFlags: the small classifiers", () => {
  assertEquals(
    batchJoin(
      enc('[{"jsonrpc":"2.0","result":null,"id":1}, {"jsonrpc":"2.0","result":null,"id":2}]\n'),
    ),
    "comma-space",
  );
  assertEquals(
    batchJoin(
      enc('[{"id":1,"jsonrpc":"2.0","result":null},{"id":2,"jsonrpc":"2.0","result":null}]\r\n'),
    ),
    "comma",
  );
  assertEquals(histogramShape([[59.5, 100], [30, 200]]), "decimal");
  assertEquals(histogramShape([[64, 1], [32, 1], [8, 1]]), "pow2");
  assertEquals(histogramShape([[60, 1], [31, 1]]), "integer");
  assertEquals(histogramShape([]), "empty");
  assertEquals(histogramShape({}), "invalid");
  assertEquals(
    textFlags(
      '<h1>Required Security Update</h1><a href="https://github.com/spesmiIo/electrum">x</a>',
    ),
    { html: true, url: true, update_wording: true },
  );
  assertEquals(
    textFlags("the transaction was rejected by network rules.\n\nbad-txns-vout-toolarge"),
    { html: false, url: false, update_wording: false },
  );
});
