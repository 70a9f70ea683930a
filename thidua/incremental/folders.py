"""The folders of the new output, made while the content is read.

An incremental build writes into a fresh staging folder, and making its few
thousand folders is a large share of a small rebuild. The last build's pages say
which folders the new site will most likely need: a thread makes them while the
main thread reads (the system calls run outside Python's lock). Any of them left
empty at the end is removed, so the output is exactly a cold build's.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path


class FolderMaker:
    def __init__(self, staging: Path, page_names) -> None:
        folders = {os.path.dirname(name) for name in page_names}
        self._folders = sorted(str(staging / folder) for folder in folders if folder)
        self._thread = threading.Thread(target=self._make, name="folders", daemon=True)

    def start(self) -> FolderMaker:
        if self._folders:
            self._thread.start()
        return self

    def _make(self) -> None:
        for folder in self._folders:
            with contextlib.suppress(OSError):  # the writer makes it, or says why it cannot
                os.makedirs(folder, exist_ok=True)

    def join(self) -> None:
        if self._thread.is_alive():
            self._thread.join()

    def remove_unused(self) -> None:
        """Remove the folders nothing was written into, deepest first."""
        self.join()
        for folder in sorted(self._folders, key=lambda f: f.count(os.sep), reverse=True):
            with contextlib.suppress(OSError):
                os.rmdir(folder)  # only an empty folder goes
