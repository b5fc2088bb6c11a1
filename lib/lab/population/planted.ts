/**
 * The planted scenarios made into hosts: one planting rule per role of `SCENARIOS`, each a short
 * function of the build, the host's rank `k` within its scenario, the scenario's random stream and
 * its operator group.
 *
 * @module
 */
import type { Rng } from "../rng.ts";
import { certSpecFor } from "./cert_spec.ts";
import { type BuildContext, issuedSecondMs, newHost } from "./context.ts";
import { COHORTS, HOSTED, SELF_SIGNED_MIX } from "./cohorts.ts";
import { addDays, daysBefore, iso } from "./dates.ts";
import { hostName } from "./names.ts";
import { plantOperators } from "./operators.ts";
import { placeHost } from "./placement.ts";
import { DEFAULT_CLEARNET, type Role, type Scenario, SCENARIOS } from "./scenarios.ts";
import { drawSettings } from "./variety.ts";

/** Plants host number `k` of a scenario. `operator` is the scenario's operator group or null. */
type HostPlanter = (ctx: BuildContext, k: number, r: Rng, operator: string | null) => void;
/** Plants the `n` hosts of scenario `s`. */
type Planter = (ctx: BuildContext, n: number, r: Rng, s: Scenario) => void;

/**
 * Plant every scenario, scaled with the clearnet size (at least each scenario's `min`), in table
 * order; scenario `name` draws from `rng.fork("scenario/<name>")`, and its hosts record the name.
 */
export function plantScenarios(ctx: BuildContext, clearnet: number, rng: Rng): void {
  for (const { s, n } of plantedCounts(clearnet)) {
    const plant = PLANTERS[s.name];
    if (!plant) throw new RangeError(`No planting rule for scenario ${s.name}`);
    const first = ctx.hosts.length;
    plant(ctx, n, rng.fork(`scenario/${s.name}`), s);
    for (const h of ctx.hosts.slice(first)) h.scenario = s.name;
  }
}

/** A planter that plants hosts one by one. */
const each = (plant: HostPlanter): Planter => (ctx, n, r, s) => {
  for (let k = 0; k < n; k++) plant(ctx, k, r, s.operator);
};

/** How many hosts each scenario gets for `clearnet` reachable clearnet hosts. */
export function plantedCounts(clearnet: number): { s: Scenario; n: number }[] {
  const scale = clearnet / DEFAULT_CLEARNET;
  return SCENARIOS.map((s) => ({ s, n: Math.max(s.min, Math.round(s.count * scale)) }));
}

/** A TCP 50001 + TLS 50002 host with a drawn name and a self-signed certificate for it. */
function namedSelfSigned(ctx: BuildContext, h: ReturnType<typeof newHost>, r: Rng): void {
  h.tcpPort = 50001;
  h.tlsPort = 50002;
  h.hostname = hostName(ctx, h, r);
  h.cert = certSpecFor(h, "self-signed-hostname", r, ctx.now, issuedSecondMs(ctx, h));
}

