"""Full-text site search, built with Pagefind from records of the published reports.

The enrichment step makes one record per published report from what the build
already knows (``records``: title, text, cluster, units, captions, folded
words, filters cluster/year/event, metadata for the results page); after
Pelican has written every page, ``thidua.cli.build`` calls
:func:`build_search_index` on the staging folder: one Pagefind bundle a year,
each rebuilt only when its reports changed (else linked from the previous site)
and made byte for byte reproducible (``bundles``, ``canonical``). A failure
raises, so the build fails and the old output stays in place. Nothing is
fetched from the network: the binary comes from the ``pagefind[extended]``
wheel. Words typed without diacritics match through each record's folded words
(metadata ``fold``); ``theme/static/js/search.js`` ranks exact matches first.

Settings (``pelicanconf.py``), with their defaults:

``SEARCH_INDEX = True``
    Build the index. False skips it; the search page then shows its
    no-JavaScript fallback only.
``SEARCH_BUNDLE_DIR = "pagefind"``
    Folder of the newest bundle in the output; the search page loads
    ``{SITEURL}/{SEARCH_BUNDLE_DIR}/pagefind.js`` and the ``bundles.json`` beside
    it, which lists every bundle (one a year: ``pagefind-2024/``, …; see
    ``bundles``).
``SEARCH_CHUNK_SIZE = 2000``
    Most reports in one bundle; a bigger year is cut into parts.
``SEARCH_LANGUAGE = "vi"``
    Language all pages are indexed as; None reads each page's ``<html lang>``.
``SEARCH_FOLD_DIACRITICS = True``
    Index the diacritic-free copy of each page's words.
``SEARCH_TIMEOUT = 300``
    Seconds before a hung Pagefind fails the build.
``SEARCH_KEEP_PAGEFIND_UI = False``
    Keep Pagefind's ready-made UI bundles; the theme's search.js needs only
    the search API.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import bundles
from . import settings as search_settings
from .indexer import (
    IndexSummary,
    PagefindRun,
    SearchIndexError,
    indexed_page_count,
    pagefind_executable,
)

__all__ = ["IndexSummary", "SearchIndexError", "build_search_index"]

log = logging.getLogger(__name__)


def build_search_index(
    site_dir: Path,
    settings: dict,
    records: list,
    *,
    previous_site: Path | None = None,
    documents: Path | None = None,
    statuses: Path | None = None,
) -> IndexSummary | None:
    """Write the Pagefind bundles of `records` into `site_dir`; None when SEARCH_INDEX is
    off or there is no report to index. `documents`: a folder kept between builds for the
    documents Pagefind reads (a subfolder a bundle), never published.

    A bundle of `previous_site` (e.g. the live output, while `site_dir` is the
    staging folder) with the same digest is linked instead of indexed again.
    """
    if not search_settings.get(settings, "SEARCH_INDEX"):
        log.info("sitesearch: SEARCH_INDEX is off, no search index built")
        return None
    if not records:
        log.info("sitesearch: no published report, no search index built")
        return None
    summary = write_bundles(Path(site_dir), settings, records, previous_site, documents,
                            statuses)  # fmt: skip
    log.info("sitesearch: %d pages in %d bundles (%d indexed, %d reused) in %.1f s",
             summary.pages, len(summary.built) + len(summary.reused), len(summary.built),
             len(summary.reused), summary.seconds)  # fmt: skip
    return summary


def _old_bundles(entry_dir: Path) -> list[Path]:
    pattern = bundles.glob_escape(entry_dir.name) + "-*"
    found = [entry_dir, *sorted(entry_dir.parent.glob(pattern))]
    return [path for path in found if path.is_dir() and not path.is_symlink()]


def write_bundles(site_dir: Path, settings: dict, records: list, previous_site: Path | None,
                  documents: Path | None = None, statuses: Path | None = None,
                  ) -> IndexSummary:  # fmt: skip
    started = time.perf_counter()
    entry = str(search_settings.get(settings, "SEARCH_BUNDLE_DIR")).strip("/")
    entry_dir = site_dir / entry
    language = str(search_settings.get(settings, "SEARCH_LANGUAGE") or "vi")
    size = max(1, int(search_settings.get(settings, "SEARCH_CHUNK_SIZE")))
    parts = bundles.partition(records, size)
    names = bundles.folder_names(entry_dir.name, parts)
    tool = bundles.tool_identity(pagefind_executable())
    built, reused = [], []
    # Beside the site (same disk), removed whatever happens; the pid in the name lets
    # the next build remove it if this one is killed (thidua.cli.build.clean_leftovers).
    with tempfile.TemporaryDirectory(prefix=f".search-{os.getpid()}-", dir=site_dir.parent) as tmp:
        work = Path(tmp)
        in_place = previous_site is not None and Path(previous_site).resolve() == site_dir.resolve()
        if in_place:  # the site's own bundles are the previous ones: keep them aside
            previous_site = work / "previous"
            for old in _old_bundles(entry_dir):
                aside = previous_site / old.relative_to(site_dir)
                aside.parent.mkdir(parents=True, exist_ok=True)
                old.rename(aside)
        else:
            for old in _old_bundles(entry_dir):
                shutil.rmtree(old)
        found = bundles.previous_bundles(previous_site, entry)
        noted = bundles.Statuses(statuses if not in_place else None)
        entry_dir.parent.mkdir(parents=True, exist_ok=True)
        ordered, jobs, kept = [], [], []  # every bundle's job; to index; found in previous
        for number, (name, part) in enumerate(zip(names, parts, strict=True)):
            digest = bundles.digest(part, settings, language, tool)
            documents_kept = documents / name if documents is not None else None
            job = _Job(work / f"job-{number}", part, language, digest,
                       entry_dir.parent / name, documents_kept)  # fmt: skip
            ordered.append(job)
            (kept if digest in found else jobs).append(job)

        def link_kept() -> list[_Job]:
            """The bundles found in the previous site, linked while Pagefind indexes the
            others; returned: those whose files changed since, to index again."""
            again = []
            for job in kept:
                source = found[job.digest]
                files = noted.intact(source, job.digest)
                if files is not None:
                    bundles.link_bundle(source, job.target, files)
                    continue
                log.warning("sitesearch: %s changed since it was written; indexing it again",
                            source)  # fmt: skip
                again.append(job)
            return again

        again = _run_jobs(jobs, settings, budget=size, meanwhile=link_kept)
        built_jobs = {id(job) for job in [*jobs, *again]}
        for job in ordered:
            (built if id(job) in built_jobs else reused).append(job.target.name)
            noted.note(job.target, job.digest)
        noted.save()
        pages = sum(indexed_page_count(entry_dir.parent / name) for name in names)
        bundles.write_manifest(entry_dir, names, parts)
    return IndexSummary(pages, time.perf_counter() - started, entry_dir, tuple(built),
                        tuple(reused))  # fmt: skip


@dataclass
class _Job:
    """A bundle to index: its reports, its digest, where it goes."""

    folder: Path  # its own working folder
    part: bundles.Part
    language: str
    digest: str
    target: Path
    documents: Path | None = None  # kept between builds (see PagefindRun)
    run: PagefindRun | None = None

    def start(self, settings: dict) -> None:
        self.folder.mkdir()
        docs = bundles.documents(self.part, self.language)  # again: not kept in memory
        self.run = PagefindRun(docs, self.folder / "bundle", self.folder, settings,
                               self.documents)  # fmt: skip

    def poll(self) -> bool:
        return self.run.poll()

    def stop(self) -> None:
        self.run.stop()

    def finish(self) -> None:
        fresh = self.run.bundle_dir
        self.run.finish()
        bundles.write_record(fresh, self.digest, indexed_page_count(fresh))
        shutil.move(fresh, self.target)  # a rename: the same disk


def _workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def _run_jobs(jobs: list[_Job], settings: dict, budget: int, meanwhile=None) -> list[_Job]:
    """Index the bundles of `jobs`, several small ones at a time (one a CPU) but never
    more reports at once than one full bundle (`budget`), so memory stays that of
    one Pagefind over SEARCH_CHUNK_SIZE reports. The first error stops the others
    and is raised. `meanwhile()`, once the first bundles are started, returns more jobs
    to run (returned too)."""
    pending, running, more = list(jobs), [], []
    workers = _workers()
    try:
        while pending or running or meanwhile is not None:
            while (
                pending
                and len(running) < workers
                and (
                    not running
                    or sum(len(job.part.records) for job in running) + len(pending[0].part.records)
                    <= budget
                )
            ):
                job = pending.pop(0)
                job.start(settings)
                running.append(job)
            if meanwhile is not None:
                more = meanwhile()
                pending += more
                meanwhile = None
                continue
            done = [job for job in running if job.poll()]
            if not done:
                time.sleep(0.02)
            for job in done:
                running.remove(job)
                job.finish()
    finally:
        for job in running:
            job.stop()
    return more
