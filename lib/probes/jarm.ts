/**
 * Probe `jarm`: a TLS server fingerprint in the spirit of JARM (prior-art.md): a few extra
 * handshakes with crafted client constraints, recording what the server picks (protocol, cipher,
 * ALPN) or how it refuses, hashed into one fingerprint with the main handshake. Budget: three
 * extra handshakes, closed right after the handshake (nothing is sent over them): the version the
 * main handshake did not pick (TLS 1.2 when it picked 1.3, else 1.3), then TLS 1.2 and TLS 1.3
 * each with ALPN offered. Not run through Tor (each circuit costs a second or more; the TLS stack
 * behind an onion is recorded by the main handshake alone).
 *
 * Limits of the method here: Deno's node:tls client honours `minVersion` and `maxVersion`,
 * offers `ALPNProtocols`, but ignores `ciphers` and `ecdhCurve` (checked), so the fingerprint separates
 * TLS stacks by version support, version preference, ALPN handling and cipher choice per version,
 * not by cipher-order preference as JARM's ten ClientHellos do.
 *
 * Not run on a single-client server (EPS-like): its handshakes would queue behind the main
 * session.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { TlsClientOptions } from "../net/dial.ts";
import { isEpsLike, type Probe, skipped } from "./probe.ts";

/** The crafted handshakes, by label. */
export const JARM_HELLOS: readonly [string, TlsClientOptions][] = [
  ["t12", { maxVersion: "TLSv1.2" }],
  ["t13", { minVersion: "TLSv1.3" }],
  ["t12-alpn", { maxVersion: "TLSv1.2", ALPNProtocols: ["h2", "http/1.1"], ciphers: "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256" }],
  ["t13-alpn", { minVersion: "TLSv1.3", ALPNProtocols: ["electrum", "http/1.1"], ecdhCurve: "P-384" }],
];

/** One handshake's answer as text: `protocol/cipher/alpn` or `!status`. */
export function handshakeText(r: { status: string; protocol?: string | null; cipher?: string | null; alpn?: string | null }): string {
  return r.status === "success" ? `${r.protocol ?? "-"}/${r.cipher ?? "-"}/${r.alpn ?? "-"}` : `!${r.status}`;
}

/** The fingerprint: first 32 hex digits of SHA-256 over the handshake texts joined by `|`. */
export function jarmHash(texts: readonly string[]): string {
  return createHash("sha256").update(texts.join("|")).digest("hex").slice(0, 32);
}

export const jarm: Probe = {
  name: "jarm",
  version: "2",
  async run(ctx) {
    if (ctx.endpoint.transport !== "tls") return { status: "unsupported", op: null, message: "not a TLS endpoint", data: {} };
    const main = ctx.dial?.status === "success" ? ctx.dial.tls : null;
    if (!main) return { status: "closed", op: "tls", message: "no main TLS session", data: {} };
    if (ctx.endpoint.network === "onion") return { status: "unsupported", op: null, message: "skipped: onion endpoint (handshake budget)", data: { skipped: "onion" } };
    if (isEpsLike(ctx)) return skipped("EPS-like server (one client at a time)");
    const texts = [handshakeText({ status: "success", protocol: main.protocol, cipher: main.cipher, alpn: main.alpn })];
    const hellos: Record<string, string> = { default: texts[0] };
    // The version the default handshake picked needs no second handshake.
    const skip = main.protocol === "TLSv1.3" ? "t13" : "t12";
    for (const [label, options] of JARM_HELLOS) {
      if (label === skip) {
        hellos[label] = "=default";
        texts.push("=default");
        continue;
      }
      const c = await ctx.open({ tls: options });
      const t = c.status === "success"
        ? handshakeText({ status: "success", protocol: c.dial.tls?.protocol, cipher: c.dial.tls?.cipher, alpn: c.dial.tls?.alpn })
        : handshakeText({ status: c.status });
      if (c.status === "success") c.session.close();
      hellos[label] = t;
      texts.push(t);
    }
    return { status: "success", data: { hellos, fingerprint: jarmHash(texts), raw: texts.join("|") } };
  },
};
