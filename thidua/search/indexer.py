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


MERGE_FILE = "merge.json"  # the other bundles the search page searches too


def run_pagefind(site_dir: Path, settings: dict, records: list) -> IndexSummary:
    """Index `records` into `site_dir/SEARCH_BUNDLE_DIR`; raises SearchIndexError.

    Pagefind holds a whole index in memory (about 170 kB a report), so reports go
    SEARCH_CHUNK_SIZE at a time into bundles of their own (`pagefind`, `pagefind-2`,
    …), listed in the first bundle's merge.json; the search page searches each and
    merges the results. Memory stays flat as the archive grows.
    """
    started = time.perf_counter()
    site_dir = Path(site_dir)
    bundle_dir = site_dir / str(search_settings.get(settings, "SEARCH_BUNDLE_DIR")).strip("/")
    size = max(1, int(search_settings.get(settings, "SEARCH_CHUNK_SIZE")))
    records = sorted(records, key=lambda r: r.sort.get("date", ""), reverse=True)
    chunks = [records[start : start + size] for start in range(0, len(records), size)]
    if not chunks:
        raise SearchIndexError("no report to index")
    bundles = [bundle_dir] + [bundle_dir.with_name(f"{bundle_dir.name}-{n}")
                              for n in range(2, len(chunks) + 1)]  # fmt: skip
    for old in [bundle_dir, *bundle_dir.parent.glob(f"{bundle_dir.name}-*")]:
        shutil.rmtree(old, ignore_errors=True)
    pages = 0
    for chunk, bundle in zip(chunks, bundles, strict=True):
        _index_chunk(chunk, bundle, site_dir, settings)
        pages += indexed_page_count(bundle)
        if not search_settings.get(settings, "SEARCH_KEEP_PAGEFIND_UI"):
            remove_ui_bundles(bundle)
    others = [f"../{bundle.name}/" for bundle in bundles[1:]]
    (bundle_dir / MERGE_FILE).write_text(json.dumps(others), encoding="utf-8")
    return IndexSummary(pages, time.perf_counter() - started, bundle_dir)


def _index_chunk(records: list, bundle_dir: Path, site_dir: Path, settings: dict) -> None:
    """One Pagefind run over `records`, its bundle written to `bundle_dir`."""
    language = str(search_settings.get(settings, "SEARCH_LANGUAGE") or "vi")
    timeout = float(search_settings.get(settings, "SEARCH_TIMEOUT"))
    # Beside the site (same disk), removed whatever happens; the pid in the name lets
    # the next build remove it if this one is killed (thidua.cli.build.clean_leftovers).
    with tempfile.TemporaryDirectory(prefix=f".search-{os.getpid()}-", dir=site_dir.parent) as tmp:
        source_dir = Path(tmp)
        stage_records(records, source_dir, language)
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
