/**
 * Shorthand for declaring schema columns: nullable unless `nullable: false` is given.
 *
 * @module
 */
import type { Column, ColumnType } from "../schema.ts";

/** Options of {@linkcode col}: every {@linkcode Column} field but name, type and description. */
export type ColumnOptions = Omit<Partial<Column>, "name" | "type" | "description">;

/**
 * A column, nullable by default, keeping its name as a literal type.
 *
 * @example
 * ```ts
 * col("connect_ms", "number", "TCP handshake", { unit: "ms" });
 * ```
 */
export function col<const N extends string>(
  name: N,
  type: ColumnType,
  description: string,
  options: ColumnOptions = {},
): Column & { readonly name: N } {
  return { name, type, nullable: true, description, ...options };
}

/** Why `server` is in every table. */
export const SERVER_REPEATS = "the join key between tables";
