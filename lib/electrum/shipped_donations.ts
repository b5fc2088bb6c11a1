/**
 * Donation addresses that server software ships as its default `server.donation_address`: an
 * install that never set its own answers with its author's. Such an address is every install's,
 * not an operator's choice (operator grouping leaves it out, as it leaves out a default banner),
 * and it names the software that shipped it (implementation inference votes on it).
 *
 * @module
 */

/** Fulcrum's default `donation` (its author's address). */
export const FULCRUM_DEFAULT_DONATION = "1Ca1inCimwRhhcpFX84TPRrPQSryTgKW6N";

/** Electrum Personal Server's default `donation_address`. */
export const EPS_DEFAULT_DONATION = "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy";

/**
 * Every donation address shipped as a software default.
 *
 * @example
 * ```ts
 * SHIPPED_DONATIONS.has(reply.donation_address); // true: the default, no operator's choice
 * ```
 */
export const SHIPPED_DONATIONS: ReadonlySet<string> = new Set([
  FULCRUM_DEFAULT_DONATION,
  EPS_DEFAULT_DONATION,
]);
