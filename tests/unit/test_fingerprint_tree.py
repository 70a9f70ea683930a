"""The fingerprint walks the content with its own scan (`thidua.cli.fingerprint._tree`),
which tells links to folders apart: what it hashes must be what a plain walk finds, in
the same order, and a link to a folder counts as a link."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

from thidua.cli import fingerprint
from thidua.incremental.reader_cache import content_digest


def walked_digest(root: Path) -> str:
    """The content's digest as a plain os.walk makes it (one thread, top-down, sorted)."""
    digest = hashlib.blake2b(b"start")
    for folder, dirs, names in os.walk(os.path.abspath(root), followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in fingerprint.SKIPPED_NAMES
                         and not os.path.islink(os.path.join(folder, d)))  # fmt: skip
        links = sorted(d for d in os.listdir(folder)
                       if os.path.islink(os.path.join(folder, d))
                       and os.path.isdir(os.path.join(folder, d)))  # fmt: skip
        relative = os.path.relpath(folder, root)
        for name in sorted([*names, *links]):
            path = os.path.join(folder, name)
            digest.update(os.fsencode(os.path.normpath(os.path.join(relative, name))) + b"\0")
            if stat.S_ISLNK(os.lstat(path).st_mode):
                digest.update(b"link:" + os.fsencode(os.readlink(path)))
            else:
                digest.update(content_digest(Path(path).read_bytes()))
    return digest.hexdigest()


def walked_listing(output: Path) -> list[str]:
    """The output's files as a plain walk lists them: name, size, time; links to folders
    left out."""
    lines = []
    for folder, dirs, names in os.walk(output, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not os.path.islink(os.path.join(folder, d)))
        relative = os.path.relpath(folder, output)
        prefix = "" if relative == "." else relative + "/"
        for name in sorted(names):
            info = os.lstat(os.path.join(folder, name))
            lines.append(f"{prefix}{name}:{info.st_size}:{info.st_mtime_ns}\n")
    return lines


def make_tree(root: Path, outside: Path) -> None:
    for n in range(30):  # more folders than threads, at several depths
        folder = root / "articles" / str(2015 + n % 4) / f"bai-{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(f"---\ntitle: Bài {n}\n---\nĐoạn {n}.\n", "utf-8")
        if n % 3 == 0:
            (folder / "anh.jpg").write_bytes(bytes([n]) * (n + 1))
    (root / "units.yml").write_text("- slug: vks-a\n", "utf-8")
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "x.pyc").write_bytes(b"skipped")
    (root / "articles" / "a-link.md").symlink_to(root / "units.yml")
    (root / "articles" / "broken.md").symlink_to(root / "missing.md")
    outside.mkdir()
    (root / "articles" / "a-folder-link").symlink_to(outside)


def test_the_scan_hashes_what_a_plain_walk_finds(tmp_path):
    root, outside = tmp_path / "content", tmp_path / "outside"
    make_tree(root, outside)
    digest = hashlib.blake2b(b"start")
    files: dict = {}
    fingerprint._hash_tree(digest, root, files)
    assert digest.hexdigest() == walked_digest(root)
    assert len(files) == 30 + 10 + 1  # regular files only; links and skipped folders not
    assert all(files[p] == content_digest(Path(p).read_bytes()) for p in files)


def test_a_link_to_a_folder_counts_as_a_link(tmp_path):
    """A link to a folder is not followed; where it points is part of the fingerprint."""
    root, outside = tmp_path / "content", tmp_path / "outside"
    make_tree(root, outside)
    before = hashlib.blake2b()
    fingerprint._hash_tree(before, root)
    (root / "articles" / "a-folder-link").unlink()
    (tmp_path / "elsewhere").mkdir()
    (root / "articles" / "a-folder-link").symlink_to(tmp_path / "elsewhere")
    after = hashlib.blake2b()
    fingerprint._hash_tree(after, root)
    assert before.hexdigest() != after.hexdigest()


def test_the_output_listing_is_a_plain_walks(tmp_path):
    root, outside = tmp_path / "output", tmp_path / "outside"
    make_tree(root, outside)
    expected = hashlib.blake2b()
    for line in walked_listing(root):
        expected.update(line.encode())
    assert fingerprint._output_listing(root) == expected.hexdigest()


SHARED = """
import hashlib, sys
from pathlib import Path
from thidua.cli import fingerprint
from thidua.incremental import forking

root = Path(sys.argv[1])
fingerprint.SHARE_FROM = 3  # share below the first levels even in a small tree
if sys.argv[2] == "failing":  # the forked copies die without a result
    def fork(work):
        return forking.fork(lambda: forking.os._exit(3))
    fingerprint.fork = fork

def content(workers):
    digest, files = hashlib.blake2b(), {}
    fingerprint._hash_tree(digest, root / "content", files, None, workers)
    return digest.hexdigest(), sorted(files.items())

alone, shared = content(1), content(3)
listing = fingerprint._output_listing(root / "content", 1)
print(alone == shared and len(shared[1]) == 41,
      listing == fingerprint._output_listing(root / "content", 3))
"""


def test_folders_listed_by_several_processes_give_the_same_fingerprint(tmp_path):
    """On a cold file-system cache the folders are listed by forked copies of the build
    (`_scans_beside`): the same digest and files as one process, also when a copy dies.
    Run in a fresh process: a fork is only safe where no other thread runs."""
    make_tree(tmp_path / "content", tmp_path / "outside")
    root = Path(__file__).resolve().parents[2]
    for mode in ("working", "failing"):
        env = dict(os.environ, PYTHONPATH=str(root))
        ran = subprocess.run([sys.executable, "-c", SHARED, str(tmp_path), mode], env=env,
                             cwd=root, capture_output=True, text=True, check=True)  # fmt: skip
        assert ran.stdout.split() == ["True", "True"], (mode, ran.stdout, ran.stderr)


EARLY = """
import sys
from pathlib import Path
from thidua.cli import fingerprint

root, kept = Path(sys.argv[1]) / "content", Path(sys.argv[1]) / "cache" / "digests.pickle"
fingerprint.SHARE_FROM = 3  # share below the first levels even in a small tree
early = fingerprint.EarlyListing(root, kept, 3)
part, listing = early.take(root, kept)
again = fingerprint.ContentListing()
print(part == fingerprint.content_part(root, again, kept, 1),
      listing == again and len(listing.files) == 41 and len(listing.apart) == 4,
      early.take(root, kept) is None,  # once
      fingerprint.EarlyListing(root, kept).take(root / "articles", kept) is None,
      fingerprint.EarlyListing(root, kept).take(root, kept.with_name("other")) is None)
"""


def test_the_content_listed_early_is_the_content_listed_by_the_build(tmp_path):
    """The command line lists the content in a forked process while it imports Pelican
    (`EarlyListing`): the same part of the fingerprint and the same listing as the build's
    own, and nothing for another folder or cache. In a fresh process, as above."""
    make_tree(tmp_path / "content", tmp_path / "outside")
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    ran = subprocess.run([sys.executable, "-c", EARLY, str(tmp_path)], env=env, cwd=root,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert ran.stdout.split() == ["True"] * 5, (ran.stdout, ran.stderr)
