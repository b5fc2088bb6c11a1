/**
 * The calibration targets of the default lab: shares along the dimensions `population_mix.ts`
 * measures, with the measured figure each comes from (`shared/reference/prior-art.md`). Checked by
 * `calibration_test.ts`.
 *
 * @module
 */
import { DEFAULT_CLEARNET, DEFAULT_ONION } from "./scenarios.ts";

/** One calibration target: the share of clearnet hosts (or of TLS hosts) with `key` in `dimension`. */
export interface CalibrationTarget {
  dimension: MixDimension;
  key: string;
  /** Target share, 0..1. */
  share: number;
  /** Allowed absolute deviation of the default lab's share. */
  tolerance: number;
  /** Where the figure comes from. */
  basis: string;
}

/**
 * What a population mix is measured over: `family`/`personality` by the software a host claims
 * (what a crawler sees), `provider`, `provider_class`, `country`, `transport` (`tls`, `tcp-only`,
 * `tls-only`), over clearnet hosts; `tls_port` and `cert` over clearnet hosts offering TLS.
 */
export type MixDimension =
  | "family"
  | "personality"
  | "provider"
  | "provider_class"
  | "country"
  | "transport"
  | "tls_port"
  | "cert";

const PRED = "gabrielcaixeta01/electrum-observatory, Dec 2025 (prior-art.md)";
const SEEDS =
  "Electrum's servers.json, 84 entries, Mar 2026 (prior-art.md, electrum-servers.md §8)";

/**
 * The default lab's calibration targets (figures from `shared/reference/prior-art.md`), checked
 * by `calibration_test.ts`. Tolerances allow for the sampling error of the measurements they come
 * from (100 answering servers, 254 peers, 84 seeds) and for the planted fleet.
 */
export const CALIBRATION: {
  clearnet: number;
  onion: number;
  targets: readonly CalibrationTarget[];
} = {
  clearnet: DEFAULT_CLEARNET,
  onion: DEFAULT_ONION,
  targets: [
    {
      dimension: "family",
      key: "electrumx",
      share: 0.82,
      tolerance: 0.06,
      basis: `${PRED}: ElectrumX 82 of 100 answering`,
    },
    {
      dimension: "family",
      key: "fulcrum",
      share: 0.14,
      tolerance: 0.05,
      basis: `${PRED}: Fulcrum 14 of 100`,
    },
    {
      dimension: "family",
      key: "electrs",
      share: 0.04,
      tolerance: 0.03,
      basis: "issue 3: electrs 0.8 to 0.11, a few",
    },
    {
      dimension: "family",
      key: "esplora",
      share: 0.02,
      tolerance: 0.02,
      basis: `${PRED}: electrs-esplora 2 of 100`,
    },
    {
      dimension: "family",
      key: "eps",
      share: 0.01,
      tolerance: 0.01,
      basis: "issue 3: a few Electrum Personal Servers",
    },
    {
      dimension: "personality",
      key: "electrumx-1.19.0",
      share: 0.25,
      tolerance: 0.08,
      basis:
        "Cloud fleet 2025-2026: all ElectrumX 1.19.0, a quarter of reachable clearnet (prior-art.md)",
    },
    {
      dimension: "provider",
      key: "google",
      share: 0.32,
      tolerance: 0.06,
      basis: `${PRED}: Google 82 of 254`,
    },
    {
      dimension: "provider",
      key: "aws",
      share: 0.15,
      tolerance: 0.05,
      basis: `${PRED}: AWS 39 of 254`,
    },
    {
      dimension: "provider",
      key: "digitalocean",
      share: 0.12,
      tolerance: 0.05,
      basis: `${PRED}: DigitalOcean 31 of 254`,
    },
    {
      dimension: "provider",
      key: "hetzner",
      share: 0.12,
      tolerance: 0.05,
      basis: `${PRED}: Hetzner 30 of 254`,
    },
    {
      dimension: "provider_class",
      key: "residential",
      share: 0.1,
      tolerance: 0.06,
      basis: "issue 3: residential ISPs (no measured figure)",
    },
    {
      dimension: "country",
      key: "US",
      share: 0.35,
      tolerance: 0.06,
      basis: `${PRED}: US 89 of 254`,
    },
    {
      dimension: "country",
      key: "DE",
      share: 0.15,
      tolerance: 0.06,
      basis: `${PRED}: DE 39 of 254`,
    },
    {
      dimension: "country",
      key: "AU",
      share: 0.087,
      tolerance: 0.05,
      basis: `${PRED}: AU 22 of 254`,
    },
    {
      dimension: "transport",
      key: "tls",
      share: 0.94,
      tolerance: 0.04,
      basis: `${SEEDS}: 79 offer TLS`,
    },
    {
      dimension: "transport",
      key: "tcp-only",
      share: 0.06,
      tolerance: 0.04,
      basis: `${SEEDS}: 5 TCP-only`,
    },
    {
      dimension: "transport",
      key: "tls-only",
      share: 0.31,
      tolerance: 0.08,
      basis: `${SEEDS}: 26 s-only`,
    },
    {
      dimension: "tls_port",
      key: "50002",
      share: 0.86,
      tolerance: 0.06,
      basis: `${SEEDS}: 68 of 79 TLS seeds use 50002`,
    },
    {
      dimension: "tls_port",
      key: "other",
      share: 0.14,
      tolerance: 0.06,
      basis: `${SEEDS}: 443, 110, 700, 50022, 56002, 57002, 60002`,
    },
    {
      dimension: "cert",
      key: "ca-issued",
      share: 0.1,
      tolerance: 0.07,
      basis:
        "Only 4 of 84 seeds pass strict CA-verified TLS; more use Let's Encrypt under other names (prior-art.md)",
    },
    {
      dimension: "cert",
      key: "self-signed",
      share: 0.88,
      tolerance: 0.08,
      basis: "Mostly self-signed (ElectrumX HOWTO, issue 3)",
    },
    {
      dimension: "cert",
      key: "expired",
      share: 0.04,
      tolerance: 0.03,
      basis: "issue 3: expired certificates",
    },
    {
      dimension: "cert",
      key: "eps-default",
      share: 0.01,
      tolerance: 0.01,
      basis: "issue 3: the shared EPS default certificate",
    },
  ],
};
