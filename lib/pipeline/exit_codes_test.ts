import { assertEquals } from "../testing/assert.ts";
import { projectPath } from "../data/paths.ts";
import { EXIT_CODES } from "./exit_codes.ts";

Deno.test("EXIT_CODES are distinct, and README.md's exit-code table lists exactly them", async () => {
  const codes = Object.values(EXIT_CODES);
  assertEquals(new Set(codes).size, codes.length);
  const readme = await Deno.readTextFile(projectPath("README.md"));
  const start = readme.indexOf("Exit codes of `report` and `collect`");
  const table = readme.slice(start, readme.indexOf("\n\n", readme.indexOf("| Code", start)));
  const rows = [...table.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1]));
  assertEquals(rows, [...codes].sort());
});
