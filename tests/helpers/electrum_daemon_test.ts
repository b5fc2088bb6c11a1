import { assertThrows } from "../../lib/testing/assert.ts";
import { requireElectrum } from "./electrum_daemon.ts";

Deno.test("requireElectrum throws (the wallet tests fail, not skip) when a file is missing", () => {
  assertThrows(
    () => requireElectrum(["/nonexistent/bin/electrum"]),
    Error,
    "/nonexistent/bin/electrum is missing",
  );
  requireElectrum([Deno.execPath()]);
});
