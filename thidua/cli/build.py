"""Build the site safely: read and check, render into a staging folder, index, swap.

``make html`` and ``make check`` run this. ``make check`` is the build without
writers: the same reader and the same enrichment step, stopped before any page
is rendered. The old ``output/`` is replaced only when every step succeeded, by
one atomic exchange, so a failed or killed build never leaves a half-written site.
Builds of one output take turns (a lock), and each first removes what killed
builds left behind.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import fcntl
import functools
import gc
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from pelican import Pelican, signals
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings

from thidua import PROJECT_ROOT
from thidua.cli import fingerprint
from thidua.domain import paths
from thidua.domain.messages import t
from thidua.domain.report import BuildReport, ContentError
from thidua.incremental import spare
from thidua.incremental.digest import Volatile
from thidua.incremental.folder_listings import OUTPUT_FOLDERS_NAME, FolderListings
from thidua.incremental.folders import FolderMaker
from thidua.incremental.forking import ChildFailed, fork
from thidua.incremental.other_writers import other_writers
from thidua.incremental.pages import PLAN_KEY, RECORD_NAME, PageMemo, PortalWriter, RenderPlan
from thidua.incremental.reader_cache import ReaderCache, prewarm
from thidua.incremental.spare import Emptier
from thidua.incremental.workers import ErrorMessages, WorkerFailed, generate_output
from thidua.pelican_plugin.enrich import build_day, search_records
from thidua.pelican_plugin.generators import PortalArticlesGenerator, PortalPagesGenerator
from thidua.pelican_plugin.reader import MARKDOWN_SUFFIXES, PortalReader
from thidua.pelican_plugin.state import CHECK_ONLY, BuildState, state_of

log = logging.getLogger("thidua.build")


class BuildFailed(Exception):
    """The build stopped; the message says why and the old output is untouched."""

    def __init__(self, message: str, report: BuildReport | None = None):
        super().__init__(message)
        self.report = report


# Seconds each step of the last build took; printed when THIDUA_TIMINGS is set (benchmarks).
TIMINGS: dict[str, float] = {}


@contextlib.contextmanager
def _timed(step: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[step] = TIMINGS.get(step, 0.0) + time.perf_counter() - started


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
    counter = ErrorMessages()
    logging.getLogger().addHandler(counter)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(counter)
    if counter.messages:
        raise _pelican_reported(counter.messages)


def _pelican_reported(messages: list[str]) -> BuildFailed:
    return BuildFailed("Pelican reported errors:\n  " + "\n  ".join(messages))


def check(settings: dict) -> BuildReport:
    """Read and enrich the site exactly as the build does, then stop: nothing is written."""
    with tempfile.TemporaryDirectory(prefix="thidua-check-") as nowhere:
        pelican = Pelican(dict(settings, OUTPUT_PATH=nowhere, **{CHECK_ONLY: True}))
        try:
            _read_and_enrich(pelican, READING_GENERATORS)
        except ContentError as error:
            return error.report
        return state_of(pelican.settings).report


READING_GENERATORS = (PortalArticlesGenerator, PortalPagesGenerator, StaticGenerator)
_OURS = {ArticlesGenerator: PortalArticlesGenerator, PagesGenerator: PortalPagesGenerator}


def generator_classes(pelican: Pelican) -> list:
    """Pelican's generators for this build, its articles and pages generators ours."""
    return [_OURS.get(cls, cls) for cls in pelican._get_generator_classes()]


def _read_and_enrich(pelican: Pelican, generator_classes) -> list:
    """The first half of ``Pelican.run``: read every file, then the enrichment step.

    ``make check`` makes only Pelican's reading generators: the others only write,
    and some plugins (pelican-sitemap) keep state from the `get_generators` signal.
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
        for cls in generator_classes
    ]
    with paths.folders_fixed():  # one snapshot of the content: each folder resolved once
        for generator in generators:
            if hasattr(generator, "generate_context"):
                generator.generate_context()
            if hasattr(generator, "check_disabled_readers"):
                generator.check_disabled_readers()
        signals.all_generators_finalized.send(generators)
    return generators


# Below this many files, one process: starting workers would cost more than it saves.
PARALLEL_FROM = 150


def workers_for(files: int) -> int:
    """Processes to read and render with: the machine's cores (THIDUA_WORKERS overrides)."""
    wanted = os.environ.get("THIDUA_WORKERS")
    if wanted:
        return max(1, int(wanted))
    return min(os.cpu_count() or 1, 4) if files >= PARALLEL_FROM else 1


