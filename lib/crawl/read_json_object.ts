/**
 * Read a small JSON file the crawl keeps beside a scan or a running lab (the address map, the
 * politeness ledger): bounded in size, errors naming the file.
 *
 * @module
 */

/**
 * Read `path` as one JSON value, at most `maxBytes` long.
 *
 * @param path The file.
 * @param what What the file is, for errors (`"address map"`).
 * @param maxBytes Largest size read, bytes.
 * @returns The parsed object, or null when there is no such file.
 * @throws {TypeError} `<what> <path>: <why>` when it is not a file, too large, not JSON or not a
 *   JSON object.
 * @example
 * ```ts
 * const j = await readJsonObject("data/scans/live_politeness_ledger.json", "politeness ledger", 1 << 24);
 * ```
 */
export async function readJsonObject(
  path: string,
  what: string,
  maxBytes: number,
): Promise<Record<string, unknown> | null> {
  const info = await Deno.stat(path).catch(() => null);
  if (!info) return null;
  const bad = (why: string) => new TypeError(`${what} ${path}: ${why}`);
  if (!info.isFile) throw bad("not a file");
  if (info.size > maxBytes) throw bad(`larger than ${maxBytes} bytes`);
  let j: unknown;
  try {
    j = JSON.parse(await Deno.readTextFile(path));
  } catch {
    throw bad("not JSON");
  }
  if (typeof j !== "object" || j === null || Array.isArray(j)) throw bad("not a JSON object");
  return j as Record<string, unknown>;
}
