"""Run Deno notebooks headless, in order, in place, and render them into one HTML report.

Run it with Debian's /usr/bin/python3 (nbclient 0.7, nbconvert 6.5, jupyter_client 7.4), not
another python3 that may come first on PATH; `lib/report/run_notebooks.ts` does so. The
kernel (default `deno-observatory`) is found through JUPYTER_PATH, which
`lib/report/setup.ts` prepares.

    /usr/bin/python3 -I lib/report/nbrun.py [--timeout S] [--html OUT] NOTEBOOK...
    /usr/bin/python3 -I lib/report/nbrun.py --no-execute --html OUT NOTEBOOK...  (re-render)
    ... --lead 00_summary.ipynb  (that notebook runs where it is given but comes first in the HTML)
    /usr/bin/python3 -I lib/report/nbrun.py --strip-only NOTEBOOK...  (before committing)
    ... --jobs 2 --concurrent 02_a.ipynb --concurrent 03_b.ipynb  (those two may run at once)
    ... --start-ahead 4  (later notebooks' kernels start, imports loaded, while earlier ones run)

Exit status: 0 when every notebook ran (and the report was written), 1 when a cell failed,
timed out or the kernel died, 2 on a usage error. A failing notebook is left as it was on disk:
its executed copy, with the outputs it got, goes to --failed-dir (default: beside it, as
NAME.failed.ipynb) and its path is printed. --status FILE receives one JSON object saying what
failed (notebook, cell, error name and value, the failed copy). --kernel-log FILE takes the
kernel's own output (first-run package set-up lines, warnings), summarised in one line.
"""

import argparse
import asyncio
import html
import json
import os
import re
import sys
import time
from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

KERNEL_NAME = "deno-observatory"
TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
TEMPLATE_NAME = "observatory"

# Metadata that changes from run to run without the notebook changing: timestamps written by
# nbclient, JupyterLab's ExecuteTime extension, papermill and VS Code, widget state.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "papermill")
VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "vscode", "execution")


# Run after each cell's idle: it resolves only after the kernel's event loop has turned once, so
# every output the cell started (including a display it did not await) is published before its idle.
# Seconds the client keeps reading IOPub after a cell's idle (the default way to collect late
# outputs). The flush request (`grace_s` None or <= 0) is faster but left two CI runs waiting ten
# minutes or more on a reply that never came (2026-12-03); the cause is not found.
GRACE_S = 0.15
FLUSH_CODE = "await new Promise((resolve) => setTimeout(resolve, 0));"
# Message types that are a cell's output (the flush request's own status and input echo are not).
OUTPUT_TYPES = frozenset(
    ("stream", "display_data", "execute_result", "error", "update_display_data", "clear_output")
)


class DenoNotebookClient(NotebookClient):
    """nbclient that collects the outputs a Deno kernel publishes after a cell's idle.

    Deno's kernel publishes a cell's console output through a queue of its own, and sometimes
    only after it has reported the cell idle; stock nbclient stops listening at idle and loses
    those outputs (in a 30-cell test here, 51 and 56 of 60 outputs survived). The kernel labels
    such a late output with the request it is serving when it gets round to it: the cell's own, or
    the next request's. So after each cell's idle this client sends a silent flush request
    (`FLUSH_CODE`) and keeps reading IOPub until the flush is idle: what the cell's request or the
    flush request published in between belongs to the cell. That costs one round trip to the
    kernel (milliseconds) instead of a fixed wait; `grace_s` restores the fixed wait (keep reading
    that long after idle, the cell's own messages only). Messages of any other request are
    dropped, as stock nbclient does.
    """

    def __init__(self, nb, grace_s=GRACE_S, **kw):
        super().__init__(nb, **kw)
        self.grace_s = grace_s
        self.current_index = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        self.current_index = cell_index
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    break
        if self.grace_s is None or self.grace_s <= 0:
            await self._flush(parent_msg_id, cell, cell_index)
            return
        deadline = time.monotonic() + self.grace_s
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=remaining))
            except (Empty, asyncio.TimeoutError):
                break
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass

    async def _flush(self, parent_msg_id, cell, cell_index):
        """Sends the flush request and files what arrives until its idle under the cell.

        nbclient bounds the wait (its `iopub_timeout`, 4 s): past it, the cell keeps what it got.
        """
        flush_id = await ensure_async(
            self.kc.execute(FLUSH_CODE, silent=True, store_history=False, stop_on_error=False)
        )
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            parent = msg["parent_header"].get("msg_id")
            if parent == flush_id:
                if msg["msg_type"] == "status" and msg["content"].get("execution_state") == "idle":
                    return
                if msg["msg_type"] in OUTPUT_TYPES:
                    self.process_message(msg, cell, cell_index)
            elif parent == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