def render(settings: dict, staging: Path, previous: Path | None = None,
           cache_dir: Path | None = None, environment: bytes | None = None,
           index_search=None, listing: fingerprint.ContentListing | None = None,
           ) -> tuple[BuildState, RenderPlan]:  # fmt: skip
    """Pelican's run into `staging`, incremental against `previous` (the live output) with
    the caches in `cache_dir`; content problems or any error Pelican logs fail the build.
    `environment`: `fingerprint.environment(settings)`, when the caller has it.
    `index_search(records)`: makes the search index, once the records are known.
    `listing`: the content as the fingerprint just found it (`fingerprint.inputs`)."""
    if environment is None:
        environment = fingerprint.environment(settings)
    with _timed("start"):
        plan = RenderPlan(
            base=fingerprint.page_base(environment, build_day().isoformat()),
            memo=PageMemo.load(cache_dir, previous),
            cache_dir=cache_dir,
            index_search=index_search,
        )
        if cache_dir is not None:
            plan.reader_cache = ReaderCache.load(cache_dir, environment)
            if listing is not None and listing.files:
                plan.reader_cache.known = listing.files
                plan.reader_cache.apart = listing.apart
            plan.load_caches(cache_dir)
        pelican = Pelican(dict(settings, OUTPUT_PATH=str(staging), **{PLAN_KEY: plan}))
    try:
        with _pelican_errors_fail():
            _run(pelican, plan)
    except ContentError as error:
        raise BuildFailed(str(error), error.report) from None
    except WorkerFailed as error:
        raise BuildFailed(str(error)) from None
    return state_of(pelican.settings), plan


def _run(pelican: Pelican, plan: RenderPlan) -> None:
    """``Pelican.run`` with our writer, and its output phase shared between processes."""
    known = plan.reader_cache.known if plan.reader_cache is not None else None
    sources = _markdown_files(pelican.settings, known)
    plan.workers = workers_for(len(sources))
    staging = Path(pelican.output_path)
    # A staging folder that exists is the old site's (`spare.take`): its files go first,
    # its folders stay. Otherwise the last build's folders are made beside the reading.
    if plan.cache_dir is not None:
        plan.output_listings = FolderListings(plan.cache_dir / OUTPUT_FOLDERS_NAME)
    emptier = (Emptier(staging, plan.memo.suffixes(), plan.output_listings, _forkable()).start()
               if staging.is_dir() else None)  # fmt: skip
    folders = FolderMaker(staging, plan.memo.previous if emptier is None else ())
    if plan.cache_dir is not None:
        folders.start(plan.cache_dir / f"folders-{os.getpid()}")
    # Without a spare, the live site's files are linked into the new one: their status
    # read meanwhile. A spare holds the unchanged pages already (`spare.in_place`): the
    # live site is not looked at, and reading it cost a third more disk reads.
    linking = plan.memo.previous and emptier is None
    warming = spare.warm(plan.memo.previous_site) if linking else None
    try:
        _read_and_write(pelican, plan, sources, _Folders(folders, emptier, staging))
    finally:
        spare.stop(warming)
        with _timed("folders"):
            folders.remove_unused()
            if emptier is not None:
                emptier.remove_empty_folders(_folders_holding(plan.memo.written, staging))


def _folders_holding(written: dict, staging: Path) -> frozenset[bytes]:
    """The staging folders holding a page this build wrote, linked or left in place (and
    the folders above them), named as the emptier names them."""
    folders: set[str] = set()
    for name in written:
        folder = os.path.dirname(name)
        while folder and folder not in folders:
            folders.add(folder)
            folder = os.path.dirname(folder)
    root = os.fspath(staging)
    return frozenset(os.fsencode(os.path.join(root, folder)) for folder in folders)


