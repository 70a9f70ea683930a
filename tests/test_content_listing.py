"""A generator's files from the build's listing (`pelican_plugin.listing`) are the ones
Pelican's own walk finds (`pelican.generators.Generator.get_files`, the oracle), and
the listing is not used where it could differ: links, special files, skipped folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.generators import Generator

from thidua import PROJECT_ROOT
from thidua.cli import build, fingerprint
from thidua.incremental.pages import PLAN_KEY, RenderPlan
from thidua.incremental.reader_cache import ReaderCache
from thidua.pelican_plugin.generators import PortalArticlesGenerator
from thidua.pelican_plugin.listing import folder_files, listed_files

FILES = [
    "articles/2024/mot/index.md",
    "articles/2024/hai.md",
    "articles/2024/ba.markdown",
    "articles/2024/ghi-chu.txt",
    "articles/2024/.an.md",
    "articles/2024/.#dang-sua.md",
    "articles/2024/bon.md.bak",
    "articles/2024/nhap/nam.md",  # "nhap" excluded only directly under articles/
    "articles/nhap/sau.md",
    "articles/tmp-cu/bay.md",
    "articles/.an/tam.md",
    "articles/sau/sau-nua/rat-sau/chin.md",
    "pages/gioi-thieu.md",
    "static/logo.png",
]

ASKED = [  # (paths, exclude, extensions) as generators ask
    (["articles"], ["pages"], None),
    ([""], ["pages", "articles/nhap"], None),
    ("articles", None, False),
    (["articles/"], ["articles/nhap"], None),
    (["articles", "articles/2024"], [], None),
    (["articles/../articles/2024"], [], ["md"]),
    (["pages"], ["articles"], None),
    (["static"], [], False),
]


def generator(content: Path, tmp_path: Path, **override) -> PortalArticlesGenerator:
    """The project's articles generator for `content`, with the listing a build takes."""
    settings = build.load_settings(PROJECT_ROOT / "pelicanconf.py", content, **override)
    listing = fingerprint.ContentListing()
    fingerprint.inputs(settings, "2024-01-01", b"environment", listing)
    cache = ReaderCache(b"key")
    cache.known, cache.apart = listing.files, listing.apart
    plan = RenderPlan(base=b"", reader_cache=cache)
    pelican = Pelican(dict(settings, OUTPUT_PATH=str(tmp_path / "out"), **{PLAN_KEY: plan}))
    return PortalArticlesGenerator(
        context={}, settings=pelican.settings, path=pelican.path, theme=pelican.theme,
        output_path=pelican.output_path,
    )  # fmt: skip


@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", "utf-8")
    return root


def walked(gen, paths, exclude, extensions) -> set[str]:
    return Generator.get_files(gen, paths, exclude, extensions)


@pytest.mark.parametrize("ignores", [None, [".#*", "*.bak", "tmp*"]])
@pytest.mark.parametrize(("paths", "exclude", "extensions"), ASKED)
def test_the_listing_gives_what_pelican_walks(content, tmp_path, ignores, paths, exclude,
                                              extensions):  # fmt: skip
    override = {} if ignores is None else {"IGNORE_FILES": ignores}
    gen = generator(content, tmp_path, **override)
    listed = listed_files(gen, paths, exclude, extensions)
    assert listed is not None  # answered from the listing, not walked
    assert listed == walked(gen, paths, exclude, extensions)


def test_the_generator_reads_its_files_in_path_order_from_the_listing(content, tmp_path):
    gen = generator(content, tmp_path)
    found = gen.get_files(["articles"], ["pages"])
    assert found == sorted(walked(gen, ["articles"], ["pages"], None))
    assert "articles/2024/hai.md" in found and "articles/2024/ghi-chu.txt" not in found


@pytest.mark.parametrize("make", ["link_to_folder", "link_to_file", "broken_link", "pipe",
                                  "skipped_folder"])  # fmt: skip
def test_a_link_or_special_file_sends_that_folder_back_to_the_walk(content, tmp_path, make):
    elsewhere = tmp_path / "ngoai"
    (elsewhere / "sub").mkdir(parents=True)
    (elsewhere / "sub/muoi.md").write_text("x", "utf-8")
    at = content / "articles/2024/la"
    if make == "link_to_folder":
        os.symlink(elsewhere / "sub", at)
    elif make == "link_to_file":
        os.symlink(elsewhere / "sub/muoi.md", content / "articles/2024/la.md")
    elif make == "broken_link":
        os.symlink(tmp_path / "khong-co.md", content / "articles/2024/la.md")
    elif make == "pipe":
        os.mkfifo(content / "articles/2024/la.md")
    else:
        (content / "articles/2024/__pycache__").mkdir()
        (content / "articles/2024/__pycache__/muoi.md").write_text("x", "utf-8")
    gen = generator(content, tmp_path)
    for paths in (["articles"], ["articles/2024"], [""]):  # under it, or above it
        assert listed_files(gen, paths, [], None) is None
    # Elsewhere the listing still answers, and the generator's answer is Pelican's.
    assert listed_files(gen, ["pages"], [], None) == walked(gen, ["pages"], [], None)
    assert gen.get_files(["articles"], ["pages"]) == sorted(
        walked(gen, ["articles"], ["pages"], None))  # fmt: skip


def test_a_folder_outside_the_content_or_a_file_is_walked(content, tmp_path):
    gen = generator(content, tmp_path)
    assert listed_files(gen, ["../"], [], None) is None
    assert listed_files(gen, ["articles/2024/hai.md"], [], None) is None
    assert listed_files(gen, ["khong-co"], [], None) is None


def test_without_a_listing_the_generator_walks(content, tmp_path):
    gen = generator(content, tmp_path)
    gen.settings[PLAN_KEY].reader_cache.apart = None  # a build without the fingerprint's
    assert listed_files(gen, ["articles"], [], None) is None
    assert gen.get_files(["articles"]) == sorted(walked(gen, ["articles"], None, None))


def test_a_folders_files_from_the_listing_are_what_the_folder_holds(content, tmp_path):
    """The gallery asks for each article folder's files (`folder_files`): from the listing
    they are the folder's regular files, as `os.listdir` and `isfile` give them; where a
    link or a special file sits, or for a folder the listing did not walk, it cannot tell."""
    (content / "articles/2024/mot/anh-1.jpg").write_bytes(b"jpeg")
    (content / "articles/2024/mot/anh-2.JPG").write_bytes(b"jpeg")
    (content / "articles/2024/mot/con").mkdir()
    (content / "articles/2024/mot/con/anh-3.jpg").write_bytes(b"jpeg")
    (content / "articles/tmp-cu/anh.jpg").write_bytes(b"jpeg")
    os.symlink(content / "articles/tmp-cu/anh.jpg", content / "articles/tmp-cu/lien-ket.jpg")
    listed = folder_files(generator(content, tmp_path).settings)
    assert listed is not None

    folder = content / "articles/2024/mot"
    expected = sorted(name for name in os.listdir(folder) if (folder / name).is_file())
    assert sorted(listed.names(str(folder))) == expected == ["anh-1.jpg", "anh-2.JPG", "index.md"]
    assert listed.names(str(content / "articles/tmp-cu")) is None  # a link there
    assert listed.names(str(tmp_path)) is None  # outside the content
    (content / "trong").mkdir()
    assert listed.names(str(content / "trong")) is None  # made after the listing


def test_without_a_listing_no_folder_files(content):
    settings = build.load_settings(PROJECT_ROOT / "pelicanconf.py", content)
    assert folder_files(settings) is None
