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
    col(
      "protocol_max",
      "version",
      'protocol negotiated with the range ["1.4", "1.6"] (the `version_range` probe): the highest the server speaks; the overview\'s protocol table counts this',
      {
        repeats:
          "same value as fingerprints.csv's `protocol_max`, so the overview reads servers.csv alone",
      },
    ),
    col("tip_height", "integer", "tip height reported by `blockchain.headers.subscribe`"),
    col(
      "tip_lag_blocks",
      "integer",
      "blocks behind the consensus tip (highest height reported by at least 3 servers)",
      {
        unit: "blocks",
      },
    ),
    col("proxy_ms", "number", "SOCKS negotiation of the main endpoint (onions)", {
      unit: "ms",
      volatile: true,
    }),
    col(
      "tcp_rtt_ms",
      "number",
      "timing phase (section 3.6): TCP connect of the main endpoint, the minimum over samples; empty for onions and when not timed",
      { unit: "ms", volatile: true },
    ),
    col(
      "tcp_rtt_jitter_ms",
      "number",
      "timing phase: mean absolute difference of consecutive TCP connect samples",
      { unit: "ms", volatile: true },
    ),
    col("tcp_rtt_samples", "integer", "timing phase: TCP connect samples taken", {
      volatile: true,
    }),
    col(
      "tls_rtt_ms",
      "number",
      "timing phase: TLS handshake (TLS main endpoints only), the minimum over samples",
      { unit: "ms", volatile: true },
    ),
    col("tls_rtt_jitter_ms", "number", "timing phase: jitter of the TLS handshake samples", {
      unit: "ms",
      volatile: true,
    }),
    col("tls_rtt_samples", "integer", "timing phase: TLS handshake samples taken", {
      volatile: true,
    }),
    col(
      "app_rtt_ms",
      "number",
      "timing phase: application round trip (`server.ping` on the session held open between samples, the first sent with `server.version`; section 3.6), the minimum over samples; `app_rtt_ms - tcp_rtt_ms` is the time the server (or whatever it relays to) adds",
      { unit: "ms", volatile: true },
    ),
    col(
      "app_rtt_jitter_ms",
      "number",
      "timing phase: jitter of the application round-trip samples",
      { unit: "ms", volatile: true },
    ),
    col("app_rtt_samples", "integer", "timing phase: application round-trip samples taken", {
      volatile: true,
    }),
    col(
      "timing_loop_lag_ms",
      "number",
      "largest event-loop lag of the observer while this server's samples were taken: a figure is trustworthy to about this much",
      { unit: "ms", volatile: true },
    ),
    col("tls_protocol", "string", "negotiated TLS version of the `reach` handshake (`TLSv1.3`)"),
    col("tls_cipher", "string", "negotiated cipher suite of the `reach` handshake", {
      repeats:
        "different grain: here the main endpoint's `reach`, in tls.csv each endpoint's `tls` probe",
    }),
    col("peers_advertised", "integer", "entries in `server.peers.subscribe`"),
    col(
      "peers_in_degree",
      "integer",
      "distinct other servers of the scan that advertised this one, by either source of `peers.csv` (0 when none did)",
    ),
    col(
      "peers_out_degree",
      "integer",
      "distinct other hosts this server advertised (its own name excluded); empty when neither `server.peers.subscribe` nor `server.features` was read",
    ),
    col(
      "peers_answered_share",
      "number",
      "of the distinct other hosts it advertised whose endpoints the scan dialled, the share (0-1) with at least one advertised endpoint that answered; empty when none was dialled",
    ),
    col(
      "found_via",
      "list",
      "first 5 sources (`seed` or the servers that advertised it); the whole graph is `peers.csv`",
      { volatile: true },
    ),
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
      volatile: true,
    }),
    col("last_seen", "timestamp", "last record time of the server in the scan", {
      nullable: false,
      volatile: true,
    }),
  ],
});
