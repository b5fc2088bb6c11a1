/**
 * The probe interface (after zgrab2's `module.go`): every probe is a small module with a name and
 * a version stamped on its records, run in order against one endpoint, sharing what earlier
 * probes learned through {@linkcode Facts}.
 *
 * @module
 */
import { connectElectrum } from "../electrum/connect.ts";
import type { ElectrumSession, SessionOptions } from "../electrum/session.ts";
import {
  dial,
  type DialOptions,
  type DialResult,
  type DialSuccess,
  type Transport,
} from "../net/dial.ts";
import type { Failure, Operation, Status } from "../net/status.ts";
import { OwnConnections } from "../net/own_connections.ts";
import type { Candidate } from "../electrum/peers.ts";

/** One endpoint of a server: a transport on an address and port. */
export interface Endpoint {
  /** The server this endpoint belongs to. */
  server: string;
  /** Host name, onion name or address literal as advertised. */
  host: string;
  /** The address as the world sees it; null through Tor. */
  ip: string | null;
  /** The address actually dialled (differs from `ip` only in the lab); null through Tor. */
  dialIp: string | null;
  port: number;
  transport: Transport;
  network: "clearnet" | "onion";
  /** The server's plain-TCP port on the same address, if it has one: probes that only read
   * JSON-RPC behaviour (`preversion`, `errors`, `version_range`) open their extra connections
   * there, sparing the server (and us) TLS handshakes. */
  plainPort?: number | null;
}

/** What probes learn and share, in the order they run. */
export interface Facts {
  /** Software string claimed in `server.version`. */
  software?: string;
  /** Negotiated protocol version. */
  protocol?: string;
  /** `server.features` result, if any. */
  features?: Record<string, unknown>;
  /** Tip height the server reported. */
  tipHeight?: number;
  /** Header hex at the tip. */
  tipHex?: string;
  /** Peers learned from this server. */
  peers?: Candidate[];
  /** Whether replies were padded (ElectrumX >= 1.18). */
  padded?: boolean;
  /** Line ending seen on replies. */
  lineEnding?: "\n" | "\r\n" | "mixed";
  /** Whether the server behaved like Electrum Personal Server (no features reply): avoid crashing
   * it. Set by `preversion`'s silence, cleared or confirmed by the `features` probe (see
   * {@linkcode epsVerdict}). */
  epsLike?: boolean;
  /** ElectrumX >= 1.19's version-first refusal was seen by `preversion`. */
  versionFirst?: boolean;
  /** Round trip of the main session's `server.version`, ms (adaptive waits). */
  versionRttMs?: number;
  /** Settles when the `features` probe finished (the `peers` probe reads its hosts). */
  featuresDone?: Promise<unknown>;
  /** Anything else probes want to share. */
  [key: string]: unknown;
}

/** What a probe returns. */
export interface ProbeOutput {
  status: Status;
  op?: Operation | null;
  message?: string | null;
  /** JSON-safe, bounded facts for the record. */
  data: Record<string, unknown>;
}

/** Everything a probe may use. */
export interface ProbeContext {
  endpoint: Endpoint;
  /** The main session, opened by the `reach` probe. */
  session: ElectrumSession | null;
  /** The dial result of the main session. */
  dial: DialResult | null;
  facts: Facts;
  /** The client name sent in `server.version` (says what we are and where to read about it). */
  clientName: string;
  /** Deadline of one request, ms. */
  requestTimeoutMs: number;
  /**
   * Open a session to the endpoint (through the guarded dial): the main session (`main`, which
   * `reach` opens) or an extra one. The main session's TLS handshake may wait behind the extra
   * connections open beside it (a server that serves one client at a time, Electrum Personal
   * Server, takes them in turn): its deadline counts from when the last of them closed.
   */
  open(
    options?: {
      session?: SessionOptions;
      tls?: DialOptions["tls"];
      preferPlain?: boolean;
      /** This is the main session. Default: false (an extra connection). */
      main?: boolean;
    },
  ): Promise<
    | { status: "success"; session: ElectrumSession; dial: DialSuccess }
    | (Failure & { timings: DialSuccess["timings"] })
  >;
  /**
   * Open a plain TCP connection to the endpoint's own port (through the guarded dial and the
   * rate limit), for probes that write raw bytes, such as TLS ClientHellos; the caller destroys
   * the socket.
   */
  dialRaw(): Promise<DialResult>;
  /**
   * May this probe send an error-provoking request now? Spends `cost` units (ElectrumX's cost
   * units, `lib/crawl/politeness.ts`) of the endpoint's /24 budget when it returns true.
   */
  mayProvoke(cost: number): boolean;
  /** Trust anchors (PEM) for certificate verification: the system store live, the lab CA in the lab; null = not checked. */
  trustAnchorsPem: readonly string[] | null;
  /** The time certificates are judged at. Default (absent): the wall clock; a lab run passes
   * the lab's clock, so its certificates are judged as of the lab's day. */
  certificateTime?: () => Date;
  signal?: AbortSignal;
}

