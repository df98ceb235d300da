"""Prove the audit trail: every verdict depends on the rows it names, and on no other row.

For each chapter notebook the check runs the code cells once as committed (the
baseline), then again on altered copies of the data: ``load()`` still validates
each file against its checksum and schema, then hands the notebook a copy of the
rows with the change applied (``nevbook.data.alter``). ``load()`` is the only way
data enters a notebook, so this is the same as running on altered files, without
re-recording checksums for every run; ``data/`` itself is never touched.

- *necessity*: each recorded row alone is altered; at least one output of every
  verdict that names it must change;
- *sufficiency*: every other row of every dataset the notebook loads is altered;
  the verdict's outputs must stay as they are.

A row is changed in four ways (``PARTS``): its values (numbers scaled and
shifted, text marked), its key (so that a selection no longer finds it), its
numbers raised above every other row's, and its numbers cut to a tenth (so
that a row compared against a maximum or a threshold can show that it counts).
Necessity tries them in turn until an output moves; sufficiency applies each
to all other rows at once. A key run in which the notebook fails before the
verdict (its other rows are gone) is reported as not reached: the value runs
have shown that no other row's numbers feed the verdict.
A verdict's outputs are its verdict, its computed values and the numbers its
reason quotes. The notebooks run in lenient mode (``nevbook.lineage.LENIENT``),
where a verdict that flips is recorded, not raised. Each run is a fresh fork
of this process, so no state leaks from one run to the next::

    python -m nevbook.lineage_check [chapters/NAME.ipynb ...] [--jobs N]
"""
import argparse
import contextlib
import io
import os
import pickle
import re
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.figure  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pandas as pd  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402

from . import claims, data, lineage, paths, registry, style  # noqa: E402

NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")
MARK = " (altered)"
RUN_SECONDS = 120  # one notebook run; a run that takes longer is reported as failed
BROKEN = []  # alterations that failed in this run (a fault of the check, reported, never counted as a move)


def outputs_of(verdict):
    """What a perturbation must move (necessity) or leave alone (sufficiency)."""
    computed = tuple(repr(value) for _, value, _, _ in verdict.rows)
    return verdict.verdict, computed, tuple(NUMBER.findall(verdict.because))


# How a row's numbers are changed (factor, shift); its text is marked in each. A row compared against a
# maximum or a threshold may move an output only when raised or lowered a long way, hence three changes:
# "values up" adds twice the largest magnitude in the column, so that the row tops every other.
VALUE_CHANGES = {"values": (1.5, 7), "values up": (1, 7), "values down": (0.1, 0)}
# The order in which a recorded row is changed until an output moves (necessity), and the changes every
# other row gets at once (sufficiency).
PARTS = ("values", "key", "values up", "values down")


def alter_value(value, column_type, part="values", largest=0):
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return value
    factor, shift = VALUE_CHANGES.get(part, VALUE_CHANGES["values"])
    if part == "values up":
        shift += 2 * largest
    if column_type == "integer":
        return int(round(value * factor + shift))
    if column_type == "number":
        return value * factor + shift
    return f"{value}{MARK}"


def alter_rows(frame, meta, indexes, part):
    """Alter ``part`` (the key, or the values in one of ``VALUE_CHANGES``) of the rows at ``indexes``."""
    keys = set(meta["key"])
    columns = [c for c in meta["columns"] if c["type"] not in ("source", "unit")
               and ((c["name"] in keys) == (part == "key"))]
    indexes = [i for i in indexes if i in frame.index]
    if not indexes:
        return frame
    for column in columns:
        name = column["name"]
        kind = "integer" if column["type"] == "year" else column["type"]  # a year is altered as a whole number
        if kind in ("string",) or frame[name].dtype == object:
            frame[name] = frame[name].astype(object)
        elif kind == "integer" and part == "key":
            frame.loc[indexes, name] = frame.loc[indexes, name] + 100_000
            continue
        largest = float(frame[name].abs().max()) if kind in ("integer", "number") and len(frame) else 0
        frame.loc[indexes, name] = [alter_value(v, kind, part, largest) for v in frame.loc[indexes, name]]
    return frame


@dataclass(frozen=True)
class Perturbation:
    """Alter ``part`` of the given rows (``only``), or of every row but them (``all_but``)."""

    part: str  # one of PARTS
    only: frozenset = frozenset()
    all_but: frozenset | None = None

    def __call__(self, name, frame, meta):
        if self.all_but is not None:
            chosen = [i for i in frame.index if (name, i) not in self.all_but]
        else:
            chosen = [i for dataset, i in self.only if dataset == name]
        try:
            return alter_rows(frame, meta, chosen, self.part)
        except Exception as problem:  # the check's own fault: never evidence that an output moved
            BROKEN.append(f"altering the {self.part} of {name}: {problem!r}")
            raise


