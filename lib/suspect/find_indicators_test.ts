import { assert, assertEquals } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { findIndicators } from "./find_indicators.ts";
import { poissonTail } from "./fleet_indicators.ts";
import type { SuspectTables } from "./suspect_context.ts";

/** Server names without digits (a digit run would make a name template). */
const name = (i: number) => `srv${"abcdefghijklmnopqrst"[i]}.example`;

/** A small population: 20 honest servers and the planted cases each test names. */
function tables(extra: (t: { [k in keyof SuspectTables]: Row[] }) => void): SuspectTables {
  const t = {
    servers: [] as Row[],
    fingerprints: [] as Row[],
    tls: [] as Row[],
    geo: [] as Row[],
    peers: [] as Row[],
    features: [] as Row[],
    clusters: [] as Row[],
  };
  for (let i = 0; i < 20; i++) {
    const s = name(i);
    t.servers.push({
      server: s,
      software: `ElectrumX 1.${16 + (i % 5)}.0`,
      tip_lag_blocks: i % 3,
      tcp_rtt_ms: 20,
      app_rtt_ms: 21,
      tls_rtt_ms: 20.5,
      banner: "Welcome",
    });
    t.fingerprints.push({
      server: s,
      family_claimed: "electrumx",
      fee_estimate_6_btc_kvb: 0.0001,
      broadcast_outcome: "rejected",
    });
    t.features.push({ server: s, wording_unknown_method: "-32601 unknown method <q>" });
    t.geo.push({ server: s, main: true, asn: 100 + (i % 7), country_code: "DE" });
    t.tls.push({
      server: s,
      chain_position: 0,
      sha256: `c${i}`,
      spki_sha256: `k${i}`,
      subject_cn: s,
      self_signed: true,
      key_type: "rsa",
      key_bits: 2048,
      validity_at_scan: "valid",
      not_before: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(),
    });
    t.clusters.push({ server: s, operator_group: null, modified_reasons: "" });
  }
  extra(t);
  return t;
}
const names = (hits: ReturnType<typeof findIndicators>, s: string) =>
  hits.get(s)!.map((h) => h.indicator);

Deno.test("findIndicators: an honest population hits nothing", () => {
  const hits = findIndicators(tables(() => {}));
  for (const [s, h] of hits) assertEquals(h, [], s);
});

Deno.test("findIndicators: stale tip, absurd fees, phishing broadcast, relay latency", () => {
  const hits = findIndicators(tables((t) => {
    t.servers[0].tip_lag_blocks = 31;
    t.fingerprints[1].fee_estimate_6_btc_kvb = 0.002;
    Object.assign(t.fingerprints[2], {
      broadcast_html: true,
      broadcast_error_text: "<h1>Required Security Update</h1>",
    });
    t.servers[3].app_rtt_ms = 120;
  }));
  assertEquals(names(hits, name(0)), ["stale-tip"]);
  assertEquals(names(hits, name(1)), ["absurd-fees"]);
  assertEquals(names(hits, name(2)), ["phishing-broadcast"]);
  assertEquals(names(hits, name(3)), ["relay-latency"]);
  assert(hits.get(name(3))![0].evidence.some((e) => e.includes("app_rtt_ms")));
});

Deno.test("findIndicators: a relay naming its upstream in hosts and certificate", () => {
  const hits = findIndicators(tables((t) => {
    t.tls[4].subject_cn = name(5);
    t.peers.push({
      server: name(4),
      peer_host: name(5),
      source: "server.features",
      self_advertised: false,
    });
  }));
  assertEquals(names(hits, name(4)).sort(), [
    "cert-names-other-server",
    "hosts-name-other-server",
  ]);
  assertEquals(names(hits, name(5)), []);
});

