/**
 * The lab a week later: a seed-driven evolution of a built population, so that two scans a
 * simulated week apart differ in known ways and the comparison of scans (`lib/history/`) can be
 * tested end to end. Each week (from its own random stream, `seed` and the week number):
 *
 * - **a fleet appears**: {@linkcode FLEET_SIZE} ElectrumX servers of one new operator, named from
 *   one numbered template (`node-<n>.<domain>`), in one provider's /24, sharing one TLS key, one
 *   banner and one donation address, their certificates issued seconds apart at the start of the
 *   week (how the 2018 phishing fleet and the 2025 cloud fleet appeared); the peer root advertises
 *   them, and they advertise each other;
 * - **servers retire**: {@linkcode RETIRED_PER_WEEK} honest clearnet servers go away (the hosts
 *   they advertised are advertised by the peer root instead, so nothing else drops out of sight);
 * - **certificates are renewed**: {@linkcode RENEWED_PER_WEEK} honest servers with a certificate of
 *   their own get a new one (same key, same validity length, issued at an unrelated time within
 *   the week before the scan);
 * - **versions are upgraded**: {@linkcode UPGRADED_PER_WEEK} honest servers move to the next
 *   release of their implementation.
 *
 * Deterministic: the same hosts, seed and weeks give the same result. The changes are returned
 * as data (the ground truth of the comparison); no detector reads them.
 *
 * @module
 */
import { makeRng, type Rng } from "./rng.ts";
import { type LabHost, loopbackFor, peerRoot } from "./population.ts";
import { PERSONALITIES, personality } from "./servers/personalities.ts";
import { compareVersions } from "../electrum/compare_versions.ts";

/** Servers in each week's new fleet. */
export const FLEET_SIZE = 6;
/** Honest servers retired each week. */
export const RETIRED_PER_WEEK = 3;
/** Honest servers whose certificate is renewed each week. */
export const RENEWED_PER_WEEK = 3;
/** Honest servers upgraded to the next release each week. */
export const UPGRADED_PER_WEEK = 3;

const DAY_MS = 86_400_000;

/** What one week changed, by host. */
export interface LabWeekChanges {
  week: number;
  /** The fleet's operator and its hosts' names. */
  fleet: { operator: string; template: string; servers: string[] };
  /** Names ({@linkcode hostName}) of the retired servers. */
  retired: string[];
  /** Names of the servers with a renewed certificate. */
  renewed: string[];
  /** Servers upgraded, with the software they claimed before and after. */
  upgraded: { server: string; from: string; to: string }[];
}

/** Options of {@linkcode evolvePopulation}. */
export interface EvolveOptions {
  /** Seed of the evolution (use the lab's). Required. */
  seed: string | number;
  /** Weeks to evolve, 0..52 (0 returns the hosts unchanged). Required. */
  weeks: number;
  /** The clock the population was built at; week `w` starts `w` x 7 days after it. Required. */
  builtAt: Date;
}

/** A host's name as servers.csv keys it: its hostname, else its onion name, else its IPv4
 * address (the id only for a host with none of them). */
export function hostName(h: LabHost): string {
  return h.hostname ?? h.onion ?? h.ipv4 ?? h.id;
}

/**
 * Evolve a built population by `weeks` weeks.
 *
 * @param hosts The built hosts (not modified).
 * @param options Seed, weeks and the build clock.
 * @returns The evolved hosts and what each week changed.
 * @throws {RangeError} If `weeks` is not a whole number in 0..52, or the population has too
 *   few honest servers to evolve (fewer than 10).
 * @example
 * ```ts
 * const { hosts, changes } = evolvePopulation(built, { seed: "s", weeks: 1, builtAt: clock });
 * changes[0].fleet.servers.length; // 6
 * ```
 */
