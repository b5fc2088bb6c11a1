/**
 * Probe `features`: `server.features` after version negotiation (reference §3). No reply at all is
 * how Electrum Personal Server answers; that silence is recorded and marks the server EPS-like so
 * later probes avoid inputs that crash it.
 *
 * @module
 */
import { boundJson, simpleCall } from "./simple_call.ts";
import type { Probe } from "./probe.ts";

export const features: Probe = {
  name: "features",
  version: "1",
  async run(ctx) {
    const out = await simpleCall(ctx, "server.features", [], (result) => {
      if (!result || typeof result !== "object" || Array.isArray(result)) {
        return { status: "protocol-error", op: "parse", message: "features is not an object", data: { result: boundJson(result) } };
      }
      ctx.facts.features = boundJson(result) as Record<string, unknown>;
      return { features: ctx.facts.features };
    });
    if (out.status === "timeout") ctx.facts.epsLike = true;
    return out;
  },
};
