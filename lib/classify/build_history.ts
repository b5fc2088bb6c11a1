/**
 * Which software versions shipped with which wire behaviour, per implementation, taken from each
 * project's tagged history *and* the untagged builds between tags (a build from master carries the
 * version string of the last release, or of the next one, while already behaving differently).
 *
 * Every row is one stretch of history over which the traits the inference reads stayed the same.
 * `first` and `last` are version strings as the server reports them, both inclusive; `null` means
 * "earlier than we trace" (`first`) or "still current" (`last`). The inference keeps the rows whose
 * traits match what the wire showed; the claimed version is consistent when it lies in any of
 * them. A row is evidence that some real build produced that combination, so rows are never
 * dropped because a build was short-lived.
 *
 * How the rows were made: `git log` over each repository's version constant and its protocol
 * bounds (and the commits that introduced a trait), walking every commit, not only tags; the
 * commit or tag of each boundary is named in `source`. Repositories: spesmilo/electrumx
 * (`src/electrumx/__init__.py`, `server/session.py` PROTOCOL_MAX, `server/transport.py`);
 * kyuupichan/electrumx (the BSV line whose version numbers collide with spesmilo's);
 * cculianu/Fulcrum (`src/Common.h` VERSION, `src/ServerMisc.*` MaxProtocolVersion);
 * romanz/electrs (`Cargo.toml` version, `src/electrum.rs` / `src/rpc.rs` server.version);
 * Blockstream/electrs and chris-belcher/electrum-personal-server (fixed protocol 1.4, no version
 * evidence on the wire).
 *
 * @module
 */
import type { Family } from "./family.ts";

/** How a server answers `server.version` with a protocol range (electrs only). */
export type RangeHandling = "accepts" | "range-refusal" | "exact-refusal";

/** One stretch of an implementation's history with constant wire traits. */
export interface Build {
  family: Family;
  /** First version string of the stretch (inclusive), or null when earlier than traced. */
  first: string | null;
  /** Last version string of the stretch (inclusive), or null when still current. */
  last: string | null;
  /** The server's maximum protocol version (`PROTOCOL_MAX`), as the server would print it. */
  protocolMax: string;
  /** ElectrumX: packets padded with spaces (PaddedRSTransport). Omitted: not a trait here. */
  padded?: boolean;
  /** ElectrumX: any request before `server.version` is refused and the connection closed. */
  versionFirst?: boolean;
  /** electrs: how a `[min, max]` range in `server.version` is handled. */
  rangeHandling?: RangeHandling;
  /** Where the boundaries come from: tags and commits (abbreviated hash, commit date). */
  source: string;
}

/**
 * The build history of every family, oldest stretch first within a family.
 *
 * @example
 * ```ts
 * BUILD_HISTORY.filter((b) => b.family === "fulcrum" && b.protocolMax === "1.6");
 * ```
 */