export function evolvePopulation(
  hosts: readonly LabHost[],
  options: EvolveOptions,
): { hosts: LabHost[]; changes: LabWeekChanges[] } {
  const { weeks } = options;
  if (!Number.isInteger(weeks) || weeks < 0 || weeks > 52) {
    throw new RangeError(`evolvePopulation: weeks must be a whole number 0..52, got ${weeks}`);
  }
  let current = hosts.map((h) => structuredClone(h));
  const changes: LabWeekChanges[] = [];
  for (let w = 1; w <= weeks; w++) {
    const rng = makeRng(`${options.seed}/evolve/week-${w}`);
    const weekStart = new Date(options.builtAt.getTime() + w * 7 * DAY_MS);
    const out = evolveWeek(current, w, weekStart, rng);
    current = out.hosts;
    changes.push(out.changes);
  }
  return { hosts: current, changes };
}

/** Honest clearnet servers nobody depends on: no relay forwards to them, not the peer root. */
function candidates(hosts: LabHost[], root: LabHost | undefined): LabHost[] {
  const upstreams = new Set(hosts.map((h) => h.upstream).filter((u) => u !== null));
  return hosts.filter((h) =>
    h.role === "honest" && h.scenario === "honest" && !h.onion && h !== root &&
    !upstreams.has(h.id) && h.claims === null && h.modification === null &&
    !h.operator.startsWith("fleet-")
  );
}

function take<T>(xs: readonly T[], n: number, rng: Rng): T[] {
  const a = [...xs];
  const out: T[] = [];
  while (out.length < n && a.length) out.push(a.splice(rng.int(0, a.length - 1), 1)[0]);
  return out;
}

/** The next release of a personality's family, or null when it is the newest. */
function nextRelease(id: string): string | null {
  const p = personality(id);
  const later = Object.entries(PERSONALITIES)
    .filter(([, q]) => q.family === p.family && compareVersions(q.version, p.version) > 0)
    .sort(([, a], [, b]) => compareVersions(a.version, b.version));
  return later[0]?.[0] ?? null;
}

function evolveWeek(
  hosts: LabHost[],
  week: number,
  weekStart: Date,
  rng: Rng,
): { hosts: LabHost[]; changes: LabWeekChanges } {
  const root = peerRoot(hosts);
  const pool = candidates(hosts, root);
  if (pool.length < 10 || !root) {
    throw new RangeError(
      `evolvePopulation: ${pool.length} honest servers to evolve (at least 10 needed: a larger lab)`,
    );
  }
  // Disjoint picks: a server is retired, renewed or upgraded, never two of them in one week.
  // Retirees hold no pooled RSA key: the lab hands RSA keys out in host order, so removing one
  // would shift every later host's key and certificate (a change no operator made).
  const retirable = pool.filter((h) =>
    !h.cert || h.cert.key !== "rsa2048" || h.cert.practice === "eps-default"
  );
  const retired = take(retirable, RETIRED_PER_WEEK, rng.fork("retire"));
  const rest = pool.filter((h) => !retired.includes(h));
  const certCount = new Map<string, number>();
  for (const h of hosts) {
    if (h.cert) certCount.set(h.cert.certId, (certCount.get(h.cert.certId) ?? 0) + 1);
  }
  const renewable = rest.filter((h) =>
    h.cert !== null && h.tlsPort !== null && certCount.get(h.cert.certId) === 1 &&
    h.cert.practice !== "eps-default"
  );
  const renewed = take(renewable, RENEWED_PER_WEEK, rng.fork("renew"));
  const upgradable = rest.filter((h) =>
    !renewed.includes(h) && nextRelease(h.personality) !== null &&
    personality(h.personality).family !== "esplora"
  );
  const upgraded = take(upgradable, UPGRADED_PER_WEEK, rng.fork("upgrade"));

  const gone = new Set(retired.map((h) => h.id));
  const orphans = new Set(retired.flatMap((h) => h.peers).filter((id) => !gone.has(id)));
  const next = hosts.filter((h) => !gone.has(h.id));
  for (const h of next) h.peers = h.peers.filter((id) => !gone.has(id));
  const rootNow = next.find((h) => h.id === root.id)!;
  for (const id of orphans) if (!rootNow.peers.includes(id)) rootNow.peers.push(id);

  for (const h of renewed) {
    // Independent operators renew at unrelated times within the week, for the validity their
    // software or CA always gives (renewals in one hour would be a batch, as a fleet's are).
    const cert = h.cert!;
    const start = new Date(
      weekStart.getTime() - 7 * DAY_MS +
        rng.fork(`renew-${h.id}`).int(0, 7 * 86_400 - 1) * 1000,
    );
    const validity = Date.parse(cert.notAfter) - Date.parse(cert.notBefore);
    h.cert = {
      ...cert,
      certId: `${cert.certId}/renewed-week-${week}`,
      notBefore: start.toISOString(),
      notAfter: new Date(start.getTime() + validity).toISOString(),
    };
  }
  const upgrades = upgraded.map((h) => {
    const from = personality(h.personality).software;
    h.personality = nextRelease(h.personality)!;
    return { server: hostName(h), from, to: personality(h.personality).software };
  });

  const fleet = plantFleet(next, rootNow, week, weekStart, rng.fork("fleet"));
  return {
    hosts: [...next, ...fleet.hosts],
    changes: {
      week,
      fleet: {
        operator: fleet.operator,
        template: fleet.template,
        servers: fleet.hosts.map(hostName),
      },
      retired: retired.map(hostName),
      renewed: renewed.map(hostName),
      upgraded: upgrades,
    },
  };
}

