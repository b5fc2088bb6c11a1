/**
 * Probe `tip`: `blockchain.headers.subscribe`, the server's tip height and header. The lag against
 * the consensus tip is computed across servers when the tables are derived.
 *
 * @module
 */
import { simpleCall } from "./simple_call.ts";
import type { Probe } from "./probe.ts";

export const tip: Probe = {
  name: "tip",
  version: "1",
  run: (ctx) =>
    simpleCall(ctx, "blockchain.headers.subscribe", [], (result) => {
      const r = result as { height?: unknown; hex?: unknown } | null;
      if (
        !r || typeof r.height !== "number" || !Number.isInteger(r.height) || r.height < 0 ||
        typeof r.hex !== "string" || !/^[0-9a-f]{160}$/i.test(r.hex)
      ) {
        return {
          status: "protocol-error",
          op: "parse",
          message: "tip is not {height, hex}",
          data: { keys: r && typeof r === "object" ? Object.keys(r).slice(0, 10) : [] },
        };
      }
      ctx.facts.tipHeight = r.height;
      ctx.facts.tipHex = r.hex.toLowerCase();
      return { height: r.height, hex: ctx.facts.tipHex, at_ms: Date.now() };
    }),
};
