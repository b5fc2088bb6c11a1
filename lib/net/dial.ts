/**
 * The one dial function. Every connection the observatory opens goes through {@linkcode dial}, and
 * the address guard lives here, so no probe can bypass it (after zgrab2's `conn.go`).
 *
 * Guard rules, checked before any socket exists:
 * - `lab` and `local` targets may dial only 127.0.0.0/8 and ::1 (the target and any SOCKS proxy);
 *   `local` targets also minus the deny list and within the allow list if one is given. (A lab
 *   dials loopback stand-ins for simulated public addresses: the crawl checks the lists against
 *   the simulated address, with {@linkcode listedRefusal}, before it dials.)
 * - `live` may dial only public unicast addresses (never private, loopback, link-local, multicast,
 *   CGNAT, documentation or reserved ones), minus the deny list and within the allow list if one is
 *   given; only a SOCKS proxy (a local Tor daemon) may be on loopback. Live dialling is refused
 *   outright while the environment variable `OBS_FORBID_LIVE` is set, as the test runner does.
 *
 * A refused dial is recorded with status `blocklisted`; nothing is sent.
 *
 * @module
 */
import net from "node:net";
import tls from "node:tls";
import { socks5Connect } from "./socks5.ts";
import { holdUntil, type PathModel, pathRttMs } from "./path_delay.ts";
import { classifyAddress, inCidr, isLoopback } from "./address.ts";
import { classifyError, DeadlineError, type Failure } from "./status.ts";
import type { OwnConnections } from "./own_connections.ts";

/** Which network the run measures. */
export type TargetMode = "lab" | "local" | "live";

/** Transport of an Electrum endpoint (`t` and `s` in Electrum's notation). */
export type Transport = "tcp" | "tls";

/** Where the dial function may connect. */
export interface DialPolicy {
  /** The run's target; decides the guard rules. */
  mode: TargetMode;
  /** CIDR blocks never dialled as a target (`live` and `local`; a SOCKS proxy is exempt).
   * Default: none. */
  deny?: readonly string[];
  /** If non-empty, only these CIDR blocks are dialled as a target (`live` and `local`). Default:
   * all the mode allows. */
  allow?: readonly string[];
}

/** Client-side TLS knobs, used by the TLS fingerprint probe. */
export interface TlsClientOptions {
  /** Lowest TLS version offered. Default: Node's (`TLSv1.2`). */
  minVersion?: tls.SecureVersion;
  /** Highest TLS version offered. Default: `TLSv1.3`. */
  maxVersion?: tls.SecureVersion;
  /** OpenSSL cipher list for TLS ≤ 1.2. Default: Node's. */
  ciphers?: string;
  /** ALPN protocols offered. Default: none. */
  ALPNProtocols?: string[];
  /** Key-exchange groups offered, OpenSSL syntax (`X25519:P-256`). Default: Node's. */
  ecdhCurve?: string;
}

/** Options of {@linkcode dial}. */
export interface DialOptions {
  /** `tcp` or `tls`. */
  transport: Transport;
  /** The guard's policy. */
  policy: DialPolicy;
  /** Deadline for the TCP (or proxy) connection, in ms. Default: 10,000. */
  connectTimeoutMs?: number;
  /** Deadline for the TLS handshake, in ms. Default: 10,000. */
  tlsTimeoutMs?: number;
  /** Aborts the dial (and destroys the socket). */
  signal?: AbortSignal;
  /** SNI server name; default the target's host when it is a name. */
  servername?: string;
  /** A SOCKS5 proxy (Tor, or the lab's gateway); the proxy resolves the host name. */
  socks?: { ip: string; port: number };
  /** TLS client knobs. */
  tls?: TlsClientOptions;
  /** Set TCP no-delay (disable Nagle) on the socket, plain, TLS or through SOCKS5. Without it a
   * client that writes two small requests back to back waits for the server's delayed ACK (about
   * 40 ms) before the second leaves, and a server that holds small replies (ElectrumX >= 1.18's
   * padding) sends no data to carry that ACK earlier. Default: true; false only to measure the
   * effect. */
  noDelay?: boolean;
  /** An emulated network's round trips by dialled address (the lab publishes one): a TCP connect
   * and a TLS handshake that finish sooner on loopback are held until one path round trip has
   * passed, as they would take over that path. Default: none (the real network's own timing). */
  path?: PathModel | null;
  /** Our own other connections to the same server, open beside this one. A server that serves one
   * client at a time (Electrum Personal Server) starts this TLS handshake only once it is done with
   * them, so the handshake's deadline counts from when the last of them closed (or from its start,
   * whichever is later): when it passes while one is still open, the handshake waits for them to
   * close, the abort signal still ending it. Their own deadlines bound the wait. Never give it a
   * connection that outlives this one (the main session to an extra connection's dial): the
   * handshake would wait for it. Default: none (the deadline counts from the handshake's start). */
  behind?: OwnConnections;
  /** Called once the TLS handshake itself has completed, before the emulated path's hold (`path`)
   * ends the dial: a caller timing something else beside the dial (the timing phase's ping on
   * another connection) starts it there, clear of the handshake's own work on the loop. Not called
   * when the handshake fails or for `tcp`. Default: none. */
  onHandshake?: () => void;
}

