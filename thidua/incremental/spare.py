"""The old site's folders, kept to be the next build's staging folder.

On this kind of disk making a folder costs about half a millisecond of kernel
time, and a site has a folder per page: at 5,000 articles making them took longer
than everything else in a one-edit rebuild. So after the swap the old site is not
deleted but kept beside the output (`.<output>.spare`); the next build renames it
to its staging folder and, while the content is read, separate processes remove
the files in it (``find … -delete``): nothing of the old site is published again,
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
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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
    if not spare.is_dir() or spare.is_symlink() or shutil.which("find") is None:
        return False
    try:
        spare.rename(staging)
    except OSError:
        return False
    return True


# Finds that empty the spare at once, each its share of the folders two levels down (one
# more takes the files above them): when this machine's file-system caches have gone cold,
# each removal waits, and at 5,000 articles one find took 1.6 s where four took 1.0 s.
FINDS = 4


class Emptier:
    """Removes every file (and link) under a staging folder, in separate processes, and
    notes its folders on the way: the ones this build leaves empty go at the end.

    `suffixes` (".html", …): a regular file with one of them and more than one link is
    not removed but listed (`candidates`, with its inode): it may be a live page."""

    def __init__(self, staging: Path, suffixes: frozenset[str] = frozenset()) -> None:
        self.staging = staging
        self.suffixes = sorted(suffix for suffix in suffixes if _PLAIN_SUFFIX.fullmatch(suffix))
        self._processes: list[tuple[subprocess.Popen, object]] = []  # with its listing
        self.folders: list[bytes] | None = None  # deepest first, once `join` has them
        self.candidates: list[tuple[int, bytes]] = []  # (inode, path), once `join` has them

    def start(self) -> Emptier:
        # -delete implies -depth: a folder is named after everything in it. The files one
        # and two levels down go by a find that goes no deeper (its folders come last).
        shares = [[] for _ in range(FINDS)]
        for number, folder in enumerate(_second_level_folders(self.staging)):
            shares[number % FINDS].append(folder)
        shallow = (["-mindepth", "1", "-maxdepth", "2"], [os.fspath(self.staging)])
        for depth, where in [*(([], share) for share in shares if share), shallow]:
            listing = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `join`); a pipe could fill
            process = _find(where, *depth, *self._expression(), stdout=listing)
            self._processes.append((process, listing))
        return self

    def _expression(self) -> list[str]:
        """Folders listed ("d" + path), candidates listed ("f" + inode + " " + path), the
        rest deleted."""
        folders = ["(", "-type", "d", "-printf", r"d%p\0", ")"]
        if not self.suffixes:
            return [*folders, "-o", "-delete"]
        names = [part for suffix in self.suffixes for part in ("-o", "-name", f"*{suffix}")][1:]
        candidates = ["(", "-type", "f", "-links", "+1", "(", *names, ")",
                      "-printf", r"f%i %p\0", ")"]  # fmt: skip
        return [*folders, "-o", *candidates, "-o", "-delete"]

    def join(self) -> None:
        """Wait until the folder holds folders and candidates only: nothing may be
        written before."""
        if not self._processes:
            return
        names: list[bytes] = []
        failed = False
        for process, listing in self._processes:
            failed |= process.wait() != 0
            with listing:
                listing.seek(0)
                names += listing.read().split(b"\0")[:-1]
        self._processes = []
        if failed:  # a file find could not remove: never build on top of old files
            raise OSError(f"could not empty {self.staging} for reuse")
        self.folders = [name[1:] for name in names if name[:1] == b"d"]
        for name in names:
            if name[:1] == b"f":
                inode, path = name[1:].split(b" ", 1)
                self.candidates.append((int(inode), path))

    def remove_empty_folders(self, holding: frozenset[bytes] = frozenset()) -> None:
        """The old site's folders this build wrote nothing into, deepest first: a folder
        holding anything is refused by the system (one call each, no listing). `holding`:
        folders known to hold a file this build wrote (by path, as the finds name them),
        not even tried: with the pages left in place, nearly every folder is one."""
        if self.folders is None:  # not emptied by `join`: find them
            _find([os.fspath(self.staging)], "-mindepth", "1", "-depth", "-type", "d", "-empty",
                  "-delete").wait()  # fmt: skip
            return
        for folder in self.folders:
            if folder in holding:
                continue
            with contextlib.suppress(OSError):  # not empty, or gone
                os.rmdir(folder)


# A suffix find's -name can take as it is (no pattern characters).
_PLAIN_SUFFIX = re.compile(r"\.[A-Za-z0-9_-]+")


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


def _second_level_folders(staging: Path) -> list[str]:
    """The folders two levels down (links not followed), in name order."""
    found = []
    for first in _folders_in(os.fspath(staging)):
        found += _folders_in(first)
    return found


def _folders_in(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entry.path for entry in entries
                          if entry.is_dir(follow_symlinks=False))  # fmt: skip
    except OSError:
        return []


def _find(where: list[str], *expression: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    """`find` over the folders `where` (its options first in `expression`)."""
    return subprocess.Popen(["find", *where, *expression], stdin=subprocess.DEVNULL,
                            stdout=stdout, stderr=subprocess.DEVNULL)  # fmt: skip
