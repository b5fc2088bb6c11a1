import { join } from "node:path";
import { assertEquals, assertThrows } from "../testing/assert.ts";
import { UsageError } from "../pipeline/exit_codes.ts";
import { preflight } from "./preflight.ts";

async function withRoot(fn: (root: string) => Promise<void> | void): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "preflight_test_" });
  try {
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

/** Every file and folder under `root`, to show that preflight wrote nothing. */
function tree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of Deno.readDirSync(dir)) {
      out.push(join(dir, e.name));
      if (e.isDirectory) walk(join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

Deno.test("preflight refuses a local seed off this machine, naming OBS_SEEDS and the address", () =>
  withRoot((root) => {
    assertThrows(
      () => preflight(root, { env: { OBS_TARGET: "local", OBS_SEEDS: "8.8.8.8:50001:t" } }),
      UsageError,
      'OBS_SEEDS: the local target dials only 127.0.0.0/8 and ::1, not "8.8.8.8"',
    );
    assertThrows(
      () =>
        preflight(root, {
          env: { OBS_TARGET: "local", OBS_SEEDS: "127.0.0.5:50001:t,[2001:db8::1]:50002:s" },
        }),
      UsageError,
      '"2001:db8::1"',
    );
    const ok = preflight(root, {
      env: { OBS_TARGET: "local", OBS_SEEDS: "127.0.0.5:50001:t,[::1]:50002:s,localhost:50003:t" },
    });
    assertEquals(ok.params.seeds?.map((s) => s.host), ["127.0.0.5", "::1", "localhost"]);
    assertEquals(tree(root), []);
  }));

Deno.test("preflight refuses the local target without seeds, and bad values by name, writing nothing", () =>
  withRoot((root) => {
    assertThrows(
      () => preflight(root, { env: { OBS_TARGET: "local" } }),
      UsageError,
      "The local target needs OBS_SEEDS",
    );
    assertThrows(
      () => preflight(root, { env: { OBS_LAB_SIZE: "abc" } }),
      UsageError,
      "OBS_LAB_SIZE must be an integer in 10..5000, got abc",
    );
    assertThrows(
      () => preflight(root, { env: { OBS_SEEDS: "nonsense" } }),
      UsageError,
      'Bad seed "nonsense"',
    );
    assertThrows(
      () => preflight(root, { env: { OBS_CELL_TIMEOUT_S: "0" } }),
      UsageError,
      'OBS_CELL_TIMEOUT_S must be a positive whole number of seconds, got "0"',
    );
    assertEquals(tree(root), []);
  }));

Deno.test("preflight checks the output folders and, for later notebooks alone, the data they read", () =>
  withRoot(async (root) => {
    await Deno.writeTextFile(join(root, "a-file"), "x");
    assertThrows(
      () => preflight(root, { env: { OBS_DATA_DIR: join(root, "a-file", "data") } }),
      UsageError,
      "OBS_DATA_DIR",
    );
    assertThrows(
      () => preflight(root, { env: { OBS_FIGURES_DIR: join(root, "a-file") } }),
      UsageError,
      "OBS_FIGURES_DIR",
    );
    const later = ["notebooks/02_network_overview.ipynb"];
    assertThrows(
      () => preflight(root, { env: {}, notebooks: later }),
      UsageError,
      "run notebooks/01_collect.ipynb first",
    );
    assertEquals(
      preflight(root, { env: {}, notebooks: ["notebooks/01_collect.ipynb", ...later] }).dataDir,
      join(root, "data"),
    );
    await Deno.mkdir(join(root, "data"));
    for (const f of ["manifest.json", "servers.csv"]) {
      await Deno.writeTextFile(join(root, "data", f), "");
    }
    assertEquals(preflight(root, { env: {}, notebooks: later }).params.target, "lab");
  }));
