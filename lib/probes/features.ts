/**
 * Probe `features`: `server.features` after version negotiation (reference §3). No reply at all is
 * how Electrum Personal Server answers; that silence is recorded and marks the server EPS-like so
 * later probes avoid inputs that crash it. An answer of any kind (a result or an error) clears the
 * mark `preversion`'s silence set (version 3): EPS never answers `server.features`, so the
 * server was only slow; the probes of this phase that avoid EPS await this verdict
 * (`epsVerdict` in `probe.ts`). The wait for that silence is adaptive
 * (`adaptive.ts`: max(1,500 ms, 4 x the version round trip), plus the padding hold), not the
 * full request deadline. The result's keys are kept in wire order (`keys`): ElectrumX, Fulcrum and
 * electrs each order them their own way (reference §3).
 *
 * @module
 */
import { silenceWaitMs } from "./adaptive.ts";
import { resultKeys } from "./preversion.ts";
import { boundJson, simpleCall } from "./simple_call.ts";
import type { Probe, ProbeContext, ProbeOutput } from "./probe.ts";

export const features: Probe = {
  name: "features",
  version: "3",
  run(ctx) {
    const done = runFeatures(ctx);
    ctx.facts.featuresDone = done;
    return done;
  },
};

async function runFeatures(ctx: ProbeContext): Promise<ProbeOutput> {
  const waitMs = silenceWaitMs(ctx);
  let answered = false;
  const out = await simpleCall(ctx, "server.features", [], (result, reply) => {
    answered = true;
    if (!result || typeof result !== "object" || Array.isArray(result)) {
      return {
        status: "protocol-error",
        op: "parse",
        message: "features is not an object",
        data: { result: boundJson(result) },
      };
    }
    ctx.facts.features = boundJson(result) as Record<string, unknown>;
    return { features: ctx.facts.features, keys: resultKeys(reply.raw) };
  }, { timeoutMs: waitMs });
  if (out.status === "timeout") {
    ctx.facts.epsLike = true;
    out.data.wait_ms = waitMs;
  } else if ((answered || out.status === "rpc-error") && ctx.facts.epsLike === true) {
    ctx.facts.epsLike = false;
    out.data.eps_like_cleared = true;
  }
  return out;
}
