/**
 * `deno task compare A B`: what changed between two archived scans (`data/archive/`). A and B
 * are scan ids, `previous` or `latest` (the default is `previous latest`); `--list` prints the
 * scan index; `--archive DIR` reads another archive; `--json` prints the comparison as JSON.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { dataDir } from "../data/paths.ts";
import { readScanIndex } from "../records/archive_scan.ts";
import { loadArchivedScan } from "./load_archived_scan.ts";
import { compareScans } from "./compare_scans.ts";
import { comparisonLines } from "./comparison_lines.ts";

/** Usage of `deno task compare`. */
export const COMPARE_USAGE = `deno task compare [A B] [--archive DIR] [--json] [--list] [--help]

Compares two archived scans (every scan is kept in data/archive/, compressed): new, gone and
changed servers, version/implementation/certificate changes, new operator groups, suspicion tier
changes and first-seen bursts. A and B are scan ids, "previous" or "latest" (default:
previous latest). --list prints the scan index. Exit codes: 0 ok, 2 bad arguments or unknown scan.`;

/**
 * Run the compare command.
 *
 * @param args Command-line arguments.
 * @param write Where output lines go. Default: `console.log`.
 * @returns The exit code: 0 ok, 2 usage or unknown scan.
 */
export async function compareMain(
  args: readonly string[],
  write: (line: string) => void = console.log,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        archive: { type: "string" },
        json: { type: "boolean" },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    write(`compare: ${e instanceof Error ? e.message : e} (--help for usage)`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    write(COMPARE_USAGE);
    return 0;
  }
  const archive = values.archive ?? `${dataDir()}/archive`;
  if (values.list) {
    for (const s of await readScanIndex(archive)) {
      write(
        `${s.scan_id}\t${s.target}\t${s.started_at ?? ""}\t${s.servers ?? ""} servers${
          s.lab ? `\tlab seed ${s.lab.seed} clock ${s.lab.clock} week ${s.lab.week}` : ""
        }`,
      );
    }
    return 0;
  }
  if (positionals.length !== 0 && positionals.length !== 2) {
    write("compare: give two scans (A B) or none (previous latest); --help for usage");
    return 2;
  }
  const [ra, rb] = positionals.length ? positionals : ["previous", "latest"];
  try {
    const c = compareScans(
      await loadArchivedScan(archive, ra),
      await loadArchivedScan(archive, rb),
    );
    if (values.json) write(JSON.stringify(c, null, 2));
    else for (const line of comparisonLines(c)) write(line);
    return 0;
  } catch (e) {
    if (e instanceof RangeError) {
      write(`compare: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (import.meta.main) Deno.exit(await compareMain(Deno.args));
