/**
 * Hostile lab personalities: servers that attack the collector (endless lines, 100 MB replies,
 * slowloris, invalid UTF-8, deep JSON, huge values, duplicate and unsolicited ids, notification
 * floods, silence, resets, garbage instead of TLS, an absurd certificate, a 100,000-entry peer
 * list, non-public peers, markup, formulas and ANSI escapes in text, a 253-character host name).
 * `startLab({ hostile: true })` plants one host of each, with role `hostile` and its
 * `hostility` in the ground truth; `methodology.md` §5 documents them and the bounds that
 * contain them.
 *
 * @module
 */
export {
  FORMULA_PAYLOADS,
  type HostileEnv,
  type HostileExpectation,
  HOSTILITIES,
  type Hostility,
  hostility,
  MARKUP_PAYLOADS,
  streamLazily,
} from "./hostilities.ts";
export {
  hostileSeeds,
  LONG_HOSTNAME,
  PHANTOMS,
  plantHostile,
  type PlantHostileOptions,
  PRIVATE_LITERALS,
} from "./plant.ts";
export {
  defaultAnswer,
  encodeAnswer,
  type HostileAnswer,
  type HostileRequest,
  REGTEST_GENESIS_HEX,
  type ResponderOptions,
  serveResponder,
} from "./responder.ts";
export { type HostileLabHooks, makeHostileTakeover } from "./takeover.ts";
