/**
 * The lab's simulated public addresses (emulator side; imports `geo/` for the databases).
 *
 * - {@linkcode providerPrefixes} and {@linkcode pickAddressInProvider} give real announced
 *   ranges of a provider and deterministic, country-calibrated addresses inside them.
 * - `build_segments.ts` writes `provider_segments.json` from them once; {@linkcode
 *   segmentAddressPicker} (`addresses.ts`) draws lab host addresses from that file, so a lab
 *   starts without opening any database.
 *
 * @module
 */
export * from "./provider_prefixes.ts";
export * from "./pick_address_in_provider.ts";
export * from "./addresses.ts";
