/**
 * Probe `donation`: `server.donation_address` (ElectrumX "" by default, Fulcrum a fixed address,
 * electrs null, EPS a fixed address; reference §5.1).
 *
 * @module
 */
import { clip } from "../records/records.ts";
import { simpleCall } from "./simple_call.ts";
import type { Probe } from "./probe.ts";

export const donation: Probe = {
  name: "donation",
  version: "1",
  run: (ctx) =>
    simpleCall(
      ctx,
      "server.donation_address",
      [],
      (result) =>
        result === null || typeof result === "string"
          ? { donation_address: result === null ? null : clip(result, 256) }
          : {
            status: "protocol-error",
            op: "parse",
            message: "donation address is neither a string nor null",
            data: {},
          },
    ),
};
