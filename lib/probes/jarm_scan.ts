/**
 * JARM over raw TCP: send each of JARM's ten ClientHellos (`lib/tls/jarm_hellos.ts`) on its own
 * connection, read the server's first flight up to the ServerHello (`lib/tls/parse_server_hello.ts`),
 * close, and hash the ten answers as JARM does (`lib/tls/jarm_fingerprint.ts`). No handshake is
 * completed. Every read is bounded in bytes and time.
 *
 * @module
 */
import type net from "node:net";
import type { DialResult } from "../net/dial.ts";
import { boundMessage } from "../net/status.ts";
import { buildJarmHello, JARM_PROBES, type JarmProbeSpec } from "../tls/jarm_hellos.ts";
import { jarmFingerprint, jarmText } from "../tls/jarm_fingerprint.ts";
import {
  MAX_SERVER_HELLO_BYTES,
  parseServerFirstFlight,
  type ServerFirstFlight,
} from "../tls/parse_server_hello.ts";

/** How one probe ended. */
export type JarmOutcome =
  | "server-hello"
  | "hello-retry"
  | "alert"
  | "closed"
  | "timeout"
  | "malformed"
  | "not-tls"
  | "dial-failed";

/** One probe's answer, as recorded (JSON-safe, bounded). */
export interface JarmProbeResult {
  /** JARM's probe name. */
  probe: string;
  outcome: JarmOutcome;
  /** JARM's raw text for this answer (`cipher|version|alpn|extensions` or `|||`). */
  text: string;
  /** `legacy_version` of the ServerHello, 4 hex digits. */
  legacy_version: string | null;
  /** Version chosen (`supported_versions` if sent), 4 hex digits. */
  selected_version: string | null;
  cipher: string | null;
  compression: number | null;
  /** Extension types in the order sent, 4 hex digits each. */
  extensions: string[] | null;
  alpn: string | null;
  /** Alert description code (RFC 8446 §6), when an alert came. */
  alert: number | null;
  /** Bytes received before the verdict. */
  bytes: number;
  /** Connect to verdict, ms. */
  ms: number;
  /** Dial failure or parse problem, bounded. */
  message: string | null;
}

/** The whole scan. */
export interface JarmScan {
  /** The 62-character JARM fingerprint. */
  fingerprint: string;
  /** JARM's raw texts joined by `,` (JARM's own verbose form). */
  raw: string;
  probes: JarmProbeResult[];
}

/** Options of {@linkcode jarmScan}. */
export interface JarmScanOptions {
  /** Deadline for the server's answer on each connection, ms. Default: 5,000. */
  readTimeoutMs?: number;
  /** Randomness for the hellos. Default: `crypto.getRandomValues`. */
  random?: (n: number) => Uint8Array;
  /** Aborts between probes. */
  signal?: AbortSignal;
}

/**
 * Run JARM's ten probes, one connection each, in JARM's order.
 *
 * Following JARM, a timeout on any probe stops the scan and makes every answer empty (the
 * fingerprint is then 62 zeros); the per-probe results still say what was seen.
 *
 * @param connect Opens a plain TCP connection to the TLS port (the guarded dial).
 * @param serverName Sent as SNI, as JARM does (address literals included).
 * @param options Deadlines and randomness.
 * @returns Fingerprint, raw texts and per-probe results; never throws on server behaviour.
 * @example
 * ```ts
 * const scan = await jarmScan(() => dial(target, { transport: "tcp", policy }), "127.0.0.2");
 * scan.fingerprint.length; // 62
 * ```
 */
export async function jarmScan(
  connect: () => Promise<DialResult>,
  serverName: string,
  options: JarmScanOptions = {},
): Promise<JarmScan> {
  const probes: JarmProbeResult[] = [];
  let timedOut = false;
  for (const spec of JARM_PROBES) {
    if (options.signal?.aborted || timedOut) {
      probes.push(
        empty(
          spec,
          "dial-failed",
          0,
          0,
          timedOut ? "not sent: an earlier probe timed out" : "aborted",
        ),
      );
      continue;
    }
    const r = await oneProbe(connect, spec, serverName, options);
    if (r.outcome === "timeout") timedOut = true;
    probes.push(r);
  }
  const texts = timedOut ? probes.map(() => "|||") : probes.map((p) => p.text);
  return { fingerprint: jarmFingerprint(texts), raw: probes.map((p) => p.text).join(","), probes };
}

