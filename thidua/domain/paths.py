"""Whether a file really lies inside a folder (links followed): content from outside
the content folder is never published."""

from __future__ import annotations

import contextlib
import os

# While one snapshot of the content is read (`folders_fixed`), each folder's real path is
# worked out once: `os.path.realpath` looks at every component of a path (a system call
# each), and a build asks it for every file several times.
_real_folders: dict[str, str] | None = None


@contextlib.contextmanager
def folders_fixed():
    """Within this block, a folder's real path is kept after the first question; a file's
    own name is still checked each time (a link is followed wherever it points)."""
    global _real_folders
    outer = _real_folders
    _real_folders = {} if outer is None else outer
    try:
        yield
    finally:
        _real_folders = outer


def real_path(path) -> str:
    """`os.path.realpath(path)`, with folders' real paths kept inside `folders_fixed`."""
    path = os.fspath(path)
    folders = _real_folders
    # '..' after a link climbs from where the link points: only the system knows where.
    if folders is None or ".." in path.split(os.sep):
        return os.path.realpath(path)
    return _resolved(os.path.abspath(path), folders)


def _resolved(absolute: str, folders: dict[str, str]) -> str:
    """The real path of a normalised absolute path: its folder's, kept, and its own name
    followed if it is a link (one `lstat`)."""
    folder, name = os.path.split(absolute)
    if not name or os.path.islink(absolute):
        return os.path.realpath(absolute)
    real_folder = folders.get(folder)
    if real_folder is None:
        real_folder = folders[folder] = _resolved(folder, folders)
    return os.path.join(real_folder, name)


def is_inside(path, root) -> bool:
    """True when `path`, with every link followed, is `root` or lies under it."""
    real, real_root = real_path(path), real_path(root)
    # Both are absolute and normalised: a prefix ending at a separator is containment
    # (os.path.commonpath says the same, several times slower, for every file read).
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
