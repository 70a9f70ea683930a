"""Search bundles with the real Pagefind: the same records give the same bytes, and a
bundle of the previous site with the same digest is linked, never trusted blindly."""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from thidua.search import build_search_index, bundles
from thidua.search.records import SearchRecord

CLUSTERS = ["Cụm thi đua số 1", "Cụm thi đua số 12", "Khối thi đua số 02", "Cụm III Đắk Mil"]
EVENTS = ["Lễ ký kết giao ước thi đua", "Hội nghị tổng kết", "Sơ kết 6 tháng"]


def record(n: int, year: int, text: str = ""):
    """A report of `year` with filters, meta and sort, as the build makes one."""
    month, day = 1 + n % 12, 1 + n % 28
    filters = {"year": str(year if month > 1 else year - 1), "cluster": CLUSTERS[n % 4]}
    meta = {"date": f"{day:02d}/{month:02d}/{year}", "cluster": CLUSTERS[n % 4], "fold": "dak nong"}
    if n % 3:
        filters["event"] = meta["event"] = EVENTS[n % 3]
    body = text or f"Giao ước thi đua năm {year}, báo cáo số {n} của {CLUSTERS[n % 4]} ở Đắk Nông."
    return SearchRecord(f"bai-viet/{year}/bai-{n}/index.html", f"Bài {n}: hội nghị {year}", body,
                        meta=meta, filters=filters,
                        sort={"date": f"{year}-{month:02d}-{day:02d}T09:00:00"})  # fmt: skip


ARCHIVE = [record(n, year) for year in (2023, 2024, 2025) for n in range(year % 7, year % 7 + 12)]


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}  # fmt: skip


def build(root: Path, name: str, records, previous: Path | None = None, **settings):
    site = root / name
    site.mkdir(parents=True, exist_ok=True)
    summary = build_search_index(site, settings, records, previous_site=previous)
    return site, summary


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """The archive indexed once, from nothing: the previous site of the tests below."""
    site, summary = build(tmp_path_factory.mktemp("cold"), "site", ARCHIVE)
    assert summary.built == ("pagefind", "pagefind-2024", "pagefind-2023") and not summary.reused
    return site


# -- Determinism ------------------------------------------------------------------


def test_the_same_records_give_the_same_bytes(tmp_path, cold):
    again, _ = build(tmp_path, "again", list(reversed(ARCHIVE)))
    assert files(again) == files(cold)
    # Pagefind's order-dependent files are among them, and every bundle is sealed.
    names = files(cold)
    assert any(name.startswith("pagefind-2023/filter/") for name in names)
    assert any(name.startswith("pagefind/pagefind.vi_") for name in names)
    for folder in ("pagefind", "pagefind-2024", "pagefind-2023"):
        assert bundles.read_digest(cold / folder) and bundles.intact(cold / folder)


# -- Reuse --------------------------------------------------------------------------


def test_unchanged_bundles_are_linked_from_the_previous_site(tmp_path, cold):
    site, summary = build(tmp_path, "site", ARCHIVE, previous=cold)
    assert summary.reused == ("pagefind", "pagefind-2024", "pagefind-2023") and not summary.built
    assert summary.pages == len(ARCHIVE)
    assert files(site) == files(cold)
    for name in files(site):
        if name != "pagefind/bundles.json":  # written anew, not part of a bundle
            assert os.path.samefile(site / name, cold / name), name


def test_an_edited_report_rebuilds_its_year_only_and_equals_a_cold_build(tmp_path, cold):
    target = "bai-viet/2024/bai-3/index.html"
    edited = [replace(r, text="Nội dung đã sửa.") if r.path == target else r for r in ARCHIVE]
    assert sum(r.text == "Nội dung đã sửa." for r in edited) == 1
    site, summary = build(tmp_path, "site", edited, previous=cold)
    assert summary.built == ("pagefind-2024",)
    assert summary.reused == ("pagefind", "pagefind-2023")
    fresh, _ = build(tmp_path, "fresh", edited)
    assert files(site) == files(fresh)


def test_a_new_report_rebuilds_its_year_only(tmp_path, cold):
    site, summary = build(tmp_path, "site", [*ARCHIVE, record(99, 2025)], previous=cold)
    assert summary.built == ("pagefind",) and summary.reused == ("pagefind-2024", "pagefind-2023")
    fresh, _ = build(tmp_path, "fresh", [*ARCHIVE, record(99, 2025)])
    assert files(site) == files(fresh)


