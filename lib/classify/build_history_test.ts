import { assert, assertEquals } from "../testing/assert.ts";
import { compareVersions } from "../electrum/compare_versions.ts";
import { BUILD_HISTORY } from "./build_history.ts";

Deno.test("BUILD_HISTORY: every stretch is ordered, sourced, and carries only its family's traits", () => {
  for (const b of BUILD_HISTORY) {
    const label = `${b.family} ${b.first}..${b.last} @${b.protocolMax}`;
    if (b.first && b.last) assert(compareVersions(b.first, b.last) <= 0, label);
    assert(b.source.length > 10, label);
    assertEquals(
      b.padded !== undefined || b.versionFirst !== undefined,
      b.family === "electrumx",
      label,
    );
    assertEquals(b.rangeHandling !== undefined, b.family === "electrs", label);
  }
});

Deno.test("BUILD_HISTORY: the untagged ElectrumX master that called itself 1.16.0 spoke 1.4.3", () => {
  assert(
    BUILD_HISTORY.some((b) =>
      b.family === "electrumx" && b.protocolMax === "1.4.3" && b.first === "1.16.0" &&
      b.padded === false
    ),
  );
});
