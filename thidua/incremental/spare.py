"""The old site's folders, kept to be the next build's staging folder.

On this kind of disk making a folder costs about half a millisecond of kernel
time, and a site has a folder per page: at 5,000 articles making them took longer
than everything else in a one-edit rebuild. So after the swap the old site is not
deleted but kept beside the output (`.<output>.spare`); the next build renames it
to its staging folder and, while the content is read, forked processes remove
the files in it (`Emptier`): nothing of the old site is published again,
every file comes from this build (written, linked from the live output, or a page
left in place that is the live output's very file, below). Only the folders stay.
At the end the folders this build left empty are removed, so the staging folder
holds exactly what a fresh one would.

The spare's files are mostly hard links shared with the live output: they are only
ever unlinked, never opened for writing. One kind is not even unlinked: a page the
last build wrote (its record in ``pages.json``) whose spare file *is* the live file,
the same inode. If this build finds it unchanged, it stays where it is instead of
being unlinked and linked again — two writes to its inode, each a disk read when the
machine has dropped the file system's metadata from memory (8,000 pages at 5,000
articles). The emptier lists such files (`Emptier.candidates`); `in_place` decides
which stay; the build removes those no page claims once the pages are written, and
no other writer (static files, photos, search, sitemap) may write where one stays.

A build that had no old site to keep (the first one, or after ``make clean``) leaves
a detached process making the new site's folders as the spare, its pages linked
into them (`prepare`), so that the first rebuild, the one an author waits for after
an edit, finds them made and its unchanged pages in place.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from .folder_listings import FolderListings, list_folder
from .forking import Child, ChildFailed, fork

# Run detached by `prepare`: the folders of OUTPUT (links not followed) made under a name
# with its own pid (`thidua.cli.build.clean_leftovers` removes it if it is killed), and the
# pages RECORDS names hard-linked into them (regular files, plain names only), then
# renamed to SPARE unless a spare appeared meanwhile.
_PREPARE = """
import json, os, shutil, sys
output, spare, records = sys.argv[1], sys.argv[2], sys.argv[3]
folder = os.path.join(os.path.dirname(spare), f"{os.path.basename(spare)}-{os.getpid()}")
try:
    for here, _dirs, _files in os.walk(output):
        os.makedirs(os.path.join(folder, os.path.relpath(here, output)), exist_ok=True)
    try:
        with open(records, encoding="utf-8") as handle:
            names = json.load(handle)
    except (OSError, ValueError):
        names = {}
    for name in names if isinstance(names, dict) else ():
        parts = name.split("/")
        if name.startswith("/") or ".." in parts or "" in parts:
            continue
        source = os.path.join(output, name)
        if os.path.isfile(source) and not os.path.islink(source):
            try:
                os.link(source, os.path.join(folder, name))
            except OSError:
                pass
    if not os.path.lexists(spare):
        os.rename(folder, spare)
finally:
    shutil.rmtree(folder, ignore_errors=True)