/** What is known of a TLS session. */
export interface TlsSessionInfo {
  /** Negotiated protocol, such as `TLSv1.3`. */
  protocol: string | null;
  /** Negotiated cipher suite (standard name). */
  cipher: string | null;
  /** Negotiated ALPN protocol, if any. */
  alpn: string | null;
  /** The presented chain as DER, leaf first (at most 10 certificates). */
  chainDer: Uint8Array[];
}

/** Timings of a dial, in ms. */
export interface DialTimings {
  /** TCP connect (to the target or to the proxy). */
  connectMs: number | null;
  /** SOCKS5 negotiation after the proxy connection, including the proxy's own connect. */
  proxyMs: number | null;
  /** TLS handshake. */
  tlsMs: number | null;
}

/** A successful dial. */
export interface DialSuccess {
  status: "success";
  /** The open socket; the caller owns it and must destroy it. */
  socket: net.Socket;
  /** TLS session information when `transport` is `tls`. */
  tls: TlsSessionInfo | null;
  timings: DialTimings;
}

/** A failed dial. */
export interface DialFailure extends Failure {
  timings: DialTimings;
}

/** The outcome of {@linkcode dial}. */
export type DialResult = DialSuccess | DialFailure;

/** Where to connect: an address literal, or (with a SOCKS proxy) a host name. */
export interface DialTarget {
  /** Host name (or address) as advertised; used for SNI and for SOCKS. */
  host: string;
  /** The address to dial directly; null when a SOCKS proxy resolves `host`. */
  ip: string | null;
  /** TCP port. */
  port: number;
}

/**
 * Check an address against the guard; returns the reason it is refused, or null if allowed.
 *
 * @param ip The address about to be dialled.
 * @param policy The run's policy.
 * @param role `target` for the server, `proxy` for a SOCKS proxy.
 */
export function guardAddress(
  ip: string,
  policy: DialPolicy,
  role: "target" | "proxy" = "target",
): string | null {
  if (net.isIP(ip) === 0) return `not an address literal: ${JSON.stringify(ip.slice(0, 80))}`;
  if (policy.mode === "lab" || policy.mode === "local") {
    if (!isLoopback(ip)) return `${policy.mode} mode dials only 127.0.0.0/8 and ::1, not ${ip}`;
    return role === "proxy" || policy.mode === "lab" ? null : listedRefusal(ip, policy);
  }
  if (policy.mode !== "live") return `unknown target mode ${JSON.stringify(policy.mode)}`;
  if (Deno.env.get("OBS_FORBID_LIVE")) {
    return "live mode is forbidden here (OBS_FORBID_LIVE is set)";
  }
  if (role === "proxy") {
    return isLoopback(ip) ? null : `a SOCKS proxy must be on loopback, not ${ip}`;
  }
  const cls = classifyAddress(ip);
  if (cls !== "public") return `live mode never dials ${cls} addresses (${ip})`;
  return listedRefusal(ip, policy);
}

/**
 * Check an address against the run's deny and allow lists only.
 *
 * @returns Why `ip` is refused, or null.
 * @example
 * ```ts
 * listedRefusal("203.0.113.9", { mode: "lab", deny: ["203.0.113.0/24"] }); // "203.0.113.9 is in the deny list (203.0.113.0/24)"
 * ```
 */
