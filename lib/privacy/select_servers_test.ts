import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import type { Candidate } from "./candidates.ts";
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { selectServers } from "./select_servers.ts";
import { checkTranscript } from "./transcript.ts";

function cand(server: string, over: Partial<Candidate> = {}): Candidate {
  return {
    server,
    onion: false,
    tls: true,
    tcp: true,
    bucket: `${server}/16`,
    operator: server,
    provider: null,
    peers: [],
    hardcoded: false,
    caVerified: true,
    ...over,
  };
}

Deno.test("selectServers draws the main from the hard-coded TLS entries and fills 10 interfaces from its peers", () => {
  const cs = Array.from({ length: 30 }, (_, i) => cand(`s${i}`));
  cs[0].hardcoded = true;
  cs[1].hardcoded = true;
  cs[1].tls = false; // TCP-only: never picked automatically
  cs[0].peers = Array.from({ length: 29 }, (_, i) => i + 1);
  for (let seed = 0; seed < 20; seed++) {
    const s = selectServers(cs, ELECTRUM_4_3_4, { tor: false, random: seededRandom(seed) });
    assertEquals(s.main, 0);
    assertEquals(s.connected.length, 10);
    assert(!s.connected.includes(1), "a TCP-only server is never chosen");
  }
});

Deno.test("selectServers drops a second server of one /16 after server.version (contacted, not connected)", () => {
  const cs = [
    cand("m", { hardcoded: true, bucket: "a" }),
    cand("x", { bucket: "b" }),
    cand("y", { bucket: "b" }),
  ];
  cs[0].peers = [1, 2];
  const s = selectServers(cs, ELECTRUM_4_3_4, { tor: false, random: seededRandom(3) });
  assertEquals(s.connected.length, 2);
  assertEquals(s.contacted.length, 3);
});

Deno.test("selectServers reaches onions only through Tor, and refuses more than maxOnion of them", () => {
  const cs = [
    cand("m", { hardcoded: true }),
    ...Array.from({ length: 9 }, (_, i) => cand(`o${i}.onion`, { onion: true, bucket: null })),
  ];
  cs[0].peers = cs.map((_, i) => i).slice(1);
  const clear = selectServers(cs, ELECTRUM_4_3_4, { tor: false, random: seededRandom(1) });
  assertEquals(clear.connected, [0]);
  const tor = selectServers(cs, ELECTRUM_4_3_4, { tor: true, random: seededRandom(1) });
  // A new onion is refused once more than maxOnion are connected: 6 onions get in.
  assertEquals(tor.connected.length, 1 + ELECTRUM_4_3_4.maxOnion + 1);
  assertEquals(tor.contacted.length, 10);
});

Deno.test("selectServers with a refuse rule falls back to another hard-coded main, or strands the client", () => {
  const cs = [cand("a", { hardcoded: true, caVerified: false }), cand("b", { hardcoded: true })];
  const strict = (c: Candidate) => c.caVerified !== true;
  for (let seed = 0; seed < 10; seed++) {
    assertEquals(
      selectServers(cs, ELECTRUM_4_3_4, { tor: false, random: seededRandom(seed), refuse: strict })
        .main,
      1,
    );
  }
  cs[1].caVerified = false;
  assertEquals(
    selectServers(cs, ELECTRUM_4_3_4, { tor: false, random: seededRandom(0), refuse: strict }).main,
    null,
  );
});

Deno.test("selectServers agrees with the real wallet: over Tor with 8 onion servers (one rejected) one more is dropped after server.version, directly none", () => {
  for (const [name, dropped] of [["tor", 1], ["watch-only", 0]] as const) {
    const t = checkTranscript(JSON.parse(Deno.readTextFileSync(
      new URL(`./testdata/wallet/${name}.json`, import.meta.url),
    )));
    const cs = t.servers.map((s, i) =>
      cand(s.id, {
        onion: s.address.endsWith(".onion"),
        bucket: null, // loopback and onions: no /16 bucket
        hardcoded: i === 0,
        rejects: s.role === "rejected",
        peers: i === 0 ? t.servers.map((_, j) => j).slice(1) : [],
      })
    );
    const s = selectServers(cs, ELECTRUM_4_3_4, { tor: name === "tor", random: seededRandom(1) });
    assertEquals(s.contacted.length - s.connected.length - 1, dropped, `${name}: model`);
    // The real wallet: servers that got only server.version were dropped right after it.
    const onlyVersion = t.servers.filter((srv) => {
      const ev = t.events.filter((e) => e.server === srv.id);
      return ev.length > 0 && ev.every((e) => e.method === "server.version");
    });
    assertEquals(onlyVersion.length, dropped, `${name}: real wallet`);
  }
});
