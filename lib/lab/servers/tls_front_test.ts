/**
 * The lab's TLS front: the emulated stacks answer JARM's hellos as the real servers measured in
 * testdata/tls_stacks_measured.json did; over a running lab the five families give JARM values
 * that differ where their real stacks differ; real clients still complete a TLS handshake.
 */
import tls from "node:tls";
import { assert, assertEquals, assertNotEquals } from "../../testing/assert.ts";
import { buildJarmHello, JARM_PROBES, reorder } from "../../tls/jarm_hellos.ts";
import { parseClientHello } from "../../tls/parse_client_hello.ts";
import { parseServerFirstFlight } from "../../tls/parse_server_hello.ts";
import { jarmText } from "../../tls/jarm_fingerprint.ts";
import { jarmScan } from "../../probes/jarm_scan.ts";
import { dial } from "../../net/dial.ts";
import { answersItself, type CertKeyType, emulateServerHello } from "./tls_front.ts";
import { TLS_STACKS, tlsStackOf } from "./tls_stacks.ts";
import { startLab } from "../lab.ts";
import { fixtureHosts } from "../fixture_hosts.ts";
import { personality } from "./personalities.ts";

const measured = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/tls_stacks_measured.json", import.meta.url)),
) as {
  stack: string;
  key_type: CertKeyType;
  answers: Record<string, { text: string; alert: number | null }>;
}[];

Deno.test("reorder: JARM's cipher orders on odd and even lists", () => {
  assertEquals(reorder([1, 2, 3, 4, 5], "middle-out"), [3, 4, 2, 5, 1]);
  assertEquals(reorder([1, 2, 3, 4], "middle-out"), [3, 2, 4, 1]);
  assertEquals(reorder([1, 2, 3, 4, 5], "bottom-half"), [4, 5]);
  assertEquals(reorder([1, 2, 3, 4, 5], "top-half"), [3, 2, 1]);
  assertEquals(reorder([1, 2, 3, 4], "top-half"), [2, 1]);
});

Deno.test("buildJarmHello: each hello parses back with JARM's version, GREASE and extension set; the front answers every one itself", () => {
  for (const spec of JARM_PROBES) {
    const r = parseClientHello(buildJarmHello(spec, "electrum.example.org"));
    assertEquals(r.kind, "client-hello", spec.name);
    if (r.kind !== "client-hello") continue;
    const h = r.hello;
    assertEquals(h.legacyVersion, spec.version === 0x0304 ? 0x0303 : spec.version, spec.name);
    const count = spec.cipherOrder === "top-half"
      ? 35
      : spec.cipherOrder === "bottom-half"
      ? 34
      : spec.ciphers === "all"
      ? 69
      : 64;
    assertEquals(h.ciphers.length, count + (spec.grease ? 1 : 0), spec.name);
    assertEquals(h.maxFragmentLength, 1);
    assertEquals(h.supportedVersions === null, spec.supportedVersions === "none", spec.name);
    assertEquals(h.keyShareGroups?.at(-1), 0x001d);
    assert(answersItself(h), spec.name);
  }
});

Deno.test("emulateServerHello: every stack answers JARM's ten hellos as the real server measured for it, both key types", () => {
  assertEquals(measured.length, 8);
  for (const m of measured) {
    for (const spec of JARM_PROBES) {
      const hello = parseClientHello(buildJarmHello(spec, "electrum.example.org"));
      if (hello.kind !== "client-hello") throw new Error("unparsed");
      const answer = parseServerFirstFlight(
        emulateServerHello(hello.hello, TLS_STACKS[m.stack], m.key_type),
      );
      const want = m.answers[spec.name];
      const label = `${m.stack}/${m.key_type}/${spec.name}`;
      assertEquals(jarmText(answer), want.text, label);
      assertEquals(answer.kind === "alert" ? answer.description : null, want.alert, label);
    }
  }
});

Deno.test("answersItself: real clients' hellos (TLS 1.2/1.3, no max_fragment_length) go to the real server; TLS 1.0/1.1-only hellos do not", () => {
  const spec = { ...JARM_PROBES[6] };
  const h = parseClientHello(buildJarmHello(spec, "x"));
  if (h.kind !== "client-hello") throw new Error("unparsed");
  assertEquals(answersItself({ ...h.hello, maxFragmentLength: null }), false);
  assertEquals(
    answersItself({
      ...h.hello,
      maxFragmentLength: null,
      supportedVersions: null,
      legacyVersion: 0x0302,
    }),
    true,
  );
  assertEquals(
    answersItself({
      ...h.hello,
      maxFragmentLength: null,
      supportedVersions: [0x0a0a, 0x0302, 0x0301],
    }),
    true,
  );
});

