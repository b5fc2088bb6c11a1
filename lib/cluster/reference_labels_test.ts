import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import {
  evaluateRun,
  evaluationFindings,
  evaluationRows,
  loadReferenceLabels,
} from "./reference_labels.ts";

const HOSTS = [
  {
    hostname: "a.example",
    operator: "op-a",
    cluster_truth: "electrumx",
    scenario: "honest-operators",
    modification: null,
  },
  {
    hostname: "b.example",
    operator: "op-a",
    cluster_truth: "electrumx",
    scenario: "honest-operators",
    modification: null,
  },
  {
    hostname: null,
    onion: null,
    ipv4: "10.0.0.3",
    operator: "op-c",
    cluster_truth: "fulcrum",
    scenario: "honest",
    modification: null,
  },
  {
    hostname: "d.example",
    operator: "op-d",
    cluster_truth: "fulcrum+claims-electrumx",
    scenario: "modified",
    modification: "claims-electrumx",
  },
  {
    hostname: null,
    onion: "x.onion",
    operator: "op-e",
    cluster_truth: "fulcrum",
    scenario: "onion",
    modification: null,
  },
  {
    hostname: null,
    onion: null,
    ipv4: null,
    operator: "op-f",
    cluster_truth: "fulcrum",
    scenario: "honest",
    modification: null,
  },
];

Deno.test("loadReferenceLabels: keyed as the tables key servers; kind from scenario; modified from modification", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/truth.json`, JSON.stringify({ hosts: HOSTS }));
    const t = await loadReferenceLabels(`${dir}/truth.json`);
    assertEquals(t.map((x) => x.server), [
      "a.example",
      "b.example",
      "10.0.0.3",
      "d.example",
      "x.onion",
    ]);
    assertEquals(t.map((x) => x.modified), [false, false, false, true, false]);
    assertEquals(t[0].kind, "honest-operators");
    await Deno.writeTextFile(
      `${dir}/old.json`,
      JSON.stringify({ hosts: [{ hostname: "a", role: "honest" }] }),
    );
    await assertRejects(() => loadReferenceLabels(`${dir}/old.json`), Error, "cluster_truth");
    await Deno.writeTextFile(`${dir}/bad.json`, "{}");
    await assertRejects(() => loadReferenceLabels(`${dir}/bad.json`), Error, "no hosts");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("evaluateRun: unobserved hosts set aside; rows and findings carry the figures", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/truth.json`, JSON.stringify({ hosts: HOSTS }));
    const truth = await loadReferenceLabels(`${dir}/truth.json`);
    const predicted = [
      { server: "a.example", behaviour_cluster: "c1", operator_group: "g1", modified: false },
      { server: "b.example", behaviour_cluster: "c1", operator_group: "g1", modified: false },
      { server: "10.0.0.3", behaviour_cluster: "c2", operator_group: "g1", modified: false },
      { server: "d.example", behaviour_cluster: "c3", operator_group: null, modified: true },
    ];
    const r = evaluateRun(truth, predicted);
    assertEquals(r.unobserved, ["x.onion"]);
    assertEquals(r.evaluation.overall.servers, 4);
    assertEquals(r.evaluation.overall.ari, 1);
    assertEquals(r.evaluation.overall.recall, 1);
    assertEquals(r.evaluation.overall.precision, 1 / 3);
    assertEquals(r.evaluation.overall.singlesGrouped, 1);
    assertEquals(r.evaluation.overall.modifiedFound, 1);
    const rows = evaluationRows(r.evaluation);
    assertEquals(rows.map((x) => x["scenario kind"]), [
      "all",
      "honest",
      "honest-operators",
      "modified",
    ]);
    assertEquals(rows[0]["modified found"], "1 of 1");
    const text = evaluationFindings(r.evaluation).join(" ");
    assert(text.includes("ARI 1.000") && text.includes("meets the target 0.9"), text);
    assert(text.includes("precision 0.333") && text.includes("misses"), text);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
