/**
 * The evaluation's side of the suspicion score: reads, from the lab's reference file (its path
 * is given by the caller, never looked up here), whether each host is adversarial, its
 * scenario kind and its operator. Only calibration and evaluation read it; the score does not.
 *
 * @module
 */
import { readReferenceHosts } from "../data/read_reference_hosts.ts";

/** What the lab says one host is. */
export interface ReferenceVerdict {
  /** Keyed as the tables key servers: host name, else onion name, else IPv4. */
  readonly server: string;
  readonly adversarial: boolean;
  /** Scenario kind (`sybil`, `honest`, `honest-operators`, ...). */
  readonly kind: string;
  readonly operator: string;
}

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
  return (await readReferenceHosts(path)).map(({ server, kind, record: h }) => {
    if (typeof h.adversarial !== "boolean" || typeof h.operator !== "string") {
      throw new Error(`${path}: host ${server} has no adversarial flag or operator`);
    }
    return { server, adversarial: h.adversarial, kind, operator: h.operator };
  });
}