Deno.test({
  name:
    "lab TLS: JARM over the lab separates the families where the real stacks differ; real clients still handshake",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    const ids = [
      "electrumx-1.20.0",
      "fulcrum-2.1.1",
      "electrs-0.11.1",
      "esplora-0.4.1-new",
      "eps-0.2.4",
      "electrumx-1.16.0",
    ];
    const ec = fixtureHosts(ids, { tls: true, seed: "tls-front-test" });
    const rsa = fixtureHosts(ids, { tls: true, seed: "tls-front-test", firstIndex: ids.length })
      .map((h) => ({ ...h, cert: { ...h.cert!, key: "rsa2048" as const } }));
    const lab = await startLab({ hosts: [...ec, ...rsa], latency: 0, tipIntervalMs: 0 });
    try {
      const fp = new Map<string, string>();
      for (const h of lab.hosts) {
        const scan = await jarmScan(
          () =>
            dial({ host: h.hostname!, ip: h.loopback, port: h.tlsPort! }, {
              transport: "tcp",
              policy: { mode: "lab" },
            }),
          h.hostname!,
          { readTimeoutMs: 3000 },
        );
        assertEquals(
          scan.probes.filter((p) => p.outcome === "timeout" || p.outcome === "dial-failed").length,
          0,
          h.personality,
        );
        fp.set(`${h.personality}/${h.cert!.key}`, scan.fingerprint);
        // The raw per-probe answers are the stack's (alert codes included).
        const key: CertKeyType = h.cert!.key === "ec256" ? "ecdsa" : "rsa";
        const m = measured.find((x) =>
          x.stack === tlsStackOf(personality(h.personality).family).id && x.key_type === key
        )!;
        assertEquals(
          scan.probes.map((p) => p.alert),
          JARM_PROBES.map((s) => m.answers[s.name].alert),
          h.personality,
        );
      }
      const at = (id: string, key: string) => fp.get(`${id}/${key}`)!;
      for (const key of ["ec256", "rsa2048"]) {
        // The same stack (Python's ssl on OpenSSL 3): ElectrumX of any version and EPS agree.
        assertEquals(at("electrumx-1.20.0", key), at("eps-0.2.4", key), key);
        assertEquals(at("electrumx-1.20.0", key), at("electrumx-1.16.0", key), key);
        // Qt on OpenSSL 1.1.1 answers TLS 1.1: Fulcrum differs from all the others.
        for (const other of ["electrumx-1.20.0", "electrs-0.11.1", "esplora-0.4.1-new"]) {
          assertNotEquals(at("fulcrum-2.1.1", key), at(other, key), `${key} fulcrum vs ${other}`);
        }
      }
      // With an RSA key, DHE (Qt's and HAProxy's DH parameters) and HAProxy's SNI acknowledgement
      // show: esplora's front differs from ElectrumX's and nginx's.
      assertNotEquals(at("esplora-0.4.1-new", "rsa2048"), at("electrumx-1.20.0", "rsa2048"));
      assertNotEquals(at("esplora-0.4.1-new", "rsa2048"), at("electrs-0.11.1", "rsa2048"));
      // The key type shows too, but is no longer the only difference.
      assertNotEquals(at("electrumx-1.20.0", "ec256"), at("electrumx-1.20.0", "rsa2048"));
      assert(
        new Set(fp.values()).size >= 5,
        `${fp.size} hosts gave ${new Set(fp.values()).size} JARM values`,
      );

      // A real client (node:tls) completes its handshake through the front.
      const h = lab.hosts[0];
      const protocol = await new Promise<string | null>((resolve, reject) => {
        const s = tls.connect({
          host: h.loopback,
          port: h.tlsPort!,
          rejectUnauthorized: false,
          servername: h.hostname!,
        });
        s.once("secureConnect", () => {
          const p = s.getProtocol();
          s.destroy();
          resolve(p);
        });
        s.once("error", reject);
      });
      assertEquals(protocol, "TLSv1.3");
    } finally {
      await lab.stop();
    }
  },
});
