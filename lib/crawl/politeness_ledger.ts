/**
 * The politeness ledger on disk: the error units one scan left with the servers it probed
 * ({@linkcode PolitenessLedger}), kept in a JSON file so that the next scan of the same servers
 * starts from them. Format:
 *
 * ```json
 * {"at":"2026-12-03T19:00:00.000Z","addresses":{"203.0.113.9":1700,"abc.onion":1200}}
 * ```
 *
 * @module
 */
import type { PolitenessLedger } from "./politeness.ts";
import { writeFileAtomic } from "../data/atomic_write.ts";
import { readJsonObject } from "./read_json_object.ts";

/** Largest ledger file read, bytes. */
export const MAX_LEDGER_BYTES = 16 * 1024 * 1024;

/**
 * Read a ledger written by {@linkcode writePolitenessLedger}.
 *
 * @param path The ledger file.
 * @returns The ledger, or null when the file does not exist (no earlier scan: full budgets).
 * @throws {TypeError} Naming the file and what is wrong with it (too large, not JSON, a bad field).
 * @example
 * ```ts
 * const carried = await readPolitenessLedger("data/lab-runs/lab-x/politeness_ledger.json");
 * const politeness = new Politeness(carried ? { carried } : {});
 * ```
 */
export async function readPolitenessLedger(path: string): Promise<PolitenessLedger | null> {
  const j = await readJsonObject(path, "politeness ledger", MAX_LEDGER_BYTES);
  if (j === null) return null;
  const bad = (why: string) => new TypeError(`politeness ledger ${path}: ${why}`);
  if (typeof j?.at !== "string" || !Number.isFinite(Date.parse(j.at))) throw bad("bad `at`");
  const v = j.addresses;
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw bad("bad `addresses`");
  for (const [k, n] of Object.entries(v)) {
    if (typeof n !== "number" || !(n >= 0)) throw bad(`bad units for ${JSON.stringify(k)}`);
  }
  return { at: j.at, addresses: v as Record<string, number> };
}

/**
 * Write a ledger (atomically: a reader sees the old file or the new one).
 *
 * @param path The ledger file.
 * @param ledger What `Politeness.ledger()` returned at the end of the scan.
 */
export async function writePolitenessLedger(path: string, ledger: PolitenessLedger): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(ledger) + "\n");
}
