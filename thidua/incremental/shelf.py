"""A cache dict kept on disk in shards, so that a build rewrites only what changed.

The reader's entries and the search records of a large archive weigh tens of MB;
written whole after every edit, they cost a tenth of a second to pickle and leave
the disk busy writing them back while the next build reads. Entries are spread
over `SHARDS` files by a hash of their key; a shard whose entries are the same as
when it was loaded (by `identity`: a key and the digest its value was made from)
is not written again. Each file carries the cache's `key`: a file of another key
(other code, settings, day) is ignored, as a missing or damaged one is.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path

SHARDS = 16
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
               ValueError, TypeError, IndexError)  # fmt: skip


def _shard(key) -> int:
    data = key if isinstance(key, bytes) else str(key).encode("utf-8", "surrogatepass")
    return zlib.crc32(data) % SHARDS


def _path(folder: Path, name: str, number: int) -> Path:
    return folder / f"{name}.{number:02d}.pickle"


class Shelf:
    """`load` the entries of `name` in `folder`, use them, `save` the ones to keep.

    `identity(key, value)` says which entry a value is: equal identities, equal values
    (the cache's entries are made from digests of what they describe)."""

    def __init__(self, folder: Path | None, name: str, key, identity: Callable) -> None:
        self.folder, self.name, self.key, self.identity = folder, name, key, identity
        self._loaded: dict[int, frozenset] = {}  # shard -> the identities it held

    def load(self) -> dict:
        entries: dict = {}
        if self.folder is None:
            return entries
        for number in range(SHARDS):
            try:
                with open(_path(self.folder, self.name, number), "rb") as handle:
                    stored = pickle.load(handle)
            except _UNREADABLE:
                continue
            if not isinstance(stored, dict) or stored.get("key") != self.key:
                continue
            part = stored.get("entries")
            if not isinstance(part, dict):
                continue
            entries.update(part)
            self._loaded[number] = frozenset(self.identity(k, v) for k, v in part.items())
        return entries

    def save(self, entries: dict) -> int:
        """Keep exactly `entries`; returns how many shards were written."""
        if self.folder is None:
            return 0
        self.folder.mkdir(parents=True, exist_ok=True)
        shards: list[dict] = [{} for _ in range(SHARDS)]
        for key, value in entries.items():
            shards[_shard(key)][key] = value
        written = 0
        for number, part in enumerate(shards):
            identities = frozenset(self.identity(k, v) for k, v in part.items())
            if self._loaded.get(number) == identities:
                continue
            path = _path(self.folder, self.name, number)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            with open(tmp, "wb") as handle:
                pickle.dump({"key": self.key, "entries": part}, handle,
                            protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
            os.replace(tmp, path)
            self._loaded[number] = identities
            written += 1
        return written
