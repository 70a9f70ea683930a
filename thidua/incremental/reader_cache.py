"""What the reader made of each file, kept for the next build.

An entry is the reader's result (typed fields and HTML) for one path and one
exact content (a hash of the file's bytes); the whole cache belongs to one
`key`: the project's code, the libraries, the settings and the message
language (``thidua.cli.fingerprint.environment``). A different key empties it.
Only files the reader found nothing wrong with are kept, so a problem is always
reported by a fresh read. Entries are pickled one by one, so every build gets
its own fresh objects. The registry's YAML parses go with them
(``frontmatter.remember_documents``): the strict YAML composer is plain Python.

An article goes further: the content object Pelican made of it, before the
enrichment step touches it, is kept whole (`content`, `put_content`), so the
next build skips the reader, Pelican's metadata steps, the object's setting-up
and its checks; its entry replaces the reader's. Pelican's own generator cache
does the same, and so skips the same signals. Only files the build's
fingerprint read as plain files under the content folder (`known`) are kept so.

`prewarm` fills the cache for many files at once, half of them in a forked
process: reading Markdown is a cold build's largest single cost.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
from pathlib import Path

from pelican.urlwrappers import URLWrapper

from thidua.domain import frontmatter

from .forking import ChildFailed, fork
from .hashing import content_digest
from .shelf import Shelf

log = logging.getLogger(__name__)

DOCUMENTS_NAME = "registry-documents.pickle"  # the reader's entries: `shelf` files
FORMAT = 3


def _by_digest(path: str, entry: tuple[bytes, bytes]) -> tuple[str, bytes]:
    """An entry is made from the bytes of the file at `path`: their digest names it."""
    return path, entry[0]


class ReaderCache:
    def __init__(self, key: bytes) -> None:
        self.key = key
        self.entries: dict[str, tuple[bytes, bytes]] = {}
        self.used: dict[str, tuple[bytes, bytes]] = {}
        self.hits = 0
        # path -> `content_digest` of the bytes the build's fingerprint read moments ago:
        # the build's snapshot of the content, not read and hashed a second time.
        self.known: dict[str, bytes] = {}
        # What else the fingerprint met in the content (links, special files, skipped
        # folders), None when the build has no listing: `listing.listed_files`.
        self.apart: list[str] | None = None
        # path -> (digest, a pickled content object): `content`, `put_content`.
        self.contents: dict[str, tuple[bytes, bytes]] = {}
        self.contents_used: dict[str, tuple[bytes, bytes]] = {}
        self.read_as: dict[str, bytes] = {}  # path -> digest of the bytes the reader used
        self._shelves: dict[str, Shelf] | None = None  # where the entries were loaded from
        # (key of the registry's files, the pickled registry): `registry`, `keep_registry`.
        self.registry_kept: tuple[bytes, bytes] | None = None
        self.registry_used: tuple[bytes, bytes] | None = None

    def digest_of(self, path: str) -> tuple[bytes, bytes | None]:
        """(digest, the bytes when they had to be read for it) of the file at `path`."""
        known = self.known.get(path)
        if known is not None:
            return known, None
        with open(path, "rb") as handle:
            data = handle.read()
        return content_digest(data), data

    @classmethod
    def load(cls, cache_dir: Path, key: bytes) -> ReaderCache:
        cache = cls(key)
        cache._shelves = cache._shelves_in(cache_dir)
        cache.entries = cache._shelves["reader"].load()
        cache.contents = cache._shelves["contents"].load()
        try:
            with open(cache_dir / DOCUMENTS_NAME, "rb") as handle:
                stored = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                ValueError):  # fmt: skip
            stored = None
        if isinstance(stored, dict) and stored.get("key") == (FORMAT, key):
            frontmatter.remember_documents(stored.get("documents") or {})
            cache.registry_kept = stored.get("registry")
        return cache

    def save(self, cache_dir: Path) -> None:
        """Keep the entries this build used (files since removed are forgotten)."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        shelves = self._shelves or self._shelves_in(cache_dir)
        shelves["reader"].save(self.used)
        shelves["contents"].save(self.contents_used)
        (cache_dir / "reader.pickle").unlink(missing_ok=True)  # one file, in earlier versions
        tmp = cache_dir / f".{DOCUMENTS_NAME}.{os.getpid()}"
        with open(tmp, "wb") as handle:
            pickle.dump({"key": (FORMAT, self.key), "documents": frontmatter.documents_asked(),
                         "registry": self.registry_used}, handle,
                        protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
        os.replace(tmp, cache_dir / DOCUMENTS_NAME)

    def _shelves_in(self, cache_dir: Path) -> dict[str, Shelf]:
        return {name: Shelf(cache_dir, name, (FORMAT, self.key), _by_digest)
                for name in ("reader", "contents")}  # fmt: skip

    def save_and_release(self, cache_dir: Path) -> None:
        """Once every file is read: keep the entries on disk, free them in memory (the
        pickled copies of a large archive's articles weigh tens of MB)."""
        self.save(cache_dir)
        self.entries, self.used, self.contents, self.contents_used = {}, {}, {}, {}

    digest = staticmethod(content_digest)

    def get(self, path: str, digest: bytes):
        """The reader's (fields, html) for `path` with these bytes, or None."""
        entry = self.entries.get(path)
        if entry is None or entry[0] != digest:
            return None
        self.used[path] = entry
        self.hits += 1
        return pickle.loads(entry[1])

    def put(self, path: str, digest: bytes, result, used: bool = True) -> None:
        entry = (digest, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        self.entries[path] = entry
        if used:
            self.used[path] = entry

    def content(self, path: str, shared: dict[str, object], named: dict):
        """The content object kept for `path` as the fingerprint read it, or None.
        `shared`: the build's objects by token (`put_content`); `named`: the tags,
        authors and categories made so far, by (class, name)."""
        digest = self.known.get(path)
        entry = self.contents.get(path)
        if digest is None or entry is None or entry[0] != digest:
            return None
        self.contents_used[path] = entry
        self.hits += 1
        return _ContentUnpickler(io.BytesIO(entry[1]), shared, named).load()

    def put_content(self, path: str, content, shared: dict[int, str]) -> None:
        """Keep `content`, as Pelican just made it of the file at `path`, for the next build.
        `shared`: id -> token of the build's objects it refers to but does not own (the
        settings, the context), which are put back, not copied, when it is loaded."""
        digest = self.read_as.get(path)
        if digest is None or self.known.get(path) != digest:  # not the fingerprint's bytes
            return
        buffer = io.BytesIO()
        _ContentPickler(buffer, shared).dump(content)
        self.contents_used[path] = (digest, buffer.getvalue())
        self.used.pop(path, None)  # the whole object stands for the reader's result
        self.entries.pop(path, None)

    def registry_key(self, paths, read_again: bool = False) -> bytes | None:
        """What the registry read from `paths` is made of, or None when one of them is not
        a file the fingerprint read (a link, a missing file): then it is not kept.
        `read_again`: from the files' bytes now, not the fingerprint's (to check that a
        registry just loaded was made of what the fingerprint read)."""
        digests = [self.known.get(os.fspath(path)) for path in paths]
        if any(digest is None for digest in digests):
            return None
        if read_again:
            try:
                digests = [content_digest(Path(path).read_bytes()) for path in paths]
            except OSError:
                return None
        listing = b"".join(os.fsencode(path) + b"\0" + digest
                           for path, digest in zip(paths, digests, strict=True))  # fmt: skip
        return hashlib.blake2b(listing, digest_size=20).digest()

    def registry(self, key: bytes):
        """The registry kept by the last build from the same files, or None."""
        if self.registry_kept is None or self.registry_kept[0] != key:
            return None
        self.registry_used = self.registry_kept
        return pickle.loads(self.registry_kept[1])

    def keep_registry(self, key: bytes, registry) -> None:
        """Keep `registry` (loaded without a problem, before anything else touched it)."""
        self.registry_used = (key, pickle.dumps(registry, protocol=pickle.HIGHEST_PROTOCOL))


class _ContentPickler(pickle.Pickler):
    """A content object without the build's own objects, and its tags, authors and
    category by name: each build makes one of each (and works out its slug once)."""

    def __init__(self, file, shared: dict[int, str]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.shared = shared

    def persistent_id(self, obj):
        token = self.shared.get(id(obj))
        if token is not None:
            return token
        if isinstance(obj, URLWrapper) and obj._slug_from_name:
            return ("named", type(obj), obj.name)
        return None


# (module, name) -> the class or function a pickle names: pickle's own lookup imports the
# module again for each name of each article (a fifth of loading one; nine names each).
_FOUND: dict[tuple[str, str], object] = {}


class _ContentUnpickler(pickle.Unpickler):
    def __init__(self, file, shared: dict[str, object], named: dict) -> None:
        super().__init__(file)
        self.shared, self.named = shared, named

    def find_class(self, module: str, name: str):
        found = _FOUND.get((module, name))
        if found is None:
            found = _FOUND[(module, name)] = super().find_class(module, name)
        return found

    def persistent_load(self, pid):
        if isinstance(pid, str):
            return self.shared[pid]
        _named, cls, name = pid
        found = self.named.get((cls, name))
        if found is None:
            found = self.named[(cls, name)] = cls(name, self.shared["settings"])
        return found


FORK_FROM = 8  # files to read before `prewarm` shares them with forked processes


def prewarm(cache: ReaderCache, paths: list[str], read_fresh, workers: int) -> int:
    """Read the files `cache` lacks, `workers` processes at once; returns how many.

    `read_fresh(path, data)` returns the reader's result or None (a file with a
    problem, not cached). A failed worker only costs time: the build then reads
    its files itself.
    """
    todo = []
    for path in paths:
        try:
            digest, _data = cache.digest_of(path)
        except OSError:
            continue
        kept = cache.entries.get(path) or cache.contents.get(path) or (None,)
        if kept[0] != digest:
            todo.append(path)
    if not todo:
        return 0
    if len(todo) < FORK_FROM:  # an edit or two: a process costs more than it saves
        workers = 1
    shares = [todo[n::workers] for n in range(workers)]
    children = [fork(lambda share=share: _read_into(cache, share, read_fresh))
                for share in shares[1:]]  # fmt: skip
    _read_into(cache, shares[0], read_fresh)
    for child in children:
        try:
            cache.entries.update(child.result())
        except ChildFailed:  # the build reads those files itself
            log.debug("a reading worker returned nothing")
    return len(todo)


def _read_into(cache: ReaderCache, paths: list[str], read_fresh) -> dict:
    added = {}
    for path in paths:
        try:
            data = Path(path).read_bytes()
            result = read_fresh(path, data)
        except Exception:  # the build's own read reports it
            continue
        if result is not None:
            cache.put(path, cache.digest(data), result, used=False)
            added[path] = cache.entries[path]
    return added
