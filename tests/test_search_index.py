"""The Pagefind index, built from records of the published reports (never from the
built pages), and the diacritic-free words that let "dak nong" find "Đắk Nông"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sample_site import built_sample_site
from thidua.search import SearchIndexError, build_search_index
from thidua.search.records import SearchRecord, folded_words, plain_text, record_html

RECORDS = [
    SearchRecord("index.html", "Lễ ký kết ở Đắk Nông", "Giao ước thi đua năm 2024.",
                 meta={"date": "Thứ hai, 27/05/2024", "fold": "le ky ket o dak nong uoc dua"},
                 filters={"year": "2024", "cluster": "Cụm 1"}, sort={"date": "2024-05-27"}),
    SearchRecord("b/index.html", "Lễ ký kết ở Bắc Giang", "Giao ước thi đua năm 2024.",
                 filters={"year": "2024", "cluster": "Khối 02"}, sort={"date": "2024-06-03"}),
]  # fmt: skip


# -- Records ----------------------------------------------------------------------


def test_plain_text_drops_tags_and_decodes_entities():
    assert plain_text("<p>Giao ước <b>năm&nbsp;2024</b></p>\n<p>A &amp; B</p>") == (
        "Giao ước năm 2024 A & B"  # a no-break space is a space
    )


def test_folded_words_drop_every_mark_and_keep_each_word_once():
    words = folded_words("Đắk Nông, giao ước thi đua; ĐẮK NÔNG đua")
    assert words == ["dak", "dua", "nong", "uoc"]  # "giao", "thi" already match as typed


def test_the_document_pagefind_reads_escapes_the_text_and_carries_meta_and_filters():
    record = SearchRecord("x/index.html", "<script>T</script>", "a <b> & c",
                          meta={"fold": "dak"}, filters={"year": "2024"})  # fmt: skip
    soup = BeautifulSoup(record_html(record, "vi"), "html.parser")
    assert soup.html["lang"] == "vi"
    assert soup.h1.get_text() == "<script>T</script>" and not soup.find("script")
    assert soup.p.get_text() == "a <b> & c"
    assert soup.find(attrs={"data-pagefind-meta": "fold:dak"})
    assert soup.find(attrs={"data-pagefind-filter": "year:2024"})


# -- Building the index -------------------------------------------------------------


def small_site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text("<html><body>Trang chủ</body></html>", encoding="utf-8")
    return root


def test_index_is_written_into_the_site(tmp_path):
    site = small_site(tmp_path / "site")
    before = (site / "index.html").read_text(encoding="utf-8")
    summary = build_search_index(site, {}, RECORDS)
    assert summary.pages == 2
    assert (site / "pagefind" / "pagefind.js").is_file()
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["vi"]
    assert not list((site / "pagefind").glob("pagefind-*ui*")), "unused UI bundles are dropped"
    # The published page is untouched, and no working copy is left behind.
    assert (site / "index.html").read_text(encoding="utf-8") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_bundle_folder_and_switch_are_settings(tmp_path):
    site = small_site(tmp_path / "site")
    assert build_search_index(site, {"SEARCH_INDEX": False}, RECORDS) is None
    assert not (site / "pagefind").exists()
    build_search_index(site, {"SEARCH_BUNDLE_DIR": "tim-kiem/chi-muc"}, RECORDS)
    assert (site / "tim-kiem" / "chi-muc" / "pagefind.js").is_file()


def test_a_site_without_reports_gets_no_index(tmp_path):
    site = small_site(tmp_path / "site")
    assert build_search_index(site, {}, []) is None
    assert not (site / "pagefind").exists()


def test_a_failing_pagefind_fails_the_build(tmp_path, monkeypatch):
    site = small_site(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_search_index(site, {}, RECORDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# -- The sample site ------------------------------------------------------------------


def page_counts(site: Path) -> dict[str, int]:
    """Pages of each bundle bundles.json lists, by folder (relative to the site)."""
    listing = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    counts = {}
    for bundle in listing["bundles"]:
        folder = (site / "pagefind" / bundle["url"]).resolve().relative_to(site.resolve())
        entry = json.loads((site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts[folder.as_posix()] = entry["languages"]["vi"]["page_count"]
    return counts


def test_sample_site_index_holds_every_report():
    site = built_sample_site()
    articles = sorted(site.glob("bai-viet/*/*/index.html"))
    # One bundle a year of publication, the newest (2025) the search page's entry.
    counts = page_counts(site)
    assert list(counts) == ["pagefind", "pagefind-2024", "pagefind-2023"]
    assert sum(counts.values()) == len(articles) > 20
    for year, folder in (("2025", "pagefind"), ("2024", "pagefind-2024")):
        assert counts[folder] == len(list(site.glob(f"bai-viet/{year}/*/index.html"))), year
    for path in articles:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = page.find(attrs={"data-pagefind-body": True})
        assert body is not None and body.find("h1"), f"{path}: no indexed body with its title"
        filters = {t["data-pagefind-filter"] for t in body.select("[data-pagefind-filter]")}
        assert filters == {"cluster", "year", "event"}, path
        assert 'data-pagefind-meta="fold' not in path.read_text(encoding="utf-8")
        # Navigation and the links to neighbouring reports are not searched.
        assert not page.find("header").find_parent(attrs={"data-pagefind-body": True})
        navs = body.find_all("nav")
        assert navs, f"{path}: no links to neighbouring reports"
        for nav in navs:
            assert nav.has_attr("data-pagefind-ignore"), f"{path}: {nav.get('aria-label')}"


def test_a_big_year_is_indexed_in_parts_the_search_page_searches_together(tmp_path):
    site = small_site(tmp_path / "site")
    summary = build_search_index(site, {"SEARCH_CHUNK_SIZE": 1}, RECORDS)
    assert summary.pages == 2
    # The newest part (the report of June) is the entry; the older part sits beside it.
    assert page_counts(site) == {"pagefind": 1, "pagefind-2024": 1}
    listing = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    assert listing == {"bundles": [{"url": "", "years": ["2024"]},
                                   {"url": "../pagefind-2024/", "years": ["2024"]}]}  # fmt: skip
    build_search_index(site, {}, RECORDS)  # one bundle again: the old second one goes
    assert not (site / "pagefind-2024").exists()
    assert page_counts(site) == {"pagefind": 2}
