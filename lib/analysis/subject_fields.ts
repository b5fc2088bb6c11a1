/**
 * Reading Subject fields and cloud region names out of certificate text, to compare what a
 * certificate says about its location with what its name and address say.
 *
 * @module
 */

/** Attributes of a distinguished name, by short name (first value of each). */
export type DnFields = Partial<Record<string, string>>;

/**
 * Parse a distinguished name written as RFC 4514 (`CN=a,O=b,C=GB`), with `, ` separators, or
 * in OpenSSL's slash form (`/C=GB/L=London/CN=a`). Escaped commas (`\,`) are kept. Unknown
 * text gives no fields; never throws.
 *
 * @param dn The name as text, or null.
 * @returns The first value of each attribute, keyed by its upper-case short name.
 * @example
 * ```ts
 * parseDn("C=GB, L=London, CN=electrumx-us-east4-node-1"); // { C: "GB", L: "London", CN: "..." }
 * ```
 */
export function parseDn(dn: string | null): DnFields {
  const out: DnFields = {};
  if (!dn) return out;
  const s = dn.trim();
  const parts = s.startsWith("/")
    ? s.slice(1).split(/\/(?=[A-Za-z][\w.]*=)/)
    : s.split(/(?<!\\)[,+;]\s*(?=[A-Za-z][\w.]*\s*=)/);
  for (const p of parts) {
    const m = p.match(/^\s*([A-Za-z][\w.]*)\s*=\s*(.*?)\s*$/s);
    if (!m) continue;
    const key = ALIASES[m[1].toLowerCase()] ?? m[1].toUpperCase();
    if (!(key in out)) out[key] = m[2].replace(/\\(.)/g, "$1");
  }
  return out;
}

const ALIASES: Record<string, string> = {
  commonname: "CN",
  countryname: "C",
  localityname: "L",
  stateorprovincename: "ST",
  organizationname: "O",
  organizationalunitname: "OU",
  "2.5.4.3": "CN",
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
};

// Google Cloud and AWS region names and the country of their data centres.
const REGIONS: Record<string, string> = {
  "us-east1": "US",
  "us-east4": "US",
  "us-east5": "US",
  "us-central1": "US",
  "us-south1": "US",
  "us-west1": "US",
  "us-west2": "US",
  "us-west3": "US",
  "us-west4": "US",
  "northamerica-northeast1": "CA",
  "northamerica-northeast2": "CA",
  "southamerica-east1": "BR",
  "southamerica-west1": "CL",
  "europe-west1": "BE",
  "europe-west2": "GB",
  "europe-west3": "DE",
  "europe-west4": "NL",
  "europe-west6": "CH",
  "europe-west8": "IT",
  "europe-west9": "FR",
  "europe-west10": "DE",
  "europe-west12": "IT",
  "europe-north1": "FI",
  "europe-central2": "PL",
  "europe-southwest1": "ES",
  "asia-east1": "TW",
  "asia-east2": "HK",
  "asia-northeast1": "JP",
  "asia-northeast2": "JP",
  "asia-northeast3": "KR",
  "asia-south1": "IN",
  "asia-south2": "IN",
  "asia-southeast1": "SG",
  "asia-southeast2": "ID",
  "australia-southeast1": "AU",
  "australia-southeast2": "AU",
  "me-west1": "IL",
  "me-central1": "QA",
  "africa-south1": "ZA",
  "us-east-1": "US",
  "us-east-2": "US",
  "us-west-1": "US",
  "us-west-2": "US",
  "ca-central-1": "CA",
  "sa-east-1": "BR",
  "eu-central-1": "DE",
  "eu-central-2": "CH",
  "eu-west-1": "IE",
  "eu-west-2": "GB",
  "eu-west-3": "FR",
  "eu-north-1": "SE",
  "eu-south-1": "IT",
  "ap-northeast-1": "JP",
  "ap-northeast-2": "KR",
  "ap-northeast-3": "JP",
  "ap-southeast-1": "SG",
  "ap-southeast-2": "AU",
  "ap-south-1": "IN",
  "ap-east-1": "HK",
  "me-south-1": "BH",
  "af-south-1": "ZA",
};

const REGION_RE =
  /(?:^|[^a-z])((?:us|europe|asia|australia|northamerica|southamerica|me|africa|eu|ap|ca|sa|af)-(?:east|west|central|north|south|northeast|northwest|southeast|southwest)-?\d{1,2})(?![a-z0-9])/;

/**
 * The cloud region a name mentions (Google Cloud `us-east4`, AWS `eu-central-1`) and the
 * country of that region, or null when the name names none that is known.
 *
 * @param name A CN or host name.
 * @returns The region and its ISO country code, or null.
 * @example
 * ```ts
 * regionCountry("electrumx-us-east4-node-3"); // { region: "us-east4", country: "US" }
 * ```
 */
export function regionCountry(name: string | null): { region: string; country: string } | null {
  if (!name) return null;
  const m = name.toLowerCase().match(REGION_RE);
  if (!m) return null;
  const country = REGIONS[m[1]];
  return country ? { region: m[1], country } : null;
}
