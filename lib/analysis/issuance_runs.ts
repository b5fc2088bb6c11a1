/**
 * Issuance runs: distinct certificates chained by their notBefore times, the mechanism behind
 * the issuance bursts of {@linkcode certificateReuse} (section 6.4) and the suspicion score's
 * `issuance-burst` and `issuance-cluster-on-provider` indicators.
 *
 * @module
 */

/** A distinct certificate on the issuance timeline. */
export interface IssuedCertificate {
  /** SHA-256 of the certificate, hex: the tie-break between equal notBefore times. */
  sha256: string;
  /** notBefore, milliseconds since the epoch (finite). */
  t: number;
  /** Who presents it (hosts or server names, as the caller counts them). */
  holders: Iterable<string>;
}

/** Options of {@linkcode issuanceRuns}; both are required (callers hold their defaults). */
export interface IssuanceRunOptions {
  /** Largest gap between consecutive notBefore times within one run, seconds. */
  gapSeconds: number;
  /** Fewest certificates, and fewest distinct holders among them, that make a run. */
  minCertificates: number;
}

/**
 * Chain `certs` in notBefore order (sha256 breaking ties): a certificate joins the run of the
 * previous one when it was issued at most `gapSeconds` after it. Runs of at least
 * `minCertificates` certificates held by at least as many distinct holders are returned.
 *
 * @param certs Distinct certificates with a readable notBefore.
 * @param options See {@linkcode IssuanceRunOptions}.
 * @returns The runs kept, each in time order, earliest run first.
 * @example
 * ```ts
 * const c = (sha256: string, s: number) => ({ sha256, t: s * 1000, holders: [sha256] });
 * issuanceRuns([c("a", 0), c("b", 30), c("c", 200)], { gapSeconds: 60, minCertificates: 2 });
 * // [[a, b]]
 * ```
 */
export function issuanceRuns<T extends IssuedCertificate>(
  certs: readonly T[],
  options: IssuanceRunOptions,
): T[][] {
  const { gapSeconds, minCertificates } = options;
  const gapMs = gapSeconds * 1000;
  const sorted = [...certs].sort((a, b) => a.t - b.t || (a.sha256 < b.sha256 ? -1 : 1));
  const runs: T[][] = [];
  let run: T[] = [];
  const flush = () => {
    const holders = new Set(run.flatMap((c) => [...c.holders]));
    if (run.length >= minCertificates && holders.size >= minCertificates) runs.push(run);
  };
  for (const c of sorted) {
    if (run.length && c.t - run.at(-1)!.t > gapMs) {
      flush();
      run = [];
    }
    run.push(c);
  }
  if (run.length) flush();
  return runs;
}
