/**
 * The lab's takeover hook for hostile hosts: given a host, the connection handler of its
 * hostility, or null for every other host.
 *
 * @module
 */
import type net from "node:net";
import type tls from "node:tls";
import type { LabHost } from "../population.ts";
import { hostility } from "./hostilities.ts";

/** What the lab lends the hostile handlers. */
export interface HostileLabHooks {
  /** The TLS context of a host's certificate. */
  secureContext: (host: LabHost) => tls.SecureContext | null;
  /** The lab chain's tip. */
  tip: () => { height: number; hex: string };
}

/**
 * Build the takeover function for `startLab`.
 *
 * @example
 * ```ts
 * const takeover = makeHostileTakeover({ secureContext: () => null, tip: () => chain.tip() });
 * ```
 */
export function makeHostileTakeover(
  hooks: HostileLabHooks,
): (host: LabHost) => ((socket: net.Socket, transport: "tcp" | "tls") => void) | null {
  return (host) => {
    if (host.role !== "hostile" || !host.hostility || host.hostility === "private-target") {
      return null;
    }
    const h = hostility(host.hostility);
    const env = {
      secureContext: () => hooks.secureContext(host),
      tip: hooks.tip,
      peers: () => host.bogusPeers,
    };
    return (socket) => {
      socket.setNoDelay(true);
      h.serve(socket, env);
    };
  };
}
