/**
 * Probe `jarm`: the JARM TLS server fingerprint (https://github.com/salesforce/jarm). JARM's ten
 * crafted ClientHellos go out as raw bytes over plain TCP connections to the TLS port (through the
 * guarded dial), one at a time; only the server's first flight is read and parsed (ServerHello,
 * alert or close), and nothing is completed. See `jarm_scan.ts` for the scan and
 * `lib/tls/jarm_fingerprint.ts` for the 62-character hash. The record keeps each probe's parsed
 * answer (chosen version, cipher, compression, extension order, ALPN, alert) for later analysis.
 *
 * JARM fingerprints whatever terminates TLS (an nginx or stunnel in front of electrs, a load
 * balancer), not the Electrum software: read it beside the wire fingerprint.
 *
 * Budget: ten short connections per TLS endpoint. Not run through Tor (each circuit costs a
 * second or more) nor on a single-client server (EPS-like: its connections queue behind the main
 * session).
 *
 * @module
 */
import { jarmScan } from "./jarm_scan.ts";
import { isEpsLike, type Probe, skipped } from "./probe.ts";

export const jarm: Probe = {
  name: "jarm",
  version: "3",
  async run(ctx) {
    if (ctx.endpoint.transport !== "tls") {
      return { status: "unsupported", op: null, message: "not a TLS endpoint", data: {} };
    }
    if (ctx.endpoint.network === "onion") {
      return {
        status: "unsupported",
        op: null,
        message: "skipped: onion endpoint (handshake budget)",
        data: { skipped: "onion" },
      };
    }
    if (isEpsLike(ctx)) return skipped("EPS-like server (one client at a time)");
    const scan = await jarmScan(() => ctx.dialRaw(), ctx.endpoint.host, {
      readTimeoutMs: Math.min(ctx.requestTimeoutMs, 10_000),
      signal: ctx.signal,
    });
    const answered =
      scan.probes.filter((p) =>
        p.outcome === "server-hello" || p.outcome === "hello-retry" || p.outcome === "alert"
      ).length;
    if (answered === 0 && scan.probes.every((p) => p.outcome === "dial-failed")) {
      return {
        status: "closed",
        op: "connect",
        message: scan.probes[0]?.message ?? "no probe connected",
        data: { ...scan },
      };
    }
    return {
      status: "success",
      data: { fingerprint: scan.fingerprint, raw: scan.raw, probes: scan.probes },
    };
  },
};
