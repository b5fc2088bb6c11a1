/**
 * The probe battery: one small module per probe, a registry, and the battery runner.
 *
 * @module
 */
export * from "./probe.ts";
export * from "./battery.ts";
export * from "./wire_style.ts";
