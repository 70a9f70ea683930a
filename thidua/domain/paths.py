"""Whether a file really lies inside a folder (links followed): content from outside
the content folder is never published."""

from __future__ import annotations

import os


def is_inside(path: str, root: str) -> bool:
    """True when `path`, with every link followed, is `root` or lies under it."""
    real, real_root = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, real_root]) == real_root
