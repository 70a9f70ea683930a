"""Build the site safely: validate, render into a staging folder, index, swap.

``make html`` and ``make check`` run this. The old ``output/`` is replaced only
when every step succeeded, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from thidua import PROJECT_ROOT
from thidua.domain.validation import check_content

ROOT = PROJECT_ROOT

log = logging.getLogger("build")


class BuildFailed(Exception):
    """The build stopped; the message says why and the old output is untouched."""


class _ErrorCounter(logging.Handler):
    """Pelican logs some failures (a file it cannot read) and carries on: count them."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def load_settings(settings_file: str | Path, content: str | Path | None = None, **override):
    """Pelican settings with the content folder (and any other value) overridden."""
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


def validate(settings: dict, strict_photos: bool = False) -> tuple[list[str], list[str]]:
    """(errors, warnings) in the content, as printable lines, with a summary printed."""
    result = check_content(settings)
    errors = [str(p) for p in result.errors]
    errors += _photo_problems(settings, result) if strict_photos else []
    warnings = [str(p) for p in result.warnings]
    print(
        f"Checked {result.article_count} articles, {result.page_count} pages, "
        f"{len(result.registry.clusters)} clusters, {len(result.registry.units)} units: "
        f"{len(errors)} errors, {len(warnings)} warnings"
    )
    return errors, warnings


def _photo_problems(settings: dict, result) -> list[str]:
    """Photo problems as errors (``make check`` is strict), when the gallery plugin is on."""
    if "gallery" not in settings.get("PLUGINS", []):
        return []
    from thidua import gallery

    content_parent = Path(settings["PATH"]).parent
    return [
        f"{path.relative_to(content_parent)}: error: photos: {message}"
        for path, metadata in result.article_metadata
        for message in gallery.check_article_photos(str(path), metadata, settings)
    ]


def render(settings: dict, staging: Path) -> None:
    """Run Pelican into `staging`; any error it logs fails the build."""
    settings = dict(settings, OUTPUT_PATH=str(staging), EMULATION_SKIP_VALIDATION=True)
    counter = _ErrorCounter()
    logging.getLogger().addHandler(counter)
    try:
        Pelican(settings).run()
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.messages:
        raise BuildFailed("Pelican reported errors:\n  " + "\n  ".join(counter.messages))


def index_for_search(staging: Path, settings: dict) -> None:
    """Build the Pagefind index over the finished HTML (when the search step is on)."""
    try:
        from thidua.search import build_search_index
    except ImportError:
        return
    build_search_index(staging, settings)


def swap_into_place(staging: Path, output: Path) -> None:
    """Replace `output` by `staging` with two renames; the old site is removed last."""
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build(settings: dict, output: Path) -> None:
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".build-{output.name}-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        render(settings, staging)
        index_for_search(staging, settings)
        swap_into_place(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="content folder")
    parser.add_argument("--output", default="output", help="output folder")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--check-only", action="store_true", help="validate, build nothing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    content = Path(args.content)
    if not content.is_dir():
        print(f"error: content folder '{content}' does not exist", file=sys.stderr)
        return 2
    settings = load_settings(args.settings, content)
    errors, warnings = validate(settings, strict_photos=args.check_only)
    for line in errors + warnings:
        print(line, file=sys.stderr)
    if errors:
        print(
            f"Build stopped: {len(errors)} problem(s) to fix; {args.output}/ was not touched.",
            file=sys.stderr,
        )
        return 1
    if args.check_only:
        print("Content is valid.")
        return 0
    try:
        build(settings, Path(args.output))
    except BuildFailed as exc:
        print(f"Build failed: {exc}\n{args.output}/ was not touched.", file=sys.stderr)
        return 1
    except Exception as exc:  # a template or plugin bug: say so, keep the old site
        log.exception("Build failed")
        print(f"Build failed: {exc}\n{args.output}/ was not touched.", file=sys.stderr)
        return 1
    print(f"Built {args.output}/ in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
