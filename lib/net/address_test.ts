import { assertEquals, assertThrows } from "../testing/assert.ts";
import { classifyAddress, inCidr, isLoopback, isOnion, parseIPv6 } from "./address.ts";

Deno.test("classifyAddress tells public, loopback, private, link-local, multicast apart", () => {
  const cases: [string, string][] = [
    ["8.8.8.8", "public"],
    ["127.0.0.1", "loopback"],
    ["127.45.3.9", "loopback"],
    ["10.0.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["169.254.10.10", "link-local"],
    ["224.0.0.251", "multicast"],
    ["100.64.0.1", "cgnat"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fd00::5", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["2a01:4f8::1", "public"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.4.4", "public"],
  ];
  for (const [ip, cls] of cases) assertEquals(classifyAddress(ip), cls, ip);
});

Deno.test("classifyAddress throws a TypeError naming a non-address", () => {
  assertThrows(() => classifyAddress("example.com"), TypeError, "example.com");
});

Deno.test("parseIPv6 expands :: and embedded IPv4", () => {
  assertEquals(parseIPv6("::1"), 1n);
  assertEquals(parseIPv6("::ffff:1.2.3.4"), (0xffffn << 32n) + 0x01020304n);
  assertEquals(parseIPv6("not-v6"), null);
});

Deno.test("inCidr matches v4 and v6 blocks and rejects malformed blocks", () => {
  assertEquals(inCidr("10.1.2.3", "10.0.0.0/8"), true);
  assertEquals(inCidr("11.1.2.3", "10.0.0.0/8"), false);
  assertEquals(inCidr("2a01:4f8::1", "2a01:4f8::/32"), true);
  assertEquals(inCidr("10.1.2.3", "2a01:4f8::/32"), false);
  assertThrows(() => inCidr("10.1.2.3", "10.0.0.0/40"), TypeError);
});

Deno.test("isLoopback and isOnion", () => {
  assertEquals(isLoopback("127.9.9.9"), true);
  assertEquals(isLoopback("::1"), true);
  assertEquals(isLoopback("128.0.0.1"), false);
  assertEquals(isLoopback("localhost"), false);
  assertEquals(isOnion("a".repeat(56) + ".onion"), true);
  assertEquals(isOnion("abc.onion"), false);
});
