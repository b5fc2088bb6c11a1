import { assertEquals } from "../testing/assert.ts";
import { formatV4, formatV6, isGlobalUnicast, parseIp, parseV6, rangeToCidrs } from "./_ip.ts";

Deno.test("parseIp reads IPv4, IPv6, embedded and mapped forms and rejects the rest", () => {
  assertEquals(parseIp("8.8.8.8"), { version: 4, v4: 0x08080808 });
  assertEquals(parseIp("255.255.255.255"), { version: 4, v4: 0xffffffff });
  assertEquals(parseIp("::ffff:8.8.4.4"), { version: 4, v4: 0x08080404 });
  assertEquals(parseIp("::ffff:0808:0404"), { version: 4, v4: 0x08080404 });
  assertEquals(parseIp("2001:4860:4860::8888"), {
    version: 6,
    v6: 0x20014860486000000000000000008888n,
  });
  assertEquals(parseIp("2A01:4F8::1"), { version: 6, v6: 0x2a0104f8000000000000000000000001n });
  assertEquals(parseIp("fe80::1%eth0"), { version: 6, v6: 0xfe800000000000000000000000000001n });
  assertEquals(parseV6("::"), 0n);
  assertEquals(parseV6("1:2:3:4:5:6:7:8"), 0x00010002000300040005000600070008n);
  assertEquals(parseV6("1::"), 1n << 112n);
  assertEquals(parseV6("64:ff9b::1.2.3.4"), 0x0064ff9b000000000000000001020304n);
  for (
    const bad of [
      "",
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "01.2.3.4",
      "1.2.3.4 ",
      "abc.onion",
      "example.com",
      ":::",
      "1::2::3",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "g::1",
      "1:2:3:4:5:6:7::8",
      ":1::",
      "1:",
    ]
  ) {
    assertEquals(parseIp(bad), null, bad);
  }
});

Deno.test("formatV4 and formatV6 write canonical text (RFC 5952 compression)", () => {
  assertEquals(formatV4(0x7f000001), "127.0.0.1");
  assertEquals(formatV6(0n), "::");
  assertEquals(formatV6(1n), "::1");
  assertEquals(formatV6(0x20010db8000000010000000000000001n), "2001:db8:0:1::1");
  assertEquals(formatV6(0x20010db8000000000001000000000001n), "2001:db8::1:0:0:1");
  assertEquals(formatV6(0x00010002000300040005000600070008n), "1:2:3:4:5:6:7:8");
});

Deno.test("isGlobalUnicast rejects special-purpose space", () => {
  for (
    const ip of [
      "10.1.1.1",
      "127.0.0.1",
      "100.64.0.1",
      "169.254.1.1",
      "172.16.0.1",
      "192.168.0.1",
      "192.0.2.1",
      "198.18.0.1",
      "203.0.113.9",
      "224.0.0.1",
      "240.0.0.1",
      "255.255.255.255",
      "0.1.2.3",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "ff02::1",
      "2001:db8::1",
      "::ffff:10.0.0.1",
    ]
  ) {
    assertEquals(isGlobalUnicast(parseIp(ip)!), false, ip);
  }
  for (const ip of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "2a01:4f8::1", "2600::1"]) {
    assertEquals(isGlobalUnicast(parseIp(ip)!), true, ip);
  }
});

Deno.test("rangeToCidrs covers a range exactly with aligned blocks", () => {
  assertEquals(rangeToCidrs(0x01000000n, 0x010000ffn, 4), ["1.0.0.0/24"]);
  assertEquals(rangeToCidrs(0x0a000001n, 0x0a000006n, 4), [
    "10.0.0.1/32",
    "10.0.0.2/31",
    "10.0.0.4/31",
    "10.0.0.6/32",
  ]);
  assertEquals(rangeToCidrs(0n, 0xffffffffn, 4), ["0.0.0.0/0"]);
  assertEquals(rangeToCidrs(0x2a0104f8n << 96n, ((0x2a0104f9n + 1n) << 96n) - 1n, 6), [
    "2a01:4f8::/31",
  ]);
});
