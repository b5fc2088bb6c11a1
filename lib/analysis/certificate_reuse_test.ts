import { assert, assertEquals } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { certificateReuse, nameTemplate } from "./certificate_reuse.ts";
import { buildPopulation } from "../lab/population.ts";
import { segmentAddressPicker } from "../lab/addresses/addresses.ts";
import { parseDn, regionCountry } from "./subject_fields.ts";

function leaf(server: string, ip: string | null, sha: string, extra: Partial<Row> = {}): Row {
  return {
    server,
    ip,
    chain_position: 0,
    sha256: sha,
    spki_sha256: `k-${sha}`,
    subject: `CN=${server}`,
    issuer: `CN=${server}`,
    subject_cn: server,
    not_before: "2025-01-01T00:00:00.000Z",
    not_after: "2030-01-01T00:00:00.000Z",
    self_signed: true,
    key_type: "rsa",
    key_bits: 2048,
    ...extra,
  };
}

Deno.test("certificateReuse counts distinct hosts, not repeated scans or ports of one host", () => {
  const rows = [
    leaf("a.lab", "1.1.1.1", "c1"),
    leaf("a.lab", "1.1.1.1", "c1", { port: 443 }),
    leaf("a.lab", "1.1.1.1", "c1"),
    leaf("b.lab", "2.2.2.2", "c2"),
    // One machine under two names is one host.
    leaf("3.3.3.3", "3.3.3.3", "c3"),
    leaf("c.lab", "3.3.3.3", "c3"),
  ];
  const r = certificateReuse(rows);
  assertEquals(r.hosts, 3);
  assertEquals(r.sharedCertificates, []);
  assertEquals(r.sharedKeys, []);
});

Deno.test("certificateReuse finds shared certificates and keys across distinct hosts", () => {
  const eps = {
    subject: "O=Internet Widgits Pty Ltd,ST=Some-State,C=AU",
    subject_cn: null,
    spki_sha256: "eps-key",
  };
  const rows = [
    leaf("e1.lab", "10.0.0.1", "eps", eps),
    leaf("e2.lab", "10.0.0.2", "eps", eps),
    leaf("x.onion", null, "eps", eps),
    leaf("k1.lab", "10.0.1.1", "k1", { spki_sha256: "same" }),
    leaf("k2.lab", "10.0.1.2", "k2", { spki_sha256: "same" }),
    leaf("e1.lab", "10.0.0.1", "eps", { ...eps, chain_position: 1, sha256: "ca" }),
  ];
  const r = certificateReuse(rows);
  assertEquals(r.sharedCertificates.map((g) => [g.sha256, g.hosts, g.examples]), [["eps", 3, [
    "e1.lab",
    "e2.lab",
    "x.onion",
  ]]]);
  assertEquals(r.sharedKeys.map((g) => [g.sha256, g.hosts, g.certificates]), [["eps-key", 3, 1], [
    "same",
    2,
    2,
  ]]);
  // The placeholder DN (openssl defaults) is not taken as a location claim.
  assertEquals(r.contradictions, []);
});

Deno.test("certificateReuse finds the sybil pattern: template, burst, Subject against region and geolocation", () => {
  const regions = ["us-east4", "europe-west3", "australia-southeast1"];
  const rows: Row[] = [];
  const geo: Row[] = [];
  for (let k = 0; k < 9; k++) {
    const cn = `electrumx-${regions[k % 3]}-node-${k + 1}`;
    const ip = `34.1.0.${k + 1}`;
    rows.push(leaf(ip, ip, `s${k}`, {
      subject: `CN=${cn},O=Electrum Services Ltd,L=London,C=GB`,
      subject_cn: cn,
      subject_c: "GB",
      not_before: new Date(Date.UTC(2026, 2, 14, 9, 12, 0) + k * 3000).toISOString(),
    }));
    geo.push({ server: ip, ip, main: true, country_code: ["US", "DE", "AU"][k % 3] });
  }
  for (let k = 0; k < 4; k++) {
    rows.push(
      leaf(`${["alpha", "bravo", "charlie", "delta"][k]}.lab`, `5.5.5.${k}`, `h${k}`, {
        not_before: `2025-0${k + 1}-01T00:00:00.000Z`,
        self_signed: false,
        issuer: "CN=Lab CA",
      }),
    );
  }
  const r = certificateReuse(rows, { geo, now: new Date("2026-11-01T00:00:00Z") });
  assertEquals(r.templates.map((t) => [t.template, t.hosts]), [["electrumx-<*>-node-<N>", 9]]);
  assertEquals(r.bursts.map((b) => [b.certificates, b.hosts, b.span_seconds, b.template]), [[
    9,
    9,
    24,
    "electrumx-<*>-node-<N>",
  ]]);
  assertEquals(r.contradictions.length, 9);
  assert(
    r.contradictions.every((c) =>
      c.kinds === "cn-region-vs-subject-country;subject-country-vs-geolocation" &&
      c.subject_locality === "London"
    ),
  );
  assertEquals(r.shares.find((s) => s.measure === "CA-issued")!.hosts, 4);
  assertEquals(r.keys.map((k) => [k.key, k.count]), [["RSA 2048", 13]]);
});

