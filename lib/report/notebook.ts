import { join, relative } from "node:path";
import { startNotebookServer } from "./notebook_server.ts";
import { jupyterDir, projectRoot, setup } from "./setup.ts";

/** Port the `notebook` task asks for first; when taken, any free port. */
export const DEFAULT_NOTEBOOK_PORT = 8888;

/** Options for {@linkcode notebook}. */
export interface NotebookOptions {
  /** Repository root. Default: the project root. */
  root?: string;
  /** Port on 127.0.0.1. Default: {@linkcode DEFAULT_NOTEBOOK_PORT} if free, else a free one. */
  port?: number;
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
  /** Stops the server when aborted. Default: SIGINT or SIGTERM to this process. */
  signal?: AbortSignal;
}

function portFree(port: number): boolean {
  try {
    Deno.listen({ hostname: "127.0.0.1", port }).close();
    return true;
  } catch {
    return false;
  }
}

/**
 * The `notebook` task: setup (idempotent), then Debian's Jupyter Notebook on 127.0.0.1 with the
 * project's Deno kernel (`deno-observatory`) and `notebooks/` open; prints the URL with its token
 * and runs until Ctrl-C (or SIGTERM), then stops the server and its kernels.
 *
 * Run parameters (`OBS_*`) in this process's environment pass through to the kernels, as in
 * `report`.
 *
 * @param options Root, port, log sink, stop signal.
 * @returns The server's exit code (0 after a clean stop).
 * @throws {Error} When setup fails or the server does not start.
 * @example
 * ```ts
 * Deno.exit(await notebook());
 * ```
 */
export async function notebook(options: NotebookOptions = {}): Promise<number> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? console.error;
  await setup({ root, log });
  const port = options.port ?? (portFree(DEFAULT_NOTEBOOK_PORT) ? DEFAULT_NOTEBOOK_PORT : 0);
  let signal = options.signal;
  const cleanup: (() => void)[] = [];
  if (!signal) {
    const ac = new AbortController();
    for (const s of ["SIGINT", "SIGTERM"] as const) {
      const handler = () => ac.abort();
      Deno.addSignalListener(s, handler);
      cleanup.push(() => Deno.removeSignalListener(s, handler));
    }
    signal = ac.signal;
  }
  try {
    const server = await startNotebookServer({
      notebookDir: join(root, "notebooks"),
      jupyterDir: jupyterDir(root),
      port,
      log: "inherit",
    });
    const stopped = () => server.stop();
    signal.addEventListener("abort", stopped, { once: true });
    log(
      [
        "",
        `notebook: Jupyter Notebook on ${server.url} (127.0.0.1 only), serving ${
          relative(Deno.cwd(), join(root, "notebooks")) || "notebooks"
        }/ with the Deno kernel "deno-observatory"`,
        `notebook: open ${server.url}tree?token=${server.token}`,
        `notebook: token ${server.token}`,
        "notebook: Ctrl-C stops the server and its kernels",
        "",
      ].join("\n"),
    );
    const code = await server.exited;
    signal.removeEventListener("abort", stopped);
    log(signal.aborted ? "notebook: stopped" : `notebook: the server exited with code ${code}`);
    return signal.aborted ? 0 : code;
  } finally {
    for (const c of cleanup) c();
  }
}

/** Usage of `deno task notebook`. */
export const NOTEBOOK_USAGE = `deno task notebook [--port N] [--help]

Starts Debian's Jupyter Notebook on 127.0.0.1 with notebooks/ open and the project's Deno kernel
(deno-observatory), after the setup; prints the URL with its token; Ctrl-C stops the server and
its kernels. Port: --port N or OBS_NOTEBOOK_PORT (0 for any free one); default 8888, or a free
port when 8888 is taken. Run parameters (OBS_*) in the environment reach the kernels.`;

if (import.meta.main) {
  try {
    const args = [...Deno.args];
    if (args.includes("--help") || args.includes("-h")) {
      console.log(NOTEBOOK_USAGE);
      Deno.exit(0);
    }
    let text = Deno.env.get("OBS_NOTEBOOK_PORT");
    const at = args.indexOf("--port");
    if (at >= 0) {
      text = args[at + 1] ?? "";
      args.splice(at, 2);
    }
    if (args.length > 0) {
      console.error(
        `notebook: unexpected argument ${JSON.stringify(args[0])}\n\n${NOTEBOOK_USAGE}`,
      );
      Deno.exit(2);
    }
    const port = text === undefined || text === "" ? undefined : Number(text);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
      console.error(
        `notebook: the port must be a number in 0..65535 (0 for any free one), got ${
          JSON.stringify(text)
        }`,
      );
      Deno.exit(2);
    }
    Deno.exit(await notebook({ port }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
}
