/**
 * Paths inside the project, resolved from this module's location so that notebooks (whose working
 * directory is `notebooks/`), tasks and tests all agree.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** The project's root directory (absolute). */
export function projectRoot(): string {
  return fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");
}

/** An absolute path inside the project. */
export function projectPath(...parts: string[]): string {
  return [projectRoot(), ...parts].join("/");
}

/** Where derived data goes: `OBS_DATA_DIR` if set (tests), else `<project>/data`. */
export function dataDir(): string {
  return Deno.env.get("OBS_DATA_DIR") ?? projectPath("data");
}

/** Where figures go: `OBS_FIGURES_DIR` if set (tests), else `<project>/figures`. */
export function figuresDir(): string {
  return Deno.env.get("OBS_FIGURES_DIR") ?? projectPath("figures");
}