def test_a_new_year_moves_the_old_entry_beside_it_without_indexing_it_again(tmp_path, cold):
    records = [*ARCHIVE, record(1, 2026)]
    site, summary = build(tmp_path, "site", records, previous=cold)
    assert summary.built == ("pagefind",)  # 2026, the new entry
    assert summary.reused == ("pagefind-2025", "pagefind-2024", "pagefind-2023")
    assert os.path.samefile(site / "pagefind-2025/pagefind-entry.json",
                            cold / "pagefind/pagefind-entry.json")  # fmt: skip
    fresh, _ = build(tmp_path, "fresh", records)
    assert files(site) == files(fresh)


def damage_record(folder: Path) -> None:
    (folder / "bundle.json").unlink()


def damage_record_text(folder: Path) -> None:
    (folder / "bundle.json").write_text("{not json", encoding="utf-8")


def damage_digest(folder: Path) -> None:
    """A record claiming the digest of other records (as after an edit by hand)."""
    record = json.loads((folder / "bundle.json").read_text(encoding="utf-8"))
    record["digest"] = "0" * 64
    (folder / "bundle.json").write_text(json.dumps(record), encoding="utf-8")


def damage_file(folder: Path) -> None:
    """A file of the bundle changed, same size, its record untouched."""
    fragment = sorted((folder / "fragment").iterdir())[0]
    data = bytearray(fragment.read_bytes())
    data[-1] ^= 0xFF
    fragment.write_bytes(bytes(data))


def damage_missing_file(folder: Path) -> None:
    sorted((folder / "fragment").iterdir())[0].unlink()


def damage_extra_file(folder: Path) -> None:
    (folder / "index" / "vi_extra.pf_index").write_bytes(b"x")


@pytest.mark.parametrize(
    "damage",
    [damage_record, damage_record_text, damage_digest, damage_file, damage_missing_file,
     damage_extra_file],
)  # fmt: skip
def test_a_damaged_or_unsealed_bundle_is_indexed_again(tmp_path, cold, damage, caplog):
    previous = tmp_path / "previous"
    shutil.copytree(cold, previous)
    damage(previous / "pagefind-2024")
    with caplog.at_level(logging.WARNING, logger="thidua.search"):
        site, summary = build(tmp_path, "site", ARCHIVE, previous=previous)
    assert summary.built == ("pagefind-2024",)
    assert summary.reused == ("pagefind", "pagefind-2023")
    assert files(site) == files(cold)
    if damage in (damage_file, damage_missing_file, damage_extra_file):
        assert "changed since it was written" in caplog.text


def test_the_previous_site_may_be_the_site_itself(tmp_path, cold):
    site = tmp_path / "site"
    shutil.copytree(cold, site)
    summary = build_search_index(site, {}, [*ARCHIVE, record(99, 2025)], previous_site=site)
    assert summary.built == ("pagefind",) and summary.reused == ("pagefind-2024", "pagefind-2023")
    fresh, _ = build(tmp_path, "fresh", [*ARCHIVE, record(99, 2025)])
    assert files(site) == files(fresh)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh", "site"]  # nothing left aside


