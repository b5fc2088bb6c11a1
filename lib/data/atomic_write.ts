/**
 * Atomic file writes: write a temporary file beside the target, flush it to disk, then rename it
 * over the target, so a reader (or a crash) never sees a half-written file.
 *
 * @module
 */

/**
 * Write `content` to `path` atomically.
 *
 * @example
 * ```ts
 * await writeFileAtomic("data/servers.csv", "a,b\n1,2\n");
 * ```
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  const f = await Deno.open(tmp, { write: true, create: true, truncate: true });
  try {
    let off = 0;
    while (off < bytes.length) off += await f.write(bytes.subarray(off));
    await f.syncData();
  } finally {
    f.close();
  }
  try {
    await Deno.rename(tmp, path);
  } catch (err) {
    await Deno.remove(tmp).catch(() => {});
    throw err;
  }
}
