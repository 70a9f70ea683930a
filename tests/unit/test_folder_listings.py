"""Folder listings kept between builds (`thidua.incremental.folder_listings`): a folder
is not read again while its own status says its names are the same, and never trusted
otherwise. The fingerprint and the spare's emptier list folders with them."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from thidua.cli import fingerprint
from thidua.incremental import folder_listings, spare
from thidua.incremental.folder_listings import FolderListings, list_folder


def settled(path: Path) -> FolderListings:
    """Listings kept in `path`, for which every folder listed counts as settled (the test
    does not wait two seconds); a folder changed later still gets a newer change time."""
    listings = FolderListings(path)
    listings.settled_ns = -(10**10)
    return listings


def tick() -> None:
    """Long enough for the file system's clock to move past the last change time."""
    time.sleep(0.02)


def make(root: Path, *names: str) -> None:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name, "utf-8")


@pytest.fixture
def no_reading(monkeypatch):
    """Count the folders actually read from the disk (os.scandir calls)."""
    read: list[str] = []
    real = os.scandir

    def counting(path="."):
        read.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(folder_listings.os, "scandir", counting)
    return read


def test_an_unchanged_folder_is_not_read_again(tmp_path, no_reading):
    make(tmp_path / "tree", "a/index.html", "a/b.jpg", "c/index.html")
    kept = tmp_path / "folders.pickle"
    first = settled(kept)
    names = list_folder(str(tmp_path / "tree/a"), first)
    assert names == (("b.jpg", False, False), ("index.html", False, False))
    first.save()
    no_reading.clear()

    again = settled(kept)
    assert list_folder(str(tmp_path / "tree/a"), again) == names
    assert no_reading == []


@pytest.mark.parametrize("change", ["add", "remove", "rename"])
def test_a_folder_whose_names_changed_is_read_again(tmp_path, no_reading, change):
    make(tmp_path, "a/index.html", "a/old.jpg")
    kept = tmp_path / "folders.pickle"
    first = settled(kept)
    list_folder(str(tmp_path / "a"), first)
    first.save()
    tick()
    if change == "add":
        make(tmp_path, "a/new.jpg")
    elif change == "remove":
        (tmp_path / "a/old.jpg").unlink()
    else:
        (tmp_path / "a/old.jpg").rename(tmp_path / "a/renamed.jpg")
    no_reading.clear()

    names = list_folder(str(tmp_path / "a"), settled(kept))
    assert [name for name, _folder, _link in names] == sorted(os.listdir(tmp_path / "a"))
    assert no_reading == [str(tmp_path / "a")]


def test_a_folder_changed_too_recently_is_not_kept(tmp_path, no_reading):
    """Its change time is within the clock's reach: a second change could keep it."""
    make(tmp_path, "a/index.html")
    kept = tmp_path / "folders.pickle"
    first = FolderListings(kept)  # the folder was made a moment ago
    list_folder(str(tmp_path / "a"), first)
    assert not first.changed
    first.save()
    no_reading.clear()
    list_folder(str(tmp_path / "a"), settled(kept))
    assert no_reading == [str(tmp_path / "a")]


def test_another_folder_at_the_same_path_is_read(tmp_path, no_reading):
    make(tmp_path, "a/index.html")
    kept = tmp_path / "folders.pickle"
    first = settled(kept)
    list_folder(str(tmp_path / "a"), first)
    first.save()
    (tmp_path / "a").rename(tmp_path / "old")
    make(tmp_path, "a/index.html")  # the same names, another folder
    no_reading.clear()
    list_folder(str(tmp_path / "a"), settled(kept))
    assert no_reading == [str(tmp_path / "a")]


def test_a_listing_unused_for_several_saves_is_forgotten(tmp_path):
    make(tmp_path, "a/index.html", "b/index.html")
    kept = tmp_path / "folders.pickle"
    listings = settled(kept)
    list_folder(str(tmp_path / "a"), listings)
    list_folder(str(tmp_path / "b"), listings)
    listings.save()
    for _save in range(folder_listings.KEPT_FOR):
        listings = settled(kept)
        list_folder(str(tmp_path / "b"), listings)  # b used every time, a never
        listings.save()
    left = FolderListings(kept).kept
    assert {key[1] for key in left} == {os.lstat(tmp_path / "b").st_ino}


