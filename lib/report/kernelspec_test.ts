import { join } from "node:path";
import { assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { SYSTEM_PYTHON } from "./system_packages.ts";
import { KERNEL_NAME, writeKernelspec } from "./kernelspec.ts";

Deno.test("writeKernelspec writes a relocatable kernel.json and a script that execs the given Deno", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kernelspec_test_" });
  try {
    const first = await writeKernelspec(dir, { denoPath: "/opt/deno" });
    assertEquals(first, { dir: join(dir, "kernels", KERNEL_NAME), changed: true });
    const spec = JSON.parse(await Deno.readTextFile(join(first.dir, "kernel.json")));
    assertEquals(spec.argv, ["/bin/sh", "{resource_dir}/kernel.sh", "{connection_file}"]);
    assertEquals(spec.language, "typescript");
    const script = await Deno.readTextFile(join(first.dir, "kernel.sh"));
    assertIncludes(script, `exec '/opt/deno' jupyter --kernel --conn "$1"`);
    assertEquals((await Deno.stat(join(first.dir, "kernel.sh"))).mode! & 0o111, 0o111);

    assertEquals((await writeKernelspec(dir, { denoPath: "/opt/deno" })).changed, false);
    assertEquals((await writeKernelspec(dir, { denoPath: "/usr/bin/deno" })).changed, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeKernelspec rejects a relative Deno path or a bad kernel name, naming it", async () => {
  await assertRejects(
    () => writeKernelspec("/nonexistent", { denoPath: "deno" }),
    TypeError,
    '"deno"',
  );
  await assertRejects(
    () => writeKernelspec("/nonexistent", { denoPath: "/x", name: "Bad Name" }),
    TypeError,
    '"Bad Name"',
  );
});

Deno.test("writeKernelspec output is found by jupyter_client through JUPYTER_PATH", async () => {
  const dir = await Deno.makeTempDir({ prefix: "kernelspec_test_" });
  try {
    const { dir: specDir } = await writeKernelspec(dir);
    const out = await new Deno.Command(SYSTEM_PYTHON, {
      args: [
        "-I",
        "-c",
        "import json; from jupyter_client.kernelspec import KernelSpecManager as K; print(json.dumps(K().find_kernel_specs()))",
      ],
      env: { JUPYTER_PATH: dir },
    }).output();
    assertEquals(out.code, 0, new TextDecoder().decode(out.stderr));
    assertEquals(JSON.parse(new TextDecoder().decode(out.stdout))[KERNEL_NAME], specDir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
