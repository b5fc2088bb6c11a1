/**
 * Run a Deno script in its own network namespace (only loopback, `unshare -n`) when this process
 * is root and `unshare` works, so a lab it starts on 127.10.x.y cannot collide with another test
 * module's lab running in parallel; otherwise run it directly.
 *
 * @module
 */

let canUnshare: boolean | null = null;

/** Whether `unshare -n` is usable here. */
export async function unshareAvailable(): Promise<boolean> {
  if (canUnshare !== null) return canUnshare;
  if (Deno.uid() !== 0) return (canUnshare = false);
  try {
    const out = await new Deno.Command("unshare", {
      args: ["-n", "ip", "link", "set", "lo", "up"],
      stdout: "null",
      stderr: "null",
    }).output();
    canUnshare = out.success;
  } catch {
    canUnshare = false;
  }
  return canUnshare;
}

/**
 * A `Deno.Command` running `deno run -A <script> ...args`, in a fresh network namespace when
 * possible, or inside the namespace of process `joinPid` (`nsenter`) when given.
 */
export async function denoCommand(
  script: string,
  args: string[],
  options: {
    joinPid?: number;
    stdout?: "piped" | "null" | "inherit";
    stderr?: "piped" | "null" | "inherit";
  } = {},
): Promise<Deno.Command> {
  const deno = Deno.execPath();
  const runArgs = ["run", "-A", "--quiet", script, ...args];
  const io = {
    stdin: "null" as const,
    stdout: options.stdout ?? "piped",
    stderr: options.stderr ?? "piped",
  };
  if (!(await unshareAvailable())) return new Deno.Command(deno, { args: runArgs, ...io });
  if (options.joinPid !== undefined) {
    return new Deno.Command("nsenter", {
      args: [`--net=/proc/${options.joinPid}/ns/net`, deno, ...runArgs],
      ...io,
    });
  }
  return new Deno.Command("unshare", {
    args: ["-n", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', deno, ...runArgs],
    ...io,
  });
}
