/**
 * The one reader of the lab's reference file (the file a lab run writes beside `data/`; its path
 * is always given by the caller, never looked up here): its hosts, keyed as the tables key
 * servers. The evaluations of the clustering (`lib/cluster/reference_labels.ts`) and of the
 * suspicion score (`lib/suspect/reference_verdicts.ts`) each check the fields they need.
 *
 * @module
 */

/** One host of the reference file. */
export interface ReferenceHost {
  /** Keyed as the tables key servers: host name, else onion name, else IPv4. */
  readonly server: string;
  /** Scenario kind (`scenario`, else `role`, else `unknown`): `sybil`, `honest`, ... */
  readonly kind: string;
  /** The host's record as the file holds it (each reader checks what it reads). */
  // deno-lint-ignore no-explicit-any
  readonly record: Readonly<Record<string, any>>;
}

/** Options of {@linkcode readReferenceHosts}. */
export interface ReadReferenceHostsOptions {
  /** Largest file read, bytes (the lab's file for 1,000 hosts is ~1 MB). Default: 64 MiB. */
  maxBytes?: number;
}

/**
 * Read the hosts of the lab's reference file; hosts with no host name, onion name or IPv4 are
 * left out (no table row can name them).
 *
 * @param path The reference file (given by the caller).
 * @param options See {@linkcode ReadReferenceHostsOptions}.
 * @returns The hosts in file order.
 * @throws {Error} When the file is larger than `maxBytes`, is not JSON, or has no `hosts` list.
 * @example
 * ```ts
 * const hosts = await readReferenceHosts(`${dir}/lab/${file}`);
 * hosts[0].server; // "electrumx-node-1.example"
 * ```
 */
export async function readReferenceHosts(
  path: string,
  options: ReadReferenceHostsOptions = {},
): Promise<ReferenceHost[]> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const info = await Deno.stat(path);
  if (info.size > maxBytes) throw new Error(`${path}: ${info.size} bytes, more than ${maxBytes}`);
  const j = JSON.parse(await Deno.readTextFile(path));
  if (!Array.isArray(j?.hosts)) throw new Error(`${path}: no hosts list`);
  const out: ReferenceHost[] = [];
  for (const h of j.hosts) {
    const server = h.hostname ?? h.onion ?? h.ipv4;
    if (typeof server !== "string") continue;
    out.push({ server, kind: String(h.scenario ?? h.role ?? "unknown"), record: h });
  }
  return out;
}
