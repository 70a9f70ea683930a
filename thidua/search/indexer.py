"""Run Pagefind's binary (from the ``pagefind`` PyPI package) over the build's records.

Pagefind reads one small private document per published report, written from
its record (see ``records``); the bundle is written into the site itself.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import settings as search_settings
from .records import record_html

log = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind could not build the index; the message says why."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    seconds: float
    bundle: Path


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by the ``pagefind[extended]`` wheel."""
    try:
        from pagefind.service import get_executable
    except ImportError as exc:  # pragma: no cover - pinned in requirements.txt
        raise SearchIndexError("the 'pagefind' package is not installed") from exc
    executable = get_executable()
    if executable is None or not Path(executable).exists():
        raise SearchIndexError("the Pagefind binary was not found (pip install pagefind[extended])")
    return Path(executable)


def stage_records(records, source_dir: Path, language: str) -> int:
    """Write one small document per record for Pagefind to read; returns how many."""
    for record in records:
        target = source_dir / record.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(record_html(record, language), encoding="utf-8")
    return len(records)


def pagefind_command(source_dir: Path, bundle_dir: Path, settings: dict) -> list[str]:
    command = [
        str(pagefind_executable()),
        "--site", str(source_dir),
        "--output-path", str(bundle_dir),
        "--quiet",
    ]  # fmt: skip
    language = search_settings.get(settings, "SEARCH_LANGUAGE")
    if language:
        command += ["--force-language", str(language)]
    return command


def run_pagefind(site_dir: Path, settings: dict, records: list) -> IndexSummary:
    """Index `records` into `site_dir/SEARCH_BUNDLE_DIR`; raises SearchIndexError."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    bundle_dir = site_dir / str(search_settings.get(settings, "SEARCH_BUNDLE_DIR")).strip("/")
    language = str(search_settings.get(settings, "SEARCH_LANGUAGE") or "vi")
    timeout = float(search_settings.get(settings, "SEARCH_TIMEOUT"))
    shutil.rmtree(bundle_dir, ignore_errors=True)
    # Beside the site (same disk), removed whatever happens; the pid in the name lets
    # the next build remove it if this one is killed (thidua.cli.build.clean_leftovers).
    with tempfile.TemporaryDirectory(prefix=f".search-{os.getpid()}-", dir=site_dir.parent) as tmp:
        source_dir = Path(tmp)
        if stage_records(records, source_dir, language) == 0:
            raise SearchIndexError("no report to index")
        command = pagefind_command(source_dir, bundle_dir, settings)
        try:
            done = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout,
                env=dict(os.environ, NO_COLOR="1"),
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SearchIndexError(f"Pagefind ran longer than {timeout:.0f} s") from exc
        except OSError as exc:
            raise SearchIndexError(f"Pagefind could not start: {exc}") from exc
    if done.returncode != 0:
        output = (done.stderr.strip() or done.stdout.strip())[-2000:]
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}):\n{output}")
    for line in done.stdout.splitlines() + done.stderr.splitlines():
        if line.strip():
            log.debug("sitesearch: pagefind: %s", line)
    pages = indexed_page_count(bundle_dir)
    if not search_settings.get(settings, "SEARCH_KEEP_PAGEFIND_UI"):
        remove_ui_bundles(bundle_dir)
    return IndexSummary(pages, time.perf_counter() - started, bundle_dir)


UI_BUNDLES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*",
              "pagefind-highlight.js")  # fmt: skip


def remove_ui_bundles(bundle_dir: Path) -> None:
    """Drop Pagefind's own search interfaces, which the theme does not load."""
    for pattern in UI_BUNDLES:
        for path in bundle_dir.glob(pattern):
            path.unlink()


def indexed_page_count(bundle_dir: Path) -> int:
    """Pages in the bundle, read from Pagefind's entry file; raises if it is missing."""
    entry = bundle_dir / "pagefind-entry.json"
    if not (bundle_dir / "pagefind.js").exists() or not entry.exists():
        raise SearchIndexError(f"Pagefind wrote no bundle in {bundle_dir}")
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    except ValueError as exc:
        raise SearchIndexError(f"unreadable {entry}: {exc}") from exc
    return sum(int(lang.get("page_count", 0)) for lang in languages.values())
