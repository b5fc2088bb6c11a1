"""Run a notebook twice in one kernel session, the second time cell by cell in a shuffled order.

A researcher reruns cells one at a time, in any order, without restarting the kernel. This
script does that mechanically so a test can compare what each cell showed the first and the
second time: pass 1 runs every code cell top to bottom; pass 2 runs the parameters cell (the
first code cell) again, then every other code cell once, in an order shuffled by --seed. The
notebook file is not written.

    /usr/bin/python3 -I lib/report/nbrerun.py [--seed N] [--timeout S] [--watch DIR] NOTEBOOK OUT.json

OUT.json: {"notebook", "order": [cell indices of pass 2], "cells": [{"index", "source",
"first": [outputs], "second": [outputs]}] for the code cells, "failure": null or {"index",
"pass", "error"}, "files": {"first": {name: sha256}, "second": {...}}}, the files directly in
--watch DIR (e.g. the figures folder) after each pass. Exit status 0 when both passes
ran, 1 when a cell failed (OUT.json is still written, with what ran), 2 on a usage error.
"""

import argparse
import asyncio
import copy
import hashlib
import json
import os
import random
import sys

from nbclient.util import ensure_async

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nbrun import KERNEL_NAME, DenoNotebookClient, error_text, read  # noqa: E402


def digests(folder):
    """sha256 of every file directly in `folder` (none when it is missing)."""
    if not folder or not os.path.isdir(folder):
        return {}
    out = {}
    for name in sorted(os.listdir(folder)):
        full = os.path.join(folder, name)
        if os.path.isfile(full):
            with open(full, "rb") as f:
                out[name] = hashlib.sha256(f.read()).hexdigest()
    return out


async def rerun(path, seed, timeout_s, kernel_name, watch=None):
    nb = read(path)
    client = DenoNotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name=kernel_name,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
    )
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    first, second = {}, {}
    files = {}
    order = [code[0]] + random.Random(seed).sample(code[1:], len(code) - 1) if code else []
    failure = None
    client.reset_execution_trackers()
    async with client.async_setup_kernel():
        msg_id = await ensure_async(client.kc.kernel_info())
        await client.async_wait_for_reply(msg_id)
        for runs, indices in ((first, code), (second, order)):
            count = 0
            for index in indices:
                count += 1
                cell = nb.cells[index]
                cell.outputs = []
                try:
                    await client.async_execute_cell(cell, index, execution_count=count)
                except Exception as exc:  # CellExecutionError, timeout, dead kernel
                    failure = {"index": index, "pass": 1 if runs is first else 2,
                               "error": error_text(cell, exc)}
                runs[index] = copy.deepcopy(cell.outputs)
                if failure:
                    break
            files["first" if runs is first else "second"] = digests(watch)
            if failure:
                break
    cells = [
        {"index": i, "source": nb.cells[i].source, "first": first.get(i), "second": second.get(i)}
        for i in code
    ]
    return {"notebook": os.path.basename(path), "order": order, "cells": cells, "failure": failure,
            "files": files}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebook")
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=1, help="seed of the shuffle (default 1)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds a cell may run (default 300)")
    parser.add_argument("--watch", help="folder whose files are hashed after each pass")
    parser.add_argument("--kernel", default=KERNEL_NAME, help=f"kernelspec name (default {KERNEL_NAME})")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.notebook):
        parser.error(f"no such notebook: {args.notebook}")
    result = asyncio.run(rerun(args.notebook, args.seed, args.timeout, args.kernel, args.watch))
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)
    if result["failure"]:
        f = result["failure"]
        print(f"nbrerun: {result['notebook']} cell {f['index']} failed in pass {f['pass']}: {f['error']}",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
