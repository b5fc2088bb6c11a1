import { assertEquals } from "../testing/assert.ts";
import { recordMaker } from "./record_maker.ts";

Deno.test("recordMaker: numbers records from 0, fills the defaults, lets a test override any field", () => {
  const rec = recordMaker();
  const a = rec("version", { software: "Fulcrum 2.1.1" });
  assertEquals(a, {
    scan_id: "s1",
    seq: 0,
    t: "2026-11-24T10:00:00.000Z",
    server: "a.example",
    attempt: 1,
    host: "a.example",
    ip: "203.0.113.5",
    port: 50002,
    transport: "tls",
    network: "clearnet",
    probe: "version",
    probe_version: "1",
    status: "success",
    op: null,
    message: null,
    duration_ms: 1,
    data: { software: "Fulcrum 2.1.1" },
  });
  // Keys in the order a scan writes them.
  assertEquals(Object.keys(a).join(","), Object.keys(rec("x")).join(","));
  assertEquals(
    Object.keys(a).join(","),
    "scan_id,seq,t,server,attempt,host,ip,port,transport,network,probe,probe_version,status,op,message,duration_ms,data",
  );
  const b = rec("fees", {}, { status: "timeout", ip: null, data: { n: 1 } });
  assertEquals([b.seq, b.status, b.ip, b.data], [2, "timeout", null, { n: 1 }]);
  rec.reset();
  assertEquals(rec("done").seq, 0);
});

Deno.test("recordMaker: host follows the server unless the defaults or the record name it", () => {
  const rec = recordMaker({ scan_id: "golden", server: "s.example" });
  assertEquals([rec("reach").server, rec("reach").host], ["s.example", "s.example"]);
  assertEquals(rec("reach", {}, { server: "b.example" }).host, "b.example");
  assertEquals(rec("reach", {}, { server: "b.example", host: "c.example" }).host, "c.example");
  const fixed = recordMaker({ host: "h.example" });
  assertEquals(fixed("reach", {}, { server: "b.example" }).host, "h.example");
  assertEquals(rec("reach").scan_id, "golden");
});
