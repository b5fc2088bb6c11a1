/**
 * Honest hosts drawn from the cohort tables: clearnet hosts (family, version, provider,
 * transports, ports, name, certificate, lag, configuration) and onion-only hosts.
 *
 * @module
 */
import { personality } from "../servers/personalities.ts";
import type { Rng } from "../rng.ts";
import { certSpecFor } from "./cert_spec.ts";
import { COHORTS, ONION_MIX } from "./cohorts.ts";
import { type BuildContext, issuedSecondMs, newHost } from "./context.ts";
import type { LabHost } from "./host.ts";
import { hostName, onionName } from "./names.ts";
import { placeHost } from "./placement.ts";
import { drawSettings } from "./variety.ts";

/** Add one honest clearnet host drawn from a cohort chosen by weight. */
export function addHonestHost(ctx: BuildContext, r: Rng): LabHost {
  const cohort = r.pick(COHORTS.map((c) => [c, c.weight] as const));
  const h = newHost(ctx, "honest", r.pick(cohort.personalities));
  placeHost(ctx, h, r.pick(cohort.providers), r);
  const transports = r.pick(cohort.transports);
  if (transports.includes("tcp")) h.tcpPort = r.pick(cohort.tcpPorts);
  if (transports.includes("tls")) h.tlsPort = r.pick(cohort.tlsPorts);
  if (r.chance(cohort.named)) h.hostname = hostName(ctx, h, r);
  const practice = r.pick(cohort.certs);
  if (h.tlsPort) {
    // A CA only issues for a name: an unnamed host falls back to openssl's default subject.
    h.cert = certSpecFor(
      h,
      practice === "lab-ca" && !h.hostname ? "self-signed-default-dn" : practice,
      r,
      ctx.now,
      issuedSecondMs(ctx, h),
    );
  }
  h.lag = r.pick(cohort.lag);
  h.reportServices = r.chance(0.8);
  // Configuration from a stream of the host's own, so the cohort draws above stay as they were.
  h.settings = drawSettings(
    personality(h.personality).family,
    h.tlsPort !== null,
    r.fork(`settings/${h.id}`),
    h.hostname,
  );
  return h;
}

/** Add one honest onion-only host (electrs always TCP; others TCP, TLS or both). */
export function addOnionHost(ctx: BuildContext, r: Rng): LabHost {
  const h = newHost(ctx, "honest", r.pick(ONION_MIX));
  h.onion = onionName(r);
  h.rttMs = 0;
  if (personality(h.personality).family === "electrs" || r.chance(0.6)) h.tcpPort = 50001;
  if (!h.tcpPort || r.chance(0.3)) {
    h.tlsPort = 50002;
    h.cert = certSpecFor(h, "self-signed-hostname", r, ctx.now, issuedSecondMs(ctx, h));
  }
  h.scenario = "onion";
  h.settings = drawSettings(
    personality(h.personality).family,
    h.tlsPort !== null,
    r.fork(`settings/${h.id}`),
    null,
  );
  return h;
}