def strip_volatile(nb):
    """Make a notebook's JSON depend only on its cells and outputs, so reruns diff cleanly.

    Drops run timestamps and tool state from notebook and cell metadata and renumbers
    execution counts 1, 2, ... over the executed code cells (stable cell ids: see `read`).
    """
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    count = 0
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if cell.cell_type != "code":
            continue
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count
    return nb


def source_head(source, lines=6):
    parts = source.splitlines()
    head = "\n".join("    | " + line for line in parts[:lines])
    if len(parts) > lines:
        head += f"\n    | ... ({len(parts) - lines} more lines)"
    return head


def error_text(cell, exc, traceback_lines=8):
    """The cell's error output (name, value, head of the traceback), else the exception's summary."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            text = f"{output.get('ename', '')}: {output.get('evalue', '')}".strip(": ")
            trace = [line for line in output.get("traceback", [])[1:traceback_lines + 1]]
            return "\n".join([text] + ["    " + line for line in trace])
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0] if lines else ''}"


def read(path):
    """Reads a notebook; cells of an nbformat 4.5+ notebook that lack an id get a stable one.

    nbformat.read would fill missing ids with random ones, so a rerun would change the file.
    """
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    if (raw.get("nbformat", 0), raw.get("nbformat_minor", 0)) >= (4, 5):
        taken = {c.get("id") for c in raw.get("cells", [])}
        for index, cell in enumerate(raw.get("cells", [])):
            if not cell.get("id"):
                cell_id = f"cell-{index}"
                while cell_id in taken:
                    cell_id += "-x"
                cell["id"] = cell_id
                taken.add(cell_id)
    return nbformat.reads(json.dumps(raw), as_version=4)


def write(nb, path):
    strip_volatile(nb)
    nbformat.write(nb, path)


def failure_info(nb, index, exc):
    """What failed, for --status: the cell index, the error's name and value (one line)."""
    info = {"cell": index, "ename": type(exc).__name__, "evalue": str(exc).strip().splitlines()[:1]}
    info["evalue"] = info["evalue"][0] if info["evalue"] else ""
    if index is not None and index < len(nb.cells):
        for output in nb.cells[index].get("outputs", []):
            if output.get("output_type") == "error":
                info["ename"] = output.get("ename", "")
                info["evalue"] = (output.get("evalue", "").strip().splitlines() or [""])[0]
                break
    return info


# A static import's module specifier: `import ... from "x"` or `import "x"` at the start of a line.
STATIC_IMPORT = re.compile(r"""^[ \t]*import\s+(?:[^"';]*?\bfrom\s*)?["']([^"']+)["']""", re.M)


def import_specifiers(nb):
    """The modules a notebook's code cells import statically, each once, in order of first use."""
    seen = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for spec in STATIC_IMPORT.findall(cell.source):
                if spec not in seen:
                    seen.append(spec)
    return seen


def warm_code(nb):
    """Code that loads a notebook's imports into a kernel (binding nothing), or None when it has none.

    Modules have no side effects at import (house style), so loading them before the first cell
    changes none of the notebook's outputs; the first cell then finds them loaded.
    """
    specs = import_specifiers(nb)
    if not specs:
        return None
    return f"await Promise.all({json.dumps(specs)}.map((s) => import(s)));"


def stages(paths, concurrent):
    """The run order cut into stages: a maximal run of consecutive notebooks whose file names are
    all in `concurrent` is one stage (its notebooks may run at the same time); every other
    notebook is a stage of its own. Stages run one after another."""
    out = []
    for path in paths:
        together = os.path.basename(path) in concurrent
        if together and out and out[-1][0]:
            out[-1][1].append(path)
        else:
            out.append((together, [path]))
    return [group for _, group in out]


