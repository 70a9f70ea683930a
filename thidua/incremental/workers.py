"""Pelican's output phase shared between processes (the machine's cores).

After reading and enrichment, the build forks: every process runs every
generator's ``generate_output`` with the same data, but writes only its share
of the files (`RenderPlan.mine`, by file name); static files are copied by the
first process only. Each other process sends back what it wrote (file records
for the next build, counts, the errors Pelican logged) through a pipe; the
build fails if any process failed. Signals that end the build (``finalized``:
sitemap, photos) run once, in the first process, after the others are done.
"""

from __future__ import annotations

import functools
import logging

from pelican.generators import StaticGenerator

from .forking import ChildFailed, fork
from .pages import RenderPlan

log = logging.getLogger(__name__)


class WorkerFailed(RuntimeError):
    """A worker process failed; the message carries its traceback or errors."""


class ErrorMessages(logging.Handler):
    """The error messages logged while it is attached (Pelican logs some failures, such as
    a file it cannot read, and carries on)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def generate_output(generators, writer, plan: RenderPlan, side_job=None) -> tuple[list, list]:
    """Every generator's output, shared between `plan.workers` processes.

    `side_job(worker, workers)`, if given, is more work shared the same way (its
    results must pickle). Returns (the errors the other processes logged — this
    process's own are logged as usual —, each worker's side-job result in order).
    """
    children = [fork(functools.partial(_child_share, generators, writer, plan, n, side_job))
                for n in range(1, plan.workers)]  # fmt: skip
    plan.worker = 0
    _write_share(generators, writer, first=True)
    side_results = [side_job(0, plan.workers) if side_job else None]
    errors: list[str] = []
    failures: list[str] = []
    for child in children:
        try:
            result = child.result()
        except ChildFailed as failure:
            failures.append(str(failure))
            continue
        plan.memo.written.update(result["written"])
        plan.rendered += result["rendered"]
        plan.reused += result["reused"]
        plan.in_place += result["in_place"]
        errors += result["errors"]
        side_results.append(result["side"])
    if failures:
        raise WorkerFailed("\n".join(failures))
    return errors, side_results


def _write_share(generators, writer, first: bool) -> None:
    for generator in generators:
        if isinstance(generator, StaticGenerator) and not first:
            continue  # copies files without the writer: the first process does it
        if hasattr(generator, "generate_output"):
            generator.generate_output(writer)


def _child_share(generators, writer, plan: RenderPlan, number: int, side_job) -> dict:
    """In a forked worker: write its share, and say what it wrote and logged."""
    plan.worker, plan.rendered, plan.reused, plan.in_place = number, 0, 0, 0
    plan.memo.written = {}
    errors = ErrorMessages()
    logging.getLogger().addHandler(errors)
    _write_share(generators, writer, first=False)
    side = side_job(number, plan.workers) if side_job else None
    return {"written": plan.memo.written, "rendered": plan.rendered, "reused": plan.reused,
            "in_place": plan.in_place, "errors": errors.messages, "side": side}  # fmt: skip
