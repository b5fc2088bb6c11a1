/**
 * The provider table: which organisation runs an autonomous system and what kind of network
 * it is. Data, not code: one line per ASN, grouped by provider, checked against the AS names
 * in `@ip-location-db/asn` 2.3.2026061719 (the organisation each ASN maps to is noted where the
 * provider name differs from it).
 *
 * Classes:
 * - `cloud`: on-demand infrastructure platforms with an API and many regions (the hyperscalers
 *   and developer clouds such as DigitalOcean, Linode, Vultr, Scaleway) and CDN/edge platforms.
 * - `hosting`: dedicated servers, VPS, colocation (Hetzner, OVH, Contabo, netcup, Leaseweb ...).
 * - `residential`: access ISPs (home and business lines, cable, DSL, fibre, mobile, satellite).
 * - `tor`: never assigned from an ASN; callers use it for onion-only servers, which have no
 *   address to look up.
 * - `other`: transit carriers, research and education networks, enterprises, and ASNs that no
 *   rule recognises.
 *
 * The boundary between `cloud` and `hosting` is a judgement (Hetzner and OVH also sell cloud
 * instances); the grouping that matters for centralisation is the provider name, which does
 * not depend on it.
 *
 * @module
 */

/** The kind of network an address sits in. */
export type ProviderClass = "cloud" | "hosting" | "residential" | "tor" | "other";

/** One row of {@linkcode PROVIDERS}. */
export interface ProviderInfo {
  /** Provider name used for grouping (several ASNs share one). */
  readonly provider: string;
  /** Network kind. */
  readonly class: ProviderClass;
}

/**
 * ASN -> provider name and class. Extend by adding lines; keep each provider's ASNs together.
 *
 * @example
 * ```ts
 * import { PROVIDERS } from "./providers.ts";
 * PROVIDERS[24940]; // { provider: "Hetzner", class: "hosting" }
 * ```
 */
