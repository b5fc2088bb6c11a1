/**
 * Test helper: the figure name a notebook cell passes to `publishFigure`, read from the cell's
 * source (the call's second argument, a string literal), so that a check does not mistake an
 * earlier string argument (`labelBy(t, "provider")`) for the name.
 *
 * @module
 */

/**
 * The name given to the first `publishFigure(...)` call of `source`.
 *
 * @param source A code cell's source.
 * @returns The name, or `undefined` when there is no call or its second argument is not a plain
 *   string literal of `[a-z0-9_-]`.
 * @example
 * ```ts
 * figureName(`await publishFigure(bars(count(labelBy(t, "provider"))), "by_provider")`);
 * // "by_provider"
 * ```
 */
export function figureName(source: string): string | undefined {
  const start = source.indexOf("publishFigure(");
  if (start < 0) return undefined;
  const args: string[] = [];
  let depth = 1, from = start + "publishFigure(".length;
  for (let i = from; i < source.length && depth > 0; i++) {
    const ch = source[i];
    if (ch === '"' || ch === "'" || ch === "`") {
      // Skip the literal (escapes honoured; a template's `${}` holds no closing quote here).
      for (i++; i < source.length && source[i] !== ch; i++) if (source[i] === "\\") i++;
    } else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) {
      depth--;
      if (depth === 0) args.push(source.slice(from, i));
    } else if (ch === "," && depth === 1) {
      args.push(source.slice(from, i));
      from = i + 1;
    }
  }
  return args[1]?.trim().match(/^"([a-z0-9_-]+)"$/)?.[1];
}
