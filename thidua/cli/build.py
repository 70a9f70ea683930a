"""Build the site safely: read and check, render into a staging folder, index, swap.

``make html`` and ``make check`` run this. ``make check`` is the build without
writers: the same reader and the same enrichment step, stopped before any page
is rendered. The old ``output/`` is replaced only when every step succeeded, by
one atomic exchange, so a failed or killed build never leaves a half-written site.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings

from thidua import PROJECT_ROOT
from thidua.domain.report import BuildReport, ContentError
from thidua.pelican_plugin.state import CHECK_ONLY, state_of

log = logging.getLogger("thidua.build")


class BuildFailed(Exception):
    """The build stopped; the message says why and the old output is untouched."""

    def __init__(self, message: str, report: BuildReport | None = None):
        super().__init__(message)
        self.report = report


class _ErrorCounter(logging.Handler):
    """Pelican logs some failures (a file it cannot read) and carries on: count them."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(settings_file: str | Path, content: str | Path | None = None, **override):
    """Pelican settings with the content folder (and any other value) overridden.

    The one settings object of a run: the build, ``make check``, ``make new`` and
    ``make import`` all read the site through it.
    """
    values = dict(override)
    if content is not None:
        values["PATH"] = str(Path(content).resolve())
    # Development builds have no SITEURL on purpose; Pelican's feed warning is noise here.
    settings_log = logging.getLogger("pelican.settings")
    level = settings_log.level
    settings_log.setLevel(logging.ERROR)
    try:
        return read_settings(str(settings_file), override=values)
    finally:
        settings_log.setLevel(level)


@contextlib.contextmanager
def _pelican_errors_fail():
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.messages:
        raise BuildFailed("Pelican reported errors:\n  " + "\n  ".join(counter.messages))


def check(settings: dict) -> BuildReport:
    """Read and enrich the site exactly as the build does, then stop: nothing is written."""
    with tempfile.TemporaryDirectory(prefix="thidua-check-") as nowhere:
        pelican = Pelican(dict(settings, OUTPUT_PATH=nowhere, **{CHECK_ONLY: True}))
        try:
            _read_and_enrich(pelican)
        except ContentError as error:
            return error.report
        return state_of(pelican.settings).report


READING_GENERATORS = (ArticlesGenerator, PagesGenerator, StaticGenerator)


def _read_and_enrich(pelican: Pelican) -> None:
    """The first half of ``Pelican.run``: the generators that read, then the enrichment step.

    Only Pelican's reading generators are made: the others only write, and some
    plugins (pelican-sitemap) keep state from the `get_generators` signal.
    """
    context = pelican.settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=pelican.settings["SITEURL"],
    )
    generators = [
        cls(
            context=context,
            settings=pelican.settings,
            path=pelican.path,
            theme=pelican.theme,
            output_path=pelican.output_path,
        )
        for cls in READING_GENERATORS
    ]
    for generator in generators:
        if hasattr(generator, "generate_context"):
            generator.generate_context()
    signals.all_generators_finalized.send(generators)


def render(settings: dict, staging: Path) -> BuildReport:
    """Run Pelican into `staging`; content problems or any error Pelican logs fail the build."""
    pelican = Pelican(dict(settings, OUTPUT_PATH=str(staging)))
    try:
        with _pelican_errors_fail():
            pelican.run()
    except ContentError as error:
        raise BuildFailed(str(error), error.report) from None
    return state_of(pelican.settings).report


def index_for_search(staging: Path, settings: dict) -> None:
    """Build the Pagefind index over the finished HTML (when the search step is on)."""
    from thidua.search import build_search_index

    build_search_index(staging, settings)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def swap_into_place(staging: Path, output: Path) -> None:
    """Put `staging` in place of `output`: at no moment is there no site or half a site."""
    lock_path = output.with_name(f".{output.name}.lock")
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two builds at once take turns here
        if not output.exists():
            staging.rename(output)
        elif _exchange(staging, output):
            shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old site
        else:
            old = output.with_name(f".{output.name}.old-{os.getpid()}")
            output.rename(old)
            staging.rename(output)
            shutil.rmtree(old, ignore_errors=True)


def build(settings: dict, output: Path) -> BuildReport:
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".build-{output.name}-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        report = render(settings, staging)
        index_for_search(staging, settings)
        swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return report


def validate(settings: dict) -> tuple[list[str], list[str]]:
    """(errors, warnings) as printable lines: ``make check`` for tests and tools."""
    report = check(settings)
    return [str(p) for p in report.errors], [str(p) for p in report.warnings]


def print_report(report: BuildReport) -> None:
    print(report.counts_line())
    for problem in report.sorted_problems():
        print(problem, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="content folder")
    parser.add_argument("--output", default="output", help="output folder")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "pelicanconf.py"))
    parser.add_argument("--check-only", action="store_true", help="validate, build nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    content = Path(args.content)
    if not content.is_dir():
        print(f"error: content folder '{content}' does not exist", file=sys.stderr)
        return 2
    settings = load_settings(args.settings, content)
    if args.check_only:
        report = check(settings)
        print_report(report)
        if report.errors:
            print(f"{len(report.errors)} problem(s) to fix.", file=sys.stderr)
            return 1
        print("Content is valid.")
        return 0
    try:
        report = build(settings, Path(args.output))
    except BuildFailed as exc:
        if exc.report is not None:
            print_report(exc.report)
            print(f"Build stopped: {len(exc.report.errors)} problem(s) to fix; "
                  f"{args.output}/ was not touched.", file=sys.stderr)  # fmt: skip
        else:
            print(f"Build failed: {exc}\n{args.output}/ was not touched.", file=sys.stderr)
        return 1
    except Exception as exc:  # a template or plugin bug: say so, keep the old site
        log.exception("Build failed")
        print(f"Build failed: {exc}\n{args.output}/ was not touched.", file=sys.stderr)
        return 1
    print_report(report)
    print(f"Built {args.output}/ in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
