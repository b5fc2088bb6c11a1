/**
 * Reads a claimed software string (`server.version`'s first element) into a family and version.
 * This is the *claim*; the implementation inferred from wire behaviour is separate.
 *
 * @module
 */

/** A claimed implementation. */
export interface SoftwareClaim {
  family:
    | "ElectrumX"
    | "Fulcrum"
    | "electrs"
    | "electrs-esplora"
    | "mempool-electrs"
    | "EPS"
    | "other";
  version: string | null;
}

/**
 * @example
 * ```ts
 * softwareFamily("Fulcrum 2.1.1"); // { family: "Fulcrum", version: "2.1.1" }
 * ```
 */
export function softwareFamily(software: string): SoftwareClaim {
  const s = software.trim();
  const v = (re: RegExp) => s.match(re)?.[1] ?? null;
  if (/^ElectrumX\b/i.test(s)) {
    return { family: "ElectrumX", version: v(/ElectrumX\s+v?([\w.\-]+)/i) };
  }
  if (/^Fulcrum\b/i.test(s)) return { family: "Fulcrum", version: v(/Fulcrum\s+v?([\w.\-]+)/i) };
  if (/^electrs-esplora\b/i.test(s)) {
    return { family: "electrs-esplora", version: v(/electrs-esplora\s+v?([\w.\-]+)/i) };
  }
  if (/^mempool-electrs\b/i.test(s)) {
    return { family: "mempool-electrs", version: v(/mempool-electrs\s+v?([\w.\-]+)/i) };
  }
  if (/^electrs\b/i.test(s)) return { family: "electrs", version: v(/electrs[\/\s]v?([\w.\-]+)/i) };
  if (/^ElectrumPersonalServer\b/i.test(s)) {
    return { family: "EPS", version: v(/ElectrumPersonalServer\s+v?([\w.\-]+)/i) };
  }
  return { family: "other", version: null };
}
