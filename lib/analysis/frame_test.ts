import { assertEquals, assertThrows } from "../testing/assert.ts";
import { parseCsv } from "../data/read_csv.ts";
import { FINGERPRINTS_SCHEMA, SERVERS_SCHEMA } from "../data/schemas/mod.ts";
import { tableCsv } from "../data/table_csv.ts";
import { frame } from "./frame.ts";
import { describeFrame } from "./describe_frame.ts";
import { groupSummary, UNKNOWN_GROUP } from "./group_summary.ts";

function server(i: number, over: Record<string, unknown>) {
  const base = Object.fromEntries(SERVERS_SCHEMA.columns.map((c) => [c.name, null]));
  return {
    ...base,
    target: "lab",
    server: `h${i}.example`,
    network: "clearnet",
    status: "success",
    first_seen: "2026-11-24T10:00:00.000Z",
    last_seen: "2026-11-24T10:00:01.000Z",
    ...over,
  };
}

// Rows as notebooks get them: written by the table writer and read back by the schema reader.
const servers = parseCsv(
  tableCsv([
    server(1, { protocol: "1.4", tcp_rtt_ms: 10, tip_lag_blocks: 0 }),
    server(2, { protocol: "1.10", tcp_rtt_ms: 30, tip_lag_blocks: 2 }),
    server(3, { protocol: "1.4", tcp_rtt_ms: null, tip_lag_blocks: 4 }),
    server(4, { status: "timeout", status_op: "connect" }),
    server(5, { protocol: null, tcp_rtt_ms: 20 }),
  ], SERVERS_SCHEMA),
  SERVERS_SCHEMA,
);

Deno.test("frame types danfo columns from the schema: versions stay strings, unknown numbers are NaN", () => {
  const df = frame(servers, SERVERS_SCHEMA, {
    columns: ["server", "protocol", "tcp_rtt_ms", "tip_lag_blocks"],
  });
  assertEquals(df.shape, [5, 4]);
  assertEquals(df.dtypes, ["string", "string", "float32", "float32"]);
  assertEquals(df.column("protocol").values as unknown[], ["1.4", "1.10", "1.4", null, null]);
  assertEquals(
    (df.column("tcp_rtt_ms").values as number[]).map((v) => Number.isNaN(v) ? "NaN" : v),
    [10, 30, "NaN", "NaN", 20],
  );
  assertThrows(
    () => frame(servers, SERVERS_SCHEMA, { columns: ["host"] }),
    TypeError,
    "servers.csv has no column host",
  );
  assertEquals(frame([], FINGERPRINTS_SCHEMA).shape, [0, FINGERPRINTS_SCHEMA.columns.length]);
});

Deno.test("groupSummary counts rows per group with shares and medians over known values, unknown keys labelled", () => {
  const df = frame(servers, SERVERS_SCHEMA);
  const g = groupSummary(df, "protocol", { measures: ["tcp_rtt_ms"] });
  assertEquals(g.columns, ["protocol", "rows", "share", "tcp_rtt_ms_median", "tcp_rtt_ms_missing"]);
  assertEquals(g.values as unknown[], [
    ["1.4", 2, 0.4, 10, 1],
    [UNKNOWN_GROUP, 2, 0.4, 20, 1],
    ["1.10", 1, 0.2, 30, 0],
  ]);
  assertEquals(groupSummary(df, "status").values, [["success", 4, 0.8], ["timeout", 1, 0.2]]);
  assertThrows(() => groupSummary(df, "nope"), TypeError, "no column nope");
  assertEquals(groupSummary(frame([], SERVERS_SCHEMA), "status").shape, [0, 3]);
});

Deno.test("describeFrame skips unknown values (danfo's own describe gives NaN there)", () => {
  const df = frame(servers, SERVERS_SCHEMA, {
    columns: ["status", "tcp_rtt_ms", "tip_lag_blocks", "peers_advertised"],
  });
  const d = describeFrame(df);
  assertEquals(d.columns, ["column", "count", "missing", "mean", "std", "min", "median", "max"]);
  assertEquals(d.values as unknown[], [
    ["tcp_rtt_ms", 3, 2, 20, 10, 10, 20, 30],
    ["tip_lag_blocks", 3, 2, 2, 2, 0, 2, 4],
    ["peers_advertised", 0, 5, null, null, null, null, null],
  ]);
  assertThrows(() => describeFrame(df, ["status"]), TypeError, "not a numeric column");
});

Deno.test("displayRows reads a danfo frame: shares as percentages, numbers to 3 decimals, NaN unknown", async () => {
  const { displayRows } = await import("./display_rows.ts");
  const df = frame(servers, SERVERS_SCHEMA, { columns: ["server", "tcp_rtt_ms", "protocol"] });
  const g = groupSummary(df, "protocol", { measures: ["tcp_rtt_ms"] });
  assertEquals(displayRows(g)[2], {
    protocol: "1.10",
    rows: 1,
    share: "20.0%",
    tcp_rtt_ms_median: 30,
    tcp_rtt_ms_missing: 0,
  });
  const d = displayRows(
    describeFrame(frame(servers, SERVERS_SCHEMA, { columns: ["tcp_rtt_ms", "peers_advertised"] })),
  );
  assertEquals(d[0].std, 10);
  assertEquals(d[1].mean, null);
  const third = parseCsv(
    tableCsv([server(9, { tcp_rtt_ms: 1 / 3 })], SERVERS_SCHEMA),
    SERVERS_SCHEMA,
  );
  assertEquals(third[0].tcp_rtt_ms, 1 / 3);
  assertEquals(
    displayRows(describeFrame(frame(third, SERVERS_SCHEMA), ["tcp_rtt_ms"]))[0].mean,
    0.333,
  );
});

Deno.test("rowsWhere selects rows by a string value, and none is an empty frame", async () => {
  const { rowsWhere } = await import("./rows_where.ts");
  const df = frame(servers, SERVERS_SCHEMA, { columns: ["server", "status"] });
  assertEquals(rowsWhere(df, "status", "timeout").values as unknown[], [["h4.example", "timeout"]]);
  assertEquals(rowsWhere(df, "status", "refused").shape, [0, 2]);
  assertThrows(() => rowsWhere(df, "nope", "x"), TypeError, "no column nope");
});
