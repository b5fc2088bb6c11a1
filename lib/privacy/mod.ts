/**
 * The privacy experiment (observer side): what servers learn from a real wallet's session
 * (transcripts recorded by `tests/helpers/wallet_experiment.ts`), the reference client's network
 * behaviour as a model, and the risks and recommendations measured with both.
 *
 * @module
 */
export * from "./transcript.ts";
export * from "./server_views.ts";
