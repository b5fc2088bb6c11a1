/**
 * Test helper for the probe tests that run against lab hosts (`lib/probes/*_test.ts`): a quiet lab
 * of given hosts, the probe context of one host's endpoint, and a battery run on it. It lives here,
 * not in `lib/`: it needs the emulator (`lib/lab/`) and the probes, and no folder of `lib/` may
 * import both (`lib/testing/layers.ts`); only tests import it.
 *
 * @module
 */
import { type Lab, startLab } from "../../lib/lab/lab.ts";
import type { LabHost } from "../../lib/lab/population.ts";
import { type ProbeResult, runBattery } from "../../lib/probes/battery.ts";
import {
  type ContextOptions,
  makeProbeContext,
  type ProbeContext,
} from "../../lib/probes/probe.ts";

/**
 * Start a lab of exactly `hosts`, quiet (no simulated latency, no new blocks), run `body` on it
 * and stop the lab, whether `body` returned or threw.
 *
 * @returns What `body` returned.
 * @example
 * ```ts
 * await withQuietLab(fixtureHosts(["fulcrum-2.1.1"], { seed: "t" }), async (lab) => {
 *   // probe lab.hosts here
 * });
 * ```
 */
export async function withQuietLab<T>(
  hosts: LabHost[],
  body: (lab: Lab) => Promise<T>,
): Promise<T> {
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  try {
    return await body(lab);
  } finally {
    await lab.stop();
  }
}

/** Options of {@linkcode labProbeContext} and {@linkcode runLabBattery}. */
export interface LabProbeOptions {
  /** The endpoint dialled: TCP on 50001 or TLS on 50002 (the plain port is 50001 either way).
   * Default: "tcp". */
  transport?: "tcp" | "tls";
  /** Dial options. Default: the lab's address policy, 4000 ms connect and TLS deadlines. */
  dial?: ContextOptions["dial"];
  /** Client name sent in `server.version`. Default: "observatory-test". */
  clientName?: string;
  /** Deadline of one request, ms. Default: 4000. */
  requestTimeoutMs?: number;
  /** The error-provoking budget. Default: always yes (as `makeProbeContext`). */
  mayProvoke?: ContextOptions["mayProvoke"];
  /** Awaited before every new connection. Default: none. */
  beforeConnect?: ContextOptions["beforeConnect"];
  /** Trust anchors for the `tls` probe (the lab's CA: `[lab.caPem]`). Default: none. */
  trustAnchorsPem?: readonly string[];
  /** Dial a relay the test runs in front of the host, on 127.0.0.1 at this port, instead of the
   * host's own address and port; the relay's port is then the plain port too on TCP, and there is
   * none on TLS. Default: none (the host itself). */
  relayPort?: number;
}

/**
 * The probe context of a lab host's endpoint, dialled on its loopback address with the address the
 * world sees as `ip`, as the crawler builds it for a lab scan.
 *
 * @example
 * ```ts
 * const ctx = labProbeContext(lab.hosts[0], { trustAnchorsPem: [lab.caPem] });
 * ```
 */
export function labProbeContext(h: LabHost, options: LabProbeOptions = {}): ProbeContext {
  const transport = options.transport ?? "tcp";
  const relay = options.relayPort;
  return makeProbeContext({
    endpoint: {
      server: h.hostname!,
      host: h.hostname!,
      ip: h.ipv4,
      dialIp: relay === undefined ? h.loopback : "127.0.0.1",
      port: relay ?? (transport === "tls" ? 50002 : 50001),
      transport,
      network: "clearnet",
      plainPort: relay === undefined ? 50001 : transport === "tcp" ? relay : null,
    },
    dial: options.dial ?? { policy: { mode: "lab" }, connectTimeoutMs: 4000, tlsTimeoutMs: 4000 },
    clientName: options.clientName ?? "observatory-test",
    requestTimeoutMs: options.requestTimeoutMs ?? 4000,
    mayProvoke: options.mayProvoke,
    beforeConnect: options.beforeConnect,
    trustAnchorsPem: options.trustAnchorsPem,
  });
}

/**
 * Run the battery's `phases` on a fresh {@linkcode labProbeContext} of `h` and close its main
 * session.
 *
 * @returns The results `runBattery` returns.
 * @example
 * ```ts
 * const results = await runLabBattery(h, [["reach"], ["version"], ["tip"]]);
 * ```
 */
export async function runLabBattery(
  h: LabHost,
  phases: readonly (readonly string[])[],
  options: LabProbeOptions = {},
): Promise<ProbeResult[]> {
  const ctx = labProbeContext(h, options);
  try {
    return await runBattery(ctx, phases);
  } finally {
    ctx.session?.close();
  }
}
