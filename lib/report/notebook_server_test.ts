import { join } from "node:path";
import { assert, assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { startNotebookServer } from "./notebook_server.ts";
import { jupyterDir, projectRoot, setup } from "./setup.ts";

/** Processes whose command line mentions `needle` (Linux /proc). */
function processesWith(needle: string): number[] {
  const pids: number[] = [];
  for (const e of Deno.readDirSync("/proc")) {
    if (!/^\d+$/.test(e.name)) continue;
    try {
      if (Deno.readTextFileSync(`/proc/${e.name}/cmdline`).includes(needle)) {
        pids.push(Number(e.name));
      }
    } catch { /* gone */ }
  }
  return pids;
}

Deno.test({
  name:
    "startNotebookServer serves on 127.0.0.1 with a token and the project kernel, and stop() ends it and its kernels",
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "notebook_server_test_" });
    try {
      await Deno.mkdir(join(tmp, "notebooks"));
      const server = await startNotebookServer({
        notebookDir: join(tmp, "notebooks"),
        jupyterDir: jupyterDir(projectRoot()),
        stateDir: join(tmp, "state"),
        log: "null",
      });
      let stopped = false;
      try {
        assert(server.url.startsWith("http://127.0.0.1:"), server.url);
        assertEquals(server.token.length, 48);
        const api = (path: string, init: RequestInit = {}, token: string | null = server.token) =>
          fetch(`${server.url}api/${path}`, {
            ...init,
            headers: token ? { Authorization: `token ${token}` } : {},
          });
        const refused = await api("kernelspecs", {}, null);
        await refused.body?.cancel();
        assertEquals(refused.status, 403, "no token, no access");
        const specs = await (await api("kernelspecs")).json();
        assertEquals(
          specs.kernelspecs["deno-observatory"].spec.display_name,
          "Deno (Electrum Observatory)",
        );
        // Only loopback: the port is not open on another local address.
        await assertRejects(() => Deno.connect({ hostname: "127.0.0.2", port: server.port }));

        const kernel = await (await api("kernels", {
          method: "POST",
          body: JSON.stringify({ name: "deno-observatory" }),
        })).json();
        assertEquals(kernel.name, "deno-observatory");
        const runtime = join(tmp, "state", "runtime");
        let kernels: number[] = [];
        for (let i = 0; i < 50 && kernels.length === 0; i++) {
          await new Promise((r) => setTimeout(r, 100));
          kernels = processesWith(`${runtime}/kernel-`);
        }
        assert(kernels.length > 0, "the Deno kernel process started");
        assertIncludes(Deno.readTextFileSync(`/proc/${kernels.at(-1)}/cmdline`), "jupyter");

        assertEquals(await server.stop(), 0);
        stopped = true;
        assertEquals(processesWith(`${runtime}/kernel-`), [], "no kernel left running");
        await assertRejects(() => Deno.connect({ hostname: "127.0.0.1", port: server.port }));
      } finally {
        if (!stopped) await server.stop();
      }
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

Deno.test("the notebook task prints its URL with the token and stops cleanly on SIGINT", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./notebook.ts", import.meta.url).pathname],
    env: { OBS_NOTEBOOK_PORT: "0" },
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let log = "";
  const decoder = new TextDecoder();
  const reader = child.stderr.getReader();
  try {
    const deadline = Date.now() + 60_000;
    while (!/notebook: token [0-9a-f]{48}/.test(log) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      log += decoder.decode(value, { stream: true });
    }
    const url = log.match(/notebook: open (http:\/\/127\.0\.0\.1:\d+\/)tree\?token=([0-9a-f]{48})/);
    assert(url, `no URL with token in:\n${log}`);
    const res = await fetch(`${url[1]}api/status`, {
      headers: { Authorization: `token ${url[2]}` },
    });
    await res.body?.cancel();
    assertEquals(res.status, 200);
    child.kill("SIGINT");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      log += decoder.decode(value, { stream: true });
    }
    assertEquals((await child.status).code, 0, log);
    assertIncludes(log, "notebook: stopped");
  } finally {
    reader.releaseLock();
    await child.stderr.cancel().catch(() => {});
    try {
      child.kill("SIGKILL");
    } catch { /* already exited */ }
    await child.status;
  }
});
