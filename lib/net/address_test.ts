import { assertEquals, assertThrows } from "../testing/assert.ts";
import { classifyAddress, inCidr, isLoopback, isOnion, parseIPv6 } from "./address.ts";
import { guardAddress } from "./dial.ts";

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

Deno.test("classifyAddress: 6to4 and Teredo addresses take the class of the IPv4 address they embed", () => {
  // 6to4 2002:AABB:CCDD::/48 carries AA.BB.CC.DD.
  assertEquals(classifyAddress("2002:7f00:1::1"), "loopback");
  assertEquals(classifyAddress("2002:a00:1::"), "private");
  assertEquals(classifyAddress("2002:c000:204::1"), "documentation");
  assertEquals(classifyAddress("2002:808:808::1"), "public");
  // Teredo 2001:0:SERVER:FLAGS:PORT:CLIENT carries the client address inverted (RFC 4380).
  assertEquals(classifyAddress("2001:0:4136:e378:8000:63bf:80ff:fffe"), "loopback"); // ~7f000001
  assertEquals(classifyAddress("2001:0:4136:e378:8000:63bf:f7f7:f7f7"), "public"); // ~08080808
  assertEquals(classifyAddress("2001:0:4136:e378:8000:63bf:f5ff:fefe"), "private"); // ~0a000101
  // Neighbours stay as they were.
  assertEquals(classifyAddress("2001:db8::1"), "documentation");
  assertEquals(classifyAddress("2001:470::1"), "public");
});

Deno.test("isLoopback: a 6to4 or Teredo address embedding 127.0.0.1 is not this machine", () => {
  assertEquals(isLoopback("2002:7f00:1::1"), false);
  assertEquals(isLoopback("2001:0:4136:e378:8000:63bf:80ff:fffe"), false);
  assertEquals(isLoopback("::1"), true);
  assertEquals(isLoopback("::ffff:127.0.0.9"), true);
  assertEquals(isLoopback("127.0.0.5"), true);
});

Deno.test("guardAddress: 6to4 of loopback is refused in lab and live mode; 6to4 of a public address is public", () => {
  assertEquals(guardAddress("2002:7f00:1::1", { mode: "lab" }) !== null, true);
  assertEquals(guardAddress("::1", { mode: "lab" }), null);
  const prev = Deno.env.get("OBS_FORBID_LIVE");
  try {
    Deno.env.delete("OBS_FORBID_LIVE");
    assertEquals(
      guardAddress("2002:7f00:1::1", { mode: "live" }),
      "live mode never dials loopback addresses (2002:7f00:1::1)",
    );
    assertEquals(
      guardAddress("2001:0:4136:e378:8000:63bf:80ff:fffe", { mode: "live" }) !== null,
      true,
    );
    assertEquals(guardAddress("2002:808:808::1", { mode: "live" }), null);
  } finally {
    if (prev !== undefined) Deno.env.set("OBS_FORBID_LIVE", prev);
  }
});
