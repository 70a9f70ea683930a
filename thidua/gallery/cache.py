"""The image cache outside ``output/``: derivatives keyed on source bytes and settings.

Layout of the cache folder::

    index.json                 sources (path -> size, mtime_ns, content hash) and entries
    objects/ab/<key>/480.webp  derivatives of one (source bytes, settings) pair

An unchanged file is recognised by its size and modification time alone (no read,
no hash), so a warm build costs one ``stat`` and one dictionary look-up per photo.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
import uuid

from . import images
from .images import PhotoProblem
from .settings import GallerySettings

CACHE_VERSION = 1
PIPELINE_VERSION = "4"  # bump when images.py changes the bytes it writes
DAY = 86400


class Cache:
    def __init__(self, gs: GallerySettings) -> None:
        self.gs = gs
        self.root = gs.cache_dir
        self.index_path = os.path.join(self.root, "index.json")
        self._salt = f"{PIPELINE_VERSION}|{gs.fingerprint()}|{gs.publish_originals}".encode()
        self.sources: dict[str, list] = {}
        self.entries: dict[str, dict] = {}
        self.changed = False
        self.today = int(time.time() // DAY)
        # Two sources with the same bytes (one photo in two articles) have one key: made
        # once, by the first thread; the other waits and takes its result.
        self._key_locks: dict[str, threading.Lock] = {}
        self._key_locks_guard = threading.Lock()
        self._made: dict[str, dict] = {}
        self._load()

    def _load(self) -> None:
        try:
            with open(self.index_path, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, ValueError):
            return
        if data.get("version") == CACHE_VERSION:
            self.sources = data.get("sources", {})
            self.entries = data.get("entries", {})

    # -- keys ------------------------------------------------------------------

    def key_for(self, digest: str) -> str:
        return hashlib.blake2b(digest.encode() + self._salt, digest_size=16).hexdigest()

    def known_key(self, path: str, stat: os.stat_result) -> str | None:
        """The cache key of an unchanged source (same size and mtime as last seen)."""
        record = self.sources.get(path)
        if record and record[0] == stat.st_size and record[1] == stat.st_mtime_ns:
            return self.key_for(record[2])
        return None

    def object_dir(self, key: str) -> str:
        return os.path.join(self.root, "objects", key[:2], key)

    def entry(self, key: str | None) -> dict | None:
        if key is None:
            return None
        entry = self.entries.get(key)
        if entry is not None and entry.get("used") != self.today:
            entry["used"] = self.today
            self.changed = True
        return entry

    # -- filling ---------------------------------------------------------------

    def remember(self, path: str, stat: os.stat_result, digest: str, key: str, entry: dict) -> None:
        """Record a processed source (called from the main thread only)."""
        self.sources[path] = [stat.st_size, stat.st_mtime_ns, digest]
        entry["used"] = self.today
        self.entries[key] = entry
        self.changed = True

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)
        shutil.rmtree(self.object_dir(key), ignore_errors=True)
        self.changed = True

    def build(self, path: str) -> tuple[os.stat_result, str, str, dict, bool]:
        """Hash and process one source (runs in a worker thread).

        Returns (stat, digest, key, entry, processed): the entry holds either the
        derivative sizes or the problem that stopped it; `processed` is False when
        the bytes were known already (a file touched or copied, not changed).
        """
        stat = os.stat(path)
        digest = hash_file(path)
        key = self.key_for(digest)
        with self._lock_for(key):
            entry = self._made.get(key) or self.entries.get(key)
            if entry is not None and ("error" in entry or os.path.isdir(self.object_dir(key))):
                return stat, digest, key, dict(entry), False
            entry = self._make(path, key)
            self._made[key] = entry
        return stat, digest, key, dict(entry), True

    def _lock_for(self, key: str) -> threading.Lock:
        with self._key_locks_guard:
            return self._key_locks.setdefault(key, threading.Lock())

    def _make(self, path: str, key: str) -> dict:
        """The derivatives of `path` in the object folder of `key` (or the problem)."""
        final = self.object_dir(key)
        staging = os.path.join(self.root, "objects", "tmp", f"{key}-{uuid.uuid4().hex[:8]}")
        try:
            entry = images.make_derivatives(path, staging, self.gs)
            if self.gs.publish_originals:
                data, extension = images.sanitised_original(path, self.gs)
                with open(os.path.join(staging, f"original.{extension}"), "wb") as handle:
                    handle.write(data)
                entry["original"] = f"original.{extension}"
            os.makedirs(os.path.dirname(final), exist_ok=True)
            shutil.rmtree(final, ignore_errors=True)
            os.replace(staging, final)
        except PhotoProblem as error:
            entry = {"error": str(error)}
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        return entry

    # -- saving ----------------------------------------------------------------

    def save(self) -> None:
        """Write the index (atomically) and drop entries unused for GALLERY_CACHE_KEEP_DAYS."""
        self._prune()
        if not self.changed:
            return
        os.makedirs(self.root, exist_ok=True)
        data = {"version": CACHE_VERSION, "sources": self.sources, "entries": self.entries}
        handle, tmp = tempfile.mkstemp(dir=self.root, prefix=".index-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(tmp, self.index_path)
        self.changed = False

    def _prune(self) -> None:
        oldest = self.today - max(0, self.gs.keep_days)
        for key in [k for k, e in self.entries.items() if e.get("used", 0) < oldest]:
            self.forget(key)
        stale = [p for p, r in self.sources.items() if self.key_for(r[2]) not in self.entries]
        for path in stale:
            del self.sources[path]
            self.changed = True


def hash_file(path: str) -> str:
    digest = hashlib.blake2b(digest_size=20)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
