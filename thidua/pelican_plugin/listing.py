"""A generator's files taken from the build's listing of the content, not walked again.

Pelican's ``Generator.get_files`` walks its folders (following links) on every
build: at 5,000 articles, 0.1 s of a 3 s rebuild, after the fingerprint has just
listed the same folders (``fingerprint.inputs``). `listed_files` gives Pelican's
answer from that listing, with Pelican's own rules (excluded folders, IGNORE_FILES
for folders and files, the readers' extensions), and refuses (None, so the
generator walks as usual) wherever the listing could differ from the walk: a
link (Pelican follows it, the listing does not), a special file or a folder the
fingerprint skips anywhere under or above the folders asked for, a folder asked
for that is not a folder inside the content. The build then reads exactly the
files whose bytes the fingerprint took.
"""

from __future__ import annotations

import fnmatch
import os
import re

from .reader import reader_cache


def listed_files(generator, paths, exclude=None, extensions=None) -> set[str] | None:
    """``generator.get_files(paths, exclude, extensions)`` from the build's listing (the
    reader cache's `known` and `apart`), or None when it cannot be answered from it."""
    cache = reader_cache(generator.settings)
    if cache is None or not cache.known or cache.apart is None:
        return None
    content = os.path.join(os.path.abspath(generator.path), "")
    roots = [os.path.join(generator.path, path) if path else generator.path
             for path in ([paths] if isinstance(paths, str) else paths)]  # fmt: skip
    if not all(_listed_folder(root, content, cache.apart) for root in roots):
        return None
    # Pelican's exclusions: a folder name under the exact path os.walk gives its parent.
    excluded: dict[str, set[str]] = {}
    for name in exclude or []:
        parent, folder = os.path.split(os.path.join(generator.path, name))
        excluded.setdefault(parent, set()).add(folder)
    # Pelican's `_include_path`: no IGNORE_FILES pattern matches the name (fnmatch), the
    # extension is one of `extensions` (None: the readers'; False: any).
    ignored = re.compile("|".join(fnmatch.translate(i) for i in generator.settings["IGNORE_FILES"])
                         or "(?!)")  # fmt: skip
    if extensions is None:
        extensions = tuple(generator.readers.extensions)
    found: set[str] = set()
    for root in roots:
        below = os.path.join(os.path.normpath(root), "")
        folders = _Folders(root, content, excluded, ignored)
        for path in cache.known:
            if not path.startswith(below):
                continue
            folder, _, name = path[len(below) :].rpartition(os.sep)
            prefix = folders.prefix(folder)
            if prefix is None or ignored.match(name):
                continue
            if extensions is False or os.path.splitext(name)[1][1:] in extensions:
                found.add(prefix + name)  # os.path.relpath(file, generator.path)
    return found


class _Folders:
    """The folders under one root as Pelican's walk takes them: each one's path relative
    to the content folder (ending in a separator), or None when the walk leaves it out
    (excluded or ignored, or inside such a folder)."""

    def __init__(self, root: str, content: str, excluded: dict, ignored: re.Pattern) -> None:
        self.content, self.excluded, self.ignored = content, excluded, ignored
        self._walked: dict[str, str | None] = {"": root}  # as os.walk names it
        self._prefixes: dict[str, str | None] = {}

    def prefix(self, folder: str) -> str | None:
        if folder not in self._prefixes:
            walked = self._walk(folder)
            relative = None if walked is None else os.path.normpath(walked)[len(self.content) :]
            self._prefixes[folder] = None if relative is None else (
                os.path.join(relative, "") if relative else "")  # fmt: skip
        return self._prefixes[folder]

    def _walk(self, folder: str) -> str | None:
        if folder not in self._walked:
            parent, _, name = folder.rpartition(os.sep)
            above = self._walk(parent)
            left_out = above is None or name in self.excluded.get(above, ())
            self._walked[folder] = (None if left_out or self.ignored.match(name)
                                    else os.path.join(above, name))  # fmt: skip
        return self._walked[folder]


def _listed_folder(root: str, content: str, apart: list[str]) -> bool:
    """Whether the walk of `root` is the listing's: a real folder inside the content,
    with nothing listed apart under it or above it."""
    normal = os.path.normpath(os.path.abspath(root))
    inside = os.path.join(normal, "")
    if not inside.startswith(content) or not os.path.isdir(normal):
        return False
    return not any(inside.startswith(os.path.join(other, "")) or other.startswith(inside)
                   for other in apart)  # fmt: skip


class FolderFiles:
    """The regular files directly in a content folder, from the build's listing, where it
    can tell (`names`): a folder it walked (it listed a file there) with nothing set apart
    in it (a link, a special file: `os.listdir` and the listing would differ there)."""

    def __init__(self, known, apart: list[str]) -> None:
        self._files: dict[str, list[str]] = {}
        for path in known:
            folder, _, name = path.rpartition(os.sep)
            self._files.setdefault(folder, []).append(name)
        self._apart = {os.path.dirname(path) for path in apart}

    def names(self, folder: str) -> list[str] | None:
        """The files' names (any order), or None when the listing cannot tell."""
        if folder in self._apart:
            return None
        return self._files.get(folder)


def folder_files(settings: dict) -> FolderFiles | None:
    """`FolderFiles` of this build's listing (None without one: `make check`, a first
    build that lists nothing ahead)."""
    cache = reader_cache(settings)
    if cache is None or not cache.known or cache.apart is None:
        return None
    return FolderFiles(cache.known, cache.apart)
