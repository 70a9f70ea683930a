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
import time
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


class PagefindRun:
    """One Pagefind run over the documents `docs`, its bundle written to `bundle_dir` (a
    new folder), started at once; `poll()` until it is done, then `finish()` drops
    Pagefind's own UI and makes the bundle's orders canonical. Pagefind is started
    from the calling thread, so it is that thread's child (a kill of the build's
    process group ends it too)."""

    def __init__(self, docs: list[tuple[str, bytes]], bundle_dir: Path, work_dir: Path,
                 settings: dict, documents: Path | None = None) -> None:  # fmt: skip
        """`documents`: a folder kept between builds for this bundle's documents (only
        those that changed are written again), else they go into `work_dir`."""
        self.bundle_dir, self.settings = bundle_dir, settings
        self.kept_documents = documents is not None
        self.source_dir = documents if documents is not None else work_dir / "documents"
        self.log_file = work_dir / "pagefind.log"
        self.timeout = float(search_settings.get(settings, "SEARCH_TIMEOUT"))
        sync_documents(docs, self.source_dir)
        command = pagefind_command(self.source_dir, bundle_dir, settings)
        self.started = time.monotonic()
        with open(self.log_file, "wb") as log_out:  # a file, not a pipe: nothing to drain
            try:
                self.process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=log_out,
                    stderr=subprocess.STDOUT,
                    env=dict(os.environ, NO_COLOR="1"),
                )
            except OSError as exc:
                raise SearchIndexError(f"Pagefind could not start: {exc}") from exc

    def poll(self) -> bool:
        """Has Pagefind ended? Raises when it has run longer than SEARCH_TIMEOUT."""
        if self.process.poll() is not None:
            return True
        if time.monotonic() - self.started > self.timeout:
            self.stop()
            raise SearchIndexError(f"Pagefind ran longer than {self.timeout:.0f} s")
        return False

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def finish(self) -> None:
        if not self.kept_documents:
            shutil.rmtree(self.source_dir, ignore_errors=True)
        output = self.log_file.read_text(encoding="utf-8", errors="replace")
        if self.process.returncode != 0:
            raise SearchIndexError(
                f"Pagefind failed (exit {self.process.returncode}):\n{output.strip()[-2000:]}"
            )
        for line in output.splitlines():
            if line.strip():
                log.debug("sitesearch: pagefind: %s", line)
        indexed_page_count(self.bundle_dir)  # raises when Pagefind wrote no bundle
        if not search_settings.get(self.settings, "SEARCH_KEEP_PAGEFIND_UI"):
            remove_ui_bundles(self.bundle_dir)
        try:
            canonicalise(self.bundle_dir)
        except CanonicalError as exc:
            raise SearchIndexError(f"Pagefind's bundle cannot be put in order: {exc}") from exc


def sync_documents(docs: list[tuple[str, bytes]], folder: Path) -> None:
    """Make `folder` hold exactly `docs` (path in the site, bytes). A document already
    there with the same bytes is left alone: a folder per report costs more to make
    than its document to write. A link anywhere in the folder, which a write would
    follow, empties it first."""
    wanted = dict(docs)
    root = os.fspath(folder)
    try:
        for here, dirs, files in os.walk(root):
            if any(os.path.islink(os.path.join(here, name)) for name in dirs + files):
                raise FileExistsError(f"a link in {here}")
            for name in files:
                full = os.path.join(here, name)
                if os.path.relpath(full, root).replace(os.sep, "/") not in wanted:
                    os.unlink(full)
    except OSError:
        shutil.rmtree(root, ignore_errors=True)
    try:
        _write_changed(docs, root)
    except OSError:  # e.g. a folder where a document goes: start from nothing
        shutil.rmtree(root, ignore_errors=True)
        _write_changed(docs, root)


def _write_changed(docs: list[tuple[str, bytes]], root: str) -> None:
    os.makedirs(root, exist_ok=True)
    for path, data in docs:
        target = os.path.join(root, path)
        try:
            with open(target, "rb") as handle:
                if handle.read() == data:
                    continue
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as handle:
            handle.write(data)


def index_part(docs: list[tuple[str, bytes]], bundle_dir: Path, work_dir: Path,
               settings: dict) -> None:  # fmt: skip
    """One Pagefind run over `docs` into `bundle_dir`, waited for (see PagefindRun)."""
    run = PagefindRun(docs, bundle_dir, work_dir, settings)
    try:
        while not run.poll():
            time.sleep(0.02)
    finally:
        run.stop()
    run.finish()


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
