"""Skip a build whose every input is unchanged since the last one that wrote the output.

The fingerprint covers everything a build reads: the settings, the bytes of every
file under the content folder, the theme and the project's code, the versions of
the libraries that render, the day (an editor's pin expires with it) and
``SOURCE_DATE_EPOCH``; and the output as that build left it (names, sizes, times).
Equal fingerprints mean the same bytes would be written again, so nothing is.
Anything unreadable or different means a full build: it is never a guess.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import pickle
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from thidua import PROJECT_ROOT
from thidua.domain.model import Problem
from thidua.domain.report import BuildReport
from thidua.incremental import folder_listings
from thidua.incremental.folder_listings import OUTPUT_FOLDERS_NAME, FolderListings, list_folder
from thidua.incremental.forking import Child, ChildFailed, fork
from thidua.incremental.hashing import content_digest

LIBRARIES = ("pelican", "markdown", "jinja2", "pillow", "pagefind", "pyyaml", "pelican-sitemap")
SKIPPED_NAMES = ("__pycache__", ".pytest_cache", ".ruff_cache")
# Processes that list the content's and the output's folders: the listing waits on the
# file system when its caches are cold (`_scans_beside`).
LISTING_WORKERS = 4


def record_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.fingerprint")


def cache_path(output: Path) -> Path:
    """The incremental build's caches for `output`, beside it (never published)."""
    return output.with_name(f".{output.name}.cache")


def file_digests_path(output: Path) -> Path:
    """Where the content files' digests are kept between builds of `output` (`FileDigests`)."""
    return cache_path(output) / "content-digests.pickle"


def content_folders_path(kept: Path) -> Path:
    """Where the content's folder listings are kept, beside its files' digests `kept`."""
    return kept.with_name("content-folders.pickle")


def output_folders(output: Path) -> FolderListings:
    """The output's folder listings, kept between builds of `output` (the live site's and
    the spare's: `thidua.incremental.spare.Emptier` lists the spare with them)."""
    return FolderListings(cache_path(output) / OUTPUT_FOLDERS_NAME)


# A file's digest is taken again from its bytes unless its status (size, times, inode) is
# what it was when the digest was made, and its last change was by then at least this old.
# The change time (ctime) cannot be set back by any program: a write or a `touch` moves it.
# A file written twice within one tick of the file system's clock could keep its times:
# such a file is never trusted by its status (git's "racy clean" rule). The same rule
# keeps a folder's listing (`folder_listings`): one constant for both.
SETTLED_NS = folder_listings.SETTLED_NS


def _status(info: os.stat_result | Status) -> tuple:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def _hash_tree(digest, root: Path, files: dict[str, bytes] | None = None,
               known: FileDigests | None = None, workers: int = 1,
               apart: list[str] | None = None,
               listings: FolderListings | None = None) -> None:  # fmt: skip
    """Every file's name and bytes under `root` (links, to files or folders, as where they
    point) into `digest`; `files` gets each regular file's `content_digest`, by absolute
    path, and `apart` the path of everything else it met and did not list there: links,
    special files, the folders of `SKIPPED_NAMES` (`files` is then the whole tree but
    those). `known`: digests kept from an earlier build, used for files whose status says
    they are unchanged. `workers`: processes that list the folders (`_scans_beside`).
    `listings`: folders listed by an earlier build, not read again while unchanged."""
    if not root.exists():
        digest.update(f"missing:{root}".encode())
        return
    apart = apart if apart is not None else []
    for folder, relative, entries in _tree(os.path.abspath(root), SKIPPED_NAMES, workers,
                                           listings):  # fmt: skip
        for name, is_folder, is_link, info in entries:
            if is_folder and not is_link:
                if name in SKIPPED_NAMES:
                    apart.append(os.path.join(folder, name))
                continue  # a folder: its files come with it, in `_tree`
            path = os.path.join(folder, name)
            digest.update(os.fsencode(os.path.normpath(os.path.join(relative, name))) + b"\0")
            if info is None:
                info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                digest.update(b"link:" + os.fsencode(os.readlink(path)))
                apart.append(path)
                continue
            if not stat.S_ISREG(info.st_mode):  # a pipe or a device: never opened
                digest.update(f"special:{stat.S_IFMT(info.st_mode)}".encode())
                apart.append(path)
                continue
            own = known.digest(path, info) if known is not None else None
            if own is None:
                with open(path, "rb") as handle:
                    own = content_digest(handle.read())
                if known is not None:
                    known.remember(path, info, own)
            digest.update(own)
            if files is not None:
                files[path] = own


