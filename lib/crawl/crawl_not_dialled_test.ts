/**
 * What the crawl records for an address it does not dial: a non-public address and a listed one
 * are `blocklisted` (with the reason), one the network has no route to is `unreachable`; each port
 * of the server gets its own `reach` record, and nothing is dialled.
 */
import { assertEquals } from "../testing/assert.ts";
import { readRecords } from "../records/records.ts";
import { crawl } from "./crawl.ts";

Deno.test("crawl: addresses it never dials get one reach record per port, blocklisted or unreachable, with the reason", async () => {
  const dir = await Deno.makeTempDir({ prefix: "obs-not-dialled-" });
  try {
    const resolver = {
      kind: "lab",
      resolve: () => Promise.resolve(["10.1.2.3", "5.255.1.2", "5.255.1.1"]),
      dialAddress: () => null,
    };
    await crawl({
      target: "lab",
      seeds: [{ host: "a.lab", t: 50001, s: 50002 }],
      resolver,
      deny: ["5.255.1.2/32"],
      scanDir: dir,
      timing: false,
    });
    const { records } = await readRecords(`${dir}/records.jsonl`);
    const reach: Record<string, unknown>[] = records.filter((r) => r.probe === "reach").map((
      r,
    ) => ({
      ip: r.ip,
      port: r.port,
      transport: r.transport,
      status: r.status,
      op: r.op,
      message: r.message,
      duration_ms: r.duration_ms,
      data: r.data,
    }));
    const notDialled = (ip: string, status: string, message: string, data: object) =>
      ([["tls", 50002], ["tcp", 50001]] as const).map(([transport, port]) => ({
        ip,
        port,
        transport,
        status,
        op: "connect",
        message,
        duration_ms: 0,
        data,
      }));
    assertEquals(reach, [
      ...notDialled("10.1.2.3", "blocklisted", "advertised address is private; never dialled", {
        address_class: "private",
      }),
      ...notDialled("5.255.1.2", "blocklisted", "5.255.1.2 is in the deny list (5.255.1.2/32)", {
        address_class: "public",
      }),
      ...notDialled("5.255.1.1", "unreachable", "no route to address", {}),
    ]);
    assertEquals(records.at(-1)?.probe, "done");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
