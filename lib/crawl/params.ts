/**
 * Run parameters of the collecting job, from environment variables (the report task passes them
 * through to the notebooks), with the lab as the default target.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | `OBS_TARGET` | `lab`, `live` or `local` | `lab` |
 * | `OBS_LAB_SIZE` | clearnet lab servers (onion-only ones scale with it) | 350 |
 * | `OBS_SEED` | lab seed | `electrum-observatory` |
 * | `OBS_LATENCY` | lab latency scale, 0 to switch simulated latency off | 1 |
 * | `OBS_SEEDS` | seed list for `local` (and `live`), `host:port:t,host:port:s` | the committed live list |
 * | `OBS_LIVE` | must be `1` to allow the live target | unset |
 * | `OBS_TOR` | SOCKS5 proxy for onions in live mode, `ip:port` | `127.0.0.1:9050` |
 * | `OBS_CONCURRENCY` | servers probed at once | 256 for the lab, 64 otherwise |
 * | `OBS_LAB_HOSTILE` | `1` to plant the hostile lab hosts (lib/lab/hostile) and seed the crawl with them | unset |
 * | `OBS_DENY` | address blocks never dialled, comma-separated (`192.0.2.0/24,2001:db8::/32`) | none |
 * | `OBS_ALLOW` | if set, only these address blocks are dialled, comma-separated | all the target allows |
 * | `OBS_EXCLUDE_FILE` | an exclusion file (`exclusions.ts` format) whose blocks join the deny list, or `none` | `lib/crawl/live_exclusions.conf` for `live`, none otherwise |
 * | `OBS_TIMING` | the timing phase after the crawl: `on`, `off`, or the most samples per server (1..32) | `on` (up to 10 samples) |
 * | `OBS_LAB_WEEK` | weeks the lab has evolved since it was built (lib/lab/evolve.ts: a new fleet, retired servers, renewed certificates, upgraded versions per week), 0..52; scan again with the clock 7 days later and this one higher to see the same network a week on | 0 |
 * | `OBS_VANTAGE` | the vantage point's coordinates, `LAT,LON` in degrees (the lab simulates latency from it; the score checks geolocations against round trips with it) | `50.11,8.68` (Frankfurt) for `lab`, unknown otherwise |
 * | `OBS_LAB_CLOCK` | the lab's clock (certificate dates), `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`, UTC, 2026-03-15 to 2034-12-31 | start of the current UTC day |
 *
 * @module
 */
import type { TargetMode } from "../net/dial.ts";
import { isLoopback } from "../net/address.ts";
import type { Seed } from "./crawl.ts";
import { checkBlock, LIVE_EXCLUSIONS_URL } from "./exclusions.ts";

/** The parameters of one collecting run. */
export interface RunParams {
  target: TargetMode;
  labSize: number;
  seed: string;
  latency: number;
  seeds: Seed[] | null;
  tor: { ip: string; port: number };
  concurrency: number;
  /** Plant the hostile lab hosts (`OBS_LAB_HOSTILE=1`). Default: false. */
  labHostile?: boolean;
  /** The lab's clock, which dates its certificates (`OBS_LAB_CLOCK`). Default: null, the start of
   * the current UTC day when the lab starts. */
  labClock?: Date | null;
  /** Weeks the lab has evolved since it was built (`OBS_LAB_WEEK`, 0..52). Default: 0. */
  labWeek?: number;
  /** Address blocks never dialled (`OBS_DENY`). Default: none. */
  deny?: string[];
  /** If non-empty, only these blocks are dialled (`OBS_ALLOW`). Default: none (no restriction). */
  allow?: string[];
  /** Exclusion file whose blocks join `deny` (`OBS_EXCLUDE_FILE`); null for none. Default: the
   * committed `live_exclusions.conf` for the live target, null otherwise. */
  excludeFile?: string | URL | null;
  /** The timing phase after the crawl (`OBS_TIMING`): the most samples per server, or `false` to
   * skip it. Default: `undefined`, the phase's own default (`timing.ts`). */
  timing?: number | false;
  /** The vantage point's coordinates in degrees (`OBS_VANTAGE`), or null when unknown. Default:
   * Frankfurt (50.11, 8.68) for the lab, whose simulated latency starts there; null otherwise. */
  vantage?: { latitude: number; longitude: number } | null;
}

