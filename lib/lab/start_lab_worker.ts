/**
 * A lab on its own thread: {@linkcode startLab} run in a module worker, so its servers' work
 * (TLS handshakes, padded replies, the SOCKS gateway) runs on a second event loop and a second
 * core, not on the collector's loop. The collector's timing phase counts a sample only when its
 * loop stayed quiet (methodology section 3.6), and the crawl no longer shares a loop with the
 * servers it measures. The handle carries what a scan needs from the lab: hosts, seeds, address
 * book, SOCKS gateway, CA, path table, ground truth and stop.
 *
 * @module
 */
import type { LabOptions, LabSeed } from "./lab.ts";
import type { LabHost } from "./population.ts";
import type { PathModel } from "../net/path_delay.ts";
import { LabResolver } from "./net/resolver.ts";
import type { LabWorkerRequest } from "./lab_worker.ts";

/** A lab running in a worker ({@linkcode startLabWorker}). */
export interface LabWorker {
  hosts: LabHost[];
  seeds: LabSeed[];
  hostileSeeds: LabSeed[];
  /** The address book standing in for DNS (built here from the hosts, as the lab builds it). */
  resolver: LabResolver;
  socks: { ip: string; port: number };
  caPem: string;
  paths: PathModel;
  /** Write the lab's ground truth (as `Lab.recordTruth`, also after `stop`); returns the file's path. */
  recordTruth(dataDir: string, meta: { scanId: string }): Promise<string>;
  /** Stop the lab's servers (what they were stays readable for `recordTruth`). */
  stop(): Promise<void>;
  /** End the worker (stopping the lab first if needed); the handle is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * Start a lab in a module worker (same permissions as this thread).
 *
 * @param options As {@linkcode startLab}'s, less `takeover` (a function cannot cross threads).
 * @returns The handle once the lab listens.
 * @throws {Error} When the lab fails to start (the worker's error, with its stack).
 * @example
 * ```ts
 * const lab = await startLabWorker({ size: 40, latency: 0 });
 * console.log(lab.seeds[0], lab.resolver.resolve(lab.hosts[0].hostname!));
 * await lab.close();
 * ```
 */
export async function startLabWorker(
  options: Omit<LabOptions, "takeover"> = {},
): Promise<LabWorker> {
  const worker = new Worker(new URL("./lab_worker.ts", import.meta.url), {
    type: "module",
  });
  // One request at a time: each waits for its one reply.
  const ask = <T>(req: LabWorkerRequest, want: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (e: MessageEvent) => {
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        if (e.data?.type === want) resolve(e.data as T);
        else reject(new Error(`lab worker: ${e.data?.message ?? JSON.stringify(e.data)}`));
      };
      const onError = (e: ErrorEvent) => {
        e.preventDefault();
        worker.removeEventListener("message", onMessage);
        worker.removeEventListener("error", onError);
        reject(new Error(`lab worker: ${e.message}`));
      };
      worker.addEventListener("message", onMessage);
      worker.addEventListener("error", onError);
      worker.postMessage(req);
    });
  let started: {
    hosts: LabHost[];
    seeds: LabSeed[];
    hostileSeeds: LabSeed[];
    socks: { ip: string; port: number };
    caPem: string;
    paths: PathModel;
  };
  try {
    started = await ask({ type: "start", options }, "started");
  } catch (err) {
    worker.terminate();
    throw err;
  }
  let stopped = false, closed = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await ask({ type: "stop" }, "stopped");
  };
  return {
    hosts: started.hosts,
    seeds: started.seeds,
    hostileSeeds: started.hostileSeeds,
    resolver: new LabResolver(started.hosts),
    socks: started.socks,
    caPem: started.caPem,
    paths: started.paths,
    recordTruth: async (dataDir, meta) =>
      (await ask<{ path: string }>({ type: "truth", dataDir, meta }, "truth")).path,
    stop,
    async close() {
      if (closed) return;
      try {
        await stop();
      } finally {
        closed = true;
        worker.terminate();
      }
    },
  };
}
