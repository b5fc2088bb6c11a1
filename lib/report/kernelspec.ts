import { join } from "node:path";

/** Name of the project's Jupyter kernel; notebooks and `nbrun.py` ask for it by this name. */
export const KERNEL_NAME = "deno-observatory";

/** Options for {@linkcode writeKernelspec}. */
export interface KernelspecOptions {
  /** Deno binary the kernel runs. Default: `Deno.execPath()`, the Deno running this code. */
  denoPath?: string;
  /** Kernel name, the folder under `kernels/`. Default: {@linkcode KERNEL_NAME}. */
  name?: string;
}

/**
 * Writes a project-local Deno kernelspec under `<jupyterDir>/kernels/<name>/`: a `kernel.json`
 * whose argv runs `kernel.sh` beside it, and `kernel.sh`, which execs the given Deno as
 * `deno jupyter --kernel --conn FILE`. Jupyter finds it when `jupyterDir` is on `JUPYTER_PATH`.
 *
 * `deno jupyter --install` would write to `~/.local/share/jupyter` instead; a repo-local spec
 * keeps the machine clean and follows the Deno that runs the project (npx's copy included).
 * Files are only rewritten when their content differs, so calling it again is cheap.
 *
 * @param jupyterDir Jupyter data directory, e.g. `<repo>/.cache/jupyter`.
 * @param options Deno binary and kernel name.
 * @returns The kernelspec directory and whether any file was (re)written.
 * @throws {TypeError} If `denoPath` is not absolute or contains a single quote.
 * @example
 * ```ts
 * const { dir } = await writeKernelspec("/repo/.cache/jupyter");
 * // JUPYTER_PATH=/repo/.cache/jupyter jupyter kernelspec list  -> deno-observatory
 * ```
 */
export async function writeKernelspec(
  jupyterDir: string,
  options: KernelspecOptions = {},
): Promise<{ dir: string; changed: boolean }> {
  const denoPath = options.denoPath ?? Deno.execPath();
  const name = options.name ?? KERNEL_NAME;
  if (!denoPath.startsWith("/") || denoPath.includes("'")) {
    throw new TypeError(
      `writeKernelspec: denoPath must be an absolute path without quotes, got ${
        JSON.stringify(denoPath)
      }`,
    );
  }
  if (!/^[a-z0-9._-]+$/.test(name)) {
    throw new TypeError(
      `writeKernelspec: kernel name must match [a-z0-9._-]+, got ${JSON.stringify(name)}`,
    );
  }
  const dir = join(jupyterDir, "kernels", name);
  const files: Record<string, string> = {
    "kernel.json": JSON.stringify(
      {
        // jupyter_client substitutes {resource_dir} with this folder.
        argv: ["/bin/sh", "{resource_dir}/kernel.sh", "{connection_file}"],
        display_name: "Deno (Electrum Observatory)",
        language: "typescript",
      },
      null,
      2,
    ) + "\n",
    "kernel.sh": [
      "#!/bin/sh",
      "# Written by lib/report/setup.ts: runs the Deno that ran the setup as a Jupyter kernel.",
      `exec '${denoPath}' jupyter --kernel --conn "$1"`,
      "",
    ].join("\n"),
  };
  await Deno.mkdir(dir, { recursive: true });
  let changed = false;
  for (const [file, text] of Object.entries(files)) {
    const path = join(dir, file);
    const old = await Deno.readTextFile(path).catch(() => null);
    if (old === text) continue;
    await Deno.writeTextFile(path, text);
    changed = true;
  }
  await Deno.chmod(join(dir, "kernel.sh"), 0o755);
  return { dir, changed };
}