def _quiet_figures():
    """Figures do not feed verdicts: skip their layout and files in the check's runs."""
    matplotlib.figure.Figure.tight_layout = lambda self, *args, **kwargs: None
    matplotlib.figure.Figure.savefig = lambda self, *args, **kwargs: None
    style.save = lambda *args, **kwargs: []
    plt.show = lambda *args, **kwargs: plt.close("all")


def _timeout(signum, frame):
    raise TimeoutError(f"a notebook run took more than {RUN_SECONDS} s")


def run_notebook(cells, perturbation=None, stop_after=None):
    """Run code cells in this (forked) process; return each verdict's outputs and picks, the flips and errors."""
    data._loaded.clear()  # a fresh notebook session, whatever this process did before the fork
    claims._given.clear()
    lineage.flips.clear()
    BROKEN.clear()
    data.alter = perturbation
    lineage.LENIENT = True
    _quiet_figures()
    signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(RUN_SECONDS)
    shell = InteractiveShell.instance()
    os.chdir(paths.CHAPTERS)
    errors = []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for number, source in enumerate(cells):
            result = shell.run_cell(source, silent=True)
            if not result.success:
                errors.append((number, repr(result.error_in_exec or result.error_before_exec)))
            if stop_after is not None and number >= stop_after:
                break
    signal.alarm(0)
    given = {}
    for verdict in claims._given:
        given[verdict.claim.id] = {
            "outputs": outputs_of(verdict),
            "picks": verdict.rests_on.picks,
            "exempt": dict(verdict.rests_on.exempt),
        }
    return {"given": given, "flips": list(lineage.flips), "errors": errors, "broken": list(BROKEN)}


def _run_task(task):
    cells, perturbation, stop_after = task
    try:
        return run_notebook(cells, perturbation, stop_after)
    except BaseException as problem:  # a run that dies is a failed run, reported with its cause
        return _failed(repr(problem))


def _failed(why):
    return {"given": {}, "flips": [], "errors": [(-1, why)], "broken": [why]}


class ForkRunner:
    """Run tasks in forked children, ``jobs`` at a time; each child starts from this process's state."""

    def __init__(self, jobs):
        self.jobs = max(1, jobs)
        self.runs = 0

    def map(self, tasks):
        tasks, results, running = list(tasks), {}, {}
        self.runs += len(tasks)
        with tempfile.TemporaryDirectory(prefix="nevbook-lineage-") as folder:
            for number in range(len(tasks) + self.jobs):
                if len(running) == self.jobs or (number >= len(tasks) and running):
                    pid, _ = os.waitpid(-1, 0)
                    done, target = running.pop(pid)
                    try:
                        results[done] = pickle.loads(target.read_bytes())
                    except (OSError, EOFError, pickle.UnpicklingError):
                        results[done] = _failed("the run ended without a result")
                if number < len(tasks):
                    target = Path(folder) / f"{number}.pickle"
                    pid = os.fork()
                    if pid == 0:  # the child: run, write the result, leave at once
                        try:
                            target.write_bytes(pickle.dumps(_run_task(tasks[number])))
                        finally:
                            os._exit(0)
                    running[pid] = (number, target)
        return [results[number] for number in range(len(tasks))]


def verdict_cells(cells):
    """The index of the cell that gives each verdict (from the source: check/assess/… with the id)."""
    where = {}
    call = re.compile(r"\b(?:check|assess|not_checkable|outcome)\(\s*[\"']([^\"']+)[\"']")
    for number, source in enumerate(cells):
        for claim_id in call.findall(source):
            where[claim_id] = number
    return where


@dataclass
class ClaimReport:
    claim: str
    notebook: str
    rows: int = 0
    necessary: int = 0
    exempt: list = field(default_factory=list)  # (row text, reason) not moved by a single change
    failures: list = field(default_factory=list)  # text naming the row or the problem
    unreached: int = 0  # key runs of the sufficiency check in which the verdict was not reached


def row_text(pick, loaded_records):
    name, index = pick
    record = loaded_records.get(pick)
    key = lineage.key_text(record) if record else f"index {index}"
    return f"{name} row {index + 2} ({key})"


