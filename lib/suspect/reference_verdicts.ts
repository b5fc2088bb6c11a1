/**
 * The evaluation's side of the suspicion score: reads, from the lab's reference file (its path
 * is given by the caller, never looked up here), whether each host is adversarial, its
 * scenario kind and its operator. Only calibration and evaluation read it; the score does not.
 *
 * @module
 */

/** What the lab says one host is. */
export interface ReferenceVerdict {
  /** Keyed as the tables key servers: host name, else onion name, else IPv4. */
  readonly server: string;
  readonly adversarial: boolean;
  /** Scenario kind (`sybil`, `honest`, `honest-operators`, ...). */
  readonly kind: string;
  readonly operator: string;
}

/** Bytes of the reference file read, at most. */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * Read the lab's reference verdicts.
 *
 * @param path The lab's reference file (given by the caller).
 * @throws {Error} When the file is too large or not of the expected shape.
 * @example
 * ```ts
 * const verdicts = await loadReferenceVerdicts(result.files.labTruth!);
 * ```
 */
export async function loadReferenceVerdicts(path: string): Promise<ReferenceVerdict[]> {
  const info = await Deno.stat(path);
  if (info.size > MAX_BYTES) throw new Error(`${path}: ${info.size} bytes, more than ${MAX_BYTES}`);
  const j = JSON.parse(await Deno.readTextFile(path));
  if (!Array.isArray(j?.hosts)) throw new Error(`${path}: no hosts list`);
  const out: ReferenceVerdict[] = [];
  for (const h of j.hosts) {
    const server = h.hostname ?? h.onion ?? h.ipv4;
    if (typeof server !== "string") continue;
    if (typeof h.adversarial !== "boolean" || typeof h.operator !== "string") {
      throw new Error(`${path}: host ${server} has no adversarial flag or operator`);
    }
    out.push({
      server,
      adversarial: h.adversarial,
      kind: String(h.scenario ?? h.role ?? "unknown"),
      operator: h.operator,
    });
  }
  return out;
}
