/**
 * Probe `banner`: `server.banner`, kept verbatim (bounded). Banners are operator text and may be
 * hostile: they are escaped wherever they are shown.
 *
 * @module
 */
import { clip } from "../records/records.ts";
import { simpleCall } from "./simple_call.ts";
import type { Probe } from "./probe.ts";

export const banner: Probe = {
  name: "banner",
  version: "1",
  run: (ctx) =>
    simpleCall(
      ctx,
      "server.banner",
      [],
      (result) =>
        typeof result === "string"
          ? { banner: clip(result, 4096), banner_length: result.length }
          : { status: "protocol-error", op: "parse", message: "banner is not a string", data: {} },
    ),
};
