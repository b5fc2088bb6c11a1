/**
 * What an error request costs on ElectrumX (reference §7.1): the probes that provoke errors spend
 * these units from the collector's per-address budget (`crawl/politeness.ts`).
 *
 * @module
 */

/** Cost units of the error probes, as ElectrumX charges them (reference §7.1). */
export const ERROR_COST = { parseError: 1100, error: 100 } as const;
