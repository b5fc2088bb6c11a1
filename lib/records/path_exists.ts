/**
 * Whether a path exists on disk.
 *
 * @module
 */

/**
 * True when `path` exists (a file, a folder or anything else `Deno.stat` finds, following
 * symbolic links), false when it does not. Any other failure (permission denied, a file where a
 * folder is expected) is thrown, not taken for absence.
 *
 * @example
 * ```ts
 * if (await pathExists("data/tls.csv")) console.log("tls.csv is there");
 * ```
 */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}
