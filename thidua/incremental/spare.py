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

A build that had no old site to keep (the first one, or after ``make clean``) leaves
a detached process making the new site's folders as the spare (`prepare`), so that
the first rebuild, the one an author waits for after an edit, finds them made.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Run detached by `prepare`: the folders of OUTPUT (links not followed) made under a name
# with its own pid (`thidua.cli.build.clean_leftovers` removes it if it is killed), then
# renamed to SPARE unless a spare appeared meanwhile.
_PREPARE = """
import os, shutil, sys
output, spare = sys.argv[1], sys.argv[2]
folder = os.path.join(os.path.dirname(spare), f"{os.path.basename(spare)}-{os.getpid()}")
try:
    for here, _dirs, _files in os.walk(output):
        os.makedirs(os.path.join(folder, os.path.relpath(here, output)), exist_ok=True)
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


def prepare(output: Path) -> None:
    """After a build that kept no spare: start making one of `output`'s folders, detached."""
    if spare_path(output).exists() or not output.is_dir():
        return
    with contextlib.suppress(OSError):  # then the next build makes its folders itself
        subprocess.Popen([sys.executable, "-c", _PREPARE, str(output), str(spare_path(output))],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)  # fmt: skip


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
    """Removes every file (and link) under a staging folder, in a separate process, and
    notes its folders on the way: the ones this build leaves empty go at the end."""

    def __init__(self, staging: Path) -> None:
        self.staging = staging
        self._process: subprocess.Popen | None = None
        self._listing = None  # where `find` writes the folders' names (a pipe could fill)
        self.folders: list[bytes] | None = None  # deepest first, once `join` has them

    def start(self) -> Emptier:
        self._listing = tempfile.TemporaryFile()  # noqa: SIM115 (closed by `join`)
        # -delete implies -depth: a folder is named after everything in it.
        self._process = _find(self.staging, "-type", "d", "-print0", "-o", "-delete",
                              stdout=self._listing)  # fmt: skip
        return self

    def join(self) -> None:
        """Wait until the folder holds folders only: nothing may be written before."""
        if self._process is None:
            return
        code = self._process.wait()
        self._process = None
        listing, self._listing = self._listing, None
        with listing:
            listing.seek(0)
            names = listing.read().split(b"\0")[:-1]
        if code != 0:  # a file find could not remove: never build on top of old files
            raise OSError(f"could not empty {self.staging} for reuse")
        self.folders = names

    def remove_empty_folders(self) -> None:
        """The old site's folders this build wrote nothing into, deepest first: a folder
        holding anything is refused by the system (one call each, no listing)."""
        if self.folders is None:  # not emptied by `join`: find them
            _find(self.staging, "-depth", "-type", "d", "-empty", "-delete").wait()
            return
        for folder in self.folders:
            with contextlib.suppress(OSError):  # not empty, or gone
                os.rmdir(folder)


def _find(staging: Path, *expression: str, stdout=subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen(["find", str(staging), "-mindepth", "1", *expression],
                            stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=subprocess.DEVNULL)  # fmt: skip
