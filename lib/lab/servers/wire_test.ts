import { assertEquals } from "../../testing/assert.ts";
import { pythonNumber, stringifyCompactPython } from "./wire.ts";

Deno.test("pythonNumber writes floats as Python's repr (what aiorpcX and EPS send)", () => {
  // Right column: Python 3.11 repr() of the same floats.
  const cases: [number, string][] = [
    [0.00001, "1e-05"],
    [0.000041, "4.1e-05"],
    [0.00004, "4e-05"],
    [0.0001, "0.0001"],
    [0.000126, "0.000126"],
    [1e-7, "1e-07"],
    [1.234e-10, "1.234e-10"],
    [1.5, "1.5"],
    [123456.789, "123456.789"],
    [3, "3"],
    [-0.00002, "-2e-05"],
  ];
  for (const [x, want] of cases) assertEquals(pythonNumber(x), want, String(x));
});

Deno.test("stringifyCompactPython keeps insertion order and compact separators", () => {
  assertEquals(
    stringifyCompactPython({
      jsonrpc: "2.0",
      result: [0.00001, null, "a"],
      skip: undefined,
      id: 1,
    }),
    '{"jsonrpc":"2.0","result":[1e-05,null,"a"],"id":1}',
  );
});
