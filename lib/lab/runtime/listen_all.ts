/**
 * Binding every lab host's listeners, moving the lab to another loopback block when an address
 * is taken.
 *
 * @module
 */
import type net from "node:net";
import type { LabHost } from "../population.ts";

/**
 * Bind every host's listeners. Several labs may run at once on one machine (parallel test
 * modules, a `deno task lab` beside a test run): when an address is taken, the lab moves all its
 * hosts to another 127.N.0.0/16 block (only the second octet of `loopback` changes; the hosts are
 * updated in place) and tries again.
 */
export async function listenAll(
  hosts: LabHost[],
  listen: (h: LabHost) => Promise<void>,
  reset: () => net.Server[],
): Promise<void> {
  for (let attempt = 0;; attempt++) {
    const results = await Promise.allSettled(hosts.map((h) => listen(h)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (!failed) return;
    await Promise.all(
      reset().map((s) =>
        new Promise<void>((resolve) => s.listening ? s.close(() => resolve()) : resolve())
      ),
    );
    const err = failed.reason as { code?: string; message?: string };
    const inUse = err?.code === "EADDRINUSE" || /in use/i.test(String(err?.message));
    if (!inUse || attempt >= 32) throw failed.reason;
    const block = 11 + Math.floor(Math.random() * 230);
    for (const h of hosts) h.loopback = h.loopback.replace(/^127\.\d+\./, `127.${block}.`);
  }
}
