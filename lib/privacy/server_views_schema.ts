/**
 * Schema of the in-memory server-view table (`serverViews` over every transcript), so notebook
 * 05 can show it as a typed danfo DataFrame. Not a CSV: nothing writes it to `data/`.
 *
 * @module
 */
import { defineTable } from "../data/schema.ts";
import { col } from "../data/schemas/column.ts";
import type { Row } from "../data/read_csv.ts";
import { serverViews } from "./server_views.ts";
import type { WalletTranscript } from "./transcript.ts";

/** Every transcript's server views as table rows (for `frame(rows, SERVER_VIEWS_SCHEMA)`). */
export function serverViewRows(transcripts: readonly WalletTranscript[]): Row[] {
  return transcripts.flatMap((t) => serverViews(t).map((v) => ({ ...v })));
}

/** Columns of {@linkcode ServerView}. */
export const SERVER_VIEWS_SCHEMA = defineTable({
  table: "server_views (in memory)",
  grain: "one row per real-wallet scenario per lab server",
  producer: "lib/privacy/server_views.ts",
  columns: [
    col("scenario", "string", "the scenario (transcript)", { nullable: false }),
    col("server", "string", "the lab server's id", { nullable: false }),
    col("role", "enum", "main, peer or rejected", {
      nullable: false,
      values: ["main", "peer", "rejected"],
    }),
    col("connections", "integer", "connections that sent a request"),
    col("requests", "integer", "requests logged"),
    col("clientVersion", "string", "client strings sent in server.version"),
    col("clientAddress", "string", "client addresses seen"),
    col("scripthashes", "integer", "distinct scripthashes subscribed"),
    col("walletShare", "number", "share of the wallet's addresses learned", { unit: "share" }),
    col("learnedWholeWallet", "boolean", "learned every address of a wallet"),
    col("burstWindowMs", "number", "first to last subscription of the first burst", {
      unit: "ms",
    }),
    col("firstSubscriptionMs", "number", "first subscription after the daemon started", {
      unit: "ms",
    }),
    col("feeEstimates", "integer", "blockchain.estimatefee requests"),
    col("feeRoundGapMs", "number", "median gap between fee-estimate rounds", { unit: "ms" }),
    col("pings", "integer", "server.ping requests"),
  ],
});