class _Folders:
    """The staging folder's tree, made (or emptied) beside the reading; `join` before
    anything is written into it."""

    def __init__(self, maker: FolderMaker, emptier: Emptier | None, staging: Path) -> None:
        self.maker, self.emptier, self.staging = maker, emptier, staging

    def join(self) -> None:
        self.maker.join()
        if self.emptier is None:
            return
        try:
            self.emptier.join()
        except OSError as error:  # start from an empty folder, as without a spare
            log.warning("%s; building into a new folder", error)
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging.mkdir()


def _read_and_write(pelican: Pelican, plan: RenderPlan, sources: list[str], folders) -> None:
    with _timed("read"):
        try:
            if plan.reader_cache is not None and plan.workers > 1:
                reader = PortalReader(pelican.settings)
                plan.prewarmed = prewarm(plan.reader_cache, sources,
                                         reader.read_fresh_cacheable, plan.workers)  # fmt: skip
            generators = _read_and_enrich(pelican, generator_classes(pelican))
        finally:  # kept even when the content has errors: the author's next try is quick
            if plan.reader_cache is not None and plan.cache_dir is not None:
                plan.reader_cache.save_and_release(plan.cache_dir)
        for generator in generators:
            if hasattr(generator, "refresh_metadata_intersite_links"):
                generator.refresh_metadata_intersite_links()
    unchanged = _mostly_unchanged(plan, len(sources))
    if unchanged:
        plan.workers = 1  # little to render: a second process would cost more than it saves
    with _timed("folders"):
        folders.join()
        _keep_live_pages(folders.emptier, plan, pelican.settings, generators)
    index = generators[0].context.get("emulation")
    plan.start(index.registry if index is not None else None,
               state_of(pelican.settings).registry_inputs)  # fmt: skip
    records = _search_records_job(generators[0].articles, pelican.settings, plan)
    search = None
    if (plan.workers == 1 or unchanged) and plan.index_search is not None and _forkable():
        # Few records to make: made first (the workers then know every article's digest),
        # and the search index is made meanwhile, in a forked process.
        with _timed("records"):
            made = _merged_records(_records_beside(records, plan, generators[0].articles),
                                   plan)  # fmt: skip
        state_of(pelican.settings).search_records = made
        search = _start_search(plan, made)
        records = None
    try:
        with _timed("write"):
            writer = PortalWriter(pelican.output_path, settings=pelican.settings)
            errors, written_shares = generate_output(generators, writer, plan, records)
            plan.memo.remove_unclaimed(Path(pelican.output_path))  # before the photos, sitemap
        if errors:
            raise _pelican_reported(errors)
        if search is None:
            state_of(pelican.settings).search_records = _merged_records(written_shares, plan)
        with _timed("finalize"):
            signals.finalized.send(pelican)
    finally:  # nothing may still write into the staging folder once this returns
        if search is not None:
            with _timed("search"):
                _finish_search(search)
    if search is None and plan.index_search is not None:
        with _timed("search"):
            plan.index_search(state_of(pelican.settings).search_records)


def _keep_live_pages(emptier: Emptier | None, plan: RenderPlan, settings: dict,
                     generators: list) -> None:  # fmt: skip
    """Which of the pages the emptier left stay (`spare.in_place`); the others go now."""
    if emptier is None or not emptier.candidates:
        return
    others_write = other_writers(settings, generators)
    if others_write is None:
        kept, remove = {}, [path for _inode, path in emptier.candidates]
    else:
        kept, remove = spare.in_place(emptier.candidates, Path(emptier.staging),
                                      plan.memo.previous_site, plan.memo.previous,
                                      others_write)  # fmt: skip
    for path in remove:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    plan.memo.kept = kept