def _tree(
    root: str, skipped=(), workers: int = 1, listings: FolderListings | None = None
) -> Iterator[tuple[str, str, list[tuple]]]:
    """Every folder under `root` in os.walk's top-down order (links to folders are not
    followed; folders named in `skipped` are left out), each as (its path, its path under
    root, its entries sorted by name: (name, is a folder (links followed), is a link,
    its `Status`, or None for a folder or when it could not be read)). An unreadable
    folder is taken as empty, as os.walk does. Unlike os.walk, a link to a folder is
    told apart from the folders, without another system call. `workers` > 1: the
    folders are listed beforehand by that many processes (`_scans_beside`). `listings`:
    as in `_scan`."""
    scans = _scans_beside(root, skipped, workers, listings) if workers > 1 else {}
    stack = [(root, os.curdir)]
    while stack:  # depth first, in name order
        folder, relative = stack.pop()
        entries = scans.pop(folder, None)
        if entries is None:
            entries = _scan(folder, listings)
        yield folder, relative, entries
        stack += [(os.path.join(folder, name),
                   name if relative == os.curdir else os.path.join(relative, name))
                  for name, is_folder, is_link, _info in reversed(entries)
                  if is_folder and not is_link and name not in skipped]  # fmt: skip


# When this machine's file-system caches have gone cold (after a pause, or minutes of
# another program's work), each folder listing and status call waits: at 5,000 article
# folders, 1.3-1.8 s in one process, 0.6-0.8 s in four. Warm, sharing costs what it saves.
SHARE_FROM = 64  # folders at one depth before the rest of the walk is shared


def _scans_beside(root: str, skipped, workers: int,
                  listings: FolderListings | None = None) -> dict[str, list[tuple]]:  # fmt: skip
    """Folder -> its `_scan`, for every folder under `root`: the first levels here, then
    the subtrees below shared between this process and `workers` - 1 forked copies. A
    copy that fails leaves its folders to be listed by the walk itself."""
    scans: dict[str, list[tuple]] = {}
    level = [root]
    while level and len(level) < SHARE_FROM:
        following = []
        for folder in level:
            entries = scans[folder] = _scan(folder, listings)
            following += [os.path.join(folder, name) for name, is_folder, is_link, _info in entries
                          if is_folder and not is_link and name not in skipped]  # fmt: skip
        level = following
    shares = [level[n::workers] for n in range(workers)]
    children = [fork(lambda share=share: _subtree_scans(share, skipped, listings, True))
                for share in shares[1:] if share]  # fmt: skip
    scans.update(_subtree_scans(shares[0], skipped, listings)[0])
    for child in children:
        with contextlib.suppress(ChildFailed):
            found, noted = child.result()
            scans.update(found)
            if listings is not None and noted is not None:
                listings.take(noted)
    return scans


def _subtree_scans(
    roots: list[str], skipped, listings: FolderListings | None, forked: bool = False
) -> tuple[dict[str, list[tuple]], tuple | None]:
    """(folder -> `_scan`, when `forked` what `listings` noted on the way, for the parent)."""
    scans = {}
    for root in roots:
        for folder, _relative, entries in _tree(root, skipped, 1, listings):
            scans[folder] = entries
    return scans, listings.taken() if forked and listings is not None else None


class Status(NamedTuple):
    """What the fingerprint reads of a file's status (`os.lstat`'s fields of these names):
    small to send from a process that listed the folder."""

    st_mode: int
    st_size: int
    st_mtime_ns: int
    st_ctime_ns: int
    st_ino: int
    st_dev: int


def _scan(folder: str, listings: FolderListings | None = None) -> list[tuple]:
    """The entries of `folder`, each as `_tree` says (an unreadable folder has none).
    `listings`: as in `folder_listings.list_folder`; the files' statuses are read here."""
    names = list_folder(folder, listings)
    scanned = _statuses(folder, names or ())
    if scanned is None:  # a file that does not fit the names kept: the folder changed
        scanned = _statuses(folder, list_folder(folder, listings, fresh=True) or (), fresh=True)
    return scanned or []


