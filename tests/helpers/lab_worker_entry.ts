/**
 * Worker entry of {@linkcode withWorkerLab} (`lab_worker.ts`): starts a quiet lab of the hosts it
 * is sent, answers `ready`, and stops the lab when told. Only tests load it.
 *
 * @module
 */
/// <reference lib="deno.worker" />
import { type Lab, startLab } from "../../lib/lab/lab.ts";
import type { LabHost } from "../../lib/lab/population.ts";

let lab: Lab | null = null;
self.onmessage = async (e: MessageEvent<{ start?: LabHost[]; stop?: true }>) => {
  if (e.data.start) {
    lab = await startLab({ hosts: e.data.start, latency: 0, tipIntervalMs: 0 });
    self.postMessage({ ready: true });
  } else if (e.data.stop) {
    await lab?.stop();
    self.postMessage({ stopped: true });
  }
};
