"""The old site kept as the next build's staging folder (`thidua.incremental.spare`): its
folders are reused, and of its files only those that are the live site's own pages and
are published unchanged; nothing else it holds is ever published again, and the live
site is never touched through the hard links the two share."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from test_incremental import cold_build, files, last_report

from thidua.cli import build
from thidua.incremental import other_writers, spare


def test_the_old_site_is_kept_beside_the_output_not_published(site):
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    site.article("mot", body="Đoạn một, sửa lần một.")
    assert site.build() == 0
    kept = spare.spare_path(site.output)
    assert kept.is_dir() and not kept.is_relative_to(site.output)
    assert "sửa lần một" not in (kept / "bai-viet/2024/mot/index.html").read_text("utf-8")


def test_nothing_left_in_the_spare_reaches_the_new_site(site, tmp_path):
    site.article("mot", body="Đoạn một.")
    site.article("hai", body="Đoạn hai.")
    assert site.build() == 0
    site.article("mot", body="Đoạn một, đã sửa.")
    assert site.build() == 0
    kept = spare.spare_path(site.output)
    # What an old site could hold: a page no build writes any more, a stray file, a link
    # out of the site, empty folders, a folder of an article since deleted.
    (kept / "bai-viet/2024/cu").mkdir(parents=True)
    (kept / "bai-viet/2024/cu/index.html").write_text("<p>trang cũ</p>", "utf-8")
    (kept / "rac.txt").write_text("rác", "utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("bí mật", "utf-8")
    os.symlink(secret, kept / "lien-ket.txt")
    (kept / "rong/rong-hon").mkdir(parents=True)

    site.article("mot", body="Đoạn một, sửa lần hai.")
    assert site.build() == 0
    built = files(site.output)
    assert built == cold_build(site, tmp_path / "cold")
    assert not any(name.startswith(("rac", "lien-ket", "rong", "bai-viet/2024/cu"))
                   for name in built)  # fmt: skip
    assert secret.read_text("utf-8") == "bí mật"  # unlinked, never followed


def test_a_page_rendered_again_never_writes_through_to_the_live_site(site):
    """Unchanged pages are hard links shared by the live site and the spare: a page that
    changes must get a new file, never be written into the shared one."""
    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0  # the live site and the spare now share `mot`'s page
    page = "bai-viet/2024/mot/index.html"
    live = site.output / page
    kept = spare.spare_path(site.output) / page
    assert live.stat().st_ino == kept.stat().st_ino
    before = live.read_bytes()

    site.article("mot", body="Đoạn một, đã sửa.", date="2024-03-05 09:00")
    live_inode = live.stat().st_ino
    assert site.build() == 0
    assert "đã sửa" in live.read_text("utf-8") and live.stat().st_ino != live_inode
    # The file the old live site held (now in the spare) still has its old bytes.
    old = spare.spare_path(site.output) / page
    assert old.stat().st_ino == live_inode and old.read_bytes() == before


def test_a_spare_that_cannot_be_emptied_is_not_built_on(site, tmp_path, monkeypatch):
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    site.article("mot", body="Đoạn một, đã sửa.")
    assert site.build() == 0
    (spare.spare_path(site.output) / "rac.html").write_text("rác", "utf-8")

    def fails(self):
        raise OSError("find could not remove a file")

    monkeypatch.setattr(spare.Emptier, "join", fails)
    site.article("mot", body="Đoạn một, sửa lần hai.")
    assert build.build(site.settings(), site.output) is not None
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def wait_for(condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_first_build_leaves_its_folders_ready_for_the_first_rebuild(site, tmp_path):
    """No old site to keep after a first build: its folders are made as the spare by a
    detached process, with its pages linked into them (the same files, no other file),
    so the first edit neither waits for the folders nor links its unchanged pages."""
    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    kept = spare.spare_path(site.output)
    assert wait_for(kept.is_dir)
    folders = {str(p.relative_to(site.output)) for p in site.output.rglob("*") if p.is_dir()}
    assert {str(p.relative_to(kept)) for p in kept.rglob("*") if p.is_dir()} == folders
    linked = {str(p.relative_to(kept)): p.stat().st_ino for p in kept.rglob("*")
              if not p.is_dir()}  # fmt: skip
    assert "bai-viet/2024/mot/index.html" in linked and "index.html" in linked
    for name, inode in linked.items():
        assert (site.output / name).stat().st_ino == inode, name
        assert name.endswith((".html", ".xml", ".txt")), name  # pages and feeds only
    assert not any(name.startswith(("pagefind", "theme/")) for name in linked)
    assert not list(site.output.parent.glob(".output.spare-*"))  # made aside, then renamed

    page = site.output / "bai-viet/2024/mot/index.html"
    before = page.stat()
    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0
    after = page.stat()
    assert (after.st_ino, after.st_ctime_ns) == (before.st_ino, before.st_ctime_ns)  # in place
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_the_live_site_is_warmed_by_a_process_that_the_build_stops(site, tmp_path):
    """While the content is read, a find reads the status of the live site's files (the
    pages to link); the build stops it and reaps it, whether it finished or not."""
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    warming = spare.warm(site.output)
    assert warming is not None and warming.args[:2] == ["find", str(site.output)]
    spare.stop(warming)
    assert warming.returncode is not None  # reaped: no process left behind
    assert spare.warm(tmp_path / "no-such-site") is None
    spare.stop(None)


def test_an_unchanged_page_that_is_already_the_live_file_stays_where_it_is(site, tmp_path):
    """After two builds the spare and the live site share the unchanged pages (one inode):
    the next build leaves such a page in place (its inode's change time does not move,
    as it would if it were unlinked and linked again), and the site equals a cold one."""
    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    assert wait_for(spare.spare_path(site.output).is_dir)  # made by a detached process
    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0
    page = site.output / "bai-viet/2024/mot/index.html"
    shared = page.stat()
    assert (spare.spare_path(site.output) / "bai-viet/2024/mot/index.html").stat().st_ino == (
        shared.st_ino
    )
    time.sleep(0.02)  # a new link would show a later change time

    site.article("hai", body="Đoạn hai, sửa lần hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    after = page.stat()
    assert (after.st_ino, after.st_ctime_ns, after.st_nlink) == (
        shared.st_ino, shared.st_ctime_ns, shared.st_nlink,
    )  # fmt: skip
    assert "sửa lần hai" in (site.output / "bai-viet/2024/hai/index.html").read_text("utf-8")
    report = last_report(site.output)
    assert 0 < report["in_place"] <= report["reused"] and report["rendered"] >= 1
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_a_kept_page_no_longer_published_is_removed(site, tmp_path):
    article = site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0  # `mot`'s page shared by the live site and the spare
    article.unlink()
    assert site.build() == 0
    assert not (site.output / "bai-viet/2024/mot").exists()
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_a_kept_page_edited_is_replaced_never_written_into(site):
    """The page left in place is the live file: a page that changed gets a new file and
    the live one keeps its bytes until the swap."""
    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0
    live = site.output / "bai-viet/2024/mot/index.html"
    before, inode = live.read_bytes(), live.stat().st_ino

    site.article("mot", body="Đoạn một, đã sửa.", date="2024-03-05 09:00")
    assert site.build() == 0
    assert live.stat().st_ino != inode and "đã sửa" in live.read_text("utf-8")
    old = spare.spare_path(site.output) / "bai-viet/2024/mot/index.html"
    assert old.stat().st_ino == inode and old.read_bytes() == before


def candidate(folder: Path, name: str) -> tuple[int, bytes]:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(name, "utf-8")
    return path.stat().st_ino, os.fsencode(path)


def test_only_the_recorded_inode_of_a_name_no_other_writer_writes_stays(tmp_path):
    staging, live = tmp_path / "staging", tmp_path / "live"
    live.mkdir()
    same = candidate(staging, "a/index.html")
    other = candidate(staging, "b/index.html")
    unrecorded = candidate(staging, "c/index.html")
    static = candidate(staging, "static/x.html")
    records = {
        "a/index.html": ["d1", 1, 1, same[0]],
        "b/index.html": ["d2", 1, 1, other[0] + 1000],  # another file was recorded there
        "static/x.html": ["d3", 1, 1, static[0]],
    }
    kept, remove = spare.in_place([same, other, unrecorded, static], staging, live, records,
                                  lambda name: name.startswith("static/"))  # fmt: skip
    assert kept == {"a/index.html": same[0]}
    assert sorted(remove) == sorted([other[1], unrecorded[1], static[1]])


def test_nothing_stays_when_the_live_site_is_elsewhere(tmp_path):
    staging = tmp_path / "staging"
    same = candidate(staging, "a/index.html")
    records = {"a/index.html": ["d1", 1, 1, same[0]]}
    kept, remove = spare.in_place([same], staging, tmp_path / "no-live-site", records,
                                  lambda name: False)  # fmt: skip
    assert kept == {} and remove == [same[1]]


@pytest.mark.parametrize("forked", [True, False])
def test_the_emptier_leaves_only_linked_files_with_a_page_suffix(tmp_path, forked):
    """In forked processes, or in this one (a process running threads must not fork)."""
    staging = tmp_path / "staging"
    live = tmp_path / "live"
    for name in ("index.html", "a/b/c/index.html", "a/feed.xml", "a/b/c/photo.jpg",
                 "a/b/single.html"):  # fmt: skip
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(name, "utf-8")
        if name != "a/b/single.html":
            (live / name).parent.mkdir(parents=True, exist_ok=True)
            os.link(staging / name, live / name)
    emptier = spare.Emptier(staging, frozenset({".html", ".xml"}), forked=forked).start()
    emptier.join()
    left = {(os.fsdecode(path), inode) for inode, path in emptier.candidates}
    expected = {(str(staging / name), (staging / name).stat().st_ino)
                for name in ("index.html", "a/b/c/index.html", "a/feed.xml")}  # fmt: skip
    assert left == expected
    remaining = {str(p) for p in staging.rglob("*") if not p.is_dir()}
    assert remaining == {path for path, _inode in expected}
    assert {os.fsdecode(f) for f in emptier.folders} == {
        str(p) for p in staging.rglob("*") if p.is_dir()
    }


def test_other_writers_are_known_or_nothing_stays(site):
    from pelican import Pelican

    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    (site.content / "static").mkdir()
    (site.content / "static/quy-che.html").write_text("<p>quy chế</p>", "utf-8")
    settings = site.settings()
    pelican = Pelican(dict(settings, OUTPUT_PATH=str(site.output)))
    generators = build.generator_classes(pelican)
    unread = [cls(context=dict(settings), settings=settings, path=pelican.path,
                  theme=pelican.theme, output_path=str(site.output))
              for cls in generators]  # fmt: skip
    assert other_writers.other_writers(settings, unread) is None  # static files not listed yet
    read = build._read_and_enrich(pelican, generators)
    writes = other_writers.other_writers(settings, read)
    assert writes is not None
    assert not writes("bai-viet/2024/mot/index.html")
    for name in ("static/quy-che.html", "sitemap.xml", f"{settings['THEME_STATIC_DIR']}/a.css",
                 "pagefind/x.html", "pagefind-2024/y.html", "../x.html", "/x.html"):  # fmt: skip
        assert writes(name), name
    assert other_writers.other_writers(dict(settings, PLUGINS=["neighbors"]), read) is None
    assert other_writers.other_writers(settings, [*read, object()]) is None


def test_a_kept_page_changed_in_place_since_is_rendered_again(site, tmp_path):
    """The page in place is trusted only with the status its build recorded: bytes
    written into it since (here through the live site, the same file) are not kept."""
    site.article("mot", body="Đoạn một.", date="2024-03-05 09:00")
    site.article("hai", body="Đoạn hai.", date="2024-03-06 09:00")
    assert site.build() == 0
    assert wait_for(spare.spare_path(site.output).is_dir)
    page = site.output / "bai-viet/2024/mot/index.html"
    with open(page, "a", encoding="utf-8") as handle:
        handle.write("<p>thêm vào bằng tay</p>")

    site.article("hai", body="Đoạn hai, đã sửa.", date="2024-03-06 09:00")
    assert site.build() == 0
    assert "thêm vào bằng tay" not in page.read_text("utf-8")
    assert files(site.output) == cold_build(site, tmp_path / "cold")


def test_a_build_that_took_a_spare_does_not_warm_the_live_site(site, monkeypatch):
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    assert wait_for(spare.spare_path(site.output).is_dir)
    warmed = []
    monkeypatch.setattr(spare, "warm", lambda output: warmed.append(output))
    site.article("mot", body="Đoạn một, đã sửa.")
    assert site.build() == 0
    assert warmed == []
    shutil.rmtree(spare.spare_path(site.output))  # no spare: the pages are linked from there
    site.article("mot", body="Đoạn một, sửa lần hai.")
    assert site.build() == 0
    assert warmed == [site.output.resolve()]


def test_folders_holding_a_written_page_are_not_tried(tmp_path):
    """`remove_empty_folders` skips the folders it is told hold a page (the build's own
    written names: they cannot be empty); every other empty folder goes."""
    staging = tmp_path / "staging"
    for name in ("a/b/index.html", "c/d/index.html"):
        (staging / name).parent.mkdir(parents=True)
        (staging / name).write_text(name, "utf-8")
    emptier = spare.Emptier(staging).start()
    emptier.join()
    (staging / "x/y").mkdir(parents=True)  # empty folders, as a build may leave them
    emptier.folders += [os.fsencode(staging / "x/y"), os.fsencode(staging / "x")]
    holding = build._folders_holding({"a/b/index.html": []}, staging)
    assert holding == {os.fsencode(staging / "a/b"), os.fsencode(staging / "a")}
    emptier.remove_empty_folders(holding)
    left = {str(p.relative_to(staging)) for p in staging.rglob("*") if p.is_dir()}
    # a/b is empty too (the emptier took its file) but was said to hold one: not tried.
    assert left == {"a", "a/b"}
