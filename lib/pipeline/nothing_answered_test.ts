import { assertEquals } from "../testing/assert.ts";
import { NothingAnsweredError } from "./nothing_answered.ts";

Deno.test("NothingAnsweredError is one line naming each server tried (IPv6 in brackets), at most five", () => {
  const one = new NothingAnsweredError(
    [{ server: "127.0.0.99", port: 50001, status: "refused" }],
    "/d/scans/x",
  );
  assertEquals(one.name, "NothingAnswered");
  assertEquals(
    one.message,
    "0 of 1 servers answered: 127.0.0.99:50001 refused (the tables were not replaced; raw records in /d/scans/x)",
  );
  const many = new NothingAnsweredError(
    Array.from(
      { length: 7 },
      (_, i) => ({ server: i ? `127.0.0.${i}` : "::1", port: i ? 50001 : null, status: "timeout" }),
    ),
    "s",
  );
  assertEquals(
    many.message.split(" (")[0],
    "0 of 7 servers answered: [::1] timeout, 127.0.0.1:50001 timeout, 127.0.0.2:50001 timeout, 127.0.0.3:50001 timeout, 127.0.0.4:50001 timeout, and 2 more",
  );
  assertEquals(many.message.includes("\n"), false);
});
