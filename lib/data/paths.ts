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
