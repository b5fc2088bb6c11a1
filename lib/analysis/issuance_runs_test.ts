import { assertEquals } from "../testing/assert.ts";
import { issuanceRuns } from "./issuance_runs.ts";

const cert = (sha256: string, s: number, holders = [sha256]) => ({ sha256, t: s * 1000, holders });
const shas = (runs: { sha256: string }[][]) => runs.map((r) => r.map((c) => c.sha256));

Deno.test("issuanceRuns chains notBefore gaps up to gapSeconds, in time order", () => {
  const certs = [cert("d", 150), cert("a", 0), cert("c", 120), cert("b", 60), cert("far", 400)];
  // 60 s gaps chain (the gap is inclusive); 250 s breaks the run.
  assertEquals(shas(issuanceRuns(certs, { gapSeconds: 60, minCertificates: 4 })), [[
    "a",
    "b",
    "c",
    "d",
  ]]);
  assertEquals(issuanceRuns(certs, { gapSeconds: 59, minCertificates: 2 }).length, 1);
  assertEquals(shas(issuanceRuns(certs, { gapSeconds: 59, minCertificates: 2 })), [["c", "d"]]);
});

Deno.test("issuanceRuns needs as many distinct holders as certificates", () => {
  const one = ["same.example"];
  const certs = [cert("a", 0, one), cert("b", 1, one), cert("c", 2, ["x"]), cert("d", 3, one)];
  assertEquals(issuanceRuns(certs, { gapSeconds: 60, minCertificates: 3 }), []);
  assertEquals(shas(issuanceRuns(certs, { gapSeconds: 60, minCertificates: 2 })), [[
    "a",
    "b",
    "c",
    "d",
  ]]);
});

Deno.test("issuanceRuns breaks notBefore ties by sha256 and keeps every long enough run", () => {
  const certs = [cert("z", 0), cert("y", 0), cert("m", 1000), cert("k", 1000)];
  assertEquals(shas(issuanceRuns(certs, { gapSeconds: 10, minCertificates: 2 })), [
    ["y", "z"],
    ["k", "m"],
  ]);
  assertEquals(issuanceRuns([], { gapSeconds: 10, minCertificates: 1 }), []);
});