"""


def spare_path(output: Path) -> Path:
    return output.with_name(f".{output.name}.spare")


def keep(old_site: Path, output: Path, discard) -> None:
    """After the swap: keep `old_site` as the next build's spare (`discard` it when that
    cannot be done)."""
    spare = spare_path(output)
    if spare.exists():  # a spare not taken (a build of another content folder…)
        discard(spare)
    try:
        old_site.rename(spare)
    except OSError:
        discard(old_site)


def prepare(output: Path, records: Path) -> None:
    """After a build that kept no spare: start making one of `output`'s folders, detached,
    with the pages named in `records` (the build's `pages.json`) linked into it, as a
    rebuild leaves them: the first rebuild then finds its unchanged pages in place."""
    if spare_path(output).exists() or not output.is_dir():
        return
    with contextlib.suppress(OSError):  # then the next build makes its folders itself
        subprocess.Popen([sys.executable, "-c", _PREPARE, str(output), str(spare_path(output)),
                          str(records)],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip


def warm(output: Path) -> subprocess.Popen | None:
    """Read the status of every file of the live `output` in a separate process while the
    build reads the content: the pages then linked from there are in the file system's
    cache. With it cold, linking 8,000 pages (5,000 articles) took 2.1-2.3 s, 0.6 s warm.
    (A build that took a spare links few pages: it does not warm.) `stop` it when the
    build is done."""
    if not output.is_dir() or shutil.which("find") is None:
        return None
    with contextlib.suppress(OSError):  # then the links find the files themselves
        return _find([str(output)], "-links", "0")
    return None


def stop(process: subprocess.Popen | None) -> None:
    if process is not None:
        process.kill()
        process.wait()


def take(output: Path, staging: Path) -> bool:
    """Make the spare the staging folder; False when there is none (or it is unusable)."""
    spare = spare_path(output)
    if not spare.is_dir() or spare.is_symlink():
        return False
    try:
        spare.rename(staging)
    except OSError:
        return False
    return True


# Processes that empty the spare at once, each its share of the folders two levels down
# (one more takes the files above them): when this machine's file-system caches have gone
# cold, each removal waits, and at 5,000 articles one process took 1.6 s where four took 1.0 s.
EMPTIERS = 4


class Emptier:
    """Removes every file (and link) under a staging folder, in forked processes, and
    notes its folders on the way: the ones this build leaves empty go at the end.

    `suffixes` (".html", …): a regular file with one of them and more than one link is
    not removed but listed (`candidates`, with its inode): it may be a live page.
    `listings`: the output's folder listings (`FolderListings`): a folder unchanged since
    it was listed is not read again, and the folders read are noted there. `forked`:
    False in a process that must not fork (threads): the work is then done by `join`."""

    def __init__(self, staging: Path, suffixes: frozenset[str] = frozenset(),
                 listings: FolderListings | None = None, forked: bool = True) -> None:  # fmt: skip
        self.staging = staging
        self.suffixes = tuple(sorted(suffixes))
        self.listings = listings
        self.forked = forked
        self._walks: list[tuple] = []  # (roots, lowest, deepest) when not forked
        self._children: list[Child] = []
        self.folders: list[bytes] | None = None  # deepest first, once `join` has them
        self.candidates: list[tuple[int, bytes]] = []  # (inode, path), once `join` has them

    def start(self) -> Emptier:
        shares: list[list[str]] = [[] for _ in range(EMPTIERS)]
        for number, folder in enumerate(self._second_level_folders()):
            shares[number % EMPTIERS].append(folder)
        root = os.fspath(self.staging)
        walks = [(share, 0, None) for share in shares if share] + [([root], 1, 2)]
        if not self.forked:
            self._walks = walks
            return self
        for roots, lowest, deepest in walks:
            self._children.append(fork(lambda roots=roots, lowest=lowest, deepest=deepest:
                                       self._empty(roots, lowest, deepest)))  # fmt: skip
        return self

    def _second_level_folders(self) -> list[str]:
        """The folders two levels down (links not followed), in name order."""
        found: list[str] = []
        for first in self._folders_in(os.fspath(self.staging)):
            found += self._folders_in(first)
        return found

    def _folders_in(self, folder: str) -> list[str]:
        names = list_folder(folder, self.listings) or ()
        return [os.path.join(folder, name) for name, is_folder, is_link in names
                if is_folder and not is_link]  # fmt: skip

    def _empty(self, roots: list[str], lowest: int, deepest: int | None) -> tuple:
        """In a forked process: under each of `roots`, the entries from depth `lowest` to
        `deepest` (None: all; a root is at depth 0) removed, but folders and candidates.
        Returns (folders deepest first, candidates, whether a removal failed, the listings
        noted on the way)."""
        folders: list[bytes] = []
        candidates: list[tuple[int, bytes]] = []
        failed = False

        def visit(folder: str, depth: int) -> None:
            nonlocal failed
            names = list_folder(folder, self.listings)
            if names is None:  # unreadable: whatever it holds could not be removed
                failed = True
                return
            for name, is_folder, is_link in names:
                path = os.path.join(folder, name)
                if is_folder and not is_link:
                    if deepest is None or depth + 1 < deepest:
                        visit(path, depth + 1)
                    elif depth + 1 >= lowest:
                        folders.append(os.fsencode(path))
                    continue
                if depth + 1 < lowest:
                    continue
                if not is_link and name.endswith(self.suffixes):
                    with contextlib.suppress(FileNotFoundError):
                        info = os.lstat(path)
                        if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
                            candidates.append((info.st_ino, os.fsencode(path)))
                            continue
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
                except OSError:
                    failed = True
            if depth >= lowest:
                folders.append(os.fsencode(folder))

        for root in roots:
            visit(root, 0)
        noted = self.listings.taken() if self.listings is not None else None
        return folders, candidates, failed, noted

    def join(self) -> None:
        """Wait until the folder holds folders and candidates only: nothing may be
        written before."""
        if not self._children and not self._walks:
            return
        children, self._children = self._children, []
        walks, self._walks = self._walks, []
        folders: list[bytes] = []
        failed = False
        results = [child.result for child in children]
        results += [lambda walk=walk: self._empty(*walk) for walk in walks]
        for result in results:
            try:
                found, candidates, failed_here, noted = result()
            except ChildFailed:
                failed = True
                continue
            folders += found
            self.candidates += candidates
            failed |= failed_here
            if noted is not None and self.listings is not None:
                self.listings.take(noted)
        if failed:  # a file that could not be removed: never build on top of old files
            raise OSError(f"could not empty {self.staging} for reuse")
        self.folders = folders

    def remove_empty_folders(self, holding: frozenset[bytes] = frozenset()) -> None:
        """The old site's folders this build wrote nothing into, deepest first: a folder
        holding anything is refused by the system (one call each, no listing). `holding`:
        folders known to hold a file this build wrote (by path, as `start` names them),
        not even tried: with the pages left in place, nearly every folder is one."""
        for folder in self.folders or ():
            if folder in holding:
                continue
            with contextlib.suppress(OSError):  # not empty, or gone
                os.rmdir(folder)


def in_place(candidates: list[tuple[int, bytes]], staging: Path, live: Path,
             records: dict[str, list], others_write) -> tuple[dict[str, int], list]:  # fmt: skip
    """Which `candidates` (the emptier's) stay in the staging folder: ({name: inode} kept,
    the paths to remove). A candidate stays only when it *is* the file the last build
    recorded under its name (`records`: name -> [digest, size, mtime, inode]) — same
    inode on the same file system as the `live` site — and no writer other than the
    page writer writes that name (`others_write(name)`): such a writer might open the
    file and write into the live site. Everything else is removed."""
    root = os.fsencode(staging) + b"/"
    try:
        same_disk = os.lstat(staging).st_dev == os.lstat(live).st_dev
    except OSError:
        same_disk = False
    kept: dict[str, int] = {}
    remove: list[bytes] = []
    for inode, path in candidates:
        name = os.fsdecode(path[len(root) :]) if path.startswith(root) else None
        record = records.get(name) if name is not None else None
        if (same_disk and record is not None and len(record) == 4 and record[3] == inode
                and not others_write(name)):  # fmt: skip
            kept[name] = inode
        else:
            remove.append(path)
    return kept, remove


def _find(where: list[str], *expression: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    """`find` over the folders `where` (its options first in `expression`)."""
    return subprocess.Popen(["find", *where, *expression], stdin=subprocess.DEVNULL,
                            stdout=stdout, stderr=subprocess.DEVNULL)  # fmt: skip
