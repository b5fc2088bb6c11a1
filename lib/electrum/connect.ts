/**
 * Dial an endpoint through the guarded dial function and open an {@linkcode ElectrumSession} on it.
 *
 * @module
 */
import { dial, type DialOptions, type DialSuccess, type DialTarget } from "../net/dial.ts";
import type { Failure } from "../net/status.ts";
import { ElectrumSession, type SessionOptions } from "./session.ts";

/** A connected session and what the dial learned. */
export interface Connected {
  status: "success";
  session: ElectrumSession;
  dial: DialSuccess;
}

/**
 * Dial and wrap the socket in a session. Never throws for network trouble.
 *
 * @param target Where to connect.
 * @param options Dial options plus `session` options.
 * @example
 * ```ts
 * const c = await connectElectrum({ host: "127.0.0.2", ip: "127.0.0.2", port: 50001 }, { transport: "tcp", policy: { mode: "lab" } });
 * if (c.status === "success") c.session.close();
 * ```
 */
export async function connectElectrum(
  target: DialTarget,
  options: DialOptions & { session?: SessionOptions },
): Promise<Connected | (Failure & { timings: DialSuccess["timings"] })> {
  const d = await dial(target, options);
  if (d.status !== "success") return d;
  return {
    status: "success",
    session: new ElectrumSession(d.socket, { signal: options.signal, ...options.session }),
    dial: d,
  };
}
