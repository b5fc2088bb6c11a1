/**
 * Schema of `servers.csv`: one row per server (what it answered on its main endpoint).
 *
 * @module
 */
import { type Operation, STATUSES } from "../../net/status.ts";
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

const OPERATIONS = [
  "resolve",
  "connect",
  "proxy",
  "tls",
  "write",
  "read",
  "rpc",
  "parse",
] as const satisfies readonly Operation[];

/** Why `connect_ms` and `tls_handshake_ms` are in both `servers.csv` and `fingerprints.csv`. */
export const TIMING_REPEATS =
  "same value in servers.csv and fingerprints.csv (the main endpoint's reach), so each table reads alone; the timing rework decides the one home";

/** The schema of `servers.csv`. */
export const SERVERS_SCHEMA = defineTable({
  table: "servers.csv",
  grain: "one row per server",
  producer: "lib/tables/derive_servers.ts",
  columns: [
    col("target", "enum", "the scan's target", {
      nullable: false,
      values: ["lab", "local", "live"],
      repeats: "also in geo.csv, which is read alone by the bucket and provider measures",
    }),
    col(
      "server",
      "string",
      "the server's key: host name, onion name or address literal, lowercase",
      {
        nullable: false,
        repeats: SERVER_REPEATS,
      },
    ),
    col("network", "enum", "`clearnet` or `onion`", {
      nullable: false,
      values: ["clearnet", "onion"],
      repeats: "also in geo.csv, where onion rows have no address; read alone there",
    }),
    col("ipv4", "list", "IPv4 addresses the name resolved to (simulated public ones in the lab)"),
    col("ipv6", "list", "IPv6 addresses the name resolved to"),
    col("ip_version", "integer", "4 or 6: the address of the endpoint the full battery ran on", {
      repeats: "different grain: here the main endpoint's, in geo.csv each address's",
    }),
    col("tcp_port", "integer", "plain TCP port as seeded or advertised"),
    col("tls_port", "integer", "TLS port as seeded or advertised"),
    col("transports_reachable", "list", "`tcp`, `tls` that answered `reach`"),
    col(
      "status",
      "enum",
      "the first failure along resolve, reach, version; else `success` (section 3.1)",
      {
        nullable: false,
        values: STATUSES,
      },
    ),
    col("status_op", "enum", "the operation that failed", { values: OPERATIONS }),
    col("status_message", "string", "the failure's message"),
    col("software", "string", "`server.version` reply: the claimed software, as sent", {
      emptyString: true,
    }),
    col("protocol", "version", 'protocol version negotiated with "1.4"'),
    col("tip_height", "integer", "tip height reported by `blockchain.headers.subscribe`"),
    col(
      "tip_lag_blocks",
      "integer",
      "blocks behind the consensus tip (highest height reported by at least 3 servers)",
      {
        unit: "blocks",
      },
    ),
    col("latency_ms", "number", "median `server.ping` round trip (padding-aware, section 3.2)", {
      unit: "ms",
      sameAs: "fingerprints.csv.latency_median_ms",
    }),
    col("connect_ms", "number", "TCP handshake of the main endpoint", {
      unit: "ms",
      repeats: TIMING_REPEATS,
    }),
    col("tls_handshake_ms", "number", "TLS handshake of the main endpoint", {
      unit: "ms",
      repeats: TIMING_REPEATS,
    }),
    col("proxy_ms", "number", "SOCKS negotiation of the main endpoint (onions)", { unit: "ms" }),
    col("tls_protocol", "string", "negotiated TLS version of the `reach` handshake (`TLSv1.3`)"),
    col("tls_cipher", "string", "negotiated cipher suite of the `reach` handshake", {
      repeats:
        "different grain: here the main endpoint's `reach`, in tls.csv each endpoint's `tls` probe",
    }),
    col("peers_advertised", "integer", "entries in `server.peers.subscribe`"),
    col("found_via", "list", "first 5 sources (`seed` or the servers that advertised it)"),
    col("banner", "string", "`server.banner`, first 300 characters", { emptyString: true }),
    col(
      "donation_address",
      "string",
      '`server.donation_address`; an empty answer is `""`, not unknown',
      {
        emptyString: true,
      },
    ),
    col("first_seen", "timestamp", "first record time of the server in the scan", {
      nullable: false,
    }),
    col("last_seen", "timestamp", "last record time of the server in the scan", {
      nullable: false,
    }),
  ],
});