def _records_beside(records, plan: RenderPlan, articles: list) -> list:
    """The records step shared with a forked copy of this process: each makes every
    other article's record, and so its digest; the copy's digests come back and are
    adopted, so the writing that follows finds every article's digest made."""
    if len(articles) < PARALLEL_FROM or not _forkable():
        return [records(0, 1)]
    siteurl = articles[0].settings.get("SITEURL")  # as `RenderPlan.search_record` sees them
    views = [(siteurl, True), (siteurl, False)]

    def second_half():
        made, used = records(1, 2)
        # A record kept from the last build goes back as its key: this process has it too.
        keys = {id(record): key for key, record in used.items()
                if plan.records_known.get(key) is record}  # fmt: skip
        sent = [keys.get(id(record), record) for record in made]
        new = {key: record for key, record in used.items() if id(record) not in keys}
        return (
            sent,
            list(used),
            new,
            [[_known_digest(plan, article, view) for article in articles[1::2]] for view in views],
        )

    child = fork(second_half)
    mine = records(0, 2)
    try:
        sent, used_keys, new, digests = child.result()
    except ChildFailed:  # made here instead: slower, the same records
        log.debug("the records worker returned nothing")
        return [mine, records(1, 2)]
    for view, made in zip(views, digests, strict=True):
        for article, digest in zip(articles[1::2], made, strict=True):
            if digest is not None:
                plan.digests.adopt(article, view, digest)

    def record(key: bytes):
        return new[key] if key in new else plan.records_known[key]

    theirs = [record(item) if isinstance(item, bytes) else item for item in sent]
    return [mine, (theirs, {key: record(key) for key in used_keys})]


def _known_digest(plan: RenderPlan, article, view) -> bytes | None:
    try:
        return plan.digests.value(article, view)
    except Volatile:  # the writing finds out again, and renders the pages holding it
        return None


def _forkable() -> bool:
    """Whether this process runs no other thread (a server's request threads, when one
    runs in it: `make serve` keeps its own in another process): a fork copies the locks
    other threads hold, and the search step logs and starts processes. A thread instead
    would hold Python's lock against the writing (measured: no gain)."""
    return threading.active_count() == 1


def _start_search(plan: RenderPlan, records: list):
    """`plan.index_search(records)` in a forked process; `_finish_search` waits for it."""

    def index():
        try:
            plan.index_search(records)
        except Exception as error:  # raised again in the build, as if raised there
            return error
        return None

    return fork(index)


def _finish_search(search) -> None:
    try:
        error = search.result()
    except ChildFailed as failure:
        raise BuildFailed(f"the search index failed:\n{failure}") from None
    if error is not None:
        raise error


def _search_records_job(articles: list, settings: dict, plan: RenderPlan):
    """The search records, made by the output's worker processes, each its share
    (records kept from the last build are reused: `RenderPlan.search_record`)."""
    known = plan.search_record if plan.cache_dir is not None else None

    def share(worker: int, workers: int):
        mine = articles[worker::workers]
        return search_records(mine, settings, known), plan.records_used

    return share


def _merged_records(shares: list, plan: RenderPlan) -> list:
    """Back in the articles' order (worker n made articles n, n + workers, …)."""
    workers = len(shares)
    merged: list = [None] * sum(len(records) for records, _used in shares)
    for worker, (records, used) in enumerate(shares):
        merged[worker::workers] = records
        plan.records_used.update(used)
    return merged


def _mostly_unchanged(plan: RenderPlan, sources: int) -> bool:
    """Whether the last build's pages are there and at most a tenth of the files changed
    (the files read beforehand by `prewarm` were not in the cache: they changed)."""
    if plan.reader_cache is None:
        return False
    hits = plan.reader_cache.hits - plan.prewarmed
    return bool(plan.memo.previous) and hits >= 0.9 * sources


