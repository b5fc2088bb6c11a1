/**
 * Schema of `peers.csv`: the discovery graph, one row per advertised edge.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

/** The schema of `peers.csv`. */
export const PEERS_SCHEMA = defineTable({
  table: "peers.csv",
  grain:
    "one row per server, per host it advertised, per advertised port and transport, per source",
  producer: "lib/tables/derive_peers.ts",
  columns: [
    col("target", "enum", "the scan's target", {
      nullable: false,
      values: ["lab", "local", "live"],
      repeats: "as in servers.csv, so peers.csv is read alone by the graph measures",
    }),
    col("server", "string", "the advertiser (its key, as in `servers.csv`)", {
      nullable: false,
      repeats: SERVER_REPEATS,
    }),
    col(
      "peer_host",
      "string",
      "the advertised host name, onion name or address literal, lowercase (the key the crawl gives it: join on servers.csv's `server`)",
      { nullable: false },
    ),
    col(
      "peer_address",
      "string",
      "the address literal a peer entry gave beside the name; empty for names only and for `server.features`",
    ),
    col("port", "integer", "the advertised port", {
      nullable: false,
      repeats:
        "different grain: here the advertised port, in fingerprints.csv and tls.csv the probed one",
    }),
    col("transport", "enum", "`tcp` or `tls` (a bare `t`/`s` means 50001/50002)", {
      nullable: false,
      values: ["tcp", "tls"],
      repeats:
        "different grain: here each advertised endpoint's, in fingerprints.csv the probed one's",
    }),
    col("source", "enum", "where the edge was advertised", {
      nullable: false,
      values: ["server.peers.subscribe", "server.features"],
    }),
    col(
      "protocol_version",
      "version",
      "the entry's `v` feature (`1.4.2`); empty when absent and always for `server.features`",
    ),
    col(
      "pruning_blocks",
      "integer",
      "the entry's `p` feature, blocks kept by a pruning server; empty when absent and for `server.features`",
      { unit: "blocks" },
    ),
    col(
      "features",
      "list",
      "the entry's feature strings as sent (at most 20, 32 characters each); empty for `server.features`",
    ),
    col(
      "self_advertised",
      "boolean",
      "the advertised host is the advertiser itself (normal in `server.features` `hosts`)",
      { nullable: false },
    ),
    col(
      "endpoint_status",
      "string",
      "what this scan saw on that endpoint: the advertised server's `reach` status on that port and transport (`success` if any attempt there succeeded), or its `resolve` failure (`dns-error`); empty when the scan never tried that endpoint",
    ),
    col(
      "answered",
      "boolean",
      "`true` when `endpoint_status` is `success`; `false` when the endpoint was tried and failed; empty when it was never dialled (not tried, `blocklisted`, `unsupported`, `aborted`)",
    ),
  ],
});
