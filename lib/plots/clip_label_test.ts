import { assertEquals } from "../testing/assert.ts";
import { clipLabel } from "./clip_label.ts";

Deno.test("clipLabel keeps a label up to maxChars and cuts a longer one to maxChars with an ellipsis", () => {
  assertEquals(clipLabel("abcdef", 6), "abcdef");
  assertEquals(clipLabel("abcdefg", 6), "abcde…");
  assertEquals(clipLabel("abcdefg", 6).length, 6);
  assertEquals(clipLabel("", 3), "");
  assertEquals(clipLabel("electrumx-node-7.example.org", 12), "electrumx-n…");
});
