/**
 * Probe `reach`: opens the main session (TCP, TLS or through SOCKS) and records the dial's
 * timings and the TLS session: protocol, cipher and the presented chain as DER.
 *
 * @module
 */
import { bytesField } from "../records/records.ts";
import type { Probe } from "./probe.ts";

export const reach: Probe = {
  name: "reach",
  version: "1",
  async run(ctx) {
    const c = await ctx.open();
    if (c.status !== "success") {
      return {
        status: c.status,
        op: c.op,
        message: c.message,
        data: {
          connect_ms: c.timings.connectMs,
          proxy_ms: c.timings.proxyMs,
          tls_ms: c.timings.tlsMs,
        },
      };
    }
    ctx.session = c.session;
    ctx.dial = c.dial;
    const t = c.dial.tls;
    return {
      status: "success",
      data: {
        connect_ms: c.dial.timings.connectMs,
        proxy_ms: c.dial.timings.proxyMs,
        tls_ms: c.dial.timings.tlsMs,
        tls: t
          ? {
            protocol: t.protocol,
            cipher: t.cipher,
            alpn: t.alpn,
            chain: t.chainDer.map((d) => bytesField(d, 65_536)),
          }
          : null,
      },
    };
  },
};