async function oneProbe(
  connect: () => Promise<DialResult>,
  spec: JarmProbeSpec,
  serverName: string,
  options: JarmScanOptions,
): Promise<JarmProbeResult> {
  const t0 = performance.now();
  const d = await connect();
  if (d.status !== "success") {
    return empty(spec, "dial-failed", 0, performance.now() - t0, `${d.status}: ${d.message}`);
  }
  const hello = buildJarmHello(spec, serverName, { random: options.random });
  const { answer, bytes, ended } = await readFirstFlight(
    d.socket,
    hello,
    options.readTimeoutMs ?? 5000,
  );
  d.socket.destroy();
  const ms = performance.now() - t0;
  if (answer === null || answer.kind === "incomplete") {
    return empty(
      spec,
      ended === "timeout" ? "timeout" : "closed",
      bytes,
      ms,
      ended === "error" ? "read error" : null,
    );
  }
  switch (answer.kind) {
    case "alert":
      return { ...empty(spec, "alert", bytes, ms, null), alert: answer.description };
    case "malformed":
      return empty(spec, "malformed", bytes, ms, boundMessage(answer.reason, 200));
    case "not-tls":
      return empty(spec, "not-tls", bytes, ms, `first byte 0x${answer.firstByte.toString(16)}`);
    case "server-hello":
      return {
        probe: spec.name,
        outcome: answer.helloRetry ? "hello-retry" : "server-hello",
        text: jarmText(answer),
        legacy_version: hex4(answer.legacyVersion),
        selected_version: hex4(answer.selectedVersion),
        cipher: hex4(answer.cipher),
        compression: answer.compression,
        extensions: answer.extensions.map((e) => hex4(e.type)),
        alpn: answer.alpn,
        alert: null,
        bytes,
        ms,
        message: null,
      };
  }
}

/** Write the hello, then read until the first flight parses, the peer closes, or the deadline. */
function readFirstFlight(
  socket: net.Socket,
  hello: Uint8Array,
  timeoutMs: number,
): Promise<
  {
    answer: ServerFirstFlight | null;
    bytes: number;
    ended: "parsed" | "close" | "timeout" | "error";
  }
> {
  const limit = MAX_SERVER_HELLO_BYTES + 4096;
  return new Promise((resolve) => {
    let buf = new Uint8Array(0);
    let last: ServerFirstFlight | null = null;
    let done = false;
    const finish = (ended: "parsed" | "close" | "timeout" | "error") => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.off("data", onData);
      resolve({ answer: last, bytes: buf.length, ended });
    };
    const onData = (chunk: Uint8Array) => {
      const room = limit - buf.length;
      const next = new Uint8Array(buf.length + Math.min(room, chunk.length));
      next.set(buf);
      next.set(chunk.subarray(0, room), buf.length);
      buf = next;
      last = parseServerFirstFlight(buf);
      if (last.kind !== "incomplete" || buf.length >= limit) finish("parsed");
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("data", onData);
    socket.once("end", () => finish("close"));
    socket.once("close", () => finish("close"));
    socket.once("error", () => finish("error"));
    socket.write(hello);
  });
}

function empty(
  spec: JarmProbeSpec,
  outcome: JarmOutcome,
  bytes: number,
  ms: number,
  message: string | null,
): JarmProbeResult {
  return {
    probe: spec.name,
    outcome,
    text: "|||",
    legacy_version: null,
    selected_version: null,
    cipher: null,
    compression: null,
    extensions: null,
    alpn: null,
    alert: null,
    bytes,
    ms,
    message,
  };
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, "0");
}
