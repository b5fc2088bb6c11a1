/**
 * The certificate request of a host for each certificate practice: subject, SANs, key type and
 * a validity window placed against the lab clock as real operators renew.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import type { CertPractice } from "./cohorts.ts";
import { addDays, daysBefore, iso } from "./dates.ts";
import type { CertSpec, LabHost } from "./host.ts";

/**
 * The certificate `h` presents under `practice`, issued relative to `now`. The name is the host
 * name, else its IPv4, onion or id; key and certificate are the host's own except for EPS's
 * shipped default, which every install shares. `secondMs` places the issuance at a second of the
 * day (operators issue at any time of day, independently: a lab of midnight issuance would put
 * unrelated certificates at the same second and fake an issuance burst).
 */
export function certSpecFor(
  h: LabHost,
  practice: CertPractice,
  r: Rng,
  now: Date,
  secondMs = 0,
): CertSpec {
  const cn = h.hostname ?? h.ipv4 ?? h.onion ?? h.id;
  const issued = new Date(daysBefore(now, r.int(10, 700)).getTime() + secondMs);
  const base = { sans: [cn], key: "rsa2048" as const, keyId: h.id, certId: h.id };
  switch (practice) {
    case "self-signed-default-dn":
      return {
        ...base,
        practice,
        subject: { C: "AU", ST: "Some-State", O: "Internet Widgits Pty Ltd" },
        sans: [],
        notBefore: iso(issued),
        notAfter: iso(addDays(issued, 1825)),
      };
    case "self-signed-hostname":
      return {
        ...base,
        practice,
        subject: { CN: cn },
        notBefore: iso(issued),
        notAfter: iso(addDays(issued, 3650)),
      };
    case "lab-ca": {
      const start = new Date(daysBefore(now, r.int(1, 80)).getTime() + secondMs);
      return {
        ...base,
        key: "ec256",
        practice,
        subject: { CN: cn },
        notBefore: iso(start),
        notAfter: iso(addDays(start, 90)),
      };
    }
    case "expired-self-signed": {
      const start = new Date(daysBefore(now, r.int(400, 900)).getTime() + secondMs);
      return {
        ...base,
        practice,
        subject: { CN: cn },
        notBefore: iso(start),
        notAfter: iso(addDays(start, 365)),
      };
    }
    case "eps-default":
      return {
        practice,
        subject: { C: "AU", ST: "Some-State", O: "Internet Widgits Pty Ltd" },
        sans: [],
        notBefore: "2018-03-13T00:00:00.000Z",
        notAfter: "2023-03-12T00:00:00.000Z",
        key: "rsa2048",
        keyId: "eps-default",
        certId: "eps-default",
      };
  }
}
