/**
 * Worker entry of {@linkcode startLabWorker}: runs one lab ({@linkcode startLab}) on this worker's
 * own thread and event loop, and answers the handle's messages (`start`, `truth`, `stop`). Not
 * imported by anything: `start_lab_worker.ts` loads it by URL as a module worker.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type Lab, type LabOptions, startLab } from "./lab.ts";

/** A message to the worker. */
export type LabWorkerRequest =
  | { type: "start"; options: Omit<LabOptions, "takeover"> }
  | { type: "truth"; dataDir: string; meta: { scanId: string } }
  | { type: "stop" };

let lab: Lab | null = null;

self.onmessage = async (e: MessageEvent<LabWorkerRequest>) => {
  const m = e.data;
  try {
    if (m.type === "start") {
      lab = await startLab(m.options);
      self.postMessage({
        type: "started",
        hosts: lab.hosts,
        seeds: lab.seeds,
        hostileSeeds: lab.hostileSeeds,
        socks: lab.socks,
        caPem: lab.caPem,
        paths: lab.paths,
      });
    } else if (m.type === "truth") {
      self.postMessage({ type: "truth", path: await lab!.recordTruth(m.dataDir, m.meta) });
    } else if (m.type === "stop") {
      // The lab object stays: its hosts and certificates are the ground truth written after.
      await lab?.stop();
      self.postMessage({ type: "stopped" });
    }
  } catch (err) {
    self.postMessage({ type: "error", message: String((err as Error)?.stack ?? err) });
  }
};