Deno.test("findIndicators: a burst of templated certificates on one AS with a contradicting Subject", () => {
  const hits = findIndicators(tables((t) => {
    for (let i = 0; i < 5; i++) {
      const s = `10.0.0.${i}`;
      t.servers.push({ server: s, software: "ElectrumX 1.19.0", banner: "" });
      t.fingerprints.push({ server: s, family_claimed: "electrumx" });
      t.features.push({ server: s });
      t.geo.push({ server: s, main: true, asn: 396982, country_code: "US" });
      t.tls.push({
        server: s,
        chain_position: 0,
        sha256: `f${i}`,
        spki_sha256: `fk${i}`,
        subject_cn: `electrumx-us-east4-node-${i}`,
        subject: `CN=electrumx-us-east4-node-${i},L=London,C=GB`,
        subject_c: "GB",
        self_signed: true,
        key_type: "rsa",
        key_bits: 2048,
        not_before: new Date(Date.UTC(2026, 5, 1) + i * 20_000).toISOString(),
      });
      t.clusters.push({ server: s, operator_group: null });
    }
  }));
  const got = names(hits, "10.0.0.0");
  for (
    const n of [
      "cert-name-template",
      "issuance-burst",
      "issuance-cluster-on-provider",
      "subject-contradiction",
    ] as const
  ) {
    assert(got.includes(n), `${n} in ${got}`);
  }
});

Deno.test("findIndicators: a group on one frozen version advertising itself", () => {
  const hits = findIndicators(tables((t) => {
    for (let i = 0; i < 4; i++) {
      t.servers[i].software = "ElectrumX 1.20.0";
      t.clusters[i].operator_group = "g1";
      for (let j = 0; j < 4; j++) {
        if (j !== i) {
          t.peers.push({
            server: name(i),
            peer_host: name(j),
            source: "server.peers.subscribe",
            self_advertised: false,
          });
        }
      }
    }
  }));
  assertEquals(names(hits, name(0)).sort(), ["fleet-frozen-version", "peers-one-operator"]);
});

Deno.test("poissonTail: P(X >= k) of a Poisson count", () => {
  assertEquals(poissonTail(0, 3), 1);
  assert(Math.abs(poissonTail(1, 2) - (1 - Math.exp(-2))) < 1e-12);
  assert(poissonTail(12, 2.9) < 1e-4);
});

Deno.test("findIndicators: unlike-its-claim counts what a server said, not a probe's silence", () => {
  const hits = findIndicators(tables((t) => {
    Object.assign(t.clusters[0], {
      modified_reasons: "unlike-its-claim",
      differing_features: "preversion_reply",
    });
    t.features[0].preversion_reply = "silent";
    Object.assign(t.clusters[1], {
      modified_reasons: "unlike-its-claim",
      differing_features: "histogram_shape;preversion_reply",
    });
    Object.assign(t.features[1], { histogram_shape: "pow2", preversion_reply: "silent" });
  }));
  assertEquals(names(hits, name(0)), []);
  assertEquals(names(hits, name(1)), ["unlike-its-claim"]);
  assertEquals(hits.get(name(1))![0].value, "histogram_shape");
});

Deno.test("findIndicators: unlike-its-claim leaves out a probe skipped on purpose (version_range 'unsupported')", () => {
  // electrum.satoshinet.lab in the committed scan: a Fulcrum read as silent before
  // server.version, so the version_range probe was skipped and recorded its status word.
  const hits = findIndicators(tables((t) => {
    Object.assign(t.clusters[0], {
      modified_reasons: "unlike-its-claim",
      differing_features: "preversion_reply;wording_version_range",
    });
    Object.assign(t.features[0], {
      preversion_reply: "silent",
      wording_version_range: "unsupported",
    });
  }));
  assertEquals(names(hits, name(0)), []);
});

Deno.test("findIndicators: stale tip is judged against the median server's lag (the crawl's drift)", () => {
  const hits = findIndicators(tables((t) => {
    // Base lags are 0, 1, 2: the median server is 1 block behind (mined during the crawl).
    t.servers[0].tip_lag_blocks = 6;
    t.servers[1].tip_lag_blocks = 7;
  }));
  assertEquals(names(hits, name(0)), []);
  assertEquals(names(hits, name(1)), ["stale-tip"]);
});

