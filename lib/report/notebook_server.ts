import { join } from "node:path";
import { jupyterDir as defaultJupyterDir } from "./setup.ts";
import { SYSTEM_PYTHON } from "./system_packages.ts";

/** Options for {@linkcode startNotebookServer}. */
export interface NotebookServerOptions {
  /** Folder the server opens (its file tree). Required; the task passes `<repo>/notebooks`. */
  notebookDir: string;
  /**
   * Jupyter data folder holding the project kernelspec, `kernels/deno-observatory/` (put first on
   * `JUPYTER_PATH`). Default: `<repo>/.cache/jupyter`.
   */
  jupyterDir?: string;
  /**
   * Folder for the server's own state (config, runtime files, notebook signatures), so neither
   * `~/.jupyter` nor `~/.local/share/jupyter` is read or written. Default: `<jupyterDir>/server`.
   */
  stateDir?: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. Default: 0. */
  port?: number;
  /** Access token. Default: 48 random hex digits. */
  token?: string;
  /** Extra environment for the server and its kernels (e.g. `OBS_*` run parameters). Default: none. */
  env?: Record<string, string>;
  /** `inherit` shows the server's log on this process's stderr; `null` hides it. Default: `inherit`. */
  log?: "inherit" | "null";
  /** Milliseconds to wait for the server to answer. Default: 30,000. */
  startTimeoutMs?: number;
}

/** A running Jupyter Notebook server, from {@linkcode startNotebookServer}. */
export interface NotebookServer {
  /** `http://127.0.0.1:PORT/` (without the token). */
  url: string;
  port: number;
  token: string;
  /** The server process's id. */
  pid: number;
  /** Resolves with the exit code when the server exits (on its own or after `stop`). */
  exited: Promise<number>;
  /** Asks the server to shut down (SIGTERM: it stops its kernels), SIGKILL after 10 s; waits. */
  stop(): Promise<number>;
}

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = l.addr as Deno.NetAddr;
  l.close();
  return port;
}

function randomToken(): string {
  return Array.from(
    crypto.getRandomValues(new Uint8Array(24)),
    (b) => b.toString(16).padStart(2, "0"),
  )
    .join("");
}

/** Whether the server answers its status API with this token. */
async function answers(url: string, token: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}api/status`, {
      headers: { Authorization: `token ${token}` },
      signal: AbortSignal.timeout(2000),
    });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * Starts Debian's Jupyter Notebook (`/usr/bin/python3 -I -m notebook`, package
 * `jupyter-notebook`) bound to 127.0.0.1 only, with the project's Deno kernel on `JUPYTER_PATH`,
 * `notebookDir` as its file tree, no browser opened, and a token (taken from the environment, so
 * it is not on the command line). Returns once the server answers `api/status`.
 *
 * The server's config, runtime and data folders point into `stateDir`, so a user's own Jupyter
 * setup neither changes nor is changed by it. A single SIGINT or SIGTERM stops it (`--y`: no
 * "Shutdown this notebook server?" prompt), and it shuts its kernels down on the way out.
 *
 * @param options Notebook folder (required), port, token, state folders, extra environment.
 * @returns The running server: URL, port, token, pid, and `stop()`.
 * @throws {RangeError} If `port` is not an integer in 0..65535.
 * @throws {Error} If the server exits or does not answer within `startTimeoutMs`.
 * @example
 * ```ts
 * const server = await startNotebookServer({ notebookDir: "notebooks" });
 * console.log(`${server.url}?token=${server.token}`);
 * await server.stop();
 * ```
 */
export async function startNotebookServer(options: NotebookServerOptions): Promise<NotebookServer> {
  const requested = options.port ?? 0;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    throw new RangeError(
      `startNotebookServer: port must be an integer in 0..65535, got ${requested}`,
    );
  }
  const jupyter = options.jupyterDir ?? defaultJupyterDir();
  const state = options.stateDir ?? join(jupyter, "server");
  for (const sub of ["config", "runtime", "data"]) {
    await Deno.mkdir(join(state, sub), { recursive: true });
  }
  const port = requested === 0 ? freePort() : requested;
  const token = options.token ?? randomToken();
  const url = `http://127.0.0.1:${port}/`;
  const child = new Deno.Command(SYSTEM_PYTHON, {
    args: [
      "-I",
      "-m",
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--notebook-dir=${options.notebookDir}`,
      "--y",
      "--NotebookApp.allow_remote_access=False",
      // Terminals would give any page holding the token a shell; the notebooks need none.
      "--NotebookApp.terminals_enabled=False",
      // CI and containers run as root; the server still binds loopback only and needs the token.
      ...(Deno.uid() === 0 ? ["--allow-root"] : []),
    ],
    env: {
      JUPYTER_TOKEN: token,
      JUPYTER_PATH: jupyter,
      JUPYTER_CONFIG_DIR: join(state, "config"),
      JUPYTER_RUNTIME_DIR: join(state, "runtime"),
      JUPYTER_DATA_DIR: join(state, "data"),
      DENO_NO_UPDATE_CHECK: "1",
      ...options.env,
    },
    stdin: "null",
    stdout: options.log ?? "inherit",
    stderr: options.log ?? "inherit",
  }).spawn();
  let done = false;
  const exited = child.status.then((s) => {
    done = true;
    return s.code;
  });
  const stop = async (): Promise<number> => {
    if (!done) {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const timer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 10_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    return await exited;
  };
  const deadline = performance.now() + (options.startTimeoutMs ?? 30_000);
  while (!(await answers(url, token))) {
    if (done) {
      throw new Error(
        `startNotebookServer: Jupyter Notebook exited with code ${await exited} before answering on ${url} ` +
          "(is Debian's jupyter-notebook installed? run `deno task setup`)",
      );
    }
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `startNotebookServer: no answer on ${url} within ${options.startTimeoutMs ?? 30_000} ms`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, port, token, pid: child.pid, exited, stop };
}
