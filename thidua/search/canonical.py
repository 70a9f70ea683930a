"""Make a Pagefind bundle's bytes depend on its pages only.

Pagefind 1.5 builds its filter index in Rust hash maps, whose order changes from
run to run: the same pages give the same ``fragment/`` and ``index/`` files but
filter files whose values come in another order (so other names, since a file
is named by a hash of its bytes), a metadata file listing the filters (and
sorts) in another order, and an entry file naming that metadata file. This
module puts those orders in one fixed order and names the files again from
their new bytes, as Pagefind does:

* ``filter/<lang>_<hash>.pf_filter``: gzip of ``pagefind_dcd`` + CBOR
  ``[filter, [[value, [page, …]], …]]``; the values are sorted.
* ``pagefind.<lang>_<hash>.pf_meta``: gzip of ``pagefind_dcd`` + CBOR
  ``[version, pages, index chunks, [[filter, hash], …], [[sort, pages], …], …]``;
  filters and sorts are sorted by name and the filters point at the new files.
* ``pagefind-entry.json``: the metadata file's new hash.

Nothing else is touched. Each file is first checked to read back to its very
bytes (``cbor``) and to have the shape above; a bundle that does not raises
``CanonicalError`` and the build fails rather than publish an index it may
have broken. gzip is written with time 0, so the same bytes compress alike.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from . import cbor

SIGNATURE = b"pagefind_dcd"


class CanonicalError(RuntimeError):
    """Pagefind wrote a bundle this module does not know how to put in order."""


def _read(path: Path):
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as exc:
        raise CanonicalError(f"{path.name}: not gzip ({exc})") from exc
    if not raw.startswith(SIGNATURE):
        raise CanonicalError(f"{path.name}: no {SIGNATURE.decode()} signature")
    body = raw[len(SIGNATURE) :]
    try:
        value = cbor.loads(body)
    except (cbor.CborError, UnicodeDecodeError) as exc:
        raise CanonicalError(f"{path.name}: {exc}") from exc
    if cbor.dumps(value) != body:
        raise CanonicalError(f"{path.name}: CBOR that does not read back to the same bytes")
    return value


def _packed(value) -> bytes:
    return SIGNATURE + cbor.dumps(value)


def _compress(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _name(prefix: str, data: bytes, length: int, taken: set[str]) -> str:
    """`prefix` + the first `length` hex digits of the data's hash, longer on a clash."""
    digest = hashlib.sha256(data).hexdigest()
    while (name := prefix + digest[:length]) in taken and length < len(digest):
        length += 1
    taken.add(name)
    return name


def _is_pairs(value, second) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
        and isinstance(item[1], second) for item in value
    )  # fmt: skip


def _filter(path: Path) -> list:
    value = _read(path)
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and _is_pairs(value[1], list)):  # fmt: skip
        raise CanonicalError(f"{path.name}: not a filter index of Pagefind 1.5")
    return [value[0], sorted(value[1], key=lambda pair: pair[0])]


def canonicalise(bundle: Path) -> None:
    """Rewrite the order-dependent files of the Pagefind bundle in `bundle`, in place."""
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = dict(entry["languages"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CanonicalError(f"unreadable {entry_path.name}: {exc}") from exc
    new_files: dict[Path, bytes] = {}
    old_files: set[Path] = set()
    filter_names: set[str] = set()
    for language in sorted(languages):
        info = languages[language]
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        if not (isinstance(meta, list) and len(meta) >= 5 and _is_pairs(meta[3], str)
                and _is_pairs(meta[4], list)):  # fmt: skip
            raise CanonicalError(f"{meta_path.name}: not the metadata of Pagefind 1.5")
        filters = []
        for name, old_hash in sorted(meta[3], key=lambda pair: pair[0]):
            old = bundle / "filter" / f"{old_hash}.pf_filter"
            data = _packed(_filter(old))
            new_hash = _name(f"{language}_", data, 7, filter_names)
            old_files.add(old)
            new_files[bundle / "filter" / f"{new_hash}.pf_filter"] = _compress(data)
            filters.append([name, new_hash])
        meta = [*meta[:3], filters, sorted(meta[4], key=lambda pair: pair[0]), *meta[5:]]
        data = _packed(meta)
        meta_hash = _name(f"{language}_", data, 10, set())
        old_files.add(meta_path)
        new_files[bundle / f"pagefind.{meta_hash}.pf_meta"] = _compress(data)
        languages[language] = dict(info, hash=meta_hash)
    entry["languages"] = {language: languages[language] for language in sorted(languages)}
    unknown = {p for p in (bundle / "filter").glob("*")} - old_files
    if unknown:
        raise CanonicalError(f"filter files no metadata names: {sorted(p.name for p in unknown)}")
    for path in old_files:
        path.unlink()
    for path, data in new_files.items():
        path.write_bytes(data)
    # As Pagefind writes it (serde_json): compact, UTF-8, no newline at the end.
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")  # fmt: skip
