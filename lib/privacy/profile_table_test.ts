import { assertEquals } from "../testing/assert.ts";
import { profileTable } from "./profile_table.ts";

Deno.test("profileTable: 4.3.4 does not pad (none, not null); lists and objects as text", () => {
  const rows = profileTable();
  const row = (k: string) => rows.find((r) => r.constant === k);
  assertEquals(row("paddingBytes"), {
    constant: "paddingBytes",
    debian_4_3_4: "none",
    current_4_8_1: "1024",
  });
  assertEquals(row("protocolRequest")?.current_4_8_1, "1.4, 1.6");
  assertEquals(row("ping")?.debian_4_3_4, "kind=fixed everyMs=300000");
  assertEquals(rows.some((r) => /null|undefined/.test(r.debian_4_3_4 + r.current_4_8_1)), false);
});