/** The week's fleet: clones of an honest ElectrumX server in one /24, advertised by the root. */
function plantFleet(
  hosts: LabHost[],
  root: LabHost,
  week: number,
  weekStart: Date,
  rng: Rng,
): { hosts: LabHost[]; operator: string; template: string } {
  const bases = hosts.filter((h) =>
    h.role === "honest" && h.scenario === "honest" && !h.onion && h.ipv4 !== null &&
    h.tcpPort !== null && h.tlsPort !== null && personality(h.personality).family === "electrumx"
  );
  const base = bases[rng.int(0, bases.length - 1)];
  const operator = `fleet-week-${week}`;
  // Letters only, so the name template is `node-<N>.<domain>` with one numbered part.
  const letters = Array.from({ length: 5 }, () => String.fromCharCode(97 + rng.int(0, 25))).join(
    "",
  );
  const domain = `cloud${letters}.lab`;
  const prefix = base.ipv4!.split(".").slice(0, 3).join(".");
  const used = new Set(hosts.map((h) => h.ipv4));
  const octets: number[] = [];
  for (let o = 10; o < 250 && octets.length < FLEET_SIZE; o++) {
    if (!used.has(`${prefix}.${o}`)) octets.push(o);
  }
  const firstIndex = Math.max(...hosts.map((h) => h.index)) + 1;
  const issued = weekStart.getTime() - DAY_MS + rng.int(0, 3600) * 1000;
  const fleet = octets.map((o, i): LabHost => {
    const n = i + 1;
    const hostname = `node-${n}.${domain}`;
    const notBefore = new Date(issued + i * 7_000);
    return {
      ...structuredClone(base),
      id: `w${week}-fleet-${n}`,
      index: firstIndex + i,
      loopback: loopbackFor(firstIndex + i),
      operator,
      hostname,
      ipv4: `${prefix}.${o}`,
      ipv6: null,
      peers: [],
      bogusPeers: [],
      upstream: null,
      cert: {
        practice: "self-signed-hostname",
        subject: { CN: hostname },
        sans: [hostname],
        notBefore: notBefore.toISOString(),
        notAfter: new Date(notBefore.getTime() + 90 * DAY_MS).toISOString(),
        key: "ec256",
        keyId: `${operator}-key`,
        certId: `${operator}-${n}`,
      },
      settings: {
        ...base.settings,
        banner: `Welcome to ${domain}, fast and reliable node $SERVER_VERSION`,
        donation: base.settings.donation ? base.settings.donation : null,
      },
    };
  });
  // Each advertises the others starting after itself: ElectrumX lists at most two peers per /16
  // past its first four, so a fixed order would hide the last host from every list.
  fleet.forEach((h, i) => {
    h.peers = [...fleet.slice(i + 1), ...fleet.slice(0, i)].map((x) => x.id);
  });
  root.peers.push(...fleet.map((h) => h.id));
  return { hosts: fleet, operator, template: `node-<N>.${domain}` };
}
