/**
 * Exclusion files: address blocks a run never dials, one per line, after Bitnodes' exclusion
 * lists (`conf/crawl.conf.default`). The committed `live_exclusions.conf` is loaded by every live
 * run; `OBS_EXCLUDE_FILE` names another (or `none`).
 *
 * Format:
 *
 * ```text
 * # a comment: from "#" to the end of the line
 * 192.0.2.0/24        # an IPv4 block
 * 2001:db8::/32       # an IPv6 block
 * 198.51.100.7        # a single address (a /32 or /128)
 * ```
 *
 * Blank lines are ignored; every other line holds exactly one address or CIDR block.
 *
 * @module
 */
import { inCidr } from "../net/address.ts";

/** The committed exclusion file that live runs load by default. */
export const LIVE_EXCLUSIONS_URL: URL = new URL("./live_exclusions.conf", import.meta.url);

/**
 * Check one address or CIDR block.
 *
 * @throws {RangeError} Naming the entry (and `where`, e.g. `file:line`) when it is not one.
 */
export function checkBlock(entry: string, where = "address block"): string {
  try {
    // inCidr parses the block and its prefix length whatever address it is asked about.
    inCidr("0.0.0.0", entry);
    inCidr("::", entry);
  } catch {
    throw new RangeError(
      `${where}: ${
        JSON.stringify(entry)
      } is not an address or CIDR block (e.g. 192.0.2.0/24, 2001:db8::/32)`,
    );
  }
  return entry;
}

/**
 * Parse an exclusion file's text into its blocks, in file order.
 *
 * @param text The file's content.
 * @param name The file's name, for error messages. Default: "exclusions".
 * @throws {RangeError} Naming the file, line and entry of the first malformed line.
 * @example
 * ```ts
 * parseExclusions("# opt-outs\n192.0.2.0/24  # asked not to be scanned\n"); // ["192.0.2.0/24"]
 * ```
 */
export function parseExclusions(text: string, name = "exclusions"): string[] {
  const out: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line) continue;
    if (/\s/.test(line)) {
      throw new RangeError(
        `${name}:${i + 1}: one address or CIDR block per line, got ${
          JSON.stringify(line.slice(0, 80))
        }`,
      );
    }
    out.push(checkBlock(line, `${name}:${i + 1}`));
  }
  return out;
}

/**
 * Read and parse an exclusion file.
 *
 * @param path A path or file URL.
 * @throws {RangeError} For a malformed line. {Deno.errors.NotFound} If the file is missing.
 */
export async function loadExclusions(path: string | URL): Promise<string[]> {
  const text = await Deno.readTextFile(path);
  return parseExclusions(text, path instanceof URL ? path.pathname.split("/").pop()! : path);
}
