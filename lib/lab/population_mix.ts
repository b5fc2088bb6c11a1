/**
 * The mix of a lab population along the dimensions its calibration targets use (see
 * `CALIBRATION` in `population/calibration.ts`): what a crawler of the simulated network would count.
 *
 * @module
 */
import { personality } from "./servers/personalities.ts";
import type { LabHost } from "./population.ts";
import type { MixDimension } from "./population/calibration.ts";
import { PROVIDERS } from "./population/providers.ts";

/** Counts and shares of one population. */
export interface PopulationMix {
  clearnet: number;
  onion: number;
  /** Clearnet hosts offering TLS (the denominator of `tls_port` and `cert`). */
  tls: number;
  /** Share per dimension and key, 0..1. */
  shares: Record<MixDimension, Record<string, number>>;
}

/**
 * Measure a population.
 *
 * @param hosts The hosts (as `buildPopulation` returns them).
 * @param now Lab time for "expired". Default: 2026-11-01T00:00:00Z (the population's default).
 * @example
 * ```ts
 * populationMix(buildPopulation({ pickAddress: segmentAddressPicker })).shares.family.electrumx; // ~0.8
 * ```
 */
export function populationMix(
  hosts: readonly LabHost[],
  now = new Date("2026-11-01T00:00:00Z"),
): PopulationMix {
  const clear = hosts.filter((h) => !h.onion && h.role !== "hostile");
  const tlsHosts = clear.filter((h) => h.tlsPort !== null);
  const counts = {} as Record<MixDimension, Record<string, number>>;
  const add = (d: MixDimension, k: string | null) => {
    if (k === null) return;
    (counts[d] ??= {})[k] = (counts[d][k] ?? 0) + 1;
  };
  for (const h of clear) {
    const claimed = personality(h.claims ?? h.personality);
    add("family", claimed.family);
    add("personality", claimed.id);
    add("provider", h.provider);
    add("provider_class", h.provider ? PROVIDERS[h.provider].class : null);
    add("country", h.region?.country ?? null);
    if (h.tlsPort) add("transport", "tls");
    if (!h.tlsPort) add("transport", "tcp-only");
    if (!h.tcpPort) add("transport", "tls-only");
  }
  for (const h of tlsHosts) {
    add("tls_port", String(h.tlsPort));
    if (h.tlsPort !== 50002) add("tls_port", "other");
    const c = h.cert;
    if (!c) continue;
    add("cert", c.practice === "lab-ca" ? "ca-issued" : "self-signed");
    add("cert", c.practice);
    if (new Date(c.notAfter) < now) add("cert", "expired");
  }
  const shares = {} as Record<MixDimension, Record<string, number>>;
  for (const [d, m] of Object.entries(counts) as [MixDimension, Record<string, number>][]) {
    const denom = d === "tls_port" || d === "cert" ? tlsHosts.length : clear.length;
    shares[d] = Object.fromEntries(Object.entries(m).map(([k, n]) => [k, n / denom]));
  }
  return {
    clearnet: clear.length,
    onion: hosts.filter((h) => h.onion).length,
    tls: tlsHosts.length,
    shares,
  };
}