def _statuses(folder: str, names, fresh: bool = False) -> list[tuple] | None:
    """`_scan`'s entries for `names`, each file's status read; None when one does not fit
    its name's kind (never when the names were just listed: `fresh`)."""
    scanned = []
    for name, is_folder, is_link in names:
        info = None
        if not is_folder or is_link:
            path = os.path.join(folder, name)
            try:
                found = os.lstat(path)
            except OSError:
                if not fresh:
                    return None
                found = None
            if found is not None:
                if not fresh and (stat.S_ISLNK(found.st_mode) != is_link
                                  or stat.S_ISDIR(found.st_mode)):  # fmt: skip
                    return None
                if is_link and not fresh:  # where a link points changes, its folder not
                    is_folder = os.path.isdir(path)
                info = Status(found.st_mode, found.st_size, found.st_mtime_ns,
                              found.st_ctime_ns, found.st_ino, found.st_dev)  # fmt: skip
        scanned.append((name, is_folder, is_link, info))
    return scanned


class FileDigests:
    """Content files' digests by their status, kept beside the build's caches (`SETTLED_NS`)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.now_ns = time.time_ns()
        self.kept: dict[str, tuple[tuple, bytes]] = {}
        self.seen: dict[str, tuple[tuple, bytes]] = {}
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
            return
        if isinstance(stored, dict) and stored.get("format") == 1:
            self.kept = stored.get("files") or {}

    def digest(self, path: str, info: os.stat_result | Status) -> bytes | None:
        entry = self.kept.get(path)
        status = _status(info)
        if entry is None or entry[0] != status:
            return None
        self.seen[path] = entry
        return entry[1]

    def remember(self, path: str, info: os.stat_result | Status, digest: bytes) -> None:
        if info.st_ctime_ns < self.now_ns - SETTLED_NS:  # else: hashed again next time
            self.seen[path] = (_status(info), digest)

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with open(tmp, "wb") as handle:
            pickle.dump({"format": 1, "files": self.seen}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
        os.replace(tmp, self.path)


def _output_listing(output: Path, workers: int = 1,
                    listings: FolderListings | None = None) -> str:  # fmt: skip
    """Names, sizes and times of every file under `output` (links to folders are not
    followed, nor listed), in a stable order. This runs on every build and on every
    no-change check, over every page of the site (`workers`, `listings`: as in `_tree`)."""
    digest = hashlib.blake2b()
    for _folder, relative, entries in _tree(os.fspath(output), (), workers, listings):
        prefix = "" if relative == os.curdir else relative + "/"
        for name, is_folder, _is_link, info in entries:
            if is_folder or info is None:  # a folder (listed in `_tree`) or a link to one
                continue
            digest.update(f"{prefix}{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def environment(settings: dict) -> bytes:
    """Everything but the content that a file's reading depends on: the settings, the
    libraries, the project's code and theme, the message language."""
    from importlib import metadata  # here: this module is imported before Pelican (`EarlyListing`)

    digest = hashlib.blake2b()
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    digest.update(f"lang={os.environ.get('THIDUA_LANG', '')}".encode())
    roots = [Path(settings["THEME"]), PROJECT_ROOT / "thidua"]
    roots += [Path(p) for p in settings.get("PLUGIN_PATHS") or []]
    for root in roots:
        _hash_tree(digest, root)
    return digest.digest()


def page_base(environment_digest: bytes, today: str) -> bytes:
    """What every page depends on besides its own data: `environment` and the day."""
    day = f"{today}|{os.environ.get('SOURCE_DATE_EPOCH', '')}".encode()
    return hashlib.blake2b(environment_digest + day).digest()


@dataclasses.dataclass
class ContentListing:
    """The content folder as the fingerprint found it: each plain file's digest by absolute
    path (`files`), and everything else it met (`apart`: links, special files, skipped
    folders; see `_hash_tree`). The build reads this listing instead of walking again:
    the reader's cache takes the files' digests, Pelican's generators their names."""

    files: dict[str, bytes] = dataclasses.field(default_factory=dict)
    apart: list[str] = dataclasses.field(default_factory=list)


