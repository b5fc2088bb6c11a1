/**
 * Plants hostile hosts into a built lab population: one host per {@linkcode HOSTILITIES} entry
 * (cycled for larger counts), appended after every other host so the honest population, its
 * addresses, loopbacks, certificates and peer graph are exactly those of a lab without them. No
 * honest host advertises a hostile one; the crawler meets them through {@linkcode hostileSeeds}.
 *
 * The `private-peers` host also brings "phantom" hosts: address-book entries without listeners
 * whose names resolve to private, loopback, link-local, CGNAT and multicast addresses.
 *
 * @module
 */
import { classifyAddress } from "../../net/address.ts";
import { blankHost, type LabHost } from "../population.ts";
import { HOSTILITIES } from "./hostilities.ts";
import { FORMULA_PAYLOADS, MARKUP_PAYLOADS } from "./hostilities.ts";

/** Options of {@linkcode plantHostile}. */
export interface PlantHostileOptions {
  /** Hostile hosts with listeners: `true` for one per hostility, a number to cycle the catalogue. */
  count: true | number;
}

/** Names of the phantom hosts and the non-public addresses they resolve to. */
export const PHANTOMS: readonly { name: string; ipv4: string | null; ipv6: string | null }[] = [
  { name: "intranet.hostile.lab", ipv4: "10.20.30.40", ipv6: null },
  { name: "router.hostile.lab", ipv4: "192.168.1.1", ipv6: null },
  { name: "localhost.hostile.lab", ipv4: "127.0.0.1", ipv6: "::1" },
  { name: "metadata.hostile.lab", ipv4: "169.254.169.254", ipv6: null },
  { name: "mdns.hostile.lab", ipv4: "224.0.0.251", ipv6: "ff02::fb" },
  { name: "cgnat.hostile.lab", ipv4: "100.64.0.1", ipv6: null },
  { name: "ula.hostile.lab", ipv4: null, ipv6: "fd00::1" },
  { name: "linklocal6.hostile.lab", ipv4: null, ipv6: "fe80::1" },
];

/** Address literals the `private-peers` host advertises directly. */
export const PRIVATE_LITERALS = [
  "10.0.0.1",
  "127.0.0.1",
  "192.168.0.10",
  "172.16.5.4",
  "169.254.0.1",
  "224.0.0.1",
  "239.255.255.250",
  "0.0.0.0",
  "255.255.255.255",
  "100.100.100.100",
  "::1",
  "fe80::2",
  "ff02::1",
  "fc00::5",
] as const;

/** The 253-character host name of the `long-hostname` host (four labels of up to 63). */
export const LONG_HOSTNAME = `${"l".repeat(63)}.${"o".repeat(63)}.${"n".repeat(63)}.${
  "g".repeat(49)
}.hostile.lab`;

function emptyHost(index: number, id: string): LabHost {
  return {
    ...blankHost(index, "hostile", "electrumx-1.16.0", id),
    operator: `hostile-${index}`,
    reportServices: false,
  };
}

/**
 * Build the hostile hosts to append to `hosts` (which it does not modify).
 *
 * @returns The new hosts, each with `role: "hostile"` and its `hostility`.
 * @throws {RangeError} If `count` is not `true` or a positive integer.
 */
export function plantHostile(hosts: readonly LabHost[], options: PlantHostileOptions): LabHost[] {
  const count = options.count === true ? HOSTILITIES.length : options.count;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError(
      `hostile count must be true or an integer in 1..1000, got ${options.count}`,
    );
  }
  const taken = new Set(hosts.flatMap((h) => [h.ipv4, h.ipv6]).filter(Boolean));
  const names = new Set(hosts.map((h) => h.hostname).filter(Boolean));
  let next = 0;
  const freshAddress = () => {
    for (;;) {
      const n = next++;
      const ip = `5.255.${100 + Math.floor(n / 250)}.${(n % 250) + 1}`;
      if (!taken.has(ip) && classifyAddress(ip) === "public") {
        taken.add(ip);
        return ip;
      }
    }
  };
  const out: LabHost[] = [];
  const add = (id: string) => {
    // After the highest index in use (an evolved lab's indexes are not 0..n-1).
    const h = emptyHost(
      Math.max(hosts.length - 1, ...hosts.map((x) => x.index)) + 1 + out.length,
      id,
    );
    out.push(h);
    return h;
  };
  for (let k = 0; k < count; k++) {
    const hz = HOSTILITIES[k % HOSTILITIES.length];
    const round = Math.floor(k / HOSTILITIES.length);
    const suffix = round ? `-${round + 1}` : "";
    const h = add(`x-${hz.id}${suffix}`);
    h.hostility = hz.id;
    h.ipv4 = freshAddress();
    if (hz.id === "long-hostname") {
      h.hostname = round ? `${round}${LONG_HOSTNAME.slice(String(round).length)}` : LONG_HOSTNAME;
    } else if (hz.id !== "binary-garbage" && hz.id !== "immediate-close") {
      h.hostname = `${hz.id}${suffix}.hostile.lab`;
    }
    if (h.hostname && names.has(h.hostname)) h.hostname = null;
    if (h.hostname) names.add(h.hostname);
    if (hz.transport === "tcp") h.tcpPort = 50001;
    else h.tlsPort = 50002;
    if (hz.id === "absurd-certificate") {
      h.cert = {
        practice: "self-signed-hostname",
        subject: {
          C: "XX",
          O: FORMULA_PAYLOADS[0],
          OU: MARKUP_PAYLOADS[1],
          CN: MARKUP_PAYLOADS[0],
        },
        // 3-character names (base 36 from "a00", never all digits): 10,000 of them fit TLS's 64 KiB handshake message.
        sans: Array.from({ length: 10_000 }, (_, i) => (i + 12_960).toString(36)),
        notBefore: "2026-01-01T00:00:00.000Z",
        notAfter: "9999-12-31T23:59:59.000Z",
        key: "ec256",
        keyId: h.id,
        certId: h.id,
      };
    }
    if (hz.id === "garbage-tls") h.cert = null;
    if (hz.id === "private-peers") {
      const entry = (
        addr: string,
        host: string,
      ): [string, string, string[]] => [addr, host, ["v1.4.2", "s50002", "t50001"]];
      for (const ip of PRIVATE_LITERALS) h.bogusPeers.push(entry(ip, ip));
      for (const p of PHANTOMS) h.bogusPeers.push(entry("", p.name));
      h.bogusPeers.push(entry("169.254.169.254", "metadata.hostile.lab"));
      h.bogusPeers.push(entry("", `${"x".repeat(10_000)}.hostile.lab`));
      h.bogusPeers.push(entry("", "nxdomain.hostile.lab"));
    }
  }
  if (out.some((h) => h.hostility === "private-peers")) {
    for (const p of PHANTOMS) {
      const h = add(`x-phantom-${p.name.split(".")[0]}`);
      h.hostility = "private-target";
      h.hostname = p.name;
      h.ipv4 = p.ipv4;
      h.ipv6 = p.ipv6;
    }
  }
  return out;
}

/** Seed entries reaching every hostile host with a listener. */
export function hostileSeeds(
  hosts: readonly LabHost[],
): { host: string; t?: number; s?: number }[] {
  return hosts.filter((h) => h.role === "hostile" && (h.tcpPort || h.tlsPort)).map((h) => ({
    host: h.hostname ?? h.ipv4!,
    ...(h.tcpPort ? { t: h.tcpPort } : {}),
    ...(h.tlsPort ? { s: h.tlsPort } : {}),
  }));
}