def test_without_hard_links_the_files_are_copied(tmp_path, cold, monkeypatch):
    def no_link(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    site, summary = build(tmp_path, "site", ARCHIVE, previous=cold)
    assert len(summary.reused) == 3 and files(site) == files(cold)
    assert not os.path.samefile(site / "pagefind/pagefind.js", cold / "pagefind/pagefind.js")


def test_other_settings_do_not_reuse(tmp_path, cold):
    _, summary = build(tmp_path, "site", ARCHIVE, previous=cold, SEARCH_KEEP_PAGEFIND_UI=True)
    assert not summary.reused and len(summary.built) == 3


# -- The bundle digest (no Pagefind) ----------------------------------------------------

TOOL = {"pagefind": "test"}


def part_of(records) -> bundles.Part:
    return bundles.Part("2024", tuple(records))


@pytest.mark.parametrize(
    "change",
    [
        lambda r: replace(r, path="bai-viet/2024/khac/index.html"),
        lambda r: replace(r, title=r.title + "."),
        lambda r: replace(r, text=r.text + " "),
        lambda r: replace(r, meta={**r.meta, "date": "02/01/2024"}),
        lambda r: replace(r, meta={**r.meta, "anh": ""}),
        lambda r: replace(r, filters={**r.filters, "cluster": "Cụm thi đua số 9"}),
        lambda r: replace(r, sort={"date": "2024-01-02T09:00:00"}),
        # a value moved from one field to the next: the fields are told apart
        lambda r: replace(r, title=r.title + r.text[:1], text=r.text[1:]),
    ],
)
def test_any_change_to_a_report_changes_its_bundles_digest(change):
    reports = [record(n, 2024) for n in range(5)]
    before = bundles.digest(part_of(reports), {}, "vi", TOOL)
    after = bundles.digest(part_of([change(reports[0]), *reports[1:]]), {}, "vi", TOOL)
    assert after != before


def test_the_digest_is_that_of_the_reports_not_their_order_or_string_types():
    from markupsafe import Markup

    reports = [record(n, 2024) for n in range(5)]
    digest = bundles.digest(part_of(reports), {}, "vi", TOOL)
    assert bundles.digest(part_of(reversed(reports)), {}, "vi", TOOL) == digest
    # A title given as Markup prints the same document: the same digest, no error.
    marked = [replace(reports[0], title=Markup(reports[0].title)), *reports[1:]]
    assert bundles.digest(part_of(marked), {}, "vi", TOOL) == digest
    assert bundles.digest(part_of(reports), {}, "en", TOOL) != digest
    assert bundles.digest(part_of(reports), {}, "vi", {"pagefind": "other"}) != digest


# -- Bundles known by their files' status (kept with the build's caches) ------------------


def build_noting(root: Path, name: str, records, previous: Path | None = None):
    site = root / name
    site.mkdir(parents=True, exist_ok=True)
    summary = build_search_index(site, {}, records, previous_site=previous,
                                 statuses=root / "statuses.json")  # fmt: skip
    return site, summary


def test_bundles_whose_files_kept_their_status_are_linked_without_reading_them(
    tmp_path, monkeypatch
):
    first, _ = build_noting(tmp_path, "first", ARCHIVE)
    hashed = []
    monkeypatch.setattr(bundles, "files_hash", lambda folder, names, real=bundles.files_hash:
                        hashed.append(Path(folder)) or real(folder, names))  # fmt: skip
    target = "bai-viet/2024/bai-3/index.html"
    edited = [replace(r, text="Nội dung đã sửa.") if r.path == target else r for r in ARCHIVE]
    second, summary = build_noting(tmp_path, "second", edited, previous=first)
    assert summary.built == ("pagefind-2024",)
    assert summary.reused == ("pagefind", "pagefind-2023")
    assert hashed and not [folder for folder in hashed if folder.is_relative_to(first)]
    fresh, _ = build(tmp_path, "fresh", edited)
    assert files(second) == files(fresh)
    for name in files(second):  # linked, not copied
        if name.startswith("pagefind-2023/"):
            assert os.path.samefile(second / name, first / name), name


def test_a_bundle_file_changed_since_is_hashed_and_indexed_again(tmp_path, monkeypatch):
    first, _ = build_noting(tmp_path, "first", ARCHIVE)
    fragment = next(p for p in sorted((first / "pagefind-2023").rglob("*")) if p.is_file()
                    and p.name != "bundle.json")  # fmt: skip
    data = fragment.read_bytes()
    fragment.unlink()  # replaced: the same bytes and times, another file (inode)
    fragment.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    stat = (first / "pagefind-2024" / "bundle.json").stat()
    os.utime(fragment, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    hashed = []
    monkeypatch.setattr(bundles, "files_hash", lambda folder, names, real=bundles.files_hash:
                        hashed.append(folder.name) or real(folder, names))  # fmt: skip
    site, summary = build_noting(tmp_path, "second", ARCHIVE, previous=first)
    assert hashed.count("pagefind-2023") == 1  # by its status it was not the same: read
    assert summary.built == ("pagefind-2023",)
    assert summary.reused == ("pagefind", "pagefind-2024")
    assert files(site) == files(first) | {fragment.relative_to(first).as_posix(): data}