def check_notebook(path, runner):
    """Run the necessity and sufficiency checks for one notebook; return its claim reports."""
    notebook = nbformat.read(path, as_version=4)
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    [base] = runner.map([(cells, None, None)])
    shown = paths.relative(path)
    reports = {claim_id: ClaimReport(claim_id, shown) for claim_id in base["given"]}
    if base["errors"] or base["flips"]:
        problem = f"the unaltered run failed: {(base['errors'] or base['flips'])[0]}"
        for report in reports.values():
            report.failures.append(problem)
        return list(reports.values()) or [ClaimReport("—", shown, failures=[problem])]
    cell_of = verdict_cells(cells)
    records = _records(base)
    recorded = {}  # pick -> claims that name it
    for claim_id, given in base["given"].items():
        reports[claim_id].rows = len(given["picks"])
        for pick in given["picks"]:
            recorded.setdefault(pick, []).append(claim_id)

    def stop(claim_ids):
        return max(cell_of.get(claim_id, len(cells)) for claim_id in claim_ids)

    # necessity: one row at a time, changed in each way of PARTS in turn until every verdict naming it moves
    unmoved = dict(recorded)
    for part in PARTS:
        picks = list(unmoved)
        results = runner.map((cells, Perturbation(part, frozenset([pick])), stop(unmoved[pick])) for pick in picks)
        for pick, result in zip(picks, results):
            still = [claim_id for claim_id in unmoved[pick] if _same(base, result, claim_id)]
            for claim_id in set(unmoved[pick]) - set(still):
                reports[claim_id].necessary += 1
            unmoved[pick] = still
        unmoved = {pick: still for pick, still in unmoved.items() if still}
    for pick, still in unmoved.items():
        for claim_id in still:
            reason = base["given"][claim_id]["exempt"].get(pick)
            text = row_text(pick, records)
            if reason:
                reports[claim_id].exempt.append((text, reason))
            else:
                reports[claim_id].failures.append(f"not necessary: no change of {text} moves any of its outputs")

    # sufficiency: every other row of every loaded dataset, changed in each way of PARTS
    runs = [(claim_id, part) for claim_id, given in base["given"].items() if given["picks"] for part in PARTS]
    results = runner.map((cells, Perturbation(part, all_but=frozenset(base["given"][claim_id]["picks"])),
                          stop([claim_id])) for claim_id, part in runs)
    for (claim_id, part), result in zip(runs, results):
        if part == "key" and claim_id not in result["given"]:
            # Without the other rows' keys an earlier step of the notebook failed, so the verdict was not
            # reached. The value runs have already shown that no other row's numbers feed it.
            reports[claim_id].unreached += 1
            continue
        if not _same(base, result, claim_id):
            now = result["given"].get(claim_id, {}).get("outputs", "not given (its cell failed)")
            reports[claim_id].failures.append(
                f"not sufficient: changing the {part} of rows it does not name changes its outputs "
                f"from {base['given'][claim_id]['outputs']} to {now}")
    return list(reports.values())


def _same(base, result, claim_id):
    if result["broken"]:
        raise RuntimeError(f"the lineage check failed to run a notebook on altered rows: {result['broken'][0]}")
    return result["given"].get(claim_id, {}).get("outputs") == base["given"][claim_id]["outputs"]


def _records(base):
    """Key values of every recorded row, for messages (read in this process from the raw files)."""
    found = {}
    for given in base["given"].values():
        for name, index in given["picks"]:
            dataset = data.load_dataset(name)
            if index in dataset.frame.index:
                found[(name, index)] = lineage.row_record(dataset, index)
    return found


def report_text(reports, seconds, runs=0):
    """The table the check prints: per claim, rows recorded and proven; then failures and exceptions."""
    lines = [f"{'claim':<9} {'notebook':<34} {'rows':>5} {'necessary':>9}  result"]
    for report in reports:
        result = "FAIL" if report.failures else ("ok, with exceptions" if report.exempt else "ok")
        lines.append(f"{report.claim:<9} {report.notebook:<34} {report.rows:>5} {report.necessary:>9}  {result}")
    rows = sum(r.rows for r in reports)
    necessary = sum(r.necessary for r in reports)
    failed = [r for r in reports if r.failures]
    lines.append("")
    lines.append(f"claims checked: {len(reports)}; rows recorded: {rows}; rows proven necessary: {necessary}; "
                 f"claims failing: {len(failed)}; notebook runs: {runs}; time: {seconds:.0f} s")
    unreached = [r.claim for r in reports if r.unreached]
    if unreached:
        lines.append(f"sufficiency by keys not reached (the notebook stopped before the verdict once every other "
                     f"row's key was altered; the values run stands): {', '.join(unreached)}")
    exceptions = [(r.claim, text, reason) for r in reports for text, reason in r.exempt]
    if exceptions:
        lines.append("\nrows a single change does not move (declared with compared_only):")
        lines += [f"  {claim}: {text}: {reason}" for claim, text, reason in exceptions]
    if failed:
        lines.append("\nfailures:")
        lines += [f"  {r.claim}: {failure}" for r in failed for failure in r.failures]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="chapter notebooks (default: every chapter)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="notebook runs at once")
    args = parser.parse_args(argv)
    targets = [os.path.abspath(n) for n in args.notebooks] or sorted(paths.CHAPTERS.glob("*.ipynb"))
    started = time.monotonic()
    InteractiveShell.instance()  # made once here; every forked run starts from this clean shell
    registry.load()
    runner = ForkRunner(args.jobs)
    reports = [report for target in targets for report in check_notebook(target, runner)]
    print(report_text(reports, time.monotonic() - started, runner.runs))
    return 1 if any(r.failures for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
