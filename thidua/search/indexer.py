"""Run Pagefind's binary (from the ``pagefind`` PyPI package) over one bundle's records.

Pagefind reads one small private document per published report, written from
its record (see ``records``) into a working folder beside the site; its bundle
is written there too, made canonical (``canonical``) and then moved into the
site by ``thidua.search.build_search_index``.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from . import settings as search_settings
from .canonical import CanonicalError, canonicalise

log = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind could not build the index; the message says why."""


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    seconds: float
    bundle: Path  # the entry bundle, which the search page loads
    built: tuple[str, ...] = field(default=())  # bundle folders Pagefind wrote this time
    reused: tuple[str, ...] = field(default=())  # ... and those taken from the previous site


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


def index_part(docs: list[tuple[str, bytes]], bundle_dir: Path, work_dir: Path,
               settings: dict) -> None:  # fmt: skip
    """One Pagefind run over the documents `docs`, its bundle written to `bundle_dir`
    (a new folder) without Pagefind's own UI and with its orders made canonical."""
    source_dir = work_dir / "documents"
    for path, data in docs:
        target = source_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    try:
        _run(pagefind_command(source_dir, bundle_dir, settings), settings)
    finally:
        shutil.rmtree(source_dir, ignore_errors=True)
    indexed_page_count(bundle_dir)  # raises when Pagefind wrote no bundle
    if not search_settings.get(settings, "SEARCH_KEEP_PAGEFIND_UI"):
        remove_ui_bundles(bundle_dir)
    try:
        canonicalise(bundle_dir)
    except CanonicalError as exc:
        raise SearchIndexError(f"Pagefind's bundle cannot be put in a fixed order: {exc}") from exc


def _run(command: list[str], settings: dict) -> None:
    timeout = float(search_settings.get(settings, "SEARCH_TIMEOUT"))
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
