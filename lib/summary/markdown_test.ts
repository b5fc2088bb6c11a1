import { assertEquals } from "../testing/assert.ts";
import { countOf, figureLink, notebookLink, pct, shownIn, text } from "./markdown.ts";

Deno.test("countOf gives the count, its denominator, unit and share; pct says unknown for no value", () => {
  assertEquals(countOf(12, 350, "servers"), "12 of 350 servers (3.4%)");
  assertEquals(countOf(0, 0, "servers"), "0 of 0 servers");
  assertEquals(pct(0.3142857), "31.4%");
  assertEquals(pct(null), "an unknown share");
  assertEquals(pct(NaN), "an unknown share");
});

Deno.test("links work from notebooks/ and figures/ alike; server text is escaped", () => {
  assertEquals(
    notebookLink("02_network_overview", "Centralization"),
    "[notebook 02 · Centralization](../notebooks/02_network_overview.ipynb)",
  );
  assertEquals(figureLink("server_map"), "[figure server_map](../figures/server_map.svg)");
  assertEquals(
    shownIn("03_clusters", "Operator groups", ["a"]),
    "([notebook 03 · Operator groups](../notebooks/03_clusters.ipynb), [figure a](../figures/a.svg))",
  );
  assertEquals(text("<img onerror=x>[a](b)"), "&lt;img onerror=x&gt;\\[a\\]\\(b\\)");
});
