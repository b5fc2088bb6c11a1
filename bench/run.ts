/**
 * `deno task bench`: runs every `bench/*_bench.ts` (or those named on the command line), each in
 * its own process so that memory figures do not mix, one after the other so that timings do not
 * compete. Each benchmark prints its own medians; `bench/README.md` records them.
 *
 * Usage: `deno task bench [name ...]` (e.g. `deno task bench lab collect`).
 *
 * @module
 */
const dir = new URL("./", import.meta.url);
const all = [...Deno.readDirSync(dir)].map((e) => e.name).filter((n) => n.endsWith("_bench.ts"))
  .sort();
if (Deno.args.includes("--help") || Deno.args.includes("-h")) {
  console.log(
    `deno task bench [NAME...]\n\nRuns bench/*_bench.ts (or those whose name starts with a NAME), one at a time, each in its own\nprocess; results are recorded in bench/README.md. Available: ${
      all.join(", ")
    }`,
  );
  Deno.exit(0);
}
const wanted = Deno.args.length ? all.filter((n) => Deno.args.some((a) => n.startsWith(a))) : all;
if (!wanted.length) {
  console.error(`No benchmark matches ${Deno.args.join(" ")}; available: ${all.join(", ")}`);
  Deno.exit(2);
}
let failed = 0;
for (const name of wanted) {
  console.log(`\n== ${name}`);
  const t0 = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL(name, dir).pathname],
    env: { OBS_FORBID_LIVE: "1", TZ: "UTC" },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  console.log(`== ${name}: exit ${code} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  if (code !== 0) failed++;
}
Deno.exit(failed ? 1 : 0);
