/**
 * The behaviour each planted role layers over its personality (see `population/scenarios.ts` for what each is
 * modelled on).
 *
 * @module
 */
import type { LabHost } from "../population.ts";
import type { Behaviour } from "./server.ts";

/** The phishing fleet's broadcast error: HTML, an "update" headline and a look-alike link (capital I for l). */
export const PHISHING_MESSAGE =
  '<br/><br/><h1>Required Security Update</h1><img src="https://i.imgur.com/lab-placeholder.png"><p>Your Electrum client is out of date and unsafe. Download the latest version from <a href="https://github.com/spesmiIo/electrum/releases">https://github.com/spesmiIo/electrum/releases</a> and restart.</p>';

/**
 * The broadcast rejection of the `bare-broadcast-error` modification (scenario `modified-subtle`):
 * ElectrumX's first sentence alone, without bitcoind's reason or the echoed transaction.
 */
export const BARE_BROADCAST_MESSAGE = "the transaction was rejected by network rules.";

/**
 * The behaviour of a host's role (and of its modification, for modified servers), plus the host's
 * own extra application latency per reply (`LabHost.extraLatencyMs`: time the server itself takes,
 * not a path, so not scaled by the lab's simulated latency; no generated host but a relay has
 * any, and relays are served by `relay.ts`).
 */
export function behaviourFor(h: LabHost): Behaviour {
  const role = roleBehaviour(h);
  return h.extraLatencyMs > 0 ? { ...role, extraLatencyMs: h.extraLatencyMs } : role;
}

function roleBehaviour(h: LabHost): Behaviour {
  switch (h.role) {
    case "modified":
      return h.modification === "bare-broadcast-error"
        ? { broadcastError: () => ({ code: 1, message: BARE_BROADCAST_MESSAGE }) }
        : {};
    case "phishing":
      return { broadcastError: () => ({ code: 1, message: PHISHING_MESSAGE }) };
    case "fee-manipulator":
      return { feeFactor: 20 };
    case "proof-forger":
      return { forgeProofs: true };
    case "withholding":
      return { withholdHistory: true };
    default:
      return {};
  }
}
