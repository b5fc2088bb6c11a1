/**
 * New blocks, pushed: the header and changed scripthash statuses go to a connection's
 * subscriptions after the implementation's polling delay (ElectrumX polls its node every few
 * seconds, reference header).
 *
 * @module
 */
import { encodeNotification } from "../wire.ts";
import type { Connection } from "./connection.ts";

/**
 * The listener a connection adds to its host's tip listeners.
 *
 * @param c The connection.
 * @returns Called on each new block.
 */
export function tipNotifier(c: Connection): () => void {
  const { p, host, subs, queue } = c;
  const pollMs = p.family === "electrumx" ? 2500 : p.family === "electrs" ? 1500 : 500;
  return () => {
    const t = setTimeout(() => {
      queue.timers.delete(t);
      if (queue.closed) return;
      const chain = host.chain();
      if (subs.headers) {
        const tip = chain.tip();
        queue.send(
          encodeNotification(p, "blockchain.headers.subscribe", [{
            hex: tip.hex,
            height: tip.height,
          }]),
        );
      }
      for (const [sh, old] of subs.scripthashes) {
        const now = host.behaviour.withholdHistory ? null : chain.status(sh);
        if (now !== old) {
          subs.scripthashes.set(sh, now);
          queue.send(encodeNotification(p, "blockchain.scripthash.subscribe", [sh, now]));
        }
      }
    }, pollMs);
    queue.timers.add(t);
  };
}
