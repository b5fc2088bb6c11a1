/**
 * The probe battery: one small module per probe, a registry, and the battery runner (observer
 * layer above `records/`, `electrum/`, `tls/`, `net/`; `crawl/` runs it).
 *
 * @module
 */
export * from "./probe.ts";
export * from "./battery.ts";
export * from "./wire_style.ts";
