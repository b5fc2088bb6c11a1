/**
 * End to end: the committed outputs are reproducible. Every report notebook runs twice on one
 * small lab scan's parameters (seed, size, pinned clock; latency and the timing phase off, the
 * load-dependent parts) in two temporary copies of the project, and the two runs agree: every
 * published figure byte for byte, the derived tables byte for byte (servers.csv and
 * fingerprints.csv apart from their documented volatile columns, features.csv apart from its
 * latency features, read from the crawl's timings), and every notebook's outputs
 * once the scan's id and times (which name the run) are masked.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { setup } from "../lib/report/setup.ts";
import { notebookWorkspace } from "./helpers/notebook_workspace.ts";
import { runLabNotebooks } from "./helpers/run_lab_notebooks.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { FEATURE_SPECS } from "../lib/data/schemas/features.ts";
import { SERVER_VOLATILE_COLUMNS } from "../lib/tables/derive_servers.ts";
import { FINGERPRINT_VOLATILE_COLUMNS } from "../lib/tables/derive_fingerprints.ts";

/** A run's id and times, which name the run, masked (also when Markdown-escaped in JSON). */
function masked(text: string): string {
  const e = String.raw`(?:\\\\)?`; // an optional escaping backslash, as JSON writes it
  const d = (n: number) => `\\d{${n}}`;
  const date = `${d(4)}${e}-${d(2)}${e}-${d(2)}T${d(2)}`;
  return text
    .replace(new RegExp(`lab${e}-${date}${e}-${d(2)}${e}-${d(2)}${e}-${d(3)}Z`, "g"), "<scan>")
    .replace(new RegExp(`${date}:${d(2)}:${d(2)}(?:${e}\\.\\d+)?Z`, "g"), "<time>")
    .replace(/\/tmp\/obs-repro-[\w-]+/g, "<tmp>")
    // The latency features' summary rows (HTML and plain text): timings vary with the load.
    .replace(/<tr><td>lat_\w+<\/td>.*?<\/tr>/g, "")
    .replace(/lat_\w+_ms(\\t[^\\"]*)+/g, "");
}

/** The outputs of a notebook's cells, masked; the crawl's progress lines (streams) left out. */
async function outputs(path: string): Promise<string[]> {
  const nb = JSON.parse(await Deno.readTextFile(path));
  return nb.cells.map((c: { outputs?: { output_type: string }[] }) =>
    masked(JSON.stringify((c.outputs ?? []).filter((o) => o.output_type !== "stream")))
  );
}

Deno.test({
  name:
    "two report runs with one lab's parameters give the same figures, tables and notebook outputs",
  sanitizeOps: true,
  sanitizeResources: true,
  async fn() {
    await setup({ log: () => {} });
    // The notebooks relative to a copy's folder (`notebooks/01_collect.ipynb`), in run order.
    let notebooks: string[] = [];
    const dirs: string[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const tmp = await Deno.makeTempDir({ prefix: "obs-repro-" });
        dirs.push(tmp);
        const copies = await notebookWorkspace(tmp);
        notebooks = copies.map((p) => p.slice(tmp.length + 1));
        const r = await runLabNotebooks(tmp, copies, {
          seed: "reproducible",
          env: { OBS_TIMING: "off", OBS_LAB_CLOCK: "2026-06-01" },
        });
        assertEquals(r.code, 0, `nbrun failed:\n${r.stdout}\n${r.stderr}`);
      }
      const [a, b] = dirs;
      const figures = [...Deno.readDirSync(`${a}/figures`)].map((e) => e.name).sort();
      assert(figures.filter((f) => f.endsWith(".svg")).length >= 10, `figures: ${figures}`);
      assertEquals([...Deno.readDirSync(`${b}/figures`)].map((e) => e.name).sort(), figures);
      for (const f of figures.filter((f) => f.endsWith(".svg"))) {
        assert(
          (await Deno.readTextFile(`${a}/figures/${f}`)) ===
            (await Deno.readTextFile(`${b}/figures/${f}`)),
          `figures/${f} differs between the runs`,
        );
      }
      for (const t of ["tls.csv", "geo.csv", "peers.csv", "clusters.csv"]) {
        assert(
          (await Deno.readTextFile(`${a}/data/${t}`)) ===
            (await Deno.readTextFile(`${b}/data/${t}`)),
          `data/${t} differs between the runs`,
        );
      }
      // Read with the table's schema (by its file name), the volatile columns left out.
      const stable = async (dir: string, t: string, volatile: readonly string[]) =>
        (await readCsv(`${dir}/data/${t}`)).map((r) =>
          Object.fromEntries(Object.entries(r).filter(([k]) => !volatile.includes(k)))
        );
      // features.csv: its latency group is read from the crawl's timings, which vary with load.
      const latency = FEATURE_SPECS.filter((f) => f.group === "latency").map((f) => f.name);
      assertEquals(
        await stable(b, "features.csv", latency),
        await stable(a, "features.csv", latency),
      );
      assertEquals(
        await stable(b, "servers.csv", SERVER_VOLATILE_COLUMNS),
        await stable(a, "servers.csv", SERVER_VOLATILE_COLUMNS),
      );
      assertEquals(
        await stable(b, "fingerprints.csv", FINGERPRINT_VOLATILE_COLUMNS),
        await stable(a, "fingerprints.csv", FINGERPRINT_VOLATILE_COLUMNS),
      );
      for (const n of notebooks) {
        const [x, y] = [await outputs(`${a}/${n}`), await outputs(`${b}/${n}`)];
        const differ = x.map((o, i) => (o === y[i] ? null : i)).filter((i) => i !== null);
        assertEquals(
          differ,
          [],
          `${n}: cells whose outputs differ: ${
            differ.map((i) => `${i}: ${x[i!].slice(0, 300)} != ${y[i!].slice(0, 300)}`).join("\n")
          }`,
        );
      }
    } finally {
      for (const d of dirs) await Deno.remove(d, { recursive: true }).catch(() => {});
    }
  },
});