Deno.test("certificateReuse judges expiry by the validity column, else by notAfter against now", () => {
  const rows = [
    leaf("a.lab", "1.1.1.1", "a", { not_after: "2026-01-01T00:00:00.000Z" }),
    leaf("b.lab", "1.1.1.2", "b", {
      validity_at_scan: "expired",
      not_after: "2099-01-01T00:00:00.000Z",
    }),
    leaf("c.lab", "1.1.1.3", "c"),
  ];
  const r = certificateReuse(rows, { now: new Date("2026-06-01T00:00:00Z") });
  assertEquals(r.shares.find((s) => s.measure === "expired")!.hosts, 2);
  assertEquals(r.practices.map((p) => [p.key, p.count]), [["self-signed, expired", 2], [
    "self-signed",
    1,
  ]]);
});

Deno.test("certificateReuse of no rows is empty, not an error", () => {
  const r = certificateReuse([]);
  assertEquals([r.hosts, r.certificates, r.bursts.length, r.shares[0].share], [0, 0, 0, 0]);
});

Deno.test("nameTemplate keeps first and last labels, numbers as <N>; ignores addresses and plain names", () => {
  assertEquals(nameTemplate("electrumx-us-east4-node-7"), "electrumx-<*>-node-<N>");
  assertEquals(nameTemplate("electrumx-australia-southeast1-node-12"), "electrumx-<*>-node-<N>");
  assertEquals(nameTemplate("electrum2.trustednode.lab"), "electrum<N>.trustednode.lab");
  assertEquals(nameTemplate("203.0.113.7"), null);
  assertEquals(nameTemplate("2001:db8::1"), null);
  assertEquals(nameTemplate("electrum.example.org"), null);
  assertEquals(nameTemplate(null), null);
});

Deno.test("parseDn reads RFC 4514 and slash forms; regionCountry knows GCP and AWS regions", () => {
  assertEquals(parseDn("CN=a\\,b,O=Org,L=London,C=GB"), {
    CN: "a,b",
    O: "Org",
    L: "London",
    C: "GB",
  });
  assertEquals(parseDn("/C=GB/L=London/CN=x"), { C: "GB", L: "London", CN: "x" });
  assertEquals(parseDn("not a name"), {});
  assertEquals(regionCountry("electrumx-us-east4-node-3"), { region: "us-east4", country: "US" });
  assertEquals(regionCountry("node-eu-central-1.example"), {
    region: "eu-central-1",
    country: "DE",
  });
  assertEquals(regionCountry("electrum.example.org"), null);
});

Deno.test("certificateReuse reports a burst of 4 certificates made seconds apart on 4 hosts", () => {
  const at = (s: number) => new Date(Date.UTC(2026, 5, 1, 12, 0, s)).toISOString();
  const rows = [0, 7, 15, 21].map((s, i) =>
    leaf(`n${i}.example`, `198.51.100.${i + 1}`, `b${i}`, { not_before: at(s) })
  );
  // Unrelated certificates, far apart, are not part of it.
  rows.push(leaf("far.example", "203.0.113.9", "far", { not_before: at(3600) }));
  const r = certificateReuse(rows);
  assertEquals(r.bursts.map((b) => [b.certificates, b.hosts, b.span_seconds]), [[4, 4, 21]]);
  // Three are not a burst: an honest population makes chance triples (see BURST_MIN_CERTIFICATES).
  assertEquals(certificateReuse(rows.slice(1)).bursts, []);
});

Deno.test("certificateReuse: the honest lab population (350 and 1,000 servers, 3 seeds) makes no burst", () => {
  for (const clearnet of [350, 1000]) {
    for (const seed of ["electrum-observatory", "burst-a", "burst-b"]) {
      const hosts = buildPopulation({
        clearnet,
        seed,
        pickAddress: segmentAddressPicker,
        now: new Date("2026-12-03T00:00:00Z"),
      });
      const rows = hosts.filter((h) =>
        (h.role === "honest" || h.role.startsWith("benign-")) && h.cert && h.tlsPort
      ).map((h) =>
        leaf(h.hostname ?? h.ipv4 ?? h.onion ?? h.id, h.ipv4, h.cert!.certId, {
          subject_cn: h.cert!.subject.CN ?? null,
          not_before: h.cert!.notBefore,
        })
      );
      assert(rows.length > 200, `${seed}: ${rows.length} honest certificates`);
      assertEquals(certificateReuse(rows).bursts, [], `${clearnet} ${seed}`);
    }
  }
});
