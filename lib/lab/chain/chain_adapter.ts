/**
 * The lab's one chain: a {@linkcode RegtestChain} shared by every host, with cached frozen views
 * for hosts that lag behind the tip.
 *
 * @module
 */
import { RegtestChain } from "./regtest_chain.ts";
import type { RegtestView } from "./regtest_view.ts";
import type { ChainView } from "./chain_view.ts";

/** The chain as the lab uses it. */
export interface LabChain {
  /** The view a host `lag` blocks behind the tip serves (0: the live chain). */
  view(lag: number): ChainView;
  /** Mine one block; returns the new tip height. */
  mine(): number;
  genesisHash(): string;
  tip(): { height: number; hex: string };
  /** The underlying chain (tests, the wallet integration). */
  chain: RegtestChain;
}

/**
 * Build the lab chain from the lab's seed.
 *
 * @param seed The lab seed.
 * @param height Initial tip height. Default: 300.
 */
export function createLabChain(seed: string | number, height = 300): LabChain {
  const chain = new RegtestChain({ seed: String(seed), height });
  const views = new Map<number, RegtestView>();
  return {
    chain,
    view(lag) {
      if (lag <= 0) return chain;
      const h = Math.max(0, chain.tip().height - lag);
      let v = views.get(h);
      if (!v) {
        v = chain.view(h);
        views.set(h, v);
        if (views.size > 64) views.delete(views.keys().next().value!);
      }
      return v;
    },
    mine: () => chain.mine(1),
    genesisHash: () => chain.genesisHash(),
    tip: () => chain.tip(),
  };
}