export const PROVIDERS: Readonly<Record<number, ProviderInfo>> = {
  // --- Cloud platforms -------------------------------------------------------------------
  15169: { provider: "Google Cloud", class: "cloud" }, // Google LLC (also Google's own services)
  396982: { provider: "Google Cloud", class: "cloud" }, // Google LLC (GCP customer space)
  19527: { provider: "Google Cloud", class: "cloud" },
  36040: { provider: "Google Cloud", class: "cloud" },
  36384: { provider: "Google Cloud", class: "cloud" },
  36385: { provider: "Google Cloud", class: "cloud" },
  36492: { provider: "Google Cloud", class: "cloud" },
  43515: { provider: "Google Cloud", class: "cloud" }, // Google Ireland Limited
  139070: { provider: "Google Cloud", class: "cloud" }, // Google Asia Pacific
  139190: { provider: "Google Cloud", class: "cloud" }, // Google Asia Pacific
  16550: { provider: "Google Cloud", class: "cloud" },
  16509: { provider: "Amazon AWS", class: "cloud" }, // Amazon.com, Inc. (EC2)
  14618: { provider: "Amazon AWS", class: "cloud" }, // Amazon.com, Inc. (us-east-1)
  8987: { provider: "Amazon AWS", class: "cloud" }, // Amazon Data Services Ireland
  9059: { provider: "Amazon AWS", class: "cloud" }, // Amazon Data Services Ireland
  7224: { provider: "Amazon AWS", class: "cloud" },
  38895: { provider: "Amazon AWS", class: "cloud" }, // Amazon.com Tech Telecom
  62785: { provider: "Amazon AWS", class: "cloud" },
  135630: { provider: "Amazon AWS", class: "cloud" }, // Amazon Connection Technology (Beijing)
  8075: { provider: "Microsoft Azure", class: "cloud" }, // Microsoft Corporation
  8068: { provider: "Microsoft Azure", class: "cloud" },
  8069: { provider: "Microsoft Azure", class: "cloud" },
  8070: { provider: "Microsoft Azure", class: "cloud" },
  8071: { provider: "Microsoft Azure", class: "cloud" },
  12076: { provider: "Microsoft Azure", class: "cloud" },
  3598: { provider: "Microsoft Azure", class: "cloud" },
  35106: { provider: "Microsoft Azure", class: "cloud" }, // Microsoft Limited
  31898: { provider: "Oracle Cloud", class: "cloud" }, // Oracle Corporation (OCI)
  20054: { provider: "Oracle Cloud", class: "cloud" },
  54253: { provider: "Oracle Cloud", class: "cloud" },
  45102: { provider: "Alibaba Cloud", class: "cloud" }, // Alibaba (US) Technology
  37963: { provider: "Alibaba Cloud", class: "cloud" }, // Hangzhou Alibaba Advertising
  24429: { provider: "Alibaba Cloud", class: "cloud" }, // Zhejiang Taobao Network
  134963: { provider: "Alibaba Cloud", class: "cloud" }, // Alibaba Cloud (Singapore)
  45090: { provider: "Tencent Cloud", class: "cloud" }, // Shenzhen Tencent Computer Systems
  132203: { provider: "Tencent Cloud", class: "cloud" },
  132591: { provider: "Tencent Cloud", class: "cloud" },
  133478: { provider: "Tencent Cloud", class: "cloud" },
  136907: { provider: "Huawei Cloud", class: "cloud" }, // HUAWEI INTERNATIONAL PTE. LTD.
  55990: { provider: "Huawei Cloud", class: "cloud" },
  38365: { provider: "Baidu Cloud", class: "cloud" },
  135377: { provider: "UCloud", class: "cloud" },
  59019: { provider: "Kingsoft Cloud", class: "cloud" },
  36351: { provider: "IBM Cloud", class: "cloud" }, // ex-SoftLayer
  200350: { provider: "Yandex Cloud", class: "cloud" },
  14061: { provider: "DigitalOcean", class: "cloud" },
  393406: { provider: "DigitalOcean", class: "cloud" },
  46652: { provider: "DigitalOcean", class: "cloud" },
  62567: { provider: "DigitalOcean", class: "cloud" }, // absent from the 2026-06 ASN file
  200130: { provider: "DigitalOcean", class: "cloud" }, // absent from the 2026-06 ASN file
  63949: { provider: "Linode (Akamai)", class: "cloud" }, // Akamai Technologies (ex-Linode)
  20940: { provider: "Akamai", class: "cloud" }, // Akamai International B.V. (CDN)
  16625: { provider: "Akamai", class: "cloud" },
  33905: { provider: "Akamai", class: "cloud" },
  21342: { provider: "Akamai", class: "cloud" },
  32787: { provider: "Akamai", class: "cloud" },
  12222: { provider: "Akamai", class: "cloud" },
  20473: { provider: "Vultr", class: "cloud" }, // The Constant Company (ex-Choopa)
  12876: { provider: "Scaleway", class: "cloud" },
  29447: { provider: "Scaleway", class: "cloud" },
  13335: { provider: "Cloudflare", class: "cloud" },
  209242: { provider: "Cloudflare", class: "cloud" }, // Cloudflare London
  395747: { provider: "Cloudflare", class: "cloud" },
  54113: { provider: "Fastly", class: "cloud" },
  40509: { provider: "Fly.io", class: "cloud" },
  54825: { provider: "Equinix Metal", class: "cloud" }, // Packet Host
  202053: { provider: "UpCloud", class: "cloud" },
  61098: { provider: "Exoscale", class: "cloud" }, // Akenes SA
  199524: { provider: "G-Core Labs", class: "cloud" },
  19994: { provider: "Rackspace", class: "cloud" },

  // --- Hosting (dedicated, VPS, colocation) ---------------------------------------------
  24940: { provider: "Hetzner", class: "hosting" }, // Hetzner Online GmbH
  213230: { provider: "Hetzner", class: "hosting" }, // Hetzner Online GmbH (cloud)
  212317: { provider: "Hetzner", class: "hosting" }, // Hetzner Online GmbH (Finland/US)
  215859: { provider: "Hetzner", class: "hosting" },
  16276: { provider: "OVH", class: "hosting" }, // OVH SAS
  35540: { provider: "OVH", class: "hosting" },
  51167: { provider: "Contabo", class: "hosting" },
  141995: { provider: "Contabo", class: "hosting" }, // Contabo Asia
  40021: { provider: "Contabo", class: "hosting" }, // Contabo Inc.
  197540: { provider: "netcup", class: "hosting" },
  8560: { provider: "IONOS", class: "hosting" }, // IONOS SE (ex-1&1)
  15418: { provider: "IONOS", class: "hosting" }, // Fasthosts Internet (IONOS group)
  60781: { provider: "Leaseweb", class: "hosting" },
  28753: { provider: "Leaseweb", class: "hosting" },
  16265: { provider: "Leaseweb", class: "hosting" },
  30633: { provider: "Leaseweb", class: "hosting" },
  19148: { provider: "Leaseweb", class: "hosting" },
  394380: { provider: "Leaseweb", class: "hosting" },
  7203: { provider: "Leaseweb", class: "hosting" },
  59253: { provider: "Leaseweb", class: "hosting" },
  133752: { provider: "Leaseweb", class: "hosting" },
  47583: { provider: "Hostinger", class: "hosting" },
  6724: { provider: "Strato", class: "hosting" },
  8972: { provider: "Host Europe", class: "hosting" },
  31034: { provider: "Aruba", class: "hosting" },
  29222: { provider: "Infomaniak", class: "hosting" },
  36007: { provider: "Kamatera", class: "hosting" },
  210329: { provider: "Kamatera", class: "hosting" },
  41436: { provider: "Kamatera", class: "hosting" },
  29802: { provider: "Hivelocity", class: "hosting" },
  9009: { provider: "M247", class: "hosting" },
  54290: { provider: "HostPapa", class: "hosting" },
  36352: { provider: "ColoCrossing", class: "hosting" }, // named HostPapa in the ASN file
  40676: { provider: "Psychz Networks", class: "hosting" },
  26496: { provider: "GoDaddy", class: "hosting" },
  398101: { provider: "GoDaddy", class: "hosting" },
  46606: { provider: "Unified Layer", class: "hosting" },
  22612: { provider: "Namecheap", class: "hosting" },
  53667: { provider: "FranTech (BuyVM)", class: "hosting" },
  63473: { provider: "HostHatch", class: "hosting" },
  8100: { provider: "QuadraNet", class: "hosting" },
  35913: { provider: "DediPath", class: "hosting" },
  60068: { provider: "Datacamp (CDN77)", class: "hosting" },
  49505: { provider: "Selectel", class: "hosting" },
  9123: { provider: "Timeweb", class: "hosting" },
  57043: { provider: "HOSTKEY", class: "hosting" },
  49981: { provider: "WorldStream", class: "hosting" },
  50673: { provider: "Serverius", class: "hosting" },
  43350: { provider: "NForce", class: "hosting" },
  16125: { provider: "Cherry Servers", class: "hosting" },
  62240: { provider: "Clouvider", class: "hosting" },
  32244: { provider: "Liquid Web", class: "hosting" },
  55293: { provider: "A2 Hosting", class: "hosting" },
  19318: { provider: "Interserver", class: "hosting" },
  23470: { provider: "ReliableSite", class: "hosting" },
  33387: { provider: "Nocix", class: "hosting" },
  397423: { provider: "Tier.Net", class: "hosting" },
  210644: { provider: "Aeza", class: "hosting" },
  200651: { provider: "FlokiNET", class: "hosting" },
  44925: { provider: "1984 Hosting", class: "hosting" },
  51396: { provider: "Pfcloud", class: "hosting" },
  206264: { provider: "Amarutu", class: "hosting" },
  34549: { provider: "meerfarbig", class: "hosting" },
  44066: { provider: "firstcolo", class: "hosting" },
  31400: { provider: "firstcolo", class: "hosting" },
  29066: { provider: "velia.net", class: "hosting" },
  30083: { provider: "velia.net", class: "hosting" },
  24961: { provider: "WIIT (myLoc)", class: "hosting" },
  57169: { provider: "EDIS", class: "hosting" },
  6233: { provider: "xTom", class: "hosting" },
  21859: { provider: "Zenlayer", class: "hosting" },
  396356: { provider: "Latitude.sh", class: "hosting" },
  33182: { provider: "HostDime", class: "hosting" },
  20454: { provider: "Secured Servers", class: "hosting" },
  19437: { provider: "Secured Servers", class: "hosting" },
  34989: { provider: "ServeTheWorld", class: "hosting" },
  25820: { provider: "IT7 Networks", class: "hosting" },
  55286: { provider: "B2 Net Solutions", class: "hosting" },

  // --- Residential and access ISPs ------------------------------------------------------
  7922: { provider: "Comcast", class: "residential" },
  7015: { provider: "Comcast", class: "residential" },
  7016: { provider: "Comcast", class: "residential" },
  33650: { provider: "Comcast", class: "residential" },
  33651: { provider: "Comcast", class: "residential" },
  33652: { provider: "Comcast", class: "residential" },
  33657: { provider: "Comcast", class: "residential" },
  33659: { provider: "Comcast", class: "residential" },
  33668: { provider: "Comcast", class: "residential" },
  20115: { provider: "Charter (Spectrum)", class: "residential" },
  7843: { provider: "Charter (Spectrum)", class: "residential" },
  10796: { provider: "Charter (Spectrum)", class: "residential" },
  11351: { provider: "Charter (Spectrum)", class: "residential" },
  11426: { provider: "Charter (Spectrum)", class: "residential" },
  11427: { provider: "Charter (Spectrum)", class: "residential" },
  12271: { provider: "Charter (Spectrum)", class: "residential" },
  20001: { provider: "Charter (Spectrum)", class: "residential" },
  33363: { provider: "Charter (Spectrum)", class: "residential" },
  7018: { provider: "AT&T", class: "residential" },
  6389: { provider: "AT&T", class: "residential" }, // ex-BellSouth
  20057: { provider: "AT&T", class: "residential" }, // AT&T Mobility
  701: { provider: "Verizon", class: "residential" }, // Verizon Business (Fios and business)
  6167: { provider: "Verizon", class: "residential" },
  22394: { provider: "Verizon", class: "residential" }, // Verizon Wireless
  22773: { provider: "Cox", class: "residential" },
  209: { provider: "Lumen (CenturyLink)", class: "residential" },
  5650: { provider: "Frontier", class: "residential" },
  21928: { provider: "T-Mobile US", class: "residential" },
  6128: { provider: "Optimum (Altice)", class: "residential" }, // Cablevision Systems
  30036: { provider: "Mediacom", class: "residential" },
  7029: { provider: "Windstream", class: "residential" },
  46375: { provider: "Sonic", class: "residential" },
  16591: { provider: "Google Fiber", class: "residential" },
  14593: { provider: "Starlink", class: "residential" }, // Space Exploration Technologies
  812: { provider: "Rogers", class: "residential" },
  577: { provider: "Bell Canada", class: "residential" },
  6327: { provider: "Shaw", class: "residential" },
  852: { provider: "TELUS", class: "residential" },
  5769: { provider: "Videotron", class: "residential" },
  3320: { provider: "Deutsche Telekom", class: "residential" },
  3209: { provider: "Vodafone", class: "residential" }, // Vodafone GmbH (Germany)
  31334: { provider: "Vodafone", class: "residential" }, // ex-Kabel Deutschland
  1273: { provider: "Vodafone", class: "residential" }, // Vodafone Group
  12430: { provider: "Vodafone", class: "residential" }, // Spain
  30722: { provider: "Vodafone", class: "residential" }, // Italy
  15502: { provider: "Vodafone", class: "residential" }, // Ireland
  25135: { provider: "Vodafone", class: "residential" }, // UK
  33915: { provider: "Vodafone", class: "residential" }, // Vodafone Libertel (VodafoneZiggo)
  6805: { provider: "Telefonica", class: "residential" }, // Germany (O2)
  3352: { provider: "Telefonica", class: "residential" }, // Spain (Movistar)
  18881: { provider: "Telefonica", class: "residential" }, // Brazil (Vivo)
  27699: { provider: "Telefonica", class: "residential" },
  26599: { provider: "Telefonica", class: "residential" },
  22927: { provider: "Telefonica", class: "residential" }, // Argentina
  6147: { provider: "Telefonica", class: "residential" }, // Peru
  8881: { provider: "1&1 Versatel", class: "residential" },
  3215: { provider: "Orange", class: "residential" }, // Orange S.A. (France)
  12479: { provider: "Orange", class: "residential" }, // Spain
  5617: { provider: "Orange", class: "residential" }, // Poland
  12322: { provider: "Free", class: "residential" },
  15557: { provider: "SFR", class: "residential" },
  5410: { provider: "Bouygues Telecom", class: "residential" },
  2856: { provider: "BT", class: "residential" },
  5607: { provider: "Sky UK", class: "residential" },
  13285: { provider: "TalkTalk", class: "residential" },
  5089: { provider: "Virgin Media", class: "residential" },
  6830: { provider: "Liberty Global", class: "residential" },
  3303: { provider: "Swisscom", class: "residential" },
  13030: { provider: "Init7", class: "residential" },
  1136: { provider: "KPN", class: "residential" },
  5432: { provider: "Proximus", class: "residential" },
  3301: { provider: "Telia", class: "residential" },
  1257: { provider: "Tele2", class: "residential" },
  8473: { provider: "Bahnhof", class: "residential" },
  2119: { provider: "Telenor", class: "residential" },
  8447: { provider: "A1 Telekom Austria", class: "residential" },
  5483: { provider: "Magyar Telekom", class: "residential" },
  3269: { provider: "TIM (Telecom Italia)", class: "residential" },
  12874: { provider: "Fastweb", class: "residential" },
  12389: { provider: "Rostelecom", class: "residential" },
  9121: { provider: "Turk Telekom", class: "residential" },
  1221: { provider: "Telstra", class: "residential" },
  4804: { provider: "Optus", class: "residential" },
  7545: { provider: "TPG", class: "residential" },
  4764: { provider: "Aussie Broadband", class: "residential" }, // Wideband Networks
  4771: { provider: "Spark NZ", class: "residential" },
  4713: { provider: "NTT (OCN)", class: "residential" },
  2516: { provider: "KDDI", class: "residential" },
  17676: { provider: "SoftBank", class: "residential" },
  2527: { provider: "Sony (So-net)", class: "residential" },
  4766: { provider: "Korea Telecom", class: "residential" },
  9318: { provider: "SK Broadband", class: "residential" },
  3462: { provider: "Chunghwa Telecom", class: "residential" },
  4657: { provider: "StarHub", class: "residential" },
  4134: { provider: "China Telecom", class: "residential" }, // Chinanet
  4837: { provider: "China Unicom", class: "residential" },
  4808: { provider: "China Unicom", class: "residential" },
  9808: { provider: "China Mobile", class: "residential" },
  56041: { provider: "China Mobile", class: "residential" },
  9498: { provider: "Bharti Airtel", class: "residential" },
  24560: { provider: "Bharti Airtel", class: "residential" },
  45609: { provider: "Bharti Airtel", class: "residential" },
  55836: { provider: "Reliance Jio", class: "residential" },
  7303: { provider: "Telecom Argentina", class: "residential" },
  8151: { provider: "Telmex (Uninet)", class: "residential" },
  28573: { provider: "Claro", class: "residential" },

  // --- Transit and other ----------------------------------------------------------------
  6939: { provider: "Hurricane Electric", class: "other" }, // transit, colocation, IPv6 tunnels
  174: { provider: "Cogent", class: "other" },
  3356: { provider: "Lumen (Level 3)", class: "other" },
  3257: { provider: "GTT", class: "other" },
  1299: { provider: "Arelion", class: "other" },
  6461: { provider: "Zayo", class: "other" },
  2914: { provider: "NTT Global IP Network", class: "other" },
  6453: { provider: "Tata Communications", class: "other" },
  6762: { provider: "Telecom Italia Sparkle", class: "other" },
  3491: { provider: "PCCW Global", class: "other" },
};
