import { assertEquals, assertRejects } from "../testing/assert.ts";
import { readJsonObject } from "./read_json_object.ts";

Deno.test("readJsonObject: an object; null when missing; a clear error naming the file otherwise", async () => {
  const dir = await Deno.makeTempDir({ prefix: "json-object-" });
  try {
    const p = `${dir}/f.json`;
    await Deno.writeTextFile(p, '{"a":1}');
    assertEquals(await readJsonObject(p, "thing", 100), { a: 1 });
    assertEquals(await readJsonObject(`${dir}/missing.json`, "thing", 100), null);
    await assertRejects(
      () => readJsonObject(dir, "thing", 100),
      TypeError,
      `thing ${dir}: not a file`,
    );
    await assertRejects(() => readJsonObject(p, "thing", 3), TypeError, "larger than 3 bytes");
    for (
      const [text, why] of [["{", "not JSON"], ["null", "not a JSON object"], [
        "[1]",
        "not a JSON object",
      ]]
    ) {
      await Deno.writeTextFile(p, text);
      await assertRejects(() => readJsonObject(p, "thing", 100), TypeError, why);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
