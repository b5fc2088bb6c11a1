/**
 * A quiet lab served from a worker thread, for tests that block their own event loop: the lab's
 * servers keep reading and answering meanwhile, as a real server on another machine does, so a
 * reply can be waiting in the socket, unread, when the blocked loop resumes. Only tests import it.
 *
 * @module
 */
import type { LabHost } from "../../lib/lab/population.ts";

/**
 * Start a quiet lab of exactly `hosts` in a worker, run `body`, and stop the lab and the worker,
 * whether `body` returned or threw.
 *
 * @returns What `body` returned.
 * @example
 * ```ts
 * await withWorkerLab(fixtureHosts(["electrumx-1.16.0"], { seed: "t" }), async () => {
 *   // dial the hosts' loopback addresses here
 * });
 * ```
 */
export async function withWorkerLab<T>(hosts: LabHost[], body: () => Promise<T>): Promise<T> {
  const worker = new Worker(new URL("./lab_worker_entry.ts", import.meta.url), { type: "module" });
  const next = () =>
    new Promise<unknown>((resolve, reject) => {
      worker.onmessage = (e) => resolve(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        reject(new Error(`lab worker failed: ${e.message}`));
      };
    });
  try {
    const ready = next();
    worker.postMessage({ start: hosts });
    await ready;
    try {
      return await body();
    } finally {
      const stopped = next();
      worker.postMessage({ stop: true });
      await stopped;
    }
  } finally {
    worker.terminate();
  }
}
