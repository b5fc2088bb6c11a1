/**
 * The `server.*` methods (banner, donation, peers, features; `server.version` negotiates in
 * `negotiate.ts`).
 *
 * @module
 */
import { fail, type MethodHandler } from "./context.ts";
import { negotiate } from "./negotiate.ts";

/** Handlers of the `server.*` methods, by method name. */
export const SERVER_METHODS: Record<string, MethodHandler> = {
  "server.version": ({ ctx, params }) => negotiate(ctx, params),
  "server.banner": ({ ctx }) => ctx.host.banner,
  "server.donation_address": ({ ctx }) => ctx.host.donation,
  "server.ping": () => null,
  "server.peers.subscribe": ({ ctx }) => ctx.host.peers(),
  "server.add_peer": () => false,
  "server.features": ({ ctx, method, params }) => {
    const p = ctx.host.personality;
    if (p.features === "esplora-string-error" || p.features === "esplora-32601") {
      fail(ctx.errors.unknownMethod(method, params));
    }
    if (p.features === "none") fail({ error: null });
    return ctx.host.features(ctx.transport);
  },
};
