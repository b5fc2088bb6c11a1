/**
 * Notebook 05's closing sentences, computed from the risk and recommendation tables (so they
 * stay true to whatever data the notebook ran on).
 *
 * @module
 */
import type { RecommendationRow } from "./recommendation_table.ts";
import type { RiskRow } from "./risk_table.ts";

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/**
 * Sentences on what was measured.
 *
 * @example
 * ```ts
 * note`${privacyFindings(risks, recs).join(" ")}`;
 * ```
 */
export function privacyFindings(
  risks: readonly RiskRow[],
  recs: readonly RecommendationRow[],
): string[] {
  const r = (prefix: string) => risks.find((x) => x.measure.startsWith(prefix));
  const out: string[] = [];
  const share = r("share of the wallet's addresses the main server learns");
  const unused = r("unused (gap-window) addresses");
  if (share && unused) {
    out.push(
      `The main server of the real wallet learned ${
        pct(share.value)
      } of its ${share.denominator}, ${unused.value} of them unused, without ever receiving the xpub (${
        r("requests carrying an extended public key")?.value ?? "?"
      } requests carried one).`,
    );
  }
  const fail = r("servers that learn the whole wallet when the main dies");
  if (fail) out.push(`When the main died, ${fail.value} servers had learned the whole wallet.`);
  const ip = r("clients whose address reaches the top operator group");
  const main = r("main server in the top operator group");
  if (ip && main) {
    out.push(
      `In the model over this scan, the most exposing operator group saw the address of ${
        pct(ip.value)
      } of clients and was the main server (the whole wallet) for ${pct(main.value)}.`,
    );
  }
  const verdicts = (
    v: string,
  ) => [...new Set(recs.filter((x) => x.verdict === v).map((x) => x.recommendation))];
  const back = verdicts("backfires");
  if (back.length) out.push(`Backfired on at least one measure: ${back.join("; ")}.`);
  const none = verdicts("no effect");
  if (none.length) out.push(`No effect on at least one measure: ${none.join("; ")}.`);
  return out;
}
