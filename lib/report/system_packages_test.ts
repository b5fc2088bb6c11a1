import { assertEquals, assertIncludes } from "../testing/assert.ts";
import {
  APT_PACKAGES,
  aptInstallCommand,
  installSystemPackages,
  missingSystemPackages,
} from "./system_packages.ts";

Deno.test("aptInstallCommand installs every listed package without recommends", () => {
  const cmd = aptInstallCommand();
  assertEquals(cmd.slice(0, 4), ["apt-get", "install", "-y", "--no-install-recommends"]);
  assertEquals(cmd.slice(4), Object.keys(APT_PACKAGES));
  for (
    const p of [
      "jupyter-nbconvert",
      "python3-nbclient",
      "jupyter-client",
      "python3-ipykernel",
      "chromium",
      "fonts-dejavu-core",
      "iproute2",
      "electrum",
      "nmap",
    ]
  ) {
    assertIncludes(cmd, p);
  }
});

Deno.test("missingSystemPackages reports the packages whose file or Python module probe fails", async () => {
  const missing = await missingSystemPackages({
    "has-file": { paths: ["/nonexistent/a", "/bin/sh"] },
    "no-file": { paths: ["/nonexistent/b"] },
    "has-module": { python: "json" },
    "no-module": { python: "no_such_module_for_observatory" },
  });
  assertEquals(missing, ["no-file", "no-module"]);
});

Deno.test("installSystemPackages does nothing for an empty list", async () => {
  const lines: string[] = [];
  await installSystemPackages([], { log: (l) => lines.push(l) });
  assertEquals(lines, []);
});