export function listedRefusal(ip: string, policy: DialPolicy): string | null {
  for (const block of policy.deny ?? []) {
    if (inCidr(ip, block)) return `${ip} is in the deny list (${block})`;
  }
  if (policy.allow?.length && !policy.allow.some((b) => inCidr(ip, b))) {
    return `${ip} is not in the allow list`;
  }
  return null;
}

/**
 * Open a TCP or TLS connection to an Electrum endpoint, directly or through SOCKS5, after the
 * address guard allowed it. TLS accepts any certificate (self-signed is the norm here) and returns
 * the presented chain as DER.
 *
 * Never throws for network trouble: failures come back as records with a status.
 *
 * @param target Where to connect.
 * @param options Transport, policy, deadlines.
 * @returns The open socket with timings, or a failure record.
 * @throws {TypeError} If the target has neither an address nor a SOCKS proxy to resolve it, or a
 * bad port.
 * @example
 * ```ts
 * const r = await dial({ host: "127.0.0.2", ip: "127.0.0.2", port: 50001 }, { transport: "tcp", policy: { mode: "lab" } });
 * if (r.status === "success") r.socket.destroy();
 * ```
 */
export async function dial(target: DialTarget, options: DialOptions): Promise<DialResult> {
  const { port } = target;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new RangeError(`Port must be an integer in 1..65535, got ${port}`);
  }
  if (target.ip === null && !options.socks) {
    throw new TypeError(`Target ${JSON.stringify(target.host)} has no address and no SOCKS proxy`);
  }
  const timings: DialTimings = { connectMs: null, proxyMs: null, tlsMs: null };
  const refusal = options.socks
    ? guardAddress(options.socks.ip, options.policy, "proxy")
    : guardAddress(target.ip!, options.policy, "target");
  if (refusal) return { status: "blocklisted", op: "connect", message: refusal, timings };
  // Through a proxy, the target's own literal address (if any) must pass the guard too.
  if (options.socks && target.ip !== null) {
    const r = guardAddress(target.ip, options.policy, "target");
    if (r) return { status: "blocklisted", op: "connect", message: r, timings };
  }
  if (options.signal?.aborted) {
    return { status: "aborted", op: "connect", message: "aborted before dial", timings };
  }

  let socket: net.Socket;
  const t0 = performance.now();
  if (options.socks) {
    let s: net.Socket | null = null;
    try {
      const ms = options.connectTimeoutMs ?? 10_000;
      s = await connectTcp(
        options.socks.ip,
        options.socks.port,
        ms,
        options.signal,
        options.noDelay ?? true,
      );
      const proxySocket = s;
      await withDeadline<void>(
        (settle) => {
          socks5Connect(proxySocket, target.ip ?? target.host, port).then(
            () => settle(null),
            (e) => settle(e),
          );
          return () => {};
        },
        Math.max(1, ms - (performance.now() - t0)),
        "SOCKS5 negotiation",
        options.signal,
      );
      socket = s;
      timings.proxyMs = performance.now() - t0;
    } catch (err) {
      (s as net.Socket | null)?.destroy();
      return { ...classifyError(err, "proxy"), timings };
    }
  } else {
    try {
      socket = await connectTcp(
        target.ip!,
        port,
        options.connectTimeoutMs ?? 10_000,
        options.signal,
        options.noDelay ?? true,
      );
    } catch (err) {
      return { ...classifyError(err, "connect"), timings };
    }
    try {
      // SYN, SYN-ACK: one round trip of the emulated path (loopback answers at once).
      await holdUntil(t0, pathRttMs(options.path, target.ip!), options.signal);
    } catch (err) {
      socket.destroy();
      return { ...classifyError(err, "connect"), timings };
    }
    timings.connectMs = performance.now() - t0;
  }
  if (options.transport === "tcp") return { status: "success", socket, tls: null, timings };

  const t1 = performance.now();
  try {
    const secure = await handshake(socket, target, options);
    options.onHandshake?.();
    try {
      // A TLS 1.3 handshake is one round trip of the path before the client may send data.
      await holdUntil(t1, pathRttMs(options.path, target.ip ?? ""), options.signal);
    } catch (err) {
      secure.destroy();
      throw err;
    }
    timings.tlsMs = performance.now() - t1;
    return { status: "success", socket: secure, tls: sessionInfo(secure), timings };
  } catch (err) {
    socket.destroy();
    return { ...classifyError(err, "tls"), timings };
  }
}

