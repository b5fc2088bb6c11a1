/**
 * The privacy experiment (observer side): what servers learn from a real wallet's session
 * (transcripts recorded by `tests/helpers/wallet_experiment.ts`), the reference client's network
 * behaviour as a model (profiles, server selection, session requests) validated against those
 * transcripts, and the simulations the risks and recommendations are measured with (exposure of
 * many clients over the scanned population, a server-side wallet linker).
 *
 * @module
 */
export * from "./transcript.ts";
export * from "./server_views.ts";
export * from "./client_profiles.ts";
export * from "./client_session.ts";
export * from "./candidates.ts";
export * from "./select_servers.ts";
export * from "./simulate_exposure.ts";
export * from "./link_wallets.ts";
export * from "./simulate_linking.ts";
export * from "./simulate_sessions.ts";
export * from "./load_privacy_inputs.ts";
export * from "./risk_table.ts";
export * from "./recommendation_table.ts";
export * from "./figure_rows.ts";
export * from "./privacy_random.ts";
export * from "./profile_table.ts";
export * from "./server_views_schema.ts";
export * from "./privacy_findings.ts";
export * from "./sessions_curve.ts";
export * from "./fingerprint_release.ts";
export * from "./write_privacy_tables.ts";
