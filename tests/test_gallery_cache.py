"""An unchanged photo is never processed twice; each build gets exactly the files it needs."""

from __future__ import annotations

import logging
import os
import re
import time

import pytest

from tests.sites.gallery.builder import article, build, captured_logs, photo
from thidua.gallery import images


@pytest.fixture
def counted(monkeypatch):
    """Count the photos the pipeline decodes."""
    calls = []
    original = images.make_derivatives

    def counting(path, dest, gs):
        calls.append(os.path.basename(path))
        return original(path, dest, gs)

    monkeypatch.setattr(images, "make_derivatives", counting)
    return calls


def site(tmp):
    content = tmp / "content"
    folder = content / "articles" / "2024" / "hai-anh"
    photo(folder / "mot.jpg")
    photo(folder / "hai.jpg", color=(30, 90, 200))
    article(content, "2024/hai-anh", "Hai ảnh", photos=["mot.jpg", "hai.jpg"])
    return folder


def files(output):
    return sorted(p.name for p in (output / "anh" / "hai-anh").iterdir())


def test_warm_build_processes_nothing_and_fills_a_fresh_output(tmp_path, counted):
    site(tmp_path)
    first = build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-1"))
    assert sorted(counted) == ["hai.jpg", "mot.jpg"]
    counted.clear()
    with captured_logs() as logs:
        second = build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-2"))
    assert counted == []
    assert files(second) == files(first) and len(files(second)) == 12
    summary = [m for m in logs.messages(logging.INFO) if "from the cache" in m]
    assert re.search(r"2 photos \(0 processed, 2 from the cache\)", summary[0])


def test_published_files_are_links_to_the_cache_not_copies(tmp_path):
    site(tmp_path)
    output = build(tmp_path)
    published = output / "anh" / "hai-anh" / "mot-640.jpg"
    cached = [p for p in (tmp_path / "cache" / "objects").rglob("640.jpg")]
    assert any(os.path.samefile(published, c) for c in cached)


def test_a_changed_photo_is_processed_again(tmp_path, counted):
    folder = site(tmp_path)
    build(tmp_path)
    counted.clear()
    photo(folder / "mot.jpg", color=(250, 200, 0))
    build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-2"))
    assert counted == ["mot.jpg"]


def test_a_touched_but_identical_photo_is_not_decoded_again(tmp_path, counted):
    folder = site(tmp_path)
    build(tmp_path)
    counted.clear()
    os.utime(folder / "hai.jpg", ns=(1, 1))
    build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-2"))
    assert counted == []


def test_deleted_photos_leave_nothing_behind_even_in_a_reused_output(tmp_path):
    folder = site(tmp_path)
    output = build(tmp_path)
    assert any(name.startswith("hai-") for name in files(output))
    (folder / "hai.jpg").unlink()
    article(tmp_path / "content", "2024/hai-anh", "Hai ảnh", photos=["mot.jpg"])
    build(tmp_path)  # same output folder, not cleaned by Pelican
    assert files(output) == sorted(f"mot-{w}.{e}" for w in (160, 320, 640) for e in ("jpg", "webp"))


def test_new_settings_give_new_derivatives(tmp_path, counted):
    site(tmp_path)
    build(tmp_path)
    counted.clear()
    output = build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-2"), GALLERY_WIDTHS=(200, 400))
    assert sorted(counted) == ["hai.jpg", "mot.jpg"]
    assert "mot-400.webp" in files(output)


def test_a_cache_file_removed_by_hand_is_made_again(tmp_path):
    site(tmp_path)
    build(tmp_path)
    removed = list((tmp_path / "cache" / "objects").rglob("320.webp"))
    assert len(removed) == 2  # one for each photo
    for cached in removed:
        cached.unlink()
    output = build(tmp_path, OUTPUT_PATH=str(tmp_path / "out-2"))
    assert "mot-320.webp" in files(output) and "hai-320.webp" in files(output)


def test_cache_path_is_resolved_against_the_project_folder_not_the_cwd(tmp_path, monkeypatch):
    site(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    build(tmp_path, GALLERY_CACHE_PATH=".cache/gallery")
    assert (tmp_path / ".cache" / "gallery" / "index.json").exists()
    assert not (elsewhere / ".cache").exists()


def test_one_photo_used_twice_is_made_once_and_shown_twice(tmp_path, monkeypatch):
    """Two files with the same bytes share one cache object. Processed by two threads at
    once, the second must wait for the first, not remove the object it just made (which
    dropped one of the photos from the page, or reported it unreadable)."""
    calls = []
    original = images.make_derivatives

    def slow(path, dest, gs):  # both threads are inside at the same time without the lock
        calls.append(os.path.basename(path))
        time.sleep(0.3)
        return original(path, dest, gs)

    monkeypatch.setattr(images, "make_derivatives", slow)
    content = tmp_path / "content"
    folder = content / "articles" / "2024" / "hai-lan"
    photo(folder / "b.jpg", (400, 300))
    photo(folder / "a.jpg", (400, 300))
    assert (folder / "a.jpg").read_bytes() == (folder / "b.jpg").read_bytes()
    article(content, "2024/hai-lan", "Một ảnh hai lần", photos=["b.jpg", "a.jpg"])
    with captured_logs() as logs:
        output = build(tmp_path, GALLERY_WORKERS=2)
    assert len(calls) == 1
    made = sorted(p.name for p in (output / "anh" / "hai-lan").iterdir())
    assert [name for name in made if name.endswith("-320.jpg")] == ["a-320.jpg", "b-320.jpg"]
    assert not [r for r in logs.records if r.levelno >= logging.WARNING]