Deno.test("findIndicators: a version-provider cohort counts an operator group once, against the class's other providers", () => {
  const hits = findIndicators(tables((t) => {
    for (const g of t.geo) g.provider_class = "cloud";
    const add = (s: string, group: string | null) => {
      t.servers.push({ server: s, software: "Fulcrum 2.1.1", tip_lag_blocks: 1, banner: "" });
      t.fingerprints.push({ server: s, family_claimed: "fulcrum" });
      t.features.push({ server: s });
      t.geo.push({
        server: s,
        main: true,
        asn: 64500,
        country_code: "US",
        provider_class: "cloud",
      });
      t.clusters.push({ server: s, operator_group: group });
    };
    // One honest operator's six servers on one cloud AS: one deployment decision.
    for (let i = 0; i < 6; i++) add(`op-${"abcdef"[i]}.example`, "g-honest");
    // Six unrelated-looking servers of a version no other cloud provider runs, on another AS.
    for (let i = 0; i < 6; i++) {
      const s = `fleet-${"abcdef"[i]}.example`;
      add(s, null);
      t.servers.at(-1)!.software = "ElectrumX 1.14.0";
      t.geo.at(-1)!.asn = 64501;
    }
  }));
  assert(!names(hits, "op-a.example").includes("version-provider-cohort"));
  assert(names(hits, "fleet-a.example").includes("version-provider-cohort"));
  assert(hits.get("fleet-a.example")!.some((h) => h.value.includes("6 deployments")));
});

Deno.test("findIndicators: a certificate shared with a relay is the relay's evidence, not its upstream's", () => {
  const hits = findIndicators(tables((t) => {
    // Server 6 presents server 7's certificate (no names in it) and names server 7 in `hosts`.
    Object.assign(t.tls[6], { sha256: "c7", spki_sha256: "k7", subject_cn: "" });
    t.tls[7].subject_cn = "";
    t.peers.push({
      server: name(6),
      peer_host: name(7),
      source: "server.features",
      self_advertised: false,
    });
  }));
  assert(names(hits, name(6)).includes("cert-shared-across-operators"));
  assertEquals(names(hits, name(7)), []);
});

Deno.test("findIndicators: a geolocation farther than the round trip allows, only with the vantage known", () => {
  const frankfurt = { latitude: 50.11, longitude: 8.68 };
  const t = tables((t) => {
    for (const g of t.geo) Object.assign(g, { latitude: 52.52, longitude: 13.4 }); // Berlin
    // Sydney (16,500 km away) answering in 20 ms (reach 2,000 km): a false place.
    Object.assign(t.geo[8], { latitude: -33.87, longitude: 151.21 });
    // Sydney at 170 ms: within reach (17,000 km).
    Object.assign(t.geo[9], { latitude: -33.87, longitude: 151.21 });
    t.servers[9].tcp_rtt_ms = 170;
    t.servers[9].app_rtt_ms = 171;
    t.servers[9].tls_rtt_ms = 170.5;
  });
  const hits = findIndicators(t, { behaviour: { vantage: frankfurt } });
  assertEquals(names(hits, name(8)), ["geo-beyond-rtt"]);
  assert(hits.get(name(8))![0].evidence.some((e) => e.includes("tcp_rtt_ms")));
  assertEquals(names(hits, name(9)), []);
  assertEquals(names(hits, name(0)), []);
  assertEquals(names(findIndicators(t), name(8)), []);
});

Deno.test("findIndicators: a wording a few servers of a large scan share is still of no known implementation", () => {
  const hits = findIndicators(tables((t) => {
    for (let i = 0; i < 400; i++) {
      t.features.push({
        server: `extra${i}.example`,
        wording_unknown_method: "-32601 unknown method <q>",
      });
    }
    // 420 answers: up to 2 servers (0.5%) may share a wording; 3 may not.
    for (const i of [0, 1]) t.features[i].wording_unknown_method = "patched: no such call <q>";
    for (const i of [2, 3, 4]) t.features[i].wording_unknown_method = "another build <q>";
  }));
  assertEquals(names(hits, name(0)), ["unknown-error-wording"]);
  assert(hits.get(name(0))![0].value.includes("2 servers of 420"));
  assertEquals(names(hits, name(2)), []);
});

