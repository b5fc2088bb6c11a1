import { assertEquals } from "../../lib/testing/assert.ts";
import { figureName } from "./figure_name.ts";

Deno.test("figureName reads publishFigure's second argument, not an earlier string", () => {
  // Notebook 04's cell: the first `"…")` in it is labelBy's column, not the figure's name.
  assertEquals(
    figureName(
      'await publishFigure(tierBars(tierCounts(d.derived, labelBy(d.tables.geo, "provider")), { groupLabel: "provider", title: labelled("Servers (a, b)", d.label), caption }), "hss_tiers_by_provider")',
    ),
    "hss_tiers_by_provider",
  );
  assertEquals(
    figureName('e ? await publishFigure(f(`AUC ${x})`), "hss_roc") : note`No evaluation.`'),
    "hss_roc",
  );
  assertEquals(
    figureName('await publishFigure(serverMap(pop), "server_map", { dir })'),
    "server_map",
  );
  assertEquals(figureName("await publishFigure(fig, name)"), undefined);
  assertEquals(figureName('showTable(rows, { caption: "x" })'), undefined);
});
