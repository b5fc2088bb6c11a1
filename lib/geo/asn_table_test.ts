import { assertEquals, assertThrows } from "../testing/assert.ts";
import { parseIp } from "./_ip.ts";
import { AsnTable } from "./asn_table.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const at = (t: AsnTable, ip: string) => t.lookup(parseIp(ip)!);

Deno.test("AsnTable parses quoted organisations and CRLF lines and bisects both families", () => {
  const v4 = enc(
    '16777216,16777471,13335,"Cloudflare, Inc."\r\n' +
      "134744064,134744319,15169,Google LLC\r\n" +
      '3000000000,3000000255,64496,"Say ""hi"" Ltd"\n',
  );
  const v6 = enc(
    "42540619681625057876333344323601958536,42540619681625057876333344323601958536,64497,One Host\n" +
      "42541956101370907050197289607612071936,42541956180599069564461627201156022271,15169,Google LLC\n",
  );
  const t = new AsnTable(v4, v6, { v4: "v4.csv", v6: "v6.csv" });
  assertEquals(t.rangeCount, { v4: 3, v6: 2 });
  assertEquals(at(t, "1.0.0.7"), { asn: 13335, as_org: "Cloudflare, Inc." });
  assertEquals(at(t, "8.8.8.8"), { asn: 15169, as_org: "Google LLC" });
  assertEquals(at(t, "178.208.94.0"), { asn: 64496, as_org: 'Say "hi" Ltd' });
  assertEquals(at(t, "1.0.1.0"), null);
  assertEquals(at(t, "0.0.0.1"), null);
  assertEquals(at(t, "2001:4860::1"), { asn: 15169, as_org: "Google LLC" });
  assertEquals(at(t, "2001:4860:ffff:ffff:ffff:ffff:ffff:ffff"), {
    asn: 15169,
    as_org: "Google LLC",
  });
  assertEquals(at(t, "2001:4861::"), null);
  assertEquals(at(t, "2001:67c:2e8:22::c100:688")?.asn, 64497);
  assertEquals(at(t, "2001:67c:2e8:22::c100:689"), null);
  assertEquals(t.ranges(15169, 6), [{
    start: 0x20014860000000000000000000000000n,
    end: 0x20014860ffffffffffffffffffffffffn,
  }]);
  assertEquals(t.ranges(99, 4), []);
});

Deno.test("AsnTable sorts unsorted input and lets the later of two overlapping rows win", () => {
  const v4 = enc("200,300,2,Two\n100,250,1,One\n400,500,3,Three\n");
  const t = new AsnTable(v4, enc(""), { v4: "v4.csv", v6: "v6.csv" });
  const n = (x: number) => ({ version: 4 as const, v4: x });
  assertEquals(t.lookup(n(150))?.asn, 1);
  assertEquals(t.lookup(n(199))?.asn, 1);
  assertEquals(t.lookup(n(200))?.asn, 2);
  assertEquals(t.lookup(n(350)), null);
  assertEquals(t.ranges(1, 4), [{ start: 100n, end: 199n }]);
});

Deno.test("AsnTable names the file and row of malformed input", () => {
  assertThrows(
    () => new AsnTable(enc("1,2,3,A\nx,2,3,B\n"), enc(""), { v4: "bad.csv", v6: "" }),
    Error,
    "bad.csv",
  );
  assertThrows(
    () => new AsnTable(enc("1,99999999999,3,A\n"), enc(""), { v4: "big.csv", v6: "" }),
    Error,
    "row 1",
  );
});