def test_the_fingerprint_sees_a_file_changed_in_an_unchanged_folder(tmp_path, no_reading):
    """The names come from the listing; the file's own status is read every time."""
    make(tmp_path / "content", "a/index.md", "b/index.md")
    kept = tmp_path / "cache/content-digests.pickle"
    # Every folder settled and listed (a build would list them once they are 2 s old).
    listings = settled(fingerprint.content_folders_path(kept))
    for folder in ("", "a", "b"):
        list_folder(str(tmp_path / "content" / folder), listings)
    listings.save()
    unchanged = fingerprint.content_part(tmp_path / "content", kept=kept)
    no_reading.clear()

    (tmp_path / "content/b/index.md").write_text("sửa rồi", "utf-8")
    changed = fingerprint.content_part(tmp_path / "content", kept=kept)
    assert no_reading == []  # no folder read: their names are unchanged
    assert changed != unchanged


def test_a_kept_listing_that_does_not_fit_is_read_again(tmp_path):
    """A listing naming a file the folder does not hold (it cannot happen while the
    folder's status is unchanged, but is never taken on trust)."""
    make(tmp_path / "tree", "a/index.html")
    kept = tmp_path / "folders.pickle"
    listings = settled(kept)
    info = os.lstat(tmp_path / "tree/a")
    listings.kept[(info.st_dev, info.st_ino)] = (
        folder_listings._status(info),
        (("gone.html", False, False), ("index.html", False, False)),
        0,
    )
    scanned = fingerprint._scan(str(tmp_path / "tree/a"), listings)
    assert [entry[0] for entry in scanned] == ["index.html"]


def test_the_emptier_with_kept_listings_empties_what_a_fresh_one_does(tmp_path):
    """A file added to a folder after it was listed is removed too: the folder changed."""
    staging = tmp_path / "staging"
    live = tmp_path / "live"
    names = ("index.html", "a/b/c/index.html", "a/b/c/photo.jpg", "a/feed.xml", "d/e/f/g.css")
    make(staging, *names)
    for name in names:
        (live / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(staging / name, live / name)
    kept = tmp_path / "folders.pickle"
    listings = settled(kept)
    fingerprint._output_listing(staging, listings=listings)
    listings.save()
    tick()
    make(staging, "a/b/c/added.jpg", "d/e/f/added.html")

    emptier = spare.Emptier(staging, frozenset({".html", ".xml"}), settled(kept)).start()
    emptier.join()
    remaining = sorted(str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_file())
    assert remaining == ["a/b/c/index.html", "a/feed.xml", "index.html"]
    assert sorted(os.fsdecode(path) for _inode, path in emptier.candidates) == [
        str(staging / name) for name in remaining
    ]


def test_a_folder_settled_when_listed_is_kept_however_old_the_listings(tmp_path):
    """A build lists its own output at its end: folders it made after loading the
    listings count from the moment each is listed (here the settling takes 50 ms)."""
    listings = FolderListings(tmp_path / "folders.pickle")
    listings.settled_ns = 50_000_000
    make(tmp_path, "site/a/index.html")
    time.sleep(0.1)
    list_folder(str(tmp_path / "site/a"), listings)
    assert listings.changed


@pytest.mark.parametrize(
    "damage",
    [
        lambda key, entry: {"format": 1, "generation": "x", "folders": {key: entry}},
        lambda key, entry: {"format": 1, "generation": 0, "folders": [entry]},
        lambda key, entry: {"format": 1, "generation": 0, "folders": {key: entry[:2]}},
        lambda key, entry: {
            "format": 1,
            "generation": 0,
            "folders": {key: (entry[0], (("../outside", False, False),), 0)},
        },
    ],
)
def test_a_damaged_or_altered_file_is_not_trusted(tmp_path, no_reading, damage):
    """Kept names never lead outside their folder, and a damaged file is read as none."""
    import pickle

    make(tmp_path / "tree", "a/index.html")
    make(tmp_path, "outside")
    kept = tmp_path / "folders.pickle"
    info = os.lstat(tmp_path / "tree/a")
    entry = (folder_listings._status(info), (("index.html", False, False),), 0)
    kept.write_bytes(pickle.dumps(damage((info.st_dev, info.st_ino), entry)))
    no_reading.clear()
    names = list_folder(str(tmp_path / "tree/a"), settled(kept))
    assert names == (("index.html", False, False),)
    assert no_reading == [str(tmp_path / "tree/a")]