def _markdown_files(settings: dict, known: dict | None = None) -> list[str]:
    """The Markdown files under the content folder (what the reader will be asked for, read
    ahead by `prewarm`). `known`: the fingerprint's files (by absolute path) when the build
    has them, so the folder is not walked again; a link to a file is not among them, and
    is then read by Pelican as usual, only not ahead."""
    if known:
        root = os.path.join(os.path.abspath(settings["PATH"]), "")
        return sorted(path for path in known
                      if path.startswith(root) and _is_markdown(path[len(root):]))  # fmt: skip
    found = []
    for folder, dirs, files in os.walk(settings["PATH"]):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(folder, name) for name in sorted(files) if _is_markdown(name)]
    return found


def _is_markdown(relative: str) -> bool:
    """A Markdown file's name, in no hidden folder and not hidden itself."""
    return (relative.rsplit(".", 1)[-1] in MARKDOWN_SUFFIXES
            and not any(part.startswith(".") for part in relative.split(os.sep)))  # fmt: skip


def index_for_search(staging: Path, settings: dict, records: list, previous: Path | None = None,
                     cache_dir: Path | None = None) -> None:  # fmt: skip
    """Build the Pagefind index of the build's search records (when the search step is on);
    bundles whose reports did not change are linked from `previous` (the live output);
    the documents Pagefind reads, and the bundles' files' statuses, are kept in `cache_dir`
    for the next build."""
    from thidua.search import build_search_index

    documents = cache_dir / "search-documents" if cache_dir is not None else None
    statuses = cache_dir / "search-bundles.json" if cache_dir is not None else None
    build_search_index(staging, settings, records, previous_site=previous, documents=documents,
                       statuses=statuses)  # fmt: skip


# Linux renameat2(2): swap two paths in one step. Unsupported kernels, C libraries or
# file systems answer one of these errors; any other error is a real failure.
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_EXCHANGE_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


@functools.cache
def _renameat2():
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library older than glibc 2.28
        return None
    dirfd, path = ctypes.c_int, ctypes.c_char_p
    function.argtypes = [dirfd, path, dirfd, path, ctypes.c_uint]
    return function


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step; False where the system cannot."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _EXCHANGE_UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))


def swap_into_place(staging: Path, output: Path, discard=None) -> None:
    """Put `staging` in place of `output`: at no moment is there no site or half a site.

    The caller holds the build lock (`_build_lock`), so no other build swaps meanwhile.
    `discard(folder)` removes the old site (default: at once).
    """
    if not output.exists():
        staging.rename(output)  # no old site to keep: one rename is atomic
    elif _exchange(staging, output):
        (discard or _remove_now)(staging)  # staging now holds the old site
    else:
        _swap_by_renames(staging, output)