Deno.test("findIndicators: a core method unknown to the server, however many servers share the build", () => {
  const hits = findIndicators(tables((t) => {
    for (const i of [0, 1, 2]) {
      t.fingerprints[i].methods_unsupported =
        "blockchain.headers.get_tip;blockchain.transaction.id_from_pos";
    }
    t.fingerprints[3].methods_unsupported = "blockchain.headers.get_tip";
  }));
  for (const i of [0, 1, 2]) assertEquals(names(hits, name(i)), ["core-method-unknown"]);
  assertEquals(names(hits, name(3)), []);
});

Deno.test("findIndicators: one bad proof is weak, two or a root unlike the network's are consistent", () => {
  const hits = findIndicators(tables((t) => {
    t.fingerprints.forEach((f, i) =>
      Object.assign(f, {
        proof_cp_height: 992,
        proof_cp_root: i === 3 ? "f".repeat(64) : "a".repeat(64),
        proofs_checked: 4,
        proofs_invalid: 0,
      })
    );
    Object.assign(t.fingerprints[0], { proofs_invalid: 1, proofs_failed: "checkpoint@992" });
    Object.assign(t.fingerprints[1], { proofs_invalid: 4, proofs_failed: "checkpoint@992;tx@992" });
    // Alone at its height: nothing to compare its root with.
    Object.assign(t.fingerprints[2], { proof_cp_height: 976, proof_cp_root: "b".repeat(64) });
  }));
  assertEquals(names(hits, name(0)), ["invalid-proof-once"]);
  assertEquals(names(hits, name(1)), ["invalid-proof"]);
  assertEquals(hits.get(name(1))![0].value, "4 of 4 proofs invalid");
  assertEquals(names(hits, name(2)), []);
  // Internally valid proofs, but a root 18 of 18 other servers at its height do not give.
  assertEquals(names(hits, name(3)), ["invalid-proof"]);
  assertEquals(
    hits.get(name(3))![0].value,
    "checkpoint root at 992 unlike 18 of 18 other servers'",
  );
});

Deno.test("findIndicators: broadcast-accepted says when the txid answered names another transaction", () => {
  const hits = findIndicators(tables((t) => {
    Object.assign(t.fingerprints[0], {
      broadcast_outcome: "accepted",
      broadcast_txid_matches: true,
    });
    Object.assign(t.fingerprints[1], {
      broadcast_outcome: "accepted",
      broadcast_txid_matches: false,
    });
  }));
  assertEquals(hits.get(name(0))![0].value, "answered");
  assertEquals(hits.get(name(1))![0].value, "answered another transaction's txid");
  assertEquals(hits.get(name(1))![0].evidence.length, 2);
});

Deno.test("findIndicators: history-withheld on a history without the proven payment or misdated; never on one not judged", () => {
  const T = "ab".repeat(32);
  const hits = findIndicators(tables((t) => {
    t.fingerprints.forEach((f) =>
      Object.assign(f, {
        history_verdict: "listed",
        history_height: 288,
        history_txid: T,
        history_entries: 2,
      })
    );
    Object.assign(t.fingerprints[0], { history_verdict: "withheld", history_entries: 0 });
    Object.assign(t.fingerprints[1], { history_verdict: "withheld", history_entries: 3 });
    Object.assign(t.fingerprints[2], { history_verdict: "misdated" });
    // Not judged: too long to read whole, refused, no provable payment, skipped (EPS).
    Object.assign(t.fingerprints[3], { history_verdict: "too-large", history_entries: null });
    Object.assign(t.fingerprints[4], { history_verdict: "refused", history_entries: null });
    Object.assign(t.fingerprints[5], { history_verdict: "no-target", history_entries: null });
    Object.assign(t.fingerprints[6], { history_verdict: null, history_entries: null });
  }));
  assertEquals(names(hits, name(0)), ["history-withheld"]);
  assertEquals(hits.get(name(0))![0].value, "empty history for a script paid at 288");
  assertEquals(hits.get(name(0))![0].evidence.length, 3);
  assertEquals(hits.get(name(1))![0].value, "3 entries, without the payment at 288");
  assertEquals(
    hits.get(name(2))![0].value,
    "the payment mined at 288 listed at another height",
  );
  for (const i of [3, 4, 5, 6, 7]) assertEquals(names(hits, name(i)), [], `server ${i}`);
});
