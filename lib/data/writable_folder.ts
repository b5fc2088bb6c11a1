/**
 * Whether a folder can be written (or created) before a run starts, without writing anything.
 *
 * @module
 */
import { accessSync, constants } from "node:fs";
import { dirname } from "node:path";

/** The nearest folder at or above `path` that exists, or null (a file is in the way). */
function nearestExisting(path: string): string | null {
  for (let p = path;; p = dirname(p)) {
    try {
      return Deno.statSync(p).isDirectory ? p : null;
    } catch (err) {
      if (!(err instanceof Deno.errors.NotFound)) return null;
    }
    if (dirname(p) === p) return null;
  }
}

/**
 * Why `path` cannot be used as an output folder, or null when it is a writable folder or can be
 * created as one (its nearest existing ancestor is a writable folder). Writes nothing.
 *
 * @param path The folder.
 * @returns A short reason (`"/x/y" is not a folder`, `cannot write to "/x"`), or null.
 * @example
 * ```ts
 * writableFolderProblem("data"); // null in a writable checkout
 * ```
 */
export function writableFolderProblem(path: string): string | null {
  const existing = nearestExisting(path);
  if (existing === null) return `${JSON.stringify(path)} is not a folder`;
  try {
    accessSync(existing, constants.W_OK);
  } catch {
    return `cannot write to ${JSON.stringify(existing)} (for ${JSON.stringify(path)})`;
  }
  return null;
}