def _remove_now(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def discard_in_background(folder: Path) -> None:
    """Remove an old site without making the build wait: renamed aside (`<folder>.trash`,
    which `clean_leftovers` also removes) and deleted by a detached ``rm``."""
    trash = folder.with_name(f"{folder.name}.trash")
    try:
        folder.rename(trash)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    _remove_in_background(trash)


def _keep_as_spare(output: Path, old_site: Path) -> None:
    """The old site after a swap: its folders serve the next build (`incremental.spare`)."""
    spare.keep(old_site, output, discard_in_background)


def _remove_in_background(path: Path) -> None:
    try:
        subprocess.Popen(["rm", "-rf", "--", str(path)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)  # fmt: skip
    except OSError:  # no rm here: remove it ourselves
        shutil.rmtree(path, ignore_errors=True)


def _swap_by_renames(staging: Path, output: Path) -> None:
    """Two renames where there is no atomic exchange: output/ is missing only between them.

    If the second rename fails the old site goes back; if the build is killed between
    them, the next build puts the old site back (`clean_leftovers`).
    """
    old = output.with_name(f".{output.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    output.rename(old)
    try:
        staging.rename(output)
    except BaseException:
        old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _build_lock(output: Path):
    """One build of `output` at a time, the others wait (and say for whom).

    It covers the whole build, not only the swap: two builds would otherwise run
    Pagefind and the photo pool side by side, and the one started last could be
    swapped in first. `check` does not take it. The kernel releases the lock of a
    killed build. The file is never deleted: a waiter would then hold a lock on a
    file the next build does not see.
    """
    fd = os.open(output.with_name(f".{output.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _wait_for_lock(fd, output)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)  # a waiter must not name a build that has finished
    finally:
        os.close(fd)  # releases the lock


def _wait_for_lock(fd: int, output: Path) -> None:
    """Take the lock, saying who holds it if busy; then write our pid for the next waiter."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        print(f"Another build of {output.name}/ is running (pid {holder}); waiting…",
              file=sys.stderr, flush=True)  # fmt: skip
        fcntl.flock(fd, fcntl.LOCK_EX)
    pid = str(os.getpid()).encode()
    os.pwrite(fd, pid, 0)  # written before cut, so a reader never sees an empty file
    os.ftruncate(fd, len(pid))


# A leftover without a pid in its name is stale once untouched this long: the
# temporary folders it could be (one photo's derivatives) live for seconds.
STALE_AFTER = 3600


def _pid_alive(pid: int) -> bool:
    """Whether process `pid` runs. A killed build's forked processes (search, records)
    are left to the system's first process, which reaps them when it gets round to it
    (seconds here): until then they are zombies, which `kill(pid, 0)` still finds, and
    a build started meanwhile kept their folders for good."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return not _is_zombie(pid)


def _is_zombie(pid: int) -> bool:
    """Whether `pid` has ended and waits to be reaped (False when the system does not say)."""
    fields = _process_fields(pid)
    return fields is not None and fields[:1] in (["Z"], ["X"])  # field 3: the state


def _started_after(pid: int, path: Path) -> bool:
    """Whether the process now numbered `pid` started after `path` was last changed: then
    it is another process given a dead one's number (numbers are reused, and a build
    makes many processes). False when the system does not say (no /proc)."""
    fields = _process_fields(pid)
    if fields is None:
        return False
    try:
        with open("/proc/stat", encoding="ascii") as handle:
            boot = next(int(line.split()[1]) for line in handle if line.startswith("btime "))
        started = boot + int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time
        return started > path.lstat().st_mtime + 1  # the boot time is in whole seconds
    except (OSError, ValueError, IndexError, StopIteration):
        return False


def _process_fields(pid: int) -> list[str] | None:
    """/proc/<pid>/stat from its third field on (after the name, which may hold spaces and
    parentheses), or None when the system does not say."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            return handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _leftovers_beside(output: Path) -> list[tuple[Path, int | None]]:
    """(path, pid or None) of the temporary folders builds make beside `output`."""
    name = re.escape(output.name)
    patterns = [
        rf"\.build-{name}-([0-9]+)",  # staging folder (`build`)
        rf"\.{name}\.old-([0-9]+)",  # old site during a swap by renames
        rf"\.{name}\.spare-([0-9]+)",  # a spare being made (`spare.prepare`)
        rf"\.build-{name}-([0-9]+)\.trash",  # an old site being removed in the background
        r"\.search-([0-9]+)-.*",  # Pagefind's input (thidua.search.indexer), any output
        r"\.search-()[a-z0-9_]{8}",  # the same, named by tempfile before it carried a pid
    ]
    found = []
    for path in output.parent.iterdir():
        for pattern in patterns:
            match = re.fullmatch(pattern, path.name, re.ASCII)
            if match:
                found.append((path, int(match[1]) if match[1] else None))
                break
    return found


def _leftovers_in_cache(settings: dict) -> list[tuple[Path, None]]:
    """The photo cache's temporary folders and index files (thidua.gallery.cache)."""
    from thidua.gallery import settings as gallery_settings

    try:
        cache = Path(gallery_settings.resolve(settings).cache_dir)
    except ValueError:  # bad GALLERY_* settings: the build reports them itself
        return []
    found = list((cache / "objects" / "tmp").glob("*")) + list(cache.glob(".index-*.json"))
    return [(path, None) for path in found]


def _is_stale(path: Path, pid: int | None) -> bool:
    if pid is not None:  # a running build's folder is never touched
        return not _pid_alive(pid) or _started_after(pid, path)
    try:
        return time.time() - path.lstat().st_mtime > STALE_AFTER
    except FileNotFoundError:
        return False


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _restore_interrupted_swap(output: Path) -> None:
    """A build killed between the two renames of `_swap_by_renames` left no output/:
    its `.old-<pid>` folder is the complete old site, put it back."""
    if output.exists():
        return
    for path, pid in _leftovers_beside(output):
        if path.name.startswith(f".{output.name}.old-") and _is_stale(path, pid):
            log.warning("%s/ was missing after an interrupted build; restored it", output.name)
            path.rename(output)
            return


def clean_leftovers(output: Path, settings: dict | None = None) -> list[Path]:
    """Remove what killed builds of `output` left behind; returns the paths removed.

    Run by `build` under the build lock, before anything else. Folders named with
    a pid go once that process is gone; the others once untouched for an hour.
    """
    output = output.resolve()
    if not output.parent.is_dir():
        return []
    _restore_interrupted_swap(output)
    found = _leftovers_beside(output) + (_leftovers_in_cache(settings) if settings else [])
    stale = [path for path, pid in found if _is_stale(path, pid)]
    for path in stale:
        log.info("removing %s, left by an interrupted build", path)
        if path.name.endswith(".trash"):  # an old site maybe still being removed: never wait
            _remove_in_background(path)
        else:
            _remove(path)
    return stale


cache_path = fingerprint.cache_path


@contextlib.contextmanager
def _rare_full_collections():
    """Python's full garbage collection scans every live object again each time the heap
    grows by a quarter; a build holds a large archive's articles, fields and index for
    its whole length and makes few reference cycles: at 5,000 articles full collections
    were 1.2 s of a 7 s rebuild. Young collections still run and free short-lived cycles."""
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], max(before[2], 1000))
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(settings: dict, output: Path, force: bool = False,
          early: fingerprint.EarlyListing | None = None) -> BuildReport:  # fmt: skip
    """Render, index and swap `output`; one build of a given output at a time. `early`:
    the content listed from the command's start (`thidua.cli.html`)."""
    with _rare_full_collections():
        return _build(settings, output, force, early)


def _build(settings: dict, output: Path, force: bool,
           early: fingerprint.EarlyListing | None = None) -> BuildReport:  # fmt: skip
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.with_name(f".build-{output.name}-{os.getpid()}")
    TIMINGS.clear()
    with _build_lock(output):
        with _timed("fingerprint"):
            environment = fingerprint.environment(settings)  # code, theme, settings: once
            listing = fingerprint.ContentListing()
            listers = fingerprint.LISTING_WORKERS if _forkable() else 1
            inputs = fingerprint.inputs(settings, build_day().isoformat(), environment,
                                        listing, fingerprint.file_digests_path(output), listers,
                                        early)  # fmt: skip
            last = None if force else fingerprint.unchanged(output, inputs, listers)
        if last is not None:
            return last  # the same inputs would write the same bytes again
        with _timed("prepare"):
            fingerprint.forget(output)
            clean_leftovers(output, settings)
            shutil.rmtree(staging, ignore_errors=True)
            spare.take(output, staging)  # the old site's folders, if kept
        cache_dir = cache_path(output)
        try:
            previous = output if output.is_dir() else None
            index_search = functools.partial(index_for_search, staging, settings,
                                             previous=previous, cache_dir=cache_dir)  # fmt: skip
            state, plan = render(settings, staging, previous, cache_dir, environment,
                                 index_search, listing)  # fmt: skip
            with _timed("swap"):
                swap_into_place(staging, output, functools.partial(_keep_as_spare, output))
        finally:  # after a swap it is gone or holds the old site; after a failure, half a site
            shutil.rmtree(staging, ignore_errors=True)
        with _timed("remember"):
            plan.save(cache_dir)
            # No old site was kept (a first build): a spare made now, its pages linked.
            spare.prepare(output, cache_dir / RECORD_NAME)
            state.report.rendered, state.report.reused = plan.rendered, plan.reused
            state.report.in_place = plan.in_place
            # One process: the output was just written, its folders are in the cache, and
            # a copy of this process (the whole archive in memory by now) costs more.
            fingerprint.remember(output, inputs, state.report, plan.output_listings)
    return state.report


def print_timings(report: BuildReport) -> None:
    """Each step's seconds and the pages rendered, left in place and linked, when
    THIDUA_TIMINGS is set."""
    if os.environ.get("THIDUA_TIMINGS"):
        steps = ", ".join(f"{step} {seconds:.2f}" for step, seconds in TIMINGS.items())
        linked = report.reused - report.in_place
        print(f"timings (s): {steps}; pages rendered {report.rendered}, in place "
              f"{report.in_place}, linked {linked}", file=sys.stderr)  # fmt: skip


def validate(settings: dict) -> tuple[list[str], list[str]]:
    """(errors, warnings) as printable lines: ``make check`` for tests and tools."""
    report = check(settings)
    return [str(p) for p in report.errors], [str(p) for p in report.warnings]


def print_report(report: BuildReport) -> None:
    print(report.counts_line())
    for problem in report.sorted_problems():
        print(problem, file=sys.stderr)


def _failed(error: Exception, output: str) -> str:
    return t("Dựng trang không thành công: {error}\n{output}/ vẫn giữ nguyên bản cũ.",
             error=error, output=output)  # fmt: skip


def main(argv: list[str] | None = None, early: fingerprint.EarlyListing | None = None) -> int:
    """The command line; `early`: the content listed from its start (`thidua.cli.html`)."""
    try:
        return _main(argv, early)
    finally:
        if early is not None:
            early.discard()  # taken by the build, or not needed: nothing left running


def _main(argv: list[str] | None, early: fingerprint.EarlyListing | None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content", help="content folder")
    parser.add_argument("--output", default="output", help="output folder")
    parser.add_argument("--settings", default=str(PROJECT_ROOT / "pelicanconf.py"))
    parser.add_argument("--check-only", action="store_true", help="validate, build nothing")
    parser.add_argument("--force", action="store_true", help="build even if nothing changed")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")

    started = time.perf_counter()
    content = Path(args.content)
    if not content.is_dir():
        print(t("Không có thư mục nội dung '{content}'; hãy kiểm tra lại CONTENT=…",
                content=content), file=sys.stderr)  # fmt: skip
        return 2
    settings = load_settings(args.settings, content)
    if args.check_only:
        report = check(settings)
        print_report(report)
        if report.errors:
            print(t("Còn {count} lỗi cần sửa.", count=len(report.errors)), file=sys.stderr)
            return 1
        print(t("Nội dung hợp lệ."))
        return 0
    try:
        report = build(settings, Path(args.output), force=args.force, early=early)
    except BuildFailed as exc:
        if exc.report is not None:
            print_report(exc.report)
            print(t("Dừng dựng trang: còn {count} lỗi cần sửa; {output}/ vẫn giữ nguyên bản cũ.",
                    count=len(exc.report.errors), output=args.output), file=sys.stderr)  # fmt: skip
        else:
            print(_failed(exc, args.output), file=sys.stderr)
        return 1
    except Exception as exc:  # a template or plugin bug: say so, keep the old site
        log.exception("Build failed")
        print(_failed(exc, args.output), file=sys.stderr)
        return 1
    print_report(report)
    print_timings(report)
    if report.unchanged:
        print(t("Không có gì thay đổi từ lần dựng trước: {output}/ đã đúng ({seconds:.1f} giây).",
                output=args.output, seconds=time.perf_counter() - started))  # fmt: skip
        return 0
    print(t("Đã dựng xong {output}/ trong {seconds:.1f} giây.", output=args.output,
            seconds=time.perf_counter() - started))  # fmt: skip
    return 0


def exit_now(status: int) -> None:
    """Everything is written and closed: skip tearing down a large archive's objects one
    by one (seconds at 10,000 articles); the background removal of the old site goes on."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    exit_now(main())
