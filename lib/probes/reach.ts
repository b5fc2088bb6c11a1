/**
 * Probe `reach`: opens the main session (TCP, TLS or through SOCKS) and records the dial's
 * timings and the TLS session: protocol, cipher and the presented chain as DER.
 *
 * A TCP connect or a TLS handshake that times out is tried once more (`data.retried` says so,
 * with the first failure; the handshake since version 4): a crawl's opening burst on a loaded
 * machine can leave a listening port's connect unanswered for seconds, or a server's handshake
 * (its RSA signature, its own loop busy) past the deadline, and a server whose main endpoint is
 * not reached gets no probe battery at all (its further endpoints get only reach, version and the
 * certificate). A refusal, a TLS error or anything else is not retried, nor is a second timeout.
 *
 * Its TLS handshake's deadline counts from when the battery's extra connections open beside it
 * (`preversion`'s) have closed (version 3): a server that serves one client at a time (Electrum
 * Personal Server) starts the main session's handshake only then, after holding `preversion`'s
 * connection for its whole silence wait, which on a loaded observer reaches the 8 s of the
 * handshake deadline itself (version 2 then recorded an answering EPS as timed out at `tls`).
 *
 * @module
 */
import { bytesField } from "../records/records.ts";
import type { Probe } from "./probe.ts";

export const reach: Probe = {
  name: "reach",
  version: "4",
  async run(ctx) {
    let c = await ctx.open({ main: true });
    let retried: { status: string; op: string | null; message: string } | null = null;
    if (
      c.status === "timeout" && (c.op === "connect" || c.op === "tls") && !ctx.signal?.aborted
    ) {
      retried = { status: c.status, op: c.op, message: c.message };
      c = await ctx.open({ main: true });
    }
    if (c.status !== "success") {
      return {
        status: c.status,
        op: c.op,
        message: c.message,
        data: {
          connect_ms: c.timings.connectMs,
          proxy_ms: c.timings.proxyMs,
          tls_ms: c.timings.tlsMs,
          retried,
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
        retried,
      },
    };
  },
};