class NotebookRun:
    """One notebook's run: its client, and its kernel, which may start before the notebook's turn."""

    def __init__(self, path, args, kernel_io):
        self.path = path
        self.name = os.path.basename(path)
        self.nb = read(path)
        self.client = DenoNotebookClient(
            self.nb,
            grace_s=args.grace,
            timeout=args.timeout,
            kernel_name=args.kernel,
            record_timing=False,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        self.kernel_io = kernel_io or {}
        self.ready = None  # task: kernel started (and, when started ahead, the imports loaded)
        self.ahead = False
        self.began = False

    def start(self, ahead=False):
        """Starts the kernel (once); ahead of the notebook's turn, also loads its imports."""
        if self.ready is None:
            self.ahead = ahead
            self.ready = asyncio.ensure_future(self._start(ahead))
        return self.ready

    async def _start(self, warm):
        c = self.client
        c.km = c.create_kernel_manager()
        try:
            await c.async_start_new_kernel(**self.kernel_io)
            await c.async_start_new_kernel_client()
            code = warm_code(self.nb) if warm else None
            if code:
                # A failed load is left for the notebook's own cell to report.
                msg_id = await ensure_async(
                    c.kc.execute(code, silent=True, store_history=False, stop_on_error=False)
                )
                await c.async_wait_for_reply(msg_id)
        except BaseException:
            await self.close()
            raise

    async def close(self):
        """Shuts down a kernel that was started but never ran its notebook."""
        if self.began or self.client.km is None:
            return
        try:
            await self.client._async_cleanup_kernel()
        except Exception:  # the kernel is gone already
            pass

    async def run(self, failed_dir, expected_errors):
        """Executes the notebook; writes it in place on success. Returns None on success, else
        what failed (for --status), after reporting it: the notebook on disk is left as it was and
        the executed copy goes to `failed_dir`."""
        nb, name, path = self.nb, self.name, self.path
        started = time.monotonic()
        self.began = True
        print(f"nbrun: running {name}", flush=True)
        try:
            await self.start()
            await self.client.async_execute()
        except Exception as exc:  # CellExecutionError, CellTimeoutError, DeadKernelError, startup
            elapsed = time.monotonic() - started
            index = self.client.current_index
            if failed_dir:
                os.makedirs(failed_dir, exist_ok=True)
                failed_path = os.path.join(failed_dir, name)
            else:
                failed_path = os.path.splitext(path)[0] + ".failed.ipynb"
            write(nb, failed_path)
            info = failure_info(nb, index, exc)
            failure = dict(notebook=path, failed_copy=failed_path, **info)
            if info["ename"] in (expected_errors or ()):
                # An outcome the caller reports itself (e.g. no server answered): one line, no dump.
                print(f"nbrun: {name} stopped at cell {index}: {info['ename']} (copy: {failed_path})", file=sys.stderr)
                return failure
            print(f"nbrun: FAILED {name} after {elapsed:.1f} s", file=sys.stderr)
            if index is not None and index < len(nb.cells):
                cell = nb.cells[index]
                print(f"nbrun: {name} cell {index} (0-based, of {len(nb.cells)}):", file=sys.stderr)
                print(source_head(cell.source), file=sys.stderr)
                print(f"nbrun: error: {error_text(cell, exc)}", file=sys.stderr)
            else:
                print(f"nbrun: error before any cell ran: {type(exc).__name__}: {exc}", file=sys.stderr)
            print(f"nbrun: {path} left as it was; the failed run's copy is {failed_path}", file=sys.stderr)
            return failure
        finally:
            if self.client.km is not None:  # async_execute shuts its kernel down; a failed start may not
                await self.client._async_cleanup_kernel()
        write(nb, path)
        elapsed = time.monotonic() - started
        code_cells = sum(1 for c in nb.cells if c.cell_type == "code")
        how = ", kernel started ahead" if self.ahead else ""
        print(f"nbrun: {name} ok in {elapsed:.1f} s ({code_cells} code cells{how})", flush=True)
        return None


async def run_all(args, kernel_io):
    """Runs the notebooks stage by stage (`stages`); returns the first failure, or None.

    Within a stage, up to `args.jobs` notebooks run at once, in run order. Once a notebook fails,
    no notebook starts any more (those already running finish). With `args.start_ahead` > 0, the
    kernels of later notebooks start one after another, in run order, once the first notebook's
    kernel is up, with their imports loaded, while earlier notebooks run: at most that many wait
    for their turn at once. Kernels that never ran a notebook are shut down at the end.
    """
    runs = [NotebookRun(p, args, kernel_io) for p in args.notebooks]
    by_path = dict(zip(args.notebooks, runs))
    failures = []
    waiting = asyncio.Semaphore(args.start_ahead) if args.start_ahead > 0 else None

    async def start_ahead():
        try:
            await runs[0].start()
        except Exception:
            return  # the first notebook reports it
        for run in runs[1:]:
            await waiting.acquire()
            if failures or run.began:
                waiting.release()
                if failures:
                    return
                continue
            try:
                await run.start(ahead=True)
            except Exception:
                pass  # its turn reports it

    async def turn(run, slots):
        async with slots:
            if failures:
                return
            if waiting is not None and run.ahead:
                waiting.release()
            failure = await run.run(args.failed_dir, args.expected_error)
            if failure:
                failures.append(failure)

    ahead = asyncio.ensure_future(start_ahead()) if waiting is not None and len(runs) > 1 else None
    try:
        for group in stages(args.notebooks, set(args.concurrent)):
            slots = asyncio.Semaphore(max(1, args.jobs))
            await asyncio.gather(*(turn(by_path[p], slots) for p in group))
            if failures:
                break
    finally:
        if ahead is not None:
            ahead.cancel()
            await asyncio.gather(ahead, return_exceptions=True)
        for run in runs:
            if run.ready is not None and not run.began:
                run.ready.cancel()
                await asyncio.gather(run.ready, return_exceptions=True)
                await run.close()
    return failures[0] if failures else None


def anchor(path):
    return "nb-" + re.sub(r"[^a-zA-Z0-9_-]", "-", os.path.splitext(os.path.basename(path))[0])


HEADING = re.compile(r'<h([12]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
ANY_HEADING = re.compile(r'<h([1-6]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
NOTEBOOK_LINK = re.compile(r'href="(?:\.\./notebooks/|notebooks/)?([0-9]{2}_[A-Za-z0-9_-]+)\.ipynb"')


def heading_text(inner):
    """The plain text of a rendered heading: tags and the anchor link's pilcrow removed."""
    text = html.unescape(re.sub(r"<[^>]*>", "", inner)).replace("\u00b6", "").strip()
    return html.escape(text)


def unique_heading_ids(body):
    """Gives repeated heading ids (two notebooks both have "What was seen") a numbered suffix,
    in the heading and its anchor link, so every table-of-contents entry reaches its own heading."""
    seen = {}

    def renumber(m):
        level, ident, inner = m.group(1), m.group(2), m.group(3)
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] == 1:
            return m.group(0)
        new = f"{ident}-{seen[ident]}"
        inner = inner.replace(f'href="#{ident}"', f'href="#{new}"')
        return f'<h{level} id="{new}">{inner}</h{level}>'

    return ANY_HEADING.sub(renumber, body)


def table_of_contents(body):
    """A nested list of the page's h1 (notebook titles) and h2 (sections), linking to their ids."""
    items = []
    for level, ident, inner in HEADING.findall(body):
        text = heading_text(inner)
        if not text:
            continue
        if level == "1" or not items:
            items.append([(ident, text), []])
        else:
            items[-1][1].append((ident, text))
    lines = ['<nav id="obs-toc" aria-label="Contents"><strong>Contents</strong><ol>']
    for (ident, text), children in items:
        lines.append(f'<li class="obs-toc-h1"><a href="#{html.escape(ident)}">{text}</a>')
        if children:
            lines.append("<ol>")
            lines.extend(f'<li class="obs-toc-h2"><a href="#{html.escape(i)}">{t}</a></li>' for i, t in children)
            lines.append("</ol>")
        lines.append("</li>")
    lines.append("</ol></nav>")
    return "\n".join(lines)


def report_order(paths, lead):
    """The notebooks in the page's order: those named in `lead` first (in that order), then the rest."""
    lead_paths = [p for name in lead for p in paths if os.path.basename(p) == os.path.basename(name)]
    return lead_paths + [p for p in paths if p not in lead_paths]


def render_report(paths, out_path, title, lead=()):
    """Joins the notebooks into one and writes a self-contained HTML page with figures inline.

    The notebooks named in `lead` come first (the executive summary), then the others in the
    order given. The page gets a table of contents of its h1/h2 headings, and links to a
    notebook of the report (`../notebooks/NN_name.ipynb`, as the summary writes them so that
    they work from notebooks/ and figures/ alike) become links to its place in the page.
    """
    from nbconvert import HTMLExporter

    ordered = report_order(paths, lead)
    notebooks = [read(p) for p in ordered]
    merged = nbformat.v4.new_notebook(metadata=dict(notebooks[0].metadata))
    merged.metadata["title"] = title
    for path, nb in zip(ordered, notebooks):
        merged.cells.append(
            nbformat.v4.new_markdown_cell(
                f'<hr id="{anchor(path)}" class="obs-notebook">\n\n*Notebook `{html.escape(os.path.basename(path))}`*'
            )
        )
        merged.cells.extend(nb.cells)
    for cell in merged.cells:
        cell.pop("id", None)
    merged.nbformat_minor = 4
    exporter = HTMLExporter(template_name=TEMPLATE_NAME, extra_template_basedirs=[TEMPLATE_DIR])
    body, _ = exporter.from_notebook_node(merged, resources={"metadata": {"name": title}})
    present = {os.path.splitext(os.path.basename(p))[0] for p in ordered}
    body = NOTEBOOK_LINK.sub(
        lambda m: f'href="#{anchor(m.group(1))}"' if m.group(1) in present else m.group(0), body
    )
    body = unique_heading_ids(body)
    body = body.replace("<!--obs-toc-->", table_of_contents(body), 1)
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(body)


def kernel_log_summary(path):
    """One line about the kernel's own output: npm packages it set up on first use, warnings."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = [line.rstrip() for line in f if line.strip()]
    except OSError:
        return None
    if not lines:
        return None
    # Deno marks its Jupyter kernel unstable on every start; that line says nothing about this run.
    lines = [line for line in lines if "is unstable" not in line]
    if not lines:
        return None
    initialized = sum(1 for line in lines if re.search(r"\bInitialize\b", line))
    downloaded = sum(1 for line in lines if re.search(r"\bDownload\b", line))
    parts = []
    if initialized or downloaded:
        parts.append(f"the kernel set up npm packages on first use ({initialized} initialised, {downloaded} downloaded)")
    other = len(lines) - initialized - downloaded
    if other:
        parts.append(f"{other} other line(s)")
    return f"nbrun: {', '.join(parts)}; full kernel output in {path}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="+", help="notebooks to run, in this order")
    parser.add_argument("--timeout", type=int, default=900, help="seconds a cell may run (default 900)")
    parser.add_argument("--kernel", default=KERNEL_NAME, help=f"kernelspec name (default {KERNEL_NAME})")
    parser.add_argument("--grace", type=float, default=GRACE_S,
                        help=f"keep reading IOPub this many seconds after each cell's idle (default {GRACE_S}); "
                             "0 or less: send a flush request instead (faster, but it stalled runs in CI)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="notebooks of one --concurrent stage run at most this many at once (default 1)")
    parser.add_argument("--concurrent", action="append", default=[],
                        help="a notebook (file name) that may run at the same time as the --concurrent notebooks "
                             "next to it in the run order, because none reads what another writes (repeatable)")
    parser.add_argument("--start-ahead", type=int, default=0,
                        help="start the kernels of later notebooks (their imports loaded) while earlier ones run, "
                             "at most this many waiting at once (default 0: each kernel starts at its turn)")
    parser.add_argument("--html", help="write one HTML report of all notebooks to this path")
    parser.add_argument("--title", default="Electrum Observatory report", help="HTML page title")
    parser.add_argument("--lead", action="append", default=[],
                        help="a notebook (file name) placed first in the HTML report although it runs later (repeatable)")
    parser.add_argument("--strip-only", action="store_true",
                        help="only strip volatile metadata in place; run nothing")
    parser.add_argument("--failed-dir",
                        help="where the executed copy of a failing notebook goes (default: NAME.failed.ipynb beside it)")
    parser.add_argument("--status", help="write what failed (or ok) as JSON to this file")
    parser.add_argument("--expected-error", action="append", default=[],
                        help="an error name the caller reports itself: one line instead of the cell dump")
    parser.add_argument("--kernel-log", help="send the kernel's own stdout and stderr to this file")
    parser.add_argument("--no-execute", action="store_true",
                        help="do not run the notebooks; only render --html from their saved outputs")
    args = parser.parse_args(argv)

    missing = [p for p in args.notebooks if not os.path.isfile(p)]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    if args.timeout <= 0:
        parser.error(f"--timeout must be positive, got {args.timeout}")
    if args.jobs < 1:
        parser.error(f"--jobs must be at least 1, got {args.jobs}")
    if args.start_ahead < 0:
        parser.error(f"--start-ahead must not be negative, got {args.start_ahead}")

    if args.strip_only:
        for path in args.notebooks:
            write(read(path), path)
        return 0

    if not args.no_execute:
        total = time.monotonic()
        log = None
        if args.kernel_log:
            os.makedirs(os.path.dirname(os.path.abspath(args.kernel_log)), exist_ok=True)
            log = open(args.kernel_log, "w", encoding="utf-8")
        try:
            kernel_io = {"stdout": log, "stderr": log} if log else None
            failure = asyncio.run(run_all(args, kernel_io))
        finally:
            if log:
                log.close()
                summary = kernel_log_summary(args.kernel_log)
                if summary:
                    print(summary, file=sys.stderr, flush=True)
        if args.status:
            with open(args.status, "w", encoding="utf-8") as f:
                json.dump({"ok": failure is None, **(failure or {})}, f)
        if failure is not None:
            return 1
        print(f"nbrun: {len(args.notebooks)} notebook(s) ok in {time.monotonic() - total:.1f} s", flush=True)

    if args.html:
        render_report(args.notebooks, args.html, args.title, args.lead)
        print(f"nbrun: report written to {args.html}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
