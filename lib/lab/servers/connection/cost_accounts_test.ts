import { assert, assertEquals, assertThrows } from "../../../testing/assert.ts";
import { startLab } from "../../lab.ts";
import { fixtureHosts } from "../../fixture_hosts.ts";
import { exchange } from "../../net/raw_client.ts";
import { CostAccounts, REFUND_PERIOD_S } from "./cost_accounts.ts";

const S = 1000;

Deno.test("CostAccounts: an open session decays by 1 unit/s; a closed one's cost stays with its /24 until the next five-minute step, then 600 units a step", () => {
  let now = 0;
  const accounts = new CostAccounts({ now: () => now });
  const a = accounts.open("198.51.100.0/24");
  assertEquals(a.charge(5), 5);
  now = 2 * S;
  assertEquals(a.charge(1100), 1103); // 5 - 2 (two seconds open) + 1,100
  a.close();
  a.close(); // idempotent
  assertEquals(accounts.retained("198.51.100.0/24"), 1103);
  now = (REFUND_PERIOD_S - 1) * S; // no step yet: nothing refunded, however long it waited
  assertEquals(accounts.retained("198.51.100.0/24"), 1103);
  // A new session from the same /24 is judged on what the group retains.
  const b = accounts.open("198.51.100.0/24");
  assertEquals(b.charge(5), 1108);
  now = REFUND_PERIOD_S * S; // first step: 600 refunded
  assertEquals(accounts.retained("198.51.100.0/24"), 503);
  now = 2 * REFUND_PERIOD_S * S;
  assertEquals(accounts.retained("198.51.100.0/24"), 0);
  // Another /24 is not charged for this one.
  assertEquals(accounts.open("203.0.113.0/24").charge(5), 5);
});

Deno.test("CostAccounts: open sessions of one /24 are judged together; a private client (no group) alone, leaving nothing behind", () => {
  let now = 0;
  const accounts = new CostAccounts({ hardLimit: 10_000, now: () => now });
  const a = accounts.open("198.51.100.0/24");
  const b = accounts.open("198.51.100.0/24");
  a.charge(6000);
  now = 10 * S;
  assertEquals(b.charge(4000), 9990); // a: 6,000 less 10 s of decay; b: 4,000
  const t = accounts.open(null);
  assertEquals(t.charge(9000), 9000);
  t.close();
  assertEquals(accounts.open(null).charge(5), 5);
  assertThrows(() => new CostAccounts({ hardLimit: 0 }), RangeError);
});

Deno.test("lab ElectrumX: a clearnet server refuses the next connection from a /24 that hit the hard limit; an onion-only one (its clients are the local Tor daemon) judges it alone", async () => {
  const [clear, base] = fixtureHosts(["electrumx-1.16.0", "electrumx-1.20.0"], { seed: "costs" });
  const onion = {
    ...base,
    hostname: null,
    ipv4: null,
    ipv6: null,
    onion: `${"c".repeat(56)}.onion`,
  };
  const lab = await startLab({ hosts: [clear, onion], latency: 0, tipIntervalMs: 0 });
  try {
    for (const h of [clear, onion]) {
      const first = await exchange(
        h.loopback,
        h.tcpPort!,
        "{bad\n".repeat(14),
        (t) => t.includes("-101"),
      );
      assert(first.text.includes("excessive resource usage"), first.text);
      const next = await exchange(h.loopback, h.tcpPort!, "{bad\n", (t) => t.includes("\n"));
      assertEquals(
        next.text.includes("excessive resource usage"),
        h === clear,
        `${h.onion ?? h.hostname}: ${next.text}`,
      );
    }
  } finally {
    await lab.stop();
  }
});
