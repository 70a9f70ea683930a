"""The Pagefind index built over the finished HTML, and its diacritic-free copy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sample_site import built_sample_site
from thidua.search import SearchIndexError, build_search_index, folding

PAGE = """<!DOCTYPE html><html lang="vi"><head><title>Tin</title></head><body>
<nav>Trang chủ Đơn vị</nav>
<main data-pagefind-body><h1>Lễ ký kết ở Đắk Nông</h1>
<p>Giao ước thi đua <b>năm 2024</b>.</p><img src="a.jpg" alt="Đồng chí phát biểu"><br>
<div data-pagefind-ignore>Bài cùng cụm: Tổng kết</div><script>var đ = 1;</script>
</main><footer>Địa chỉ</footer></body></html>"""


# -- Folding ----------------------------------------------------------------------


def test_indexed_text_is_the_marked_body_without_ignored_parts():
    text = " ".join(folding.indexed_text(PAGE).split())
    assert "Lễ ký kết ở Đắk Nông" in text
    assert "năm 2024" in text and "Đồng chí phát biểu" in text  # image alt text
    for outside in ("Trang chủ", "Tổng kết", "var", "Địa chỉ"):
        assert outside not in text


def test_indexed_text_of_a_page_without_marks_is_its_body():
    html = PAGE.replace(" data-pagefind-body", "")
    assert "Trang chủ" in folding.indexed_text(html, whole_body=True)


def test_folded_words_drop_every_mark_and_keep_each_word_once():
    words = folding.folded_words("Đắk Nông, giao ước thi đua; ĐẮK NÔNG đua")
    assert words == ["dak", "nong", "uoc", "dua"]  # "giao", "thi" already match as typed


def test_folded_copy_is_hidden_before_body_end():
    html = folding.with_folded_copy(PAGE)
    soup = BeautifulSoup(html, "html.parser")
    copy = soup.find(attrs={"data-pagefind-meta": "fold"})
    assert copy is not None
    holder = copy.parent
    assert holder.has_attr("hidden") and holder.has_attr("data-pagefind-ignore")
    assert holder.parent.name == "body" and holder is soup.body.find_all(recursive=False)[-1]
    assert set(copy.get_text().split()) == {"le", "ky", "ket", "o", "dak", "nong", "uoc", "dua",
                                            "nam", "dong", "chi", "phat", "bieu"}  # fmt: skip


def test_a_page_without_marked_letters_is_left_alone():
    html = "<html><body><main data-pagefind-body>Hello 2024</main></body></html>"
    assert folding.with_folded_copy(html) == html


# -- Building the index -------------------------------------------------------------


def small_site(root: Path) -> Path:
    for name, text in {
        "index.html": PAGE,
        "b/index.html": PAGE.replace("Đắk Nông", "Bắc Giang"),
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def test_index_is_written_into_the_site(tmp_path):
    site = small_site(tmp_path / "site")
    before = (site / "index.html").read_text(encoding="utf-8")
    summary = build_search_index(site, {})
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
    assert build_search_index(site, {"SEARCH_INDEX": False}) is None
    assert not (site / "pagefind").exists()
    build_search_index(site, {"SEARCH_BUNDLE_DIR": "tim-kiem/chi-muc"})
    assert (site / "tim-kiem" / "chi-muc" / "pagefind.js").is_file()


def test_a_site_without_pages_fails_the_build(tmp_path):
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError, match="no HTML page"):
        build_search_index(tmp_path / "site", {})


def test_a_failing_pagefind_fails_the_build(tmp_path, monkeypatch):
    site = small_site(tmp_path / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_search_index(site, {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# -- The sample site ------------------------------------------------------------------


def test_sample_site_index_holds_every_report():
    site = built_sample_site()
    articles = sorted(site.glob("bai-viet/*/*/index.html"))
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["vi"]["page_count"] == len(articles) > 20
    for path in articles:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        body = page.find(attrs={"data-pagefind-body": True})
        assert body is not None and body.find("h1"), f"{path}: no indexed body with its title"
        filters = {t["data-pagefind-filter"] for t in body.select("[data-pagefind-filter]")}
        assert filters == {"cluster", "year", "event"}, path
        assert not page.find(attrs={"data-pagefind-meta": "fold"}), "published HTML has the copy"
        # Navigation and the links to neighbouring reports are not searched.
        assert not page.find("header").find_parent(attrs={"data-pagefind-body": True})
        navs = body.find_all("nav")
        assert navs, f"{path}: no links to neighbouring reports"
        for nav in navs:
            assert nav.has_attr("data-pagefind-ignore"), f"{path}: {nav.get('aria-label')}"
