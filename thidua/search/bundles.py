"""The search index as bundles of one year each, rebuilt only when their reports change.

A **bundle** is one Pagefind index (``pagefind.js``, its metadata, word index,
filters and fragments) over some of the reports. Reports go into bundles by the
year of their date, a year with more than ``SEARCH_CHUNK_SIZE`` reports into
parts of that many, oldest first (by date, then path). So adding or editing a
report changes its year's bundle (or the last parts of it) and no other, and
Pagefind never holds more than one bundle in memory.

The newest bundle is the search page's entry point, ``SEARCH_BUNDLE_DIR``
(``pagefind/``); its ``bundles.json`` lists every bundle, newest first, with the
emulation years (the ``year`` filter) its reports belong to. The others sit
beside it: ``pagefind-2024/``, ``pagefind-2023/``, a second part
``pagefind-2023-2/``.

Each bundle folder holds ``bundle.json``: the bundle's **digest** (a hash of
every field of its reports, which the documents Pagefind reads are made of, the
Pagefind version, the search settings, the language and this package's code)
and a hash of its files. Given the previous
site, a bundle whose digest is found there, with files that still hash to what
its ``bundle.json`` says, is hard-linked (or copied) instead of indexed again.
Anything else (no ``bundle.json``, an unreadable one, another digest, a file
changed, missing or added) is indexed anew.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import os
import shutil
import zlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import settings as search_settings
from .records import SearchRecord, record_html

log = logging.getLogger(__name__)

BUNDLE_FILE = "bundle.json"  # inside every bundle: its digest and the hash of its files
MANIFEST_FILE = "bundles.json"  # inside the entry bundle: every bundle, for the search page
FORMAT = 2  # of this module's output; part of every digest
UNDATED = "0000"  # the year of a record without a date (never for a real report)
# This package's code that shapes a bundle's bytes: a change rebuilds every bundle.
CODE_FILES = ("bundles.py", "indexer.py", "canonical.py", "cbor.py", "records.py")


@dataclass(frozen=True)
class Part:
    """The reports of one bundle: `key` is the year, or year-N for its Nth part."""

    key: str
    records: tuple[SearchRecord, ...]

    @property
    def years(self) -> list[str]:
        """The emulation years (filter `year`) of its reports, newest first."""
        found = {r.filters["year"] for r in self.records if r.filters.get("year")}
        return sorted(found, reverse=True)


def year_of(record: SearchRecord) -> str:
    """'2024' for a record dated 2024-…; UNDATED without a date."""
    year = record.sort.get("date", "")[:4]
    return year if len(year) == 4 and year.isdigit() else UNDATED


def partition(records, size: int) -> list[Part]:
    """The bundles' reports, newest year first; a year's parts hold `size` reports,
    oldest first, so new reports of a year only change its last part."""
    size = max(1, int(size))
    by_year: dict[str, list[SearchRecord]] = {}
    for record in records:
        by_year.setdefault(year_of(record), []).append(record)
    parts = []
    for year in sorted(by_year, reverse=True):
        ordered = sorted(by_year[year], key=lambda r: (r.sort.get("date", ""), r.path))
        chunks = [ordered[start : start + size] for start in range(0, len(ordered), size)]
        for number in range(len(chunks), 0, -1):  # the newest part first
            key = year if number == 1 else f"{year}-{number}"
            parts.append(Part(key, tuple(chunks[number - 1])))
    return parts


def folder_names(entry: str, parts: list[Part]) -> list[str]:
    """Where each part goes: the first (newest) is the entry, the others `entry-key`."""
    return [entry] + [f"{entry}-{part.key}" for part in parts[1:]]


# -- Digests ------------------------------------------------------------------------


@functools.cache
def _code_hash() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in CODE_FILES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes())
    return digest.hexdigest()


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def tool_identity(executable: Path) -> dict:
    """What says which Pagefind (and gzip) writes a bundle's bytes."""
    try:
        size = executable.stat().st_size
    except OSError:
        size = None
    return {
        "pagefind": _version("pagefind"),
        "pagefind_bin_extended": _version("pagefind_bin_extended"),
        "pagefind_bin": _version("pagefind_bin"),
        "binary_size": size,
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "code": _code_hash(),
        "format": FORMAT,
    }


