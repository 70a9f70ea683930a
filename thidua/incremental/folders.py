"""The folders of the new output, made while the content is read.

An incremental build writes into a fresh staging folder, and making its few
thousand folders is a large share of a small rebuild. The last build's pages say
which folders the new site will most likely need: a separate process
(``xargs mkdir -p``, outside Python's lock) makes them while the build reads.
Any of them left empty at the end is removed, so the output is exactly a cold
build's. Without ``xargs`` the writer simply makes each folder itself.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from pathlib import Path


class FolderMaker:
    def __init__(self, staging: Path, page_names) -> None:
        folders = {os.path.dirname(name) for name in page_names}
        self._folders = sorted(str(staging / folder) for folder in folders if folder)
        self._process: subprocess.Popen | None = None
        self._list_file: Path | None = None

    def start(self, list_file: Path) -> FolderMaker:
        """Start making the folders; their names go through `list_file` (a pipe would make
        the build wait while ``mkdir`` works)."""
        xargs = shutil.which("xargs")
        if not self._folders or xargs is None:
            return self
        try:
            list_file.parent.mkdir(parents=True, exist_ok=True)
            self._list_file = list_file
            list_file.write_bytes("\0".join(self._folders).encode("utf-8", "surrogateescape"))
            self._process = subprocess.Popen([xargs, "-0", "-a", str(list_file), "mkdir", "-p",
                                              "--"], stdin=subprocess.DEVNULL,
                                             stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL)  # fmt: skip
        except OSError:  # the writer makes the folders itself
            self._process = None
        return self

    def join(self) -> None:
        if self._process is not None:
            self._process.wait()
        if self._list_file is not None:
            self._list_file.unlink(missing_ok=True)

    def remove_unused(self) -> None:
        """Remove the folders nothing was written into, deepest first."""
        self.join()
        if self._process is None:
            return
        for folder in sorted(self._folders, key=lambda f: f.count(os.sep), reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only an empty folder goes
