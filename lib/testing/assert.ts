/**
 * Small test assertions (Deno's std lives on JSR, which these machines cannot reach). The
 * messages name both values, as std's do.
 *
 * @module
 */
import { deepStrictEqual } from "node:assert";

/** Error thrown by a failed assertion. */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function show(v: unknown): string {
  try {
    return Deno.inspect(v, { depth: 6, iterableLimit: 50, strAbbreviateSize: 300 });
  } catch {
    return String(v);
  }
}

/** Assert deep equality. */
export function assertEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    deepStrictEqual(actual, expected);
  } catch {
    throw new AssertionError(
      `${msg ? msg + ": " : ""}values differ\n  actual:   ${show(actual)}\n  expected: ${
        show(expected)
      }`,
    );
  }
}

/** Assert deep inequality. */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  let equal = true;
  try {
    deepStrictEqual(actual, expected);
  } catch {
    equal = false;
  }
  if (equal) {
    throw new AssertionError(
      `${msg ? msg + ": " : ""}expected values to differ, both are ${show(actual)}`,
    );
  }
}

/** Assert that a value is truthy. */
export function assert(cond: unknown, msg = "assertion failed"): asserts cond {
  if (!cond) throw new AssertionError(msg);
}

/** Assert that `actual` contains `expected` (a string or an array element). */
export function assertIncludes(
  actual: string | readonly unknown[],
  expected: unknown,
  msg?: string,
): void {
  const ok = typeof actual === "string"
    ? actual.includes(String(expected))
    : actual.includes(expected);
  if (!ok) {
    throw new AssertionError(
      `${msg ? msg + ": " : ""}${show(actual).slice(0, 2000)} does not include ${show(expected)}`,
    );
  }
}

/** Assert that a string matches a regular expression. */
export function assertMatch(actual: string, re: RegExp, msg?: string): void {
  if (!re.test(actual)) {
    throw new AssertionError(`${msg ? msg + ": " : ""}${show(actual)} does not match ${re}`);
  }
}

/** Assert `actual < limit` (numbers). */
export function assertLess(actual: number, limit: number, msg?: string): void {
  if (!(actual < limit)) {
    throw new AssertionError(`${msg ? msg + ": " : ""}expected ${actual} < ${limit}`);
  }
}

/** The error `err`, after checking it is of class `cls` and its message includes `includes`. */
function expectedError(
  err: unknown,
  cls: (new (...a: never[]) => Error) | undefined,
  includes: string | undefined,
): Error {
  if (cls && !(err instanceof cls)) {
    throw new AssertionError(`expected ${cls.name}, got ${show(err)}`);
  }
  if (includes && !String((err as Error).message).includes(includes)) {
    throw new AssertionError(
      `error message ${show((err as Error).message)} does not include ${show(includes)}`,
    );
  }
  return err as Error;
}

/** Assert that `fn` throws an error of class `cls` whose message includes `includes`. */
export function assertThrows(
  fn: () => unknown,
  cls?: new (...a: never[]) => Error,
  includes?: string,
): Error {
  try {
    fn();
  } catch (err) {
    return expectedError(err, cls, includes);
  }
  throw new AssertionError("expected the function to throw");
}

/** Assert that a promise rejects with an error of class `cls`. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  cls?: new (...a: never[]) => Error,
  includes?: string,
): Promise<Error> {
  try {
    await fn();
  } catch (err) {
    return expectedError(err, cls, includes);
  }
  throw new AssertionError("expected the promise to reject");
}