const PLANTERS: Readonly<Record<string, Planter>> = {
  sybil: each((ctx, k, r, operator) => {
    const h = newHost(ctx, "sybil", "electrumx-1.19.0");
    const region = ["us-east4", "us-central1", "asia-northeast1", "australia-southeast1"][k % 4];
    placeHost(ctx, h, "google", r, region);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    const issued = new Date(Date.UTC(2026, 2, 14, 9, 12, 0) + k * r.int(1, 4) * 1000);
    const cn = `electrumx-${region}-node-${k + 1}`;
    h.cert = {
      practice: "self-signed-hostname",
      subject: { C: "GB", L: "London", O: "Electrum Services Ltd", CN: cn },
      sans: [cn],
      notBefore: iso(issued),
      notAfter: iso(addDays(issued, 825)),
      key: "rsa2048",
      keyId: h.id,
      certId: h.id,
    };
    h.reportServices = false;
    h.operator = operator!;
  }),
  phishing: each((ctx, k, r, operator) => {
    const h = newHost(ctx, "phishing", "electrumx-1.16.0");
    h.claims = "electrumx-1.8.12";
    h.modification = "phishing-broadcast";
    placeHost(ctx, h, r.pick([["digitalocean", 1], ["vultr", 1], ["linode", 1]]), r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r, "electrum" + (k + 1));
    h.cert = certSpecFor(h, "self-signed-hostname", r, ctx.now, issuedSecondMs(ctx, h));
    h.operator = operator!;
  }),
  modified: each((ctx, k, r) => {
    // Half claim ElectrumX 1.20.0 but behave like Fulcrum; half the reverse.
    const fulcrumInside = k % 2 === 0;
    const h = newHost(ctx, "modified", fulcrumInside ? "fulcrum-2.1.1" : "electrumx-1.16.0");
    h.claims = fulcrumInside ? "electrumx-1.20.0" : "fulcrum-2.1.1";
    h.modification = fulcrumInside ? "claims-electrumx" : "claims-fulcrum";
    placeHost(ctx, h, r.pick([["hetzner", 1], ["ovh", 1], ["aws", 1]]), r);
    namedSelfSigned(ctx, h, r);
  }),
  relay: each((ctx, _k, r) => {
    // Ports, personality and certificate come from its upstream (relays.ts).
    const h = newHost(ctx, "relay", "fulcrum-2.1.1");
    placeHost(ctx, h, r.pick([["aws", 1], ["digitalocean", 1]]), r);
    h.extraLatencyMs = r.int(60, 140);
  }),
  "peer-poisoner": each((ctx, k, r) => {
    const h = newHost(ctx, "peer-poisoner", "electrumx-1.18.0");
    placeHost(ctx, h, "contabo", r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.cert = certSpecFor(h, "self-signed-default-dn", r, ctx.now, issuedSecondMs(ctx, h));
    // Dozens of unreachable hosts packed into one /16 of a cloud provider.
    for (let i = 0; i < 60; i++) {
      const ip = `34.${90 + k}.${r.int(0, 255)}.${r.int(1, 254)}`;
      h.bogusPeers.push([ip, ip, ["v1.4.2", "s50002", "t50001"]]);
    }
  }),
  "stale-tip": each((ctx, k, r) => plantMisbehaving(ctx, "stale-tip", k, r)),
  withholding: each((ctx, k, r) => plantMisbehaving(ctx, "withholding", k, r)),
  "fee-manipulator": each((ctx, k, r) => plantMisbehaving(ctx, "fee-manipulator", k, r)),
  "benign-expired-cert": each((ctx, _k, r) => {
    const h = newHost(ctx, "benign-expired-cert", "electrumx-1.20.0");
    placeHost(ctx, h, "hetzner", r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r);
    h.cert = certSpecFor(h, "expired-self-signed", r, ctx.now, issuedSecondMs(ctx, h));
  }),
  "benign-operator": each((ctx, k, r, operator) => {
    const h = newHost(ctx, "benign-operator", "fulcrum-2.1.1");
    placeHost(ctx, h, ["hetzner", "ovh", "digitalocean"][k % 3], r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = `electrum${k + 1}.trustednode.lab`;
    ctx.names.add(h.hostname);
    h.cert = certSpecFor(h, "lab-ca", r, ctx.now, issuedSecondMs(ctx, h));
    h.operator = operator!;
  }),
  "benign-slow": each((ctx, _k, r) => {
    const h = newHost(ctx, "benign-slow", "electrs-0.10.9");
    placeHost(ctx, h, r.pick([["comcast", 1], ["telstra", 1]]), r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r);
    h.cert = certSpecFor(h, "lab-ca", r, ctx.now, issuedSecondMs(ctx, h));
    h.rttMs += r.int(180, 320);
  }),
  "honest-operators": (ctx, n, r) => plantOperators(ctx, n, r),
  "sybil-spread": each((ctx, k, r, operator) => {
    const h = newHost(ctx, "sybil", "electrumx-1.20.0");
    placeHost(ctx, h, SPREAD_PROVIDERS[k % SPREAD_PROVIDERS.length], r);
    // One configuration on every node: TLS 50002 only.
    h.tlsPort = 50002;
    // Named and certified like an independent honest host: no template, no shared subject.
    h.hostname = hostName(ctx, h, r);
    h.cert = certSpecFor(h, r.pick(SELF_SIGNED_MIX), r, ctx.now, issuedSecondMs(ctx, h));
    h.operator = operator!;
  }),
  "copycat-fleet": each((ctx, k, r, operator) => {
    const h = newHost(ctx, "sybil", "electrumx-1.18.0");
    placeHost(ctx, h, "ovh", r);
    // Transports as honest ElectrumX operators choose them (always TLS, for the certificate).
    const transports = r.pick(ELECTRUMX_TRANSPORTS);
    if (transports.includes("tcp")) h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r);
    h.settings = drawSettings("electrumx", true, r, h.hostname);
    // One batch: every certificate within an hour of one day (the day from a stream of its own,
    // so every node sees the same one).
    const day = daysBefore(ctx.now, r.fork("batch-day").int(20, 300));
    const issued = new Date(day.getTime() + 9 * 3_600_000 + k * r.int(120, 290) * 1000);
    h.cert = {
      ...certSpecFor(h, "self-signed-hostname", r, ctx.now, issuedSecondMs(ctx, h)),
      notBefore: iso(issued),
      notAfter: iso(addDays(issued, 3650)),
    };
    h.operator = operator!;
  }),
  "modified-subtle": each((ctx, k, r) => {
    const h = newHost(ctx, "modified", "electrumx-1.20.0");
    placeHost(ctx, h, r.pick(HOSTED), r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r);
    h.cert = certSpecFor(h, r.pick(SELF_SIGNED_MIX), r, ctx.now, issuedSecondMs(ctx, h));
    h.settings = drawSettings("electrumx", true, r, h.hostname);
    if (k % 2 === 0) {
      h.modification = "no-id-from-pos";
      h.settings.removedMethods = ["blockchain.transaction.id_from_pos"];
    } else {
      // The wording itself is in behaviours.ts.
      h.modification = "bare-broadcast-error";
    }
  }),
  "proof-forger": each((ctx, _k, r) => {
    // Its wire is the release's (no modification a clustering could see): the forged branches
    // are a planted behaviour (`forgeProofs`, methods/forge.ts), like the fee manipulator's rates.
    const h = newHost(ctx, "proof-forger", "electrumx-1.20.0");
    placeHost(ctx, h, r.pick(HOSTED), r);
    h.tcpPort = 50001;
    h.tlsPort = 50002;
    h.hostname = hostName(ctx, h, r);
    h.cert = certSpecFor(h, r.pick(SELF_SIGNED_MIX), r, ctx.now, issuedSecondMs(ctx, h));
    h.settings = drawSettings("electrumx", true, r, h.hostname);
  }),
  "relay-far": each((ctx, _k, r) => {
    // Ports, personality and certificate come from a far upstream (relays.ts).
    const h = newHost(ctx, "relay", "fulcrum-2.1.1");
    placeHost(ctx, h, "hetzner", r, "hel1");
    h.extraLatencyMs = r.int(1, 5);
  }),
};

/** The ElectrumX cohort's TLS-offering transport mix (the copycat fleet always offers TLS). */
const ELECTRUMX_TRANSPORTS = COHORTS.find((c) => c.name === "electrumx")!.transports
  .filter(([t]) => t.includes("tls"));

/** The spread sybil fleet's providers, one node after another. */
const SPREAD_PROVIDERS = ["aws", "digitalocean", "vultr", "aws", "linode", "ovh", "hetzner"];

/** A stale-tip, withholding or fee-manipulating server: an ordinary named host whose chain view or
 * replies the role changes (lag here; the rest in `behaviours.ts`). */
function plantMisbehaving(ctx: BuildContext, role: Role, k: number, r: Rng): void {
  const h = newHost(
    ctx,
    role,
    r.pick([["electrumx-1.20.0", 1], ["fulcrum-2.1.1", 1], ["electrumx-1.16.0", 1]]),
  );
  placeHost(ctx, h, r.pick([["hetzner", 1], ["ovh", 1], ["digitalocean", 1]]), r);
  namedSelfSigned(ctx, h, r);
  if (role === "stale-tip") h.lag = 30 + k;
}
