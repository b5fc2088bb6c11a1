import { assert, assertEquals } from "../testing/assert.ts";
import { NETNS_MARKER, testCounts, testEnv, testRuns } from "./test_runner.ts";

Deno.test("testRuns enables the sanitizers, runs lib/ in parallel then tests/ one module at a time", () => {
  const runs = testRuns([]);
  assertEquals(runs.length, 2);
  for (const args of runs) {
    assertEquals(args.slice(0, 4), ["test", "-A", "--sanitize-ops", "--sanitize-resources"]);
  }
  assert(runs[0].includes("--parallel") && runs[0].at(-1) === "lib/", runs[0].join(" "));
  assert(!runs[1].includes("--parallel") && runs[1].at(-1) === "tests/", runs[1].join(" "));
});

Deno.test("testRuns keeps the default folders for a filter and replaces them for a path", () => {
  const filtered = testRuns(["--filter", "dial"]);
  for (const args of filtered) {
    assert(args.includes("--filter") && args.includes("dial"), args.join(" "));
  }
  const pathed = testRuns(["lib/report/"]);
  assertEquals(pathed.length, 1);
  assertEquals(pathed[0].at(-1), "lib/report/");
  assert(!pathed[0].includes("lib/"));
});

Deno.test("testCounts reads deno test's closing line, with or without colours", () => {
  assertEquals(testCounts("x\nok | 12 passed | 0 failed (1s)\n"), { passed: 12, failed: 0 });
  assertEquals(
    testCounts(
      "\x1b[0m\x1b[31mFAILED\x1b[0m | 288 passed (5 steps) | 2 failed (3 steps) (3m18s)\n",
    ),
    { passed: 288, failed: 2 },
  );
  assertEquals(testCounts("nothing here"), null);
});

Deno.test("testEnv fixes the time zone and forbids live network mode", () => {
  assertEquals(testEnv(false).TZ, "UTC");
  assertEquals(testEnv(false).OBS_FORBID_LIVE, "1");
  assertEquals(testEnv(true)[NETNS_MARKER], "1");
  assertEquals(testEnv(false)[NETNS_MARKER], undefined);
});

Deno.test({
  name: "tests in the private network namespace see only loopback interfaces",
  ignore: !Deno.env.get(NETNS_MARKER),
  fn() {
    const interfaces = Deno.networkInterfaces();
    assertEquals(interfaces.filter((i) => i.name !== "lo"), []);
  },
});