export const BUILD_HISTORY: readonly Build[] = [
  // ElectrumX, spesmilo line (kyuupichan's before the fork: the history is shared up to 1.15).
  {
    family: "electrumx",
    first: null,
    last: "1.9.1",
    protocolMax: "1.4",
    padded: false,
    versionFirst: false,
    source:
      "PROTOCOL_MAX (1, 4) through tag 1.9.1; master still '1.9.1' until 936251a (2019-01-25)",
  },
  {
    family: "electrumx",
    first: "1.9.1",
    last: "1.10.1",
    protocolMax: "1.4.1",
    padded: false,
    versionFirst: false,
    source:
      "936251a (2019-01-25, master '1.9.1') raises PROTOCOL_MAX to 1.4.1; tags 1.9.2-1.10.1; master " +
      "'1.10.1' until 39817ee (2019-04-16)",
  },
  {
    family: "electrumx",
    first: "1.10.1",
    last: "1.16.0",
    protocolMax: "1.4.2",
    padded: false,
    versionFirst: false,
    source:
      "39817ee (2019-04-16, master '1.10.1') raises PROTOCOL_MAX to 1.4.2; tags 1.11.0-1.16.0 " +
      "(9149382, 2020-12-10); master '1.16.0' until 7140587 was merged (e85e050, 2022-10-18)",
  },
  {
    family: "electrumx",
    first: "1.16.0",
    last: "1.17.0",
    protocolMax: "1.4.3",
    padded: false,
    versionFirst: false,
    source:
      "7140587 (2022-09-23, merged e85e050 2022-10-18) raises PROTOCOL_MAX to 1.4.3 while master says " +
      "'1.16.0' (until tag 1.17.0, 5880e75, 2025-04-16); master '1.17.0' unpadded until 7580102 (2025-05-30)",
  },
  {
    family: "electrumx",
    first: "1.16.0",
    last: "1.16.0",
    protocolMax: "1.4.4",
    padded: false,
    versionFirst: false,
    source:
      "7de390f (2025-01-21) sets PROTOCOL_MAX 1.4.4, e12668a (2025-02-19) sets it back to 1.4.3: " +
      "commits of a merged feature branch, version '1.16.0'",
  },
  {
    family: "electrumx",
    first: "1.17.0",
    last: "1.18.0",
    protocolMax: "1.4.3",
    padded: true,
    versionFirst: false,
    source:
      "padding: 7c807c1 (2025-05-07, reverted 00efc02 2025-05-08), again 7580102 (2025-05-30), both " +
      "master '1.17.0'; tag 1.18.0 (e029e5e, 2025-06-13); master '1.18.0' until 04d517a (2025-10-31)",
  },
  {
    family: "electrumx",
    first: "1.18.0",
    last: "1.18.0",
    protocolMax: "1.4.3",
    padded: true,
    versionFirst: true,
    source:
      "04d517a (2025-10-31, master '1.18.0') makes server.version mandatory first; PROTOCOL_MAX " +
      "still 1.4.3 until 2fa0730 (2025-11-07)",
  },
  {
    family: "electrumx",
    first: "1.18.0",
    last: null,
    protocolMax: "1.6",
    padded: true,
    versionFirst: true,
    source:
      "8b00d24 (merged 2fa0730, 2025-11-07, master '1.18.0') sets PROTOCOL_MAX (1, 6, 0); tags " +
      "1.19.0 (ae8b783, 2025-11-11), 1.20.0 (ec1b548, 2026-06-03); master '2.0b1'",
  },
  // ElectrumX, kyuupichan line (BSV only from 1.16; same names, same genesis, never padded).
  {
    family: "electrumx",
    first: "1.16.0",
    last: "1.20.2",
    protocolMax: "1.4.2",
    padded: false,
    versionFirst: false,
    source:
      "kyuupichan/electrumx tags 1.16-1.20.2 (2021-02-03..2021-10-28) and master to 76280a1 " +
      "(2022-12-30), PROTOCOL_MAX (1, 4, 2) throughout",
  },
  // Fulcrum (VERSION in src/Common.h; master bumps it only at release, so a protocol bump between
  // releases ships under the previous release's name).
  {
    family: "fulcrum",
    first: "1.0",
    last: "1.0.5",
    protocolMax: "1.4.2",
    source:
      "MaxProtocolVersion 1.4.2 from d5b772d (2020-01-07); tags v1.0-v1.0.4; master '1.0.5' (85cd972, 2020-03-20)",
  },
  {
    family: "fulcrum",
    first: "1.0.5",
    last: "1.1.1",
    protocolMax: "1.4.3",
    source: "6abc63f (2020-03-22, master '1.0.5') raises it to 1.4.3; tags v1.0.5b-v1.1.1",
  },
  {
    family: "fulcrum",
    first: "1.1.1",
    last: "1.4.1",
    protocolMax: "1.4.4",
    source: "6042766 (2020-06-23, master '1.1.1') raises it to 1.4.4; tags v1.2.0-v1.4.1",
  },
  {
    family: "fulcrum",
    first: "1.5.0",
    last: "1.9.0",
    protocolMax: "1.4.5",
    source:
      "9676e02 (2021-03-02, '1.5.0') raises it to 1.4.5; tags v1.5.0-v1.8.2; master '1.9.0' (0bf80c1, 2022-12-15)",
  },
  {
    family: "fulcrum",
    first: "1.9.0",
    last: "1.9.0",
    protocolMax: "1.4.6",
    source: "e754760 (2022-12-15, master '1.9.0'), until d3a4867 (2022-12-19)",
  },
  {
    family: "fulcrum",
    first: "1.9.0",
    last: "1.9.1",
    protocolMax: "1.5.0",
    source: "d3a4867 (2022-12-19, master '1.9.0'); tags v1.9.0, v1.9.1 (e7e27c0, 2023-04-08)",
  },
  {
    family: "fulcrum",
    first: "1.9.1",
    last: "1.9.5",
    protocolMax: "1.5.1",
    source: "d628948 (2023-06-28, master '1.9.1'); tags v1.9.2-v1.9.5",
  },
  {
    family: "fulcrum",
    first: "1.9.5",
    last: "1.9.8",
    protocolMax: "1.5.2",
    source: "781785d (2023-11-09, master '1.9.5'); tags v1.9.6-v1.9.8",
  },
  {
    family: "fulcrum",
    first: "1.10.0",
    last: "2.0",
    protocolMax: "1.5.3",
    source:
      "4aa8f84 (2024-03-04, '1.10.0'); tags v1.10.0-v1.12.0.1, v2.0.0 (VERSION '2.0', df51b8a, 2025-09-23)",
  },
  {
    family: "fulcrum",
    first: "2.0",
    last: null,
    protocolMax: "1.6",
    source:
      "efd2cee (2025-10-23, master '2.0') raises it to 1.6; tags v2.1.0 (ff93ce5, 2025-11-19), v2.1.1",
  },
  // electrs (romanz): protocol 1.4 throughout; what changed is the range handling.
  {
    family: "electrs",
    first: null,
    last: "0.8.12",
    protocolMax: "1.4",
    rangeHandling: "exact-refusal",
    source: "src/rpc.rs 'requested protocol version' through tag v0.8.12 (1997ddc, 2021-09-14)",
  },
  {
    family: "electrs",
    first: "0.9.0",
    last: "0.9.13",
    protocolMax: "1.4",
    rangeHandling: "range-refusal",
    source:
      "3780d7d (2021-03-26, Cargo '0.9.0') answers a range with 'requested Range(..)'; tags v0.9.0-v0.9.13",
  },
  {
    family: "electrs",
    first: "0.9.13",
    last: null,
    protocolMax: "1.4",
    rangeHandling: "accepts",
    source:
      "1a90c50 (2023-06-06, Cargo still '0.9.13') accepts a range containing 1.4; tags v0.9.14 onward",
  },
  // esplora (Blockstream/electrs) and EPS: protocol 1.4, no version told by the wire.
  {
    family: "esplora",
    first: null,
    last: null,
    protocolMax: "1.4",
    source:
      "Blockstream/electrs src/electrum/server.rs PROTOCOL_VERSION 1.4 since d2cdae0 (2020-06-10)",
  },
  {
    family: "eps",
    first: null,
    last: null,
    protocolMax: "1.4",
    source: "electrum-personal-server SERVER_PROTOCOL_VERSION_MAX 1.4",
  },
];
