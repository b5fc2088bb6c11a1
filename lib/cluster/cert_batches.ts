/**
 * Certificate issuance batches across name templates: certificates of one issuer, key type and
 * validity length issued in a tight run, whatever names they carry, and how unlikely such a run
 * is among certificates issued independently (a scan statistic).
 *
 * @module
 */
import { scanStatistic } from "../stats/scan_statistic.ts";

/** One certificate as {@link certBatches} reads it (one entry per server row). */
export interface BatchInput {
  /** Certificate fingerprint (servers presenting one certificate count once); null: the row's
   * certificate is its own. */
  readonly fingerprint: string | null;
  /** Issuer name (`self-signed` for a self-signed leaf). */
  readonly issuer: string | null;
  /** Key type and size. */
  readonly key: string | null;
  /** Validity length, days. */
  readonly validityDays: number | null;
  /** Issuance time, ms since 1970; null: no certificate or unknown. */
  readonly issuedMs: number | null;
}

/** Options of {@link certBatches}. */
export interface CertBatchOptions {
  /** Certificates of one class issued within this gap of each other (chained) form one run,
   * milliseconds. Default 1 hour. */
  gapMs?: number;
  /** An issuer with fewer other certificates than this has its window measured against every
   * certificate's issuance span instead of its own. Default 10. */
  minIssuerCertificates?: number;
}

/** One batch: two or more distinct certificates of one class issued in one run. */
export interface CertBatch {
  /** Class key (`issuer | key | validity`), " @ ", the first issuance (ISO 8601). */
  readonly value: string;
  /** Rows holding one of its certificates, in row order. */
  readonly rows: number[];
  /** Distinct certificates in the run, k. */
  readonly certificates: number;
  /** First to last issuance of the run, ms. */
  readonly spanMs: number;
  /** Distinct certificates of the class, N. */
  readonly classCertificates: number;
  /** The issuance span the other certificates are spread over, ms (T). */
  readonly backgroundSpanMs: number;
  /** The chance of a run this tight among N independent certificates (see {@link certBatches}). */
  readonly p: number;
}

/** Issuance times are whole seconds: a window is never narrower than one, ms. */
export const ISSUANCE_RESOLUTION_MS = 1000;

function span(times: readonly number[]): number {
  if (times.length < 2) return 0;
  let lo = Infinity, hi = -Infinity;
  for (const t of times) {
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return hi - lo;
}

/**
 * Batches of certificates issued together, across name templates.
 *
 * A class is one issuer, key type and validity length. Within a class, distinct certificates
 * sorted by issuance are chained while consecutive issuances are at most `gapMs` apart; a run of
 * k >= 2 certificates spanning L ms is a candidate, trimmed at either end while that lowers its
 * p-value (a stranger issued just within the gap of the first or last falls off; the trimmed
 * ends are candidates of their own). Under the null that the class's N certificates
 * were issued independently and uniformly over the span T that the other certificates of the
 * issuer cover (every certificate's span when the issuer has fewer than
 * `minIssuerCertificates` others; the batch's own certificates left out of T either way), the
 * chance that some window of length L holds k of them is at most
 *
 * p = N · P(Binomial(N - 1, (L + 1 s) / T) >= k - 1)
 *
 * (a union bound over the run's first certificate: the others fall within L after it). An
 * honest population renews at any time of day on any day, so a handful of certificates within
 * an hour of each other is rare, and tens within minutes are not chance.
 *
 * @param certs One entry per row.
 * @param options See {@link CertBatchOptions}.
 * @returns The batches, ordered by value (class, then first issuance).
 * @throws {RangeError} on a negative or non-finite gap or issuer minimum.
 *
 * @example
 * ```ts
 * const [b] = certBatches(rows.map(toBatchInput));
 * b.certificates; // 80, issued within five minutes
 * b.p; // < 1e-100
 * ```
 */
export function certBatches(
  certs: readonly BatchInput[],
  options: CertBatchOptions = {},
): CertBatch[] {
  const gap = options.gapMs ?? 3_600_000;
  const minIssuer = options.minIssuerCertificates ?? 10;
  if (!(gap >= 0) || !Number.isFinite(gap)) throw new RangeError(`gapMs ${gap} invalid`);
  if (!(minIssuer >= 0) || !Number.isFinite(minIssuer)) {
    throw new RangeError(`minIssuerCertificates ${minIssuer} invalid`);
  }
  // Distinct certificates: id -> rows, time, class, issuer.
  const distinct = new Map<string, { rows: number[]; t: number; cls: string; issuer: string }>();
  certs.forEach((c, i) => {
    if (c.issuedMs === null || !Number.isFinite(c.issuedMs)) return;
    const id = c.fingerprint ?? `row ${i}`;
    const seen = distinct.get(id);
    if (seen) {
      seen.rows.push(i);
      return;
    }
    const issuer = c.issuer ?? "?";
    const cls = [issuer, c.key ?? "?", c.validityDays === null ? "?" : `${c.validityDays}d`]
      .join(" | ");
    distinct.set(id, { rows: [i], t: c.issuedMs, cls, issuer });
  });
  const all = [...distinct.values()];
  const byClass = new Map<string, typeof all>();
  for (const d of all) byClass.set(d.cls, [...(byClass.get(d.cls) ?? []), d]);
  const out: CertBatch[] = [];
  for (const [cls, list] of byClass) {
    list.sort((a, b) => a.t - b.t || a.rows[0] - b.rows[0]);
    const n = list.length;
    /** The batch test of list[a..b] (inclusive). */
    const test = (a: number, b: number) => {
      const run = list.slice(a, b + 1);
      const inRun = new Set(run);
      const others = all.filter((d) => !inRun.has(d));
      const sameIssuer = others.filter((d) => d.issuer === run[0].issuer);
      const background = span(
        (sameIssuer.length >= minIssuer ? sameIssuer : others).map((d) => d.t),
      );
      const L = run[run.length - 1].t - run[0].t;
      const p = scanStatistic(n, run.length, L + ISSUANCE_RESOLUTION_MS, background);
      return { L, background, p };
    };
    // Runs chained by the gap; each trimmed at its ends while that lowers p (a stranger issued
    // just within the gap of a batch's first or last certificate falls off), the trimmed ends
    // tested as runs of their own.
    const runs: [number, number][] = [];
    let start = 0;
    for (let k = 1; k <= n; k++) {
      if (k < n && list[k].t - list[k - 1].t <= gap) continue;
      if (k - start >= 2) runs.push([start, k - 1]);
      start = k;
    }
    while (runs.length) {
      const [a0, b0] = runs.pop()!;
      let a = a0, b = b0;
      let best = test(a, b);
      while (b - a >= 2) {
        const left = test(a + 1, b), right = test(a, b - 1);
        const next = left.p <= right.p ? left : right;
        if (!(next.p < best.p)) break;
        if (next === left) a++;
        else b--;
        best = next;
      }
      if (a - a0 >= 2) runs.push([a0, a - 1]);
      if (b0 - b >= 2) runs.push([b + 1, b0]);
      out.push({
        value: `${cls} @ ${new Date(list[a].t).toISOString()}`,
        rows: list.slice(a, b + 1).flatMap((d) => d.rows).sort((x, y) => x - y),
        certificates: b - a + 1,
        spanMs: best.L,
        classCertificates: n,
        backgroundSpanMs: best.background,
        p: best.p,
      });
    }
  }
  return out.sort((a, b) => a.value.localeCompare(b.value));
}
