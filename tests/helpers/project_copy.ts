/**
 * Test helper: a temporary copy of the project in which the `report` and `collect` tasks run as a
 * user would run them, so the committed notebooks, data and figures are never touched. `lib/`, `bench/`,
 * `notebooks/`, `data/`, `deno.json` and `deno.lock` are copied (so the code finds its project root
 * in the copy), `node_modules/` is linked, and setup's stamp is copied so setup has nothing to do.
 *
 * @module
 */
import { projectPath, projectRoot } from "../../lib/data/paths.ts";
import { setup } from "../../lib/report/setup.ts";

/** A project copy and how to run a task in it. */
export interface ProjectCopy {
  root: string;
  /** Run `deno run -A <root>/<script> ...args` with `env` on top of a clean run environment. */
  run(
    script: string,
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Every file under `dir` (relative to the root) with its bytes, to compare before and after. */
  snapshot(dir: string): Promise<Map<string, string>>;
  remove(): Promise<void>;
}

async function copyTree(from: string, to: string): Promise<void> {
  const out = await new Deno.Command("cp", { args: ["-a", from, to] }).output();
  if (!out.success) {
    throw new Error(`cp -a ${from} ${to} failed: ${new TextDecoder().decode(out.stderr)}`);
  }
}

/**
 * Make a project copy under a temporary folder.
 *
 * @param parts What to copy besides `lib/`, `deno.json`, `deno.lock`. Default: notebooks and data.
 */
export async function projectCopy(parts: string[] = ["notebooks", "data"]): Promise<ProjectCopy> {
  await setup({ log: () => {} });
  const root = await Deno.makeTempDir({ prefix: "obs-project-" });
  for (const name of ["lib", "bench", "deno.json", "deno.lock", ...parts]) {
    await copyTree(projectPath(name), `${root}/${name}`);
  }
  await Deno.symlink(projectPath("node_modules"), `${root}/node_modules`);
  await Deno.mkdir(`${root}/.cache`, { recursive: true });
  await copyTree(`${projectRoot()}/.cache/setup`, `${root}/.cache/setup`);
  const decoder = new TextDecoder();
  return {
    root,
    async run(script, args, env = {}) {
      const clean = Object.fromEntries(
        Object.entries(Deno.env.toObject()).filter(([k]) =>
          !k.startsWith("OBS_") || k === "OBS_FORBID_LIVE"
        ),
      );
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", "--quiet", `${root}/${script}`, ...args],
        cwd: root,
        env: { ...clean, NO_COLOR: "1", ...env },
        clearEnv: true,
        stdin: "null",
      }).output();
      return {
        code: out.code,
        stdout: decoder.decode(out.stdout),
        stderr: decoder.decode(out.stderr),
      };
    },
    async snapshot(dir) {
      const files = new Map<string, string>();
      const walk = async (rel: string) => {
        let entries: Deno.DirEntry[];
        try {
          entries = [...Deno.readDirSync(`${root}/${rel}`)];
        } catch {
          return;
        }
        for (const e of entries) {
          const path = `${rel}/${e.name}`;
          if (e.isDirectory) await walk(path);
          else files.set(path, await Deno.readTextFile(`${root}/${path}`));
        }
      };
      await walk(dir);
      return files;
    },
    async remove() {
      await Deno.remove(root, { recursive: true });
    },
  };
}