/**
 * Parse `OBS_TIMING`: `on` (or unset) for the timing phase's defaults, `off` to skip it, or an
 * integer 1..32, the most samples per server.
 *
 * @throws {RangeError} Naming the variable and the value, for anything else.
 * @example
 * ```ts
 * parseTiming("off"); // false
 * parseTiming("4"); // 4
 * ```
 */
export function parseTiming(text: string | undefined): number | false | undefined {
  const t = (text ?? "on").trim().toLowerCase();
  if (t === "on" || t === "") return undefined;
  if (t === "off") return false;
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isInteger(n) || n < 1 || n > 32) {
    throw new RangeError(
      `OBS_TIMING must be on, off, or the most samples per server (an integer in 1..32), got ${
        JSON.stringify(text)
      }`,
    );
  }
  return n;
}

/** Parse a comma-separated list of address blocks, naming the variable in errors. */
function blocks(text: string | undefined, name: string): string[] {
  return (text ?? "").split(",").map((b) => b.trim()).filter(Boolean).map((b) =>
    checkBlock(b, name)
  );
}

/** The lab's vantage point when `OBS_VANTAGE` does not name one: Frankfurt, DE, in degrees. */
export const LAB_VANTAGE: { readonly latitude: number; readonly longitude: number } = {
  latitude: 50.11,
  longitude: 8.68,
};

const CLOCK_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?Z)?$/;

/**
 * Parse a lab clock: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SS[.sss]Z`, from
 * 2026-03-15 (after the lab's fixed certificate dates) to 2034-12-31 (while the lab CA is valid).
 *
 * @throws {RangeError} Naming the value, when it is not such a date.
 * @example
 * ```ts
 * parseLabClock("2026-11-01").toISOString(); // "2026-11-01T00:00:00.000Z"
 * ```
 */
