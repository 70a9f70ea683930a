"""The old site kept as the next build's staging folder (`thidua.incremental.spare`): only
its folders are reused; nothing it holds is ever published again, and the live site is
never touched through the hard links the two share."""

from __future__ import annotations

import os
import time

from test_incremental import cold_build, files

from thidua.cli import build
from thidua.incremental import spare


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
    detached process, so the first edit does not wait for them; they hold no file."""
    site.article("mot", body="Đoạn một.")
    assert site.build() == 0
    kept = spare.spare_path(site.output)
    assert wait_for(kept.is_dir)
    folders = {str(p.relative_to(site.output)) for p in site.output.rglob("*") if p.is_dir()}
    assert {str(p.relative_to(kept)) for p in kept.rglob("*") if p.is_dir()} == folders
    assert not [p for p in kept.rglob("*") if not p.is_dir()]
    assert not list(site.output.parent.glob(".output.spare-*"))  # made aside, then renamed

    site.article("mot", body="Đoạn một, đã sửa.")
    assert site.build() == 0
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
