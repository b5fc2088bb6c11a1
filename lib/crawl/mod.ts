/**
 * The crawl (observer layer, above `probes/`, `records/`, `electrum/`, `net/`): run parameters (and the
 * live exclusion file),
 * resolvers, politeness and the discovery loop. It never imports the lab: the lab's address book
 * reaches it through the {@linkcode AddressBook} interface. The whole collecting run (start a lab,
 * crawl, derive tables) is `lib/pipeline/`; the records it writes are `lib/records/`; peer-list
 * parsing is `lib/electrum/peers.ts`.
 *
 * @module
 */
export * from "./params.ts";
export * from "./exclusions.ts";
export * from "./resolver.ts";
export * from "./politeness.ts";
export * from "./politeness_ledger.ts";
export * from "./crawl.ts";
export * from "./address_map.ts";