def documents(part: Part, language: str) -> list[tuple[str, bytes]]:
    """The documents Pagefind reads for `part`: (path in the site, bytes), by path."""
    docs = [(r.path, record_html(r, language).encode("utf-8")) for r in part.records]
    return sorted(docs)


def digest(part: Part, settings: dict, language: str, tool: dict) -> str:
    """A hash of everything that decides a bundle's bytes: the Pagefind settings and tool,
    the language, and every field of its reports (the documents Pagefind reads are made
    of those by this package's code, which `tool` names), in the documents' order.
    The fields go through `marshal` in one call (version 2: no back-references, so equal
    values give equal bytes): every build hashes every report, and JSON took five times
    as long. Another Python may write other bytes: its first build indexes
    again."""
    keep_ui = bool(search_settings.get(settings, "SEARCH_KEEP_PAGEFIND_UI"))
    head = {"tool": tool, "language": language, "keep_ui": keep_ui,
            "force_language": search_settings.get(settings, "SEARCH_LANGUAGE")}  # fmt: skip
    hasher = hashlib.sha256(json.dumps(head, sort_keys=True).encode("utf-8"))
    fields = [(str(record.path), str(record.title), str(record.text), _pairs(record.meta),
               _pairs(record.filters), _pairs(record.sort))
              for record in sorted(part.records, key=lambda r: r.path)]  # fmt: skip
    hasher.update(marshal.dumps(fields, 2))
    return hasher.hexdigest()


def _pairs(fields: dict) -> tuple:
    """A record's names and values as the documents print them (`str`: marshal takes no
    subclass of it, such as a Markup)."""
    return tuple((str(name), str(value)) for name, value in fields.items())


# -- The files of a bundle ----------------------------------------------------------


def bundle_files(folder: Path) -> list[str]:
    """The bundle's own files (relative, sorted): not bundle.json, not the manifest.
    Links are listed, not followed. (os.walk and plain strings: a large archive's
    bundles hold thousands of files, looked at on every build.)"""
    root = os.fspath(folder)
    names = []
    for here, dirs, files in os.walk(root):
        relative = os.path.relpath(here, root)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        linked_dirs = [d for d in dirs if os.path.islink(os.path.join(here, d))]
        for name in files + linked_dirs:
            names.append(prefix + name)
    return sorted(name for name in names if name not in (BUNDLE_FILE, MANIFEST_FILE))


def files_hash(folder: Path, names: list[str]) -> str:
    hasher = hashlib.sha256()
    root = os.fspath(folder)
    for name in names:
        with open(os.path.join(root, name), "rb") as handle:
            data = handle.read()
        hasher.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0")
        hasher.update(data)
    return hasher.hexdigest()


def write_record(folder: Path, bundle_digest: str, pages: int) -> None:
    """Seal a finished bundle: its digest and the hash of its files, in bundle.json."""
    record = {"digest": bundle_digest, "files": files_hash(folder, bundle_files(folder)),
              "format": FORMAT, "pages": pages}  # fmt: skip
    (folder / BUNDLE_FILE).write_text(json.dumps(record, sort_keys=True) + "\n", encoding="utf-8")


