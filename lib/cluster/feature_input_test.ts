import { assertEquals } from "../testing/assert.ts";
import { cellText } from "./feature_input.ts";

Deno.test("cellText: text of a cell; null for unknown and the empty string", () => {
  assertEquals([null, undefined, ""].map(cellText), [null, null, null]);
  assertEquals([50002, false, "tcp:50001"].map(cellText), ["50002", "false", "tcp:50001"]);
});
