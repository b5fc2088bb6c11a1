/**
 * A path model for an emulated network: the round trip to each destination address, as data, so
 * the one dial function can make a TCP connect and a TLS handshake take as long as they would over
 * that path. Loopback completes a TCP handshake at once and the kernel here has no `netem` qdisc,
 * so the lab publishes this table and the dial applies it (in the manner of OONI's netem layer,
 * which sits in the client's dialer). Keyed by the address dialled, never by what the host is.
 *
 * @module
 */

/** Round trips per destination address, published by an emulated network (the lab). */
export interface PathModel {
  /** Round trip of the path to each dialled address, ms (loopback addresses in the lab). An
   * address not in the table has no emulated path (0 ms). */
  rttMs: Readonly<Record<string, number>>;
  /** Queueing jitter, as the largest fraction of the round trip it adds: each sample adds
   * jitter x rtt x u^3 for a uniform u in [0, 1), skewed towards 0 as queueing delay is (median
   * 1/8 of the largest); never less than the propagation floor. Default: 0.1. */
  jitter?: number;
}

/**
 * One sample of the emulated round trip to `ip`, ms: the path's floor plus jitter, or 0 when the
 * model does not know the address (or there is no model).
 *
 * @param model The path model, or null/undefined for none.
 * @param ip The address dialled.
 * @param random A uniform draw in [0, 1). Default: `Math.random`.
 * @example
 * ```ts
 * pathRttMs({ rttMs: { "127.0.0.2": 100 }, jitter: 0 }, "127.0.0.2"); // 100
 * ```
 */
export function pathRttMs(
  model: PathModel | null | undefined,
  ip: string,
  random: () => number = Math.random,
): number {
  const base = model?.rttMs[ip];
  if (typeof base !== "number" || !(base > 0)) return 0;
  return base * (1 + (model!.jitter ?? 0.1) * random() ** 3);
}

/**
 * Wait until `ms` have passed since `startedAt` (a `performance.now()` time), so that an operation
 * that finished early on loopback takes as long as it would over the emulated path.
 *
 * @param startedAt When the operation started, `performance.now()` ms.
 * @param ms How long it should take at least, ms.
 * @param signal Aborts the wait (rejects with an `AbortError`).
 */
export function holdUntil(startedAt: number, ms: number, signal?: AbortSignal): Promise<void> {
  const left = startedAt + ms - performance.now();
  if (signal?.aborted) {
    return Promise.reject(
      Object.assign(new Error("aborted before the path delay"), { name: "AbortError" }),
    );
  }
  if (left <= 0) return Promise.resolve();
  const until = startedAt + ms;
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout>;
    const onAbort = () => {
      clearTimeout(timer);
      reject(
        Object.assign(new Error("aborted while emulating the path delay"), { name: "AbortError" }),
      );
    };
    // A timer's delay is whole milliseconds (a fractional one is truncated), so it can fire up to
    // 1 ms before `until` by `performance.now()`: re-arm for what is left rather than end early,
    // or an emulated round trip would come out shorter than its path.
    const arm = (wait: number) => {
      timer = setTimeout(() => {
        const rest = until - performance.now();
        if (rest > 0) return arm(rest);
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, Math.ceil(wait));
    };
    arm(left);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
