import { assertEquals } from "../testing/assert.ts";
import { jupyterEnv } from "./jupyter_env.ts";

Deno.test("jupyterEnv: Jupyter path and runtime folder from the project's Jupyter folder", () => {
  assertEquals(jupyterEnv("/p/.jupyter"), {
    JUPYTER_PATH: "/p/.jupyter",
    JUPYTER_RUNTIME_DIR: "/p/.jupyter/runtime",
  });
});

Deno.test("jupyterEnv: the caller's variables are added and win", () => {
  assertEquals(jupyterEnv("/j", { OBS_SEED: "7", JUPYTER_RUNTIME_DIR: "/elsewhere" }), {
    JUPYTER_PATH: "/j",
    JUPYTER_RUNTIME_DIR: "/elsewhere",
    OBS_SEED: "7",
  });
});
