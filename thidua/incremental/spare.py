"""The old site's folders, kept to be the next build's staging folder.

On this kind of disk making a folder costs about half a millisecond of kernel
time, and a site has a folder per page: at 5,000 articles making them took longer
than everything else in a one-edit rebuild. So after the swap the old site is not
deleted but kept beside the output (`.<output>.spare`); the next build renames it
to its staging folder and, while the content is read, a separate process removes
every file in it (``find … ! -type d -delete``): nothing of the old site is
published again, every file comes from this build (written, or linked from the
live output). Only the folders stay. At the end the folders this build left
empty are removed, so the staging folder holds exactly what a fresh one would.

The spare's files are mostly hard links shared with the live output: they are only
ever unlinked, never opened for writing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


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


class Emptier:
    """Removes every file (and link) under a staging folder, in a separate process."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging
        self._process: subprocess.Popen | None = None

    def start(self) -> Emptier:
        self._process = _find(self.staging, "!", "-type", "d", "-delete")
        return self

    def join(self) -> None:
        """Wait until the folder holds folders only: nothing may be written before."""
        if self._process is None:
            return
        code = self._process.wait()
        self._process = None
        if code != 0:  # a file find could not remove: never build on top of old files
            raise OSError(f"could not empty {self.staging} for reuse")

    def remove_empty_folders(self) -> None:
        """The old site's folders this build wrote nothing into, deepest first."""
        process = _find(self.staging, "-depth", "-type", "d", "-empty", "-delete")
        process.wait()


def _find(staging: Path, *expression: str) -> subprocess.Popen:
    return subprocess.Popen(["find", str(staging), "-mindepth", "1", *expression],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)  # fmt: skip