def inputs(settings: dict, today: str, environment_digest: bytes | None = None,
           listing: ContentListing | None = None, kept: Path | None = None,
           workers: int = 1, early: EarlyListing | None = None) -> str:  # fmt: skip
    """The fingerprint of everything a build of `settings` reads (`environment_digest`:
    `environment(settings)`, when the caller has it already). `listing` gets what the
    content folder holds, the digest of each file read on the way included.
    `kept`: where the content files' digests are kept between builds (`FileDigests`).
    `workers`: processes that list the content's folders (`_scans_beside`).
    `early`: the content listed already, from the command's start (used when it is of
    this very folder and cache)."""
    if environment_digest is None:
        environment_digest = environment(settings)
    root = Path(settings["PATH"])
    taken = early.take(root, kept) if early is not None else None
    if taken is None:
        part = content_part(root, listing, kept, workers)
    else:
        part, found = taken
        if listing is not None:
            listing.files.update(found.files)
            listing.apart.extend(found.apart)
    return hashlib.blake2b(page_base(environment_digest, today) + part).hexdigest()


def content_part(root: Path, listing: ContentListing | None = None, kept: Path | None = None,
                 workers: int = 1) -> bytes:  # fmt: skip
    """The content folder's share of the fingerprint: every file's name and bytes
    (`inputs` says what the arguments are)."""
    digest = hashlib.blake2b()
    known = FileDigests(kept) if kept is not None else None
    listings = FolderListings(content_folders_path(kept)) if kept is not None else None
    files, apart = (listing.files, listing.apart) if listing is not None else (None, None)
    _hash_tree(digest, root, files, known, workers, apart, listings)
    if known is not None:
        known.save()
        listings.save()
    return digest.digest()


class EarlyListing:
    """`content_part` of a content folder, made in a forked process from the very start of
    the command line while the command imports Pelican and its libraries (0.2 s, every
    build: at 5,000 articles the listing took 0.1 s warm, 0.2-0.3 s with the file-system
    caches cold). The build `take`s it when it reaches its fingerprint. The listing is
    taken a moment earlier than the build's own would be (before the build's lock): a
    file changed after it is treated as any file changed during a build (read again,
    never filed under the digest listed), and the next build sees the change."""

    def __init__(self, root: Path, kept: Path | None, workers: int = 1) -> None:
        self.root, self.kept = os.path.abspath(root), kept

        def listed():
            listing = ContentListing()
            return content_part(Path(self.root), listing, kept, workers), listing

        self._child: Child | None = fork(listed)

    def take(self, root: Path, kept: Path | None) -> tuple[bytes, ContentListing] | None:
        """(content part, listing) when made of `root` with `kept`, else None (the caller
        lists it itself); once."""
        child, self._child = self._child, None
        if child is None:
            return None
        try:
            part, listing = child.result()
        except ChildFailed:
            return None
        if (os.path.abspath(root), kept) != (self.root, self.kept):
            return None
        return part, listing

    def discard(self) -> None:
        """Not needed after all (``make check``, an error): wait for it, keep nothing."""
        self.take(Path(self.root), self.kept)


def unchanged(output: Path, fingerprint: str, workers: int = 1) -> BuildReport | None:
    """The last build's report when `output` is exactly as it left it for these inputs."""
    try:
        record = json.loads(record_path(output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if record.get("inputs") != fingerprint or not output.is_dir():
        return None
    listings = output_folders(output)
    listed = _output_listing(output, workers, listings)
    if listings.changed:  # folders listed afresh (changed since, or too new then)
        listings.save()
    if record.get("output") != listed:
        return None
    report = record["report"]
    problems = [Problem(**fields) for fields in report.pop("problems")]
    return BuildReport(problems=problems, unchanged=True, **report)


def remember(output: Path, fingerprint: str, report: BuildReport,
             listings: FolderListings | None = None) -> None:  # fmt: skip
    """Note what this build read and left, and what it reported, for the next one.
    `listings`: the output's folder listings as this build has them (`output_folders`)."""
    names = ("articles", "pages", "clusters", "units", "rendered", "reused", "in_place")
    counts = {name: getattr(report, name) for name in names}
    problems = [dataclasses.asdict(p) for p in report.problems]
    listings = listings if listings is not None else output_folders(output)
    listed = _output_listing(output, listings=listings)
    listings.save()
    record = {"inputs": fingerprint, "output": listed,
              "report": {**counts, "problems": problems}}  # fmt: skip
    tmp = record_path(output).with_suffix(".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, record_path(output))


def forget(output: Path) -> None:
    record_path(output).unlink(missing_ok=True)
