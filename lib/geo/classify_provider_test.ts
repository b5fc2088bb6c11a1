import { assertEquals, assertThrows } from "../testing/assert.ts";
import { classifyProvider } from "./classify_provider.ts";
import { PROVIDERS } from "./providers.ts";

Deno.test("PROVIDERS covers the providers the crawl sees most", () => {
  const expect: [number, string, string][] = [
    [396982, "Google Cloud", "cloud"],
    [15169, "Google Cloud", "cloud"],
    [16509, "Amazon AWS", "cloud"],
    [14618, "Amazon AWS", "cloud"],
    [14061, "DigitalOcean", "cloud"],
    [24940, "Hetzner", "hosting"],
    [213230, "Hetzner", "hosting"],
    [16276, "OVH", "hosting"],
    [51167, "Contabo", "hosting"],
    [63949, "Linode (Akamai)", "cloud"],
    [20473, "Vultr", "cloud"],
    [8075, "Microsoft Azure", "cloud"],
    [31898, "Oracle Cloud", "cloud"],
    [12876, "Scaleway", "cloud"],
    [197540, "netcup", "hosting"],
    [45102, "Alibaba Cloud", "cloud"],
    [132203, "Tencent Cloud", "cloud"],
    [8560, "IONOS", "hosting"],
    [60781, "Leaseweb", "hosting"],
    [13335, "Cloudflare", "cloud"],
    [7922, "Comcast", "residential"],
    [3320, "Deutsche Telekom", "residential"],
    [701, "Verizon", "residential"],
    [20115, "Charter (Spectrum)", "residential"],
    [7018, "AT&T", "residential"],
    [3209, "Vodafone", "residential"],
    [3215, "Orange", "residential"],
    [1221, "Telstra", "residential"],
    [2856, "BT", "residential"],
  ];
  for (const [asn, provider, cls] of expect) {
    assertEquals(PROVIDERS[asn], { provider, class: cls } as never, `AS${asn}`);
  }
  for (const row of Object.values(PROVIDERS)) assertEquals(row.class === "tor", false);
});

Deno.test("classifyProvider uses the table first", () => {
  assertEquals(classifyProvider(24940, "Hetzner Online GmbH"), {
    provider: "Hetzner",
    provider_class: "hosting",
    matched: "table",
  });
  assertEquals(classifyProvider(16509, null), {
    provider: "Amazon AWS",
    provider_class: "cloud",
    matched: "table",
  });
});

Deno.test("classifyProvider falls back to the organisation name, and to other", () => {
  const c = (org: string) => classifyProvider(64496, org);
  assertEquals(c("Example Hosting Ltd"), {
    provider: "Example Hosting Ltd",
    provider_class: "hosting",
    matched: "org-name",
  });
  assertEquals(c("FooCloud Datacenter GmbH").provider_class, "hosting");
  assertEquals(c("Example VPS Server s.r.o.").provider_class, "hosting");
  assertEquals(c("Kabel Nord Broadband GmbH").provider_class, "residential");
  assertEquals(c("Telecom Example S.A.").provider_class, "residential");
  assertEquals(c("Example Fiber Networks").provider_class, "residential");
  assertEquals(c("University of Example").provider_class, "other");
  assertEquals(c("Example Communications Inc."), {
    provider: "Example Communications Inc.",
    provider_class: "other",
    matched: "none",
  });
  assertEquals(classifyProvider(64497, null), {
    provider: "AS64497",
    provider_class: "other",
    matched: "none",
  });
  assertEquals(classifyProvider(null, "  "), {
    provider: null,
    provider_class: null,
    matched: "none",
  });
  assertEquals(classifyProvider(null, null), {
    provider: null,
    provider_class: null,
    matched: "none",
  });
});

Deno.test("classifyProvider rejects an ASN that is not a 32-bit unsigned integer", () => {
  assertThrows(() => classifyProvider(-1, null), TypeError, "-1");
  assertThrows(() => classifyProvider(1.5, null), TypeError, "1.5");
  assertThrows(() => classifyProvider(2 ** 32, null), TypeError);
});