/**
 * Run `start` under a deadline of `ms`. `remaining`, when given, is asked when the deadline passes
 * and resolves to the ms still allowed (0 or less: it has passed); the deadline is then re-armed.
 */
function withDeadline<T>(
  start: (settle: (err: unknown, value?: T) => void) => () => void,
  ms: number,
  what: string,
  signal?: AbortSignal,
  remaining?: () => Promise<number>,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let cleanup: () => void = () => {};
    const settle = (err: unknown, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      cleanup();
      if (err) reject(err);
      else resolve(value as T);
    };
    const onAbort = () =>
      settle(Object.assign(new Error(`${what} aborted`), { name: "AbortError" }));
    const expire = async () => {
      const left = remaining ? await remaining() : 0;
      if (done) return;
      if (left > 0) timer = setTimeout(expire, left);
      else settle(new DeadlineError(what, ms));
    };
    let timer = setTimeout(expire, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    cleanup = start(settle);
  });
}

function connectTcp(
  ip: string,
  port: number,
  ms: number,
  signal: AbortSignal | undefined,
  noDelay: boolean,
): Promise<net.Socket> {
  let sock: net.Socket | null = null;
  return withDeadline<net.Socket>(
    (settle) => {
      sock = net.connect({ host: ip, port });
      const s = sock;
      // Every client socket of the observatory goes through here; a TLS socket wraps this one and a
      // SOCKS5 tunnel is this socket, so the one call covers all three.
      s.setNoDelay(noDelay);
      const onErr = (e: Error) => settle(e);
      s.once("error", onErr);
      s.once("connect", () => {
        s.off("error", onErr);
        settle(null, s);
      });
      return () => {};
    },
    ms,
    "TCP connect",
    signal,
  ).catch((err) => {
    (sock as net.Socket | null)?.destroy();
    throw err;
  });
}

function handshake(
  socket: net.Socket,
  target: DialTarget,
  options: DialOptions,
): Promise<tls.TLSSocket> {
  const servername = options.servername ?? (net.isIP(target.host) ? undefined : target.host);
  const ms = options.tlsTimeoutMs ?? 10_000;
  const startedAt = performance.now();
  const behind = options.behind;
  // Time a one-client server spends on our other connections is not the handshake's: the
  // deadline runs from when the last of them closed.
  const remaining = behind
    ? async () => {
      await behind.idle();
      return Math.max(startedAt, behind.freedAt) + ms - performance.now();
    }
    : undefined;
  return withDeadline<tls.TLSSocket>(
    (settle) => {
      const secure = tls.connect({
        socket,
        servername,
        rejectUnauthorized: false,
        minVersion: options.tls?.minVersion,
        maxVersion: options.tls?.maxVersion,
        ciphers: options.tls?.ciphers,
        ALPNProtocols: options.tls?.ALPNProtocols,
        ecdhCurve: options.tls?.ecdhCurve,
      });
      const onErr = (e: Error) => {
        secure.destroy();
        settle(e);
      };
      secure.once("error", onErr);
      secure.once("close", () =>
        settle(
          Object.assign(new Error("connection closed during TLS handshake"), {
            code: "ECONNRESET",
          }),
        ));
      secure.once("secureConnect", () => {
        secure.off("error", onErr);
        secure.removeAllListeners("close");
        settle(null, secure);
      });
      return () => {};
    },
    ms,
    "TLS handshake",
    options.signal,
    remaining,
  );
}

function sessionInfo(s: tls.TLSSocket): TlsSessionInfo {
  const chainDer: Uint8Array[] = [];
  let cert = s.getPeerCertificate(true) as tls.DetailedPeerCertificate | undefined;
  const seen = new Set<string>();
  while (cert && cert.raw && chainDer.length < 10) {
    const key = cert.fingerprint256;
    if (seen.has(key)) break;
    seen.add(key);
    chainDer.push(new Uint8Array(cert.raw));
    if (!cert.issuerCertificate || cert.issuerCertificate === cert) break;
    cert = cert.issuerCertificate;
  }
  const cipher = s.getCipher() as
    | (tls.CipherNameAndProtocol & { standardName?: string })
    | undefined;
  return {
    protocol: s.getProtocol() ?? null,
    cipher: cipher?.standardName ?? cipher?.name ?? null,
    alpn: typeof s.alpnProtocol === "string" ? s.alpnProtocol : null,
    chainDer,
  };
}
