"""Put every derivative a build needs into the output folder, from the cache.

Hard links cost a few microseconds and no disk space; where the output is on
another file system the files are copied. Derivatives no photo uses any more
are removed from the gallery folder of the output, so nothing of a deleted photo
lingers even when the output folder is reused between builds.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil

from thidua.pelican_plugin.state import state_of

from .cache import Cache
from .model import PublishPlan

log = logging.getLogger(__name__)


def publish_step(pelican) -> None:
    """After every page is written: place the derivatives the build planned."""
    state = state_of(pelican.settings)
    if state.gallery_plan is not None:
        publish(state.gallery_plan, pelican.output_path, state.gallery_cache)


def publish(plan: PublishPlan, output_path: str, cache: Cache | None = None) -> int:
    """Link (or copy) every planned file into `output_path`; returns how many were placed."""
    made: set[str] = set()
    copy = False
    for url, cache_file in plan.files.items():
        dest = os.path.join(output_path, url)
        folder = os.path.dirname(dest)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            copy = _place(cache_file, dest, copy)
        except FileNotFoundError:
            if cache is None or not _repair(plan, url, cache):
                log.error("gallery: %s: missing from the cache, delete the cache and rebuild", url)
                continue
            copy = _place(cache_file, dest, copy)
    _remove_stale(plan, output_path)
    return len(plan.files)


def _place(source: str, dest: str, copy: bool) -> bool:
    """Link `source` at `dest` (or copy it); returns whether copying is needed from now on."""
    if not copy:
        try:
            os.link(source, dest)
            return False
        except FileExistsError:
            if os.path.samefile(source, dest):
                return False
            os.unlink(dest)
            return _place(source, dest, copy)
        except OSError as error:
            if error.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
    shutil.copyfile(source, dest)
    return True


def _repair(plan: PublishPlan, url: str, cache: Cache) -> bool:
    """A cache file disappeared (someone cleaned part of the cache): process the source again."""
    key, path = plan.sources[url]
    cache.forget(key)
    stat, digest, new_key, entry, _fresh = cache.build(path)
    if "error" in entry or new_key != key:
        return False
    cache.remember(path, stat, digest, key, entry)
    cache.save()
    return os.path.exists(plan.files[url])


def _remove_stale(plan: PublishPlan, output_path: str) -> None:
    root = os.path.join(output_path, plan.gs.output_dir)
    if not os.path.isdir(root):
        return
    wanted = {os.path.normpath(os.path.join(output_path, url)) for url in plan.files}
    for folder, _dirs, files in os.walk(root, topdown=False):
        for name in files:
            path = os.path.join(folder, name)
            if path not in wanted:
                os.unlink(path)
        if folder != root and not os.listdir(folder):
            os.rmdir(folder)
