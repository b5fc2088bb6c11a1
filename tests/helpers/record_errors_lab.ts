/**
 * Records the `errors` probe's conversations with lab servers, in arrival order, as the fixtures
 * beside this file (format of `../electrumx_470c76d/README.md`). A recording proxy on loopback
 * sits between the probe and each lab host and stamps every line each way.
 *
 * Run (loopback only): `deno run -A tests/helpers/record_errors_lab.ts`
 *
 * @module
 */
import { startLab } from "../../lib/lab/lab.ts";
import { fixtureHosts } from "../../lib/lab/fixture_hosts.ts";
import { errors } from "../../lib/probes/errors.ts";
import { labProbeContext } from "./lab_probe.ts";

/** The lab personalities recorded, one per family (and the lab's ElectrumX, to set beside the real one). */
export const RECORDED = [
  "electrumx-1.16.0",
  "fulcrum-2.1.1",
  "electrs-0.11.1",
  "esplora-0.4.1-2021",
  "esplora-0.4.1-new",
  "eps-0.2.4",
];

interface Run {
  transport: "tcp";
  sent: { t_ms: number; text: string }[];
  lines: { t_ms: number; text: string }[];
  closed_by_server: boolean;
}

/** Split chunks into lines, each stamped with the time of the chunk that completed it. */
function liner(into: { t_ms: number; text: string }[], t0: number) {
  let rest = "";
  const dec = new TextDecoder();
  return (chunk: Uint8Array) => {
    rest += dec.decode(chunk, { stream: true });
    let nl;
    while ((nl = rest.indexOf("\n")) >= 0) {
      into.push({
        t_ms: Math.round((performance.now() - t0) * 1000) / 1000,
        text: rest.slice(0, nl + 1),
      });
      rest = rest.slice(nl + 1);
    }
  };
}

async function pump(
  from: Deno.Conn,
  to: Deno.Conn,
  onChunk: (b: Uint8Array) => void,
): Promise<void> {
  const buf = new Uint8Array(65536);
  try {
    for (;;) {
      const n = await from.read(buf);
      if (n === null) break;
      const b = buf.slice(0, n);
      onChunk(b);
      await to.write(b);
    }
  } catch {
    // one side went away
  }
}

/** Record the probe against the lab host of each personality; returns runs by personality. */
export async function record(ids: readonly string[] = RECORDED): Promise<Record<string, Run[]>> {
  const hosts = fixtureHosts(ids, { seed: "errors-golden" });
  const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
  const out: Record<string, Run[]> = {};
  try {
    for (const h of hosts) {
      const runs: Run[] = [];
      const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const pumps: Promise<void>[] = [];
      const accept = (async () => {
        for await (const client of listener) {
          const t0 = performance.now();
          const run: Run = { transport: "tcp", sent: [], lines: [], closed_by_server: false };
          runs.push(run);
          let server: Deno.Conn;
          try {
            server = await Deno.connect({ hostname: h.loopback, port: h.tcpPort! });
          } catch {
            run.closed_by_server = true;
            client.close();
            continue;
          }
          let clientGone = false;
          pumps.push((async () => {
            const up = pump(client, server, liner(run.sent, t0)).then(() => {
              clientGone = true;
              try {
                server.close();
              } catch { /* closed */ }
            });
            await pump(server, client, liner(run.lines, t0));
            if (!clientGone) run.closed_by_server = true;
            try {
              client.close();
            } catch { /* closed */ }
            try {
              server.close();
            } catch { /* closed */ }
            await up;
          })());
        }
      })();
      const port = (listener.addr as Deno.NetAddr).port;
      const ctx = labProbeContext(h, { relayPort: port });
      await errors.run(ctx);
      await new Promise((r) => setTimeout(r, 200));
      listener.close();
      await accept.catch(() => {});
      await Promise.all(pumps);
      out[h.personality] = runs;
    }
  } finally {
    await lab.stop();
  }
  return out;
}

if (import.meta.main) {
  const dir = new URL("../../lib/probes/testdata/errors_lab/", import.meta.url);
  const recorded = await record();
  for (const [id, runs] of Object.entries(recorded)) {
    const file = new URL(`${id}.json`, dir);
    await Deno.writeTextFile(
      file,
      JSON.stringify(
        {
          scenario: "errors_probe",
          server: `lab ${id}`,
          description:
            "The errors probe's connections to a lab host through a recording proxy, in arrival order.",
          recorded_at: new Date().toISOString().slice(0, 10),
          runs,
        },
        null,
        1,
      ) + "\n",
    );
    console.log(`${id}: ${runs.length} connection(s)`);
  }
}
