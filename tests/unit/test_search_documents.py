"""The documents Pagefind reads are kept between builds: only changed ones are written,
removed ones go, and nothing is ever written through a link planted in the folder."""

from __future__ import annotations

import os

from thidua.search.indexer import sync_documents


def listing(folder) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_folder_holds_exactly_the_documents_and_unchanged_ones_stay(tmp_path):
    folder = tmp_path / "docs"
    first = [("bai-viet/2024/a/index.html", b"A"), ("bai-viet/2024/b/index.html", b"B")]
    sync_documents(first, folder)
    assert listing(folder) == dict(first)
    kept = os.stat(folder / "bai-viet/2024/a/index.html")
    second = [("bai-viet/2024/a/index.html", b"A"), ("bai-viet/2025/c/index.html", b"C"),
              ("bai-viet/2024/b/index.html", b"B2")]  # fmt: skip
    sync_documents(second, folder)
    assert listing(folder) == dict(second)
    again = os.stat(folder / "bai-viet/2024/a/index.html")
    assert (again.st_ino, again.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    sync_documents([("bai-viet/2025/c/index.html", b"C")], folder)
    assert listing(folder) == {"bai-viet/2025/c/index.html": b"C"}


def test_a_planted_link_is_not_written_through(tmp_path):
    folder, outside = tmp_path / "docs", tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_bytes(b"precious")
    sync_documents([("bai-viet/2024/a/index.html", b"A")], folder)
    os.symlink(outside, folder / "bai-viet" / "2024" / "b")  # a folder that is a link
    os.symlink(outside / "index.html", folder / "bai-viet" / "2024" / "a" / "x.html")
    sync_documents([("bai-viet/2024/b/index.html", b"B")], folder)
    assert (outside / "index.html").read_bytes() == b"precious"
    assert listing(folder) == {"bai-viet/2024/b/index.html": b"B"}
    assert not (folder / "bai-viet" / "2024" / "b").is_symlink()


def test_a_folder_where_a_document_goes_is_replaced(tmp_path):
    folder = tmp_path / "docs"
    (folder / "bai-viet" / "index.html").mkdir(parents=True)
    sync_documents([("bai-viet/index.html", b"A")], folder)
    assert listing(folder) == {"bai-viet/index.html": b"A"}