export function parseLabClock(text: string): Date {
  const m = text.trim().match(CLOCK_RE);
  const d = m ? new Date(m[4] ? text.trim() : `${text.trim()}T00:00:00Z`) : null;
  // Date accepts 2026-02-31 by rolling over; a real calendar date reads back as itself.
  if (
    !m || !d || Number.isNaN(d.getTime()) ||
    d.toISOString().slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}`
  ) {
    throw new RangeError(
      `OBS_LAB_CLOCK must be a UTC date, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got ${
        JSON.stringify(text)
      }`,
    );
  }
  // After the lab's fixed issuance dates (the planted fleet's certificates, 2026-03-14) and while
  // the lab CA's intermediate is valid (to 2035-01-01, lib/tls/make_lab_ca.ts).
  if (d < new Date("2026-03-15T00:00:00Z") || d >= new Date("2035-01-01T00:00:00Z")) {
    throw new RangeError(
      `OBS_LAB_CLOCK must lie in 2026-03-15..2034-12-31 (after the lab's fixed certificate dates, while the lab CA is valid), got ${
        JSON.stringify(text)
      }`,
    );
  }
  return d;
}

/**
 * Parse a seed list: `host:port:t,host:port:s` (IPv6 in brackets: `[::1]:50001:t`).
 *
 * @throws {TypeError} Naming the entry that is malformed.
 */
export function parseSeeds(text: string): Seed[] {
  const byHost = new Map<string, Seed>();
  for (const raw of text.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = raw.match(/^(\[[0-9a-fA-F:.]+\]|[^:\s]+):(\d{1,5}):([ts])$/);
    if (!m) {
      throw new TypeError(`Bad seed ${JSON.stringify(raw)}: expected host:port:t or host:port:s`);
    }
    const host = m[1].replace(/^\[|\]$/g, "");
    const port = Number(m[2]);
    if (port < 1 || port > 65535) throw new TypeError(`Bad port in seed ${JSON.stringify(raw)}`);
    const s = byHost.get(host) ?? { host };
    if (m[3] === "t") s.t = port;
    else s.s = port;
    byHost.set(host, s);
  }
  return [...byHost.values()];
}

/**
 * Read the run parameters from an environment.
 *
 * @param env Variables to read. Default: the process environment.
 * @throws {RangeError} For an unknown target, a bad size, a bad lab clock, a bad address block in
 *   `OBS_DENY` / `OBS_ALLOW`, a bad `OBS_TIMING`, live without `OBS_LIVE=1`, or a local target without seeds or with a
 *   seed off this machine. {TypeError} For a malformed seed.
 */
export function runParams(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): RunParams {
  const target = (env.OBS_TARGET ?? "lab") as TargetMode;
  if (!["lab", "live", "local"].includes(target)) {
    throw new RangeError(`OBS_TARGET must be lab, live or local, got ${JSON.stringify(target)}`);
  }
  if (target === "live" && env.OBS_LIVE !== "1") {
    throw new RangeError(
      "The live target sends traffic to the public Electrum network: set OBS_LIVE=1 to confirm",
    );
  }
  const labSize = Number(env.OBS_LAB_SIZE ?? 350);
  if (!Number.isInteger(labSize) || labSize < 10 || labSize > 5000) {
    throw new RangeError(`OBS_LAB_SIZE must be an integer in 10..5000, got ${env.OBS_LAB_SIZE}`);
  }
  const latency = Number(env.OBS_LATENCY ?? 1);
  if (!(latency >= 0 && latency <= 10)) {
    throw new RangeError(`OBS_LATENCY must be in 0..10, got ${env.OBS_LATENCY}`);
  }
  const [torIp, torPort] = (env.OBS_TOR ?? "127.0.0.1:9050").split(/:(?=\d+$)/);
  // The lab is ours to load (the politeness limits per address and per second still apply);
  // a live or local run keeps to 64 servers at once.
  const concurrency = Number(env.OBS_CONCURRENCY ?? (target === "lab" ? 256 : 64));
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 1000) {
    throw new RangeError(`OBS_CONCURRENCY must be in 1..1000, got ${env.OBS_CONCURRENCY}`);
  }
  const labWeek = Number(env.OBS_LAB_WEEK ?? 0);
  if (!Number.isInteger(labWeek) || labWeek < 0 || labWeek > 52) {
    throw new RangeError(
      `OBS_LAB_WEEK must be a whole number of weeks in 0..52, got ${env.OBS_LAB_WEEK}`,
    );
  }
  const seeds = env.OBS_SEEDS ? parseSeeds(env.OBS_SEEDS) : null;
  if (target === "local") checkLocalSeeds(seeds);
  const vantage = env.OBS_VANTAGE
    ? parseVantage(env.OBS_VANTAGE)
    : target === "lab"
    ? { ...LAB_VANTAGE }
    : null;
  return {
    target,
    labSize,
    seed: env.OBS_SEED ?? "electrum-observatory",
    latency,
    seeds,
    tor: { ip: torIp, port: Number(torPort) },
    concurrency,
    labHostile: env.OBS_LAB_HOSTILE === "1",
    labClock: env.OBS_LAB_CLOCK ? parseLabClock(env.OBS_LAB_CLOCK) : null,
    labWeek,
    deny: blocks(env.OBS_DENY, "OBS_DENY"),
    allow: blocks(env.OBS_ALLOW, "OBS_ALLOW"),
    timing: parseTiming(env.OBS_TIMING),
    vantage,
    excludeFile: env.OBS_EXCLUDE_FILE === "none"
      ? null
      : env.OBS_EXCLUDE_FILE || (target === "live" ? LIVE_EXCLUSIONS_URL : null),
  };
}

/**
 * Parse `OBS_VANTAGE`: `LAT,LON` in degrees.
 *
 * @throws {RangeError} For anything but two numbers within -90..90 and -180..180.
 */
export function parseVantage(v: string): { latitude: number; longitude: number } {
  const parts = v.split(",");
  const [latitude, longitude] = parts.map((x) => (x.trim() === "" ? NaN : Number(x)));
  if (
    parts.length !== 2 || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)
  ) {
    throw new RangeError(
      `OBS_VANTAGE must be LAT,LON in degrees (-90..90, -180..180), got ${JSON.stringify(v)}`,
    );
  }
  return { latitude, longitude };
}

/**
 * The local target dials only this machine: it needs seeds, and every seed must be an address on
 * 127.0.0.0/8 or ::1 (or `localhost`), so nothing runs against a seed the address guard would
 * refuse anyway.
 *
 * @throws {RangeError} Naming `OBS_SEEDS` and the first seed off this machine.
 */
function checkLocalSeeds(seeds: Seed[] | null): void {
  if (!seeds?.length) {
    throw new RangeError(
      "The local target needs OBS_SEEDS, e.g. OBS_SEEDS=127.0.0.5:50001:t,127.0.0.5:50002:s",
    );
  }
  const off = seeds.find((s) => s.host !== "localhost" && !isLoopback(s.host));
  if (off) {
    throw new RangeError(
      `OBS_SEEDS: the local target dials only 127.0.0.0/8 and ::1, not ${JSON.stringify(off.host)}`,
    );
  }
}