/** A probe: one small module. */
export interface Probe {
  name: string;
  version: string;
  /** Run against one endpoint. Server misbehaviour is a status, never an exception. */
  run(ctx: ProbeContext): Promise<ProbeOutput>;
}

/** Options the crawler passes to {@linkcode makeProbeContext}. */
export interface ContextOptions {
  endpoint: Endpoint;
  dial: Omit<DialOptions, "transport">;
  clientName: string;
  requestTimeoutMs: number;
  session?: SessionOptions;
  mayProvoke?: (cost: number) => boolean;
  /** Awaited before every new connection (the global rate limit). Default: none. */
  beforeConnect?: () => Promise<void>;
  /** Trust anchors for the `tls` probe. Default: null (verification not attempted). */
  trustAnchorsPem?: readonly string[] | null;
  /** The time certificates are judged at. Default: the wall clock. */
  certificateTime?: () => Date;
  signal?: AbortSignal;
}

/** Build the context probes run in. */
export function makeProbeContext(o: ContextOptions): ProbeContext {
  const target = { host: o.endpoint.host, ip: o.endpoint.dialIp, port: o.endpoint.port };
  // The extra connections open now: the main session's handshake may queue behind them. An extra
  // one never waits for the main session, which outlives it.
  const extras = new OwnConnections();
  const ctx: ProbeContext = {
    endpoint: o.endpoint,
    session: null,
    dial: null,
    facts: {},
    clientName: o.clientName,
    requestTimeoutMs: o.requestTimeoutMs,
    signal: o.signal,
    mayProvoke: o.mayProvoke ?? (() => true),
    trustAnchorsPem: o.trustAnchorsPem ?? null,
    certificateTime: o.certificateTime,
    async open(options = {}) {
      await o.beforeConnect?.();
      const plain = options.preferPlain && o.endpoint.plainPort ? o.endpoint.plainPort : null;
      const c = await connectElectrum(plain ? { ...target, port: plain } : target, {
        ...o.dial,
        transport: plain ? "tcp" : o.endpoint.transport,
        signal: o.signal,
        tls: options.tls ?? o.dial.tls,
        session: { requestTimeoutMs: o.requestTimeoutMs, ...o.session, ...options.session },
        ...(options.main ? { behind: extras } : {}),
      });
      if (c.status !== "success") return c;
      if (!options.main) extras.add(c.dial.socket);
      return { status: "success", session: c.session, dial: c.dial };
    },
    async dialRaw() {
      await o.beforeConnect?.();
      const d = await dial(target, { ...o.dial, transport: "tcp", signal: o.signal });
      if (d.status === "success") extras.add(d.socket);
      return d;
    },
  };
  return ctx;
}

/** Turn a failed reply into a probe output. */
export function failed(
  r: { status: Status; op?: Operation; message?: string },
  data: Record<string, unknown> = {},
): ProbeOutput {
  return { status: r.status, op: r.op ?? "rpc", message: r.message ?? null, data };
}

/** Whether the server was seen to behave like Electrum Personal Server (single client, crashes on bad input). */
export function isEpsLike(ctx: ProbeContext): boolean {
  return ctx.facts.epsLike === true;
}

/**
 * Whether the server is EPS-like, once it is settled. `preversion`'s silence marks a server
 * EPS-like only provisionally (a slow server can be silent for its whole wait); when the `features`
 * probe is running on the main session (it runs first in its phase), its outcome settles it:
 * an answer of any kind clears the mark, since Electrum Personal Server never answers
 * `server.features` (reference §3). Probes that avoid what crashes EPS in that phase await this;
 * later phases can read {@linkcode isEpsLike}.
 *
 * @example
 * ```ts
 * if (await epsVerdict(ctx)) return skipped("EPS-like server");
 * ```
 */
export async function epsVerdict(ctx: ProbeContext): Promise<boolean> {
  if (ctx.facts.epsLike === true && ctx.facts.featuresDone) await ctx.facts.featuresDone;
  return isEpsLike(ctx);
}

/** The output of a probe that was skipped on purpose (recorded, never silently dropped). */
export function skipped(reason: string, data: Record<string, unknown> = {}): ProbeOutput {
  return {
    status: "unsupported",
    op: null,
    message: `skipped: ${reason}`,
    data: { skipped: reason, ...data },
  };
}
