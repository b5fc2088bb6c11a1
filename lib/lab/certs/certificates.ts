/**
 * Makes the lab's TLS certificates from each host's {@linkcode CertSpec}, deterministically from
 * the lab seed: keys from `lib/tls` (EC from a seeded scalar, RSA from the committed prime pool),
 * one lab CA standing in for Let's Encrypt (honestly named), and the default certificate and key
 * Electrum Personal Server really ships, served by every EPS host.
 *
 * @module
 */
import { type LabCertificate, makeCertificate } from "./make_certificate.ts";
import { makeLabKey } from "./lab_key.ts";
import { seededBytes } from "./seeded_bytes.ts";
import { makeLabCa } from "./make_lab_ca.ts";
import { makeEpsDefaultCertificate } from "./make_eps_default_certificate.ts";
import type { CertSpec, LabHost } from "../population.ts";

export type { LabCertificate };

/** The lab's certificates by `certId`, each made on first use (a 1,000-server lab starts fast). */
export interface CertificateStore {
  /** The certificate with this id, made now if needed; undefined for an unknown id. */
  get(certId: string): LabCertificate | undefined;
}

/**
 * Prepare every certificate the hosts need (one per distinct `certId`), made lazily.
 *
 * @returns The store, and the lab root CA in PEM (the lab's trust store).
 */
export function materializeCertificates(
  hosts: readonly LabHost[],
  options: { seed: string | number },
): { certificates: CertificateStore; caPem: string } {
  const seed = String(options.seed);
  const ca = makeLabCa(seed);
  const issuer = ca.intermediate;
  const specs = new Map<string, CertSpec>();
  for (const h of hosts) if (h.cert && !specs.has(h.cert.certId)) specs.set(h.cert.certId, h.cert);
  const rsaSeeds = rsaKeySeeds([...specs.values()], seed);
  const made = new Map<string, LabCertificate>();
  const certificates: CertificateStore = {
    get(certId) {
      let c = made.get(certId);
      const spec = specs.get(certId);
      if (!c && spec) made.set(certId, c = make(spec, seed, issuer, rsaSeeds));
      return c;
    },
  };
  return { certificates, caPem: ca.root.pem };
}

/** Pool size of distinct RSA-2048 lab keys (pairs of the committed 1,024-bit primes). */
const RSA_PAIRS = 8128;

/**
 * Number seeds for the lab's RSA keys, one per distinct `keyId`: consecutive numbers from a
 * seeded offset, which `makeLabKey` maps to pairwise distinct prime pairs (string seeds could
 * collide, and shared keys are a signal detectors look for). The EPS default certificate has
 * its own key (the one EPS ships), outside the pool.
 */
function rsaKeySeeds(specs: CertSpec[], seed: string): Map<string, number> {
  const offset = Number(
    new DataView(seededBytes(seed, "lab-rsa-offset", 4).buffer).getUint32(0) % RSA_PAIRS,
  );
  const out = new Map<string, number>();
  let n = 0;
  for (const s of specs) {
    if (s.key !== "rsa2048" || s.practice === "eps-default" || out.has(s.keyId)) continue;
    if (out.size >= RSA_PAIRS - 1) {
      throw new RangeError(`More than ${RSA_PAIRS - 1} distinct RSA keys asked of the lab`);
    }
    out.set(s.keyId, (offset + n++) % RSA_PAIRS);
  }
  return out;
}

function make(
  spec: CertSpec,
  seed: string,
  issuer: LabCertificate,
  rsaSeeds: Map<string, number>,
): LabCertificate {
  // The real one, without the seed: every lab, like every EPS install, shares this certificate.
  if (spec.practice === "eps-default") return makeEpsDefaultCertificate();
  const key = spec.key === "ec256"
    ? makeLabKey(`${seed}/${spec.keyId}`, { type: "ec-p256" })
    : makeLabKey(rsaSeeds.get(spec.keyId)!, { type: "rsa-2048" });
  const dnsNames = spec.sans.filter((s) => !/^[\d.]+$/.test(s) && !s.includes(":"));
  const ipAddresses = spec.sans.filter((s) => /^[\d.]+$/.test(s) || s.includes(":"));
  const common = {
    subject: spec.subject,
    notBefore: new Date(spec.notBefore),
    notAfter: new Date(spec.notAfter),
    dnsNames,
    ipAddresses,
  };
  switch (spec.practice) {
    case "lab-ca":
      return makeCertificate(key, { ...common, issuer });
    case "self-signed-default-dn":
      return makeCertificate(key, { ...common, version: 1 });
    default:
      return makeCertificate(key, common);
  }
}
