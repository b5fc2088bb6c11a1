/**
 * Probe `peers`: `server.peers.subscribe`, parsed into candidate servers (bounded; malformed
 * entries counted), plus the hosts named in `server.features` when the `features` probe ran.
 *
 * @module
 */
import { parseFeatureHosts, parsePeers } from "../electrum/peers.ts";
import { simpleCall } from "./simple_call.ts";
import type { Probe } from "./probe.ts";

export const peers: Probe = {
  name: "peers",
  version: "3",
  run: (ctx) =>
    simpleCall(ctx, "server.peers.subscribe", [], async (result) => {
      // Runs beside `features` (one padding hold instead of two); its hosts are read once it is done.
      await ctx.facts.featuresDone;
      const { candidates, malformed, truncated } = parsePeers(result, { maxEntries: 1000 });
      const fromFeatures = parseFeatureHosts(ctx.facts.features?.hosts);
      ctx.facts.peers = [...candidates, ...fromFeatures];
      return {
        peer_count: Array.isArray(result) ? result.length : null,
        malformed,
        truncated,
        peers: candidates.slice(0, 1000),
        feature_hosts: fromFeatures,
      };
    }),
};
