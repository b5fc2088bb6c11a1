import { AssertionError, assertRejects, assertThrows } from "./assert.ts";

/** The message of the AssertionError `fn` throws, or null when it throws none. */
function failure(fn: () => unknown): string | null {
  try {
    fn();
  } catch (err) {
    if (err instanceof AssertionError) return err.message;
    throw err;
  }
  return null;
}

/** The message of the AssertionError `fn` rejects with, or null when it rejects with none. */
async function rejection(fn: () => Promise<unknown>): Promise<string | null> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof AssertionError) return err.message;
    throw err;
  }
  return null;
}

const same = (a: unknown, b: unknown, what: string) => {
  if (a !== b) throw new Error(`${what}: ${String(a)} !== ${String(b)}`);
};

Deno.test("assertThrows: returns the error; refuses no error, another class, another message", () => {
  const boom = () => {
    throw new RangeError("port 70000 is out of range");
  };
  same(assertThrows(boom, RangeError, "70000").message, "port 70000 is out of range", "returned");
  same(failure(() => assertThrows(() => 1)), "expected the function to throw", "no error");
  same(
    failure(() => assertThrows(boom, TypeError))?.startsWith("expected TypeError, got"),
    true,
    "class",
  );
  same(
    failure(() => assertThrows(boom, RangeError, "80000"))?.includes("does not include"),
    true,
    "message",
  );
});

Deno.test("assertRejects: returns the error; refuses no rejection, another class, another message", async () => {
  const boom = () => Promise.reject(new RangeError("port 70000 is out of range"));
  same(
    (await assertRejects(boom, RangeError, "70000")).message,
    "port 70000 is out of range",
    "returned",
  );
  same(
    await rejection(() => assertRejects(() => Promise.resolve(1))),
    "expected the promise to reject",
    "none",
  );
  same(
    (await rejection(() => assertRejects(boom, TypeError)))?.startsWith("expected TypeError, got"),
    true,
    "class",
  );
  same(
    (await rejection(() => assertRejects(boom, RangeError, "80000")))?.includes("does not include"),
    true,
    "message",
  );
});
