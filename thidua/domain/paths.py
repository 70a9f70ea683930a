"""Whether a file really lies inside a folder (links followed): content from outside
the content folder is never published."""

from __future__ import annotations

import os


def is_inside(path: str, root: str) -> bool:
    """True when `path`, with every link followed, is `root` or lies under it."""
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    # Both are absolute and normalised: a prefix ending at a separator is containment
    # (os.path.commonpath says the same, several times slower, for every file read).
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)