def read_digest(folder: Path) -> str | None:
    """The digest a bundle's bundle.json records; None when missing or unreadable."""
    try:
        record = json.loads((folder / BUNDLE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    found = record.get("digest")
    return found if isinstance(found, str) and found else None


def intact(folder: Path, names: list[str] | None = None) -> list[str] | None:
    """The bundle's files (`bundle_files`, given as `names` when the caller has them) when
    they still hash to what its bundle.json records, else None."""
    try:
        record = json.loads((folder / BUNDLE_FILE).read_text(encoding="utf-8"))
        names = bundle_files(folder) if names is None else names
        if isinstance(record, dict) and record.get("files") == files_hash(folder, names):
            return names
    except (OSError, ValueError, UnicodeDecodeError):
        pass
    return None


class Statuses:
    """Each bundle's files as the last build left them (size, modification time, inode;
    bundle.json too), kept with the build's caches: a bundle of the previous site whose
    files all still have that status is intact without reading them, as a page is
    (`thidua.incremental.pages.PageMemo`). An edit rebuilds one bundle and links the
    others; hashing theirs read every file of the index (25 MB at 5,000 reports), which
    with the disk busy kept an edit waiting seconds. Anything else is hashed (`intact`).
    `path` None: nothing kept, every bundle hashed."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept: dict = {}  # folder name -> {"digest": …, "files": {name: status}}
        self.written: dict = {}
        if path is None:
            return
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            return
        if isinstance(kept, dict) and kept.get("format") == FORMAT:
            self.kept = kept.get("bundles") or {}

    def intact(self, folder: Path, digest: str) -> list[str] | None:
        """`intact(folder)`, by the files' status when the last build noted them."""
        entry = self.kept.get(folder.name)
        if not isinstance(entry, dict) or entry.get("digest") != digest:
            return intact(folder)
        names = bundle_files(folder)
        noted = entry.get("files")
        if (isinstance(noted, dict) and set(noted) == {*names, BUNDLE_FILE}
                and all(noted[name] is not None and _status(folder, name) == noted[name]
                        for name in noted)):  # fmt: skip
            return names
        return intact(folder, names)  # listed once

    def note(self, folder: Path, digest: str) -> None:
        """The bundle in `folder`, as this build leaves it."""
        files = {name: _status(folder, name) for name in [*bundle_files(folder), BUNDLE_FILE]}
        self.written[folder.name] = {"digest": digest, "files": files}

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        tmp.write_text(json.dumps({"format": FORMAT, "bundles": self.written}), encoding="utf-8")
        os.replace(tmp, self.path)


def _status(folder: Path, name: str) -> list[int] | None:
    try:
        info = os.lstat(os.path.join(folder, name))
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def previous_bundles(previous_site: Path | None, entry: str) -> dict[str, Path]:
    """digest -> folder, for every sealed bundle of the previous site."""
    if previous_site is None:
        return {}
    first = Path(previous_site) / entry
    found: dict[str, Path] = {}
    for folder in [first, *sorted(first.parent.glob(f"{glob_escape(first.name)}-*"))]:
        if folder.is_dir() and not folder.is_symlink():
            bundle_digest = read_digest(folder)
            if bundle_digest is not None:
                found.setdefault(bundle_digest, folder)
    return found


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def link_bundle(source: Path, target: Path, names: list[str] | None = None) -> None:
    """Put the files of the bundle `source` (bundle.json too) into `target`, hard-linked
    where the file system allows, else copied. `names`: its `bundle_files`, if known."""
    made = set()
    source_root, target_root = os.fspath(source), os.fspath(target)
    for name in [*(bundle_files(source) if names is None else names), BUNDLE_FILE]:
        destination = os.path.join(target_root, name)
        folder = os.path.dirname(destination)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(os.path.join(source_root, name), destination)
        except OSError:
            shutil.copyfile(os.path.join(source_root, name), destination)


def write_manifest(entry_folder: Path, names: list[str], parts: list[Part]) -> None:
    """bundles.json in the entry bundle: where each bundle is (relative to the entry)
    and the years it holds, newest first."""
    listing = [{"url": "" if i == 0 else f"../{name}/", "years": part.years}
               for i, (name, part) in enumerate(zip(names, parts, strict=True))]  # fmt: skip
    text = json.dumps({"bundles": listing}, ensure_ascii=False, indent=1) + "\n"
    (entry_folder / MANIFEST_FILE).write_text(text, encoding="utf-8")
