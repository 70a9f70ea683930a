"""Folder listings kept between builds, so that an unchanged folder is not read again.

A build lists every folder of the content (about one per article) and of the output
(one per page). Listing a folder reads its block from the disk when the machine has
paged it out, as it does with whatever stayed unused for a minute or so: at 5,000
articles an edit read 13,600 folder blocks, of 15,800 disk reads in all. A
folder's own status says whether its names changed: creating, removing or renaming
an entry moves the folder's change time (ctime), which no program can set back. So a
folder whose status (inode, size, times, mode) is what it was when it was listed holds the
same names, provided its last change was by then already `SETTLED_NS` old: two
changes within one tick of the file system's clock can leave the same times (git's
"untracked cache" rests on the same rule). The names come from the listing; each
file's own status is still read, since a file changes without its folder changing.

Listings are kept by (device, inode) rather than by path: the output's folders change
their path when the staging folder is renamed into place, not their inode.
"""

from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path

FORMAT = 1
OUTPUT_FOLDERS_NAME = "output-folders.pickle"  # the output's, in the build's cache folder
SETTLED_NS = 2_000_000_000  # also the content files' digests' (`fingerprint.FileDigests`)
# Saves a listing survives unseen: an output folder is seen every other build (the
# live site and the spare take turns), and a no-change check may save in between.
KEPT_FOR = 6

# (name, is a folder, is a link) for each entry, in name order
Names = tuple[tuple[str, bool, bool], ...]


def list_folder(folder: str, listings: FolderListings | None, fresh: bool = False) -> Names | None:
    """The entries of `folder` in name order, as `Names` (a link counts as a folder when
    it points to one), or None when it cannot be listed. `listings`: taken from there
    when the folder is unchanged since (not when `fresh`), else noted there."""
    info = None
    listed_at = time.time_ns()
    if listings is not None:
        try:
            info = os.lstat(folder)
        except OSError:
            return None
        if not stat.S_ISDIR(info.st_mode):
            info = None
        elif not fresh:
            names = listings.names(info)
            if names is not None:
                return names
    try:
        with os.scandir(folder) as found:
            entries = sorted(found, key=lambda entry: entry.name)
    except OSError:
        return None
    names = tuple((entry.name, _is_folder(entry), entry.is_symlink()) for entry in entries)
    if info is not None:
        listings.note(info, names, listed_at)
    return names


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _well_formed(entry) -> bool:
    """A kept entry as `FolderListings.save` writes it (a damaged file is never trusted)."""
    return (isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[1], tuple)
            and isinstance(entry[2], int))  # fmt: skip


def _plain(names) -> bool:
    """Whether `names` are `Names` of entries inside their folder (no "/", "." or "..")."""
    return all(isinstance(entry, tuple) and len(entry) == 3 and isinstance(entry[0], str)
               and entry[0] not in ("", ".", "..") and "/" not in entry[0]
               and "\0" not in entry[0] for entry in names)  # fmt: skip


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def _status(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_mode


class FolderListings:
    """`names(info)` of a folder listed before and unchanged since, or None;
    `note(info, names)` after listing one; `save()` keeps what was noted."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.settled_ns = SETTLED_NS
        self.generation = 0
        # (device, inode) -> (status, names, generation last seen)
        self.kept: dict[tuple[int, int], tuple[tuple, Names, int]] = {}
        self.noted: dict[tuple[int, int], tuple[tuple, Names]] = {}  # listed afresh
        self.used: set[tuple[int, int]] = set()  # kept listings this build relied on
        # One object for equal names (most of a site's folders hold just "index.html"):
        # memory at 10,000 articles, and a smaller file.
        self._shared: dict[Names, Names] = {}
        self._checked: set[int] = set()  # ids of kept names found to be plain names
        if path is None:
            return
        try:
            with open(path, "rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return
        folders, generation = stored.get("folders"), stored.get("generation")
        if isinstance(folders, dict) and isinstance(generation, int):  # else: a damaged file
            self.kept, self.generation = folders, generation + 1

    def names(self, info: os.stat_result) -> Names | None:
        """The names of the folder whose `os.lstat` is `info`, when listed unchanged."""
        key = _identity(info)
        entry = self.kept.get(key)
        if not _well_formed(entry) or entry[0] != _status(info):
            return None
        names = entry[1]
        if id(names) not in self._checked:
            if not _plain(names):  # a damaged or altered file: never a path elsewhere
                return None
            self._checked.add(id(names))
        self.used.add(key)
        return names

    def note(self, info: os.stat_result, names: Names, listed_at: int) -> None:
        """`names` were listed from a folder whose status was `info`, read just after
        `listed_at` (`time.time_ns()`)."""
        if info.st_ctime_ns < listed_at - self.settled_ns:  # else: listed again next time
            self.noted[_identity(info)] = (_status(info), self._shared.setdefault(names, names))

    @property
    def changed(self) -> bool:
        """Whether a folder was listed afresh and noted: worth a `save`."""
        return bool(self.noted)

    def taken(self) -> tuple[dict, set]:
        """What this object noted and used, for the process it was forked from (`take`)."""
        return self.noted, self.used

    def take(self, taken: tuple[dict, set]) -> None:
        """What a forked copy of this object noted and used (its `taken`)."""
        for key, (status, names) in taken[0].items():
            self.noted[key] = (status, self._shared.setdefault(names, names))
        self.used |= taken[1]

    def save(self) -> None:
        """Keep what was noted or used, and the listings unused for fewer than `KEPT_FOR`
        saves."""
        if self.path is None:
            return
        oldest = self.generation - KEPT_FOR + 1
        now = self.generation
        shared = self._shared  # equal names pickled once, loaded as one object
        folders = {key: (entry[0], shared.setdefault(entry[1], entry[1]),
                         now if key in self.used else entry[2])
                   for key, entry in self.kept.items()
                   if _well_formed(entry) and (key in self.used or entry[2] >= oldest)}  # fmt: skip
        folders.update((key, (status, names, now)) for key, (status, names) in self.noted.items())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with open(tmp, "wb") as handle:
            pickle.dump({"format": FORMAT, "generation": now, "folders": folders},
                        handle, protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
        os.replace(tmp, self.path)
