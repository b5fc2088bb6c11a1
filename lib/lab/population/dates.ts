/**
 * Date helpers of the population builder (UTC throughout).
 *
 * @module
 */

/** Midnight UTC of the day of `d`. */
export function startOfUtcDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** ISO 8601 with milliseconds and `Z`. */
export function iso(d: Date): string {
  return d.toISOString();
}

/** `d` plus `days` days of 86,400 s. */
export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * 86_400_000);
}

/** `days` days of 86,400 s before `now`. */
export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}
