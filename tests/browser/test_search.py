"""Site search in the browser: diacritics, ranking, filters, results, no-JS fallback.

Expected results are worked out from the built HTML the way a reader would:
a report matches when each word of the query, without its marks, is one of
the report's words without theirs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import pytest
import yaml
from bs4 import BeautifulSoup

from sample_site import build_site, page_url
from thidua.domain import vietnamese
from thidua.search import folding

from .conftest import new_page, serve

pytestmark = pytest.mark.browser

DONE = "[data-search-app][data-search-state=done]"


# -- What the built site says the answers are ----------------------------------


def folded_words(text: str) -> set[str]:
    return {vietnamese.strip_diacritics(w) for w in re.findall(r"\w+", text.casefold())}


@dataclass
class Report:
    url: str
    words: set[str]
    filters: dict[str, str]


def reports_of(site: Path) -> dict[str, Report]:
    """Every indexed article: its folded words and its filter values."""
    reports = {}
    for html_file in sorted(site.glob("bai-viet/**/index.html")):
        html = html_file.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        searchable = [s.get_text(" ") for s in soup.select("[data-pagefind-meta]")]
        words = folded_words(folding.indexed_text(html) + " " + " ".join(searchable))
        filters = {
            tag["data-pagefind-filter"]: tag.get_text(" ", strip=True)
            for tag in soup.select("[data-pagefind-filter]")
        }
        url = page_url(site, html_file)
        reports[url] = Report(url, words, filters)
    return reports


def expected(reports: dict[str, Report], query: str, **filters) -> set[str]:
    wanted = folded_words(query)
    return {
        r.url
        for r in reports.values()
        if wanted <= r.words and all(r.filters.get(k) == v for k, v in filters.items())
    }


@pytest.fixture(scope="module")
def reports(site_root) -> dict[str, Report]:
    found = reports_of(site_root)
    assert found, "no article of the sample site was marked for the search index"
    return found


# -- Driving the search page ----------------------------------------------------


@dataclass
class Result:
    url: str
    title: str
    meta: str
    excerpt_html: str
    marks: list[str]


FILTER_PARAMS = {"cluster": "cum", "year": "nam", "event": "su-kien"}


def search(page, server, query: str = "", **filters) -> list[Result]:
    """Open the search page for `query` and filters; every result, all pages of them."""
    params = {"q": query} if query else {}
    params.update({FILTER_PARAMS[k]: v for k, v in filters.items()})
    page.goto(server.url("tim-kiem/?" + urlencode(params)))
    return collect(page)


def collect(page) -> list[Result]:
    page.wait_for_selector(DONE)
    total = int(page.get_attribute("[data-search-app]", "data-search-count"))
    while page.locator(".search-result").count() < total:
        shown = page.locator(".search-result").count()
        page.click("[data-search-more]")
        page.wait_for_function(
            "n => document.querySelectorAll('.search-result').length > n", arg=shown
        )
    items = page.eval_on_selector_all(
        ".search-result",
        """items => items.map(item => ({
            url: new URL(item.querySelector("h2 a").href).pathname,
            title: item.querySelector("h2").innerText,
            meta: item.querySelector(".search-result__meta").innerText,
            excerpt_html: item.querySelector(".search-result__excerpt").innerHTML,
            marks: Array.from(item.querySelectorAll(".search-result__excerpt mark"),
                              m => m.textContent),
        }))""",
    )
    return [Result(**item) for item in items]


def urls(results: list[Result]) -> list[str]:
    return [r.url for r in results]


# -- Diacritics -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "with_marks"),
    [("giao uoc thi dua", "giao ước thi đua"), ("dak nong", "Đắk Nông")],
)
def test_query_without_diacritics_finds_the_same_reports(page, server, reports, typed, with_marks):
    want = expected(reports, with_marks)
    assert want, f"the sample site has no report with {with_marks!r}"

    plain = search(page, server, typed)
    marked = search(page, server, with_marks)

    assert set(urls(marked)) == want
    assert set(urls(plain)) == want
    assert len(urls(plain)) == len(set(urls(plain))), "a report is listed twice"


def test_dak_nong_does_not_find_other_provinces(page, server, reports):
    found = set(urls(search(page, server, "dak nong")))
    bac_giang = {u for u, r in reports.items() if "Bắc Giang" in r.filters.get("cluster", "")}
    assert bac_giang, "the sample site should have Bắc Giang reports"
    assert not found & bac_giang


def test_excerpt_highlights_the_words_with_their_diacritics(page, server):
    results = search(page, server, "dak nong")
    first = results[0]
    assert first.title
    assert re.search(r"\d{2}/\d{2}/\d{4}", first.meta), first.meta
    assert "thi đua" in first.meta.lower()  # the cluster or block
    folded_marks = {vietnamese.strip_diacritics(m.casefold()) for m in first.marks}
    assert {"dak", "nong"} <= folded_marks, first.excerpt_html
    assert any(m in ("Đắk", "Nông") for m in first.marks), first.marks


def test_no_result_says_so_in_vietnamese(page, server):
    assert search(page, server, "xyzqw") == []
    assert "Không tìm thấy bài viết nào" in page.inner_text("[data-search-status]")


# -- Ranking: exact spelling first (a small site of its own) ----------------------

RANKING_UNITS = [{"slug": "don-vi-a", "name": "Đơn vị A", "short_name": "Đơn vị A"}]
RANKING_CLUSTER = {
    "slug": "cum-thu",
    "name": "Cụm thi đua số 9",
    "kind": "cụm",
    "number": "9",
    "agency": "Cơ quan thử",
    "terms": [{"year": 2024, "members": ["don-vi-a"], "head": "don-vi-a"}],
}
RANKING_ARTICLES = {
    "co-dau": ("Hội nghị ở tỉnh Đắk Nông", "Các đơn vị tỉnh Đắk Nông họp bàn."),
    "khong-dau": ("Hội nghị ở tỉnh Dak Nong", "Bài gõ thiếu dấu: tỉnh Dak Nong họp bàn."),
    "dau-khac": ("Hội nghị ở tỉnh Đăk Nông", "Cách viết khác: tỉnh Đăk Nông họp bàn."),
}


@pytest.fixture(scope="module")
def ranking_server(tmp_path_factory, chromium_executable):
    root = tmp_path_factory.mktemp("ranking")
    content = root / "content"
    (content / "clusters").mkdir(parents=True)
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    (content / "units.yml").write_text(dump(RANKING_UNITS), encoding="utf-8")
    (content / "clusters" / "cum-thu.yml").write_text(dump(RANKING_CLUSTER), encoding="utf-8")
    for day, (slug, (title, body)) in enumerate(RANKING_ARTICLES.items(), start=1):
        meta = {"title": title, "date": f"2024-03-0{day} 09:00", "cluster": "cum-thu"}
        path = content / "articles" / slug / "index.md"
        path.parent.mkdir(parents=True)
        path.write_text(f"---\n{dump(meta)}---\n{body}\n", encoding="utf-8")
    site = build_site(content, root / "output")
    yield from serve(site)


def slug_order(results: list[Result]) -> list[str]:
    return [r.url.rstrip("/").rsplit("/", 1)[-1] for r in results]


def test_exact_diacritics_rank_first(browser, ranking_server):
    page = new_page(browser)
    try:
        marked = slug_order(search(page, ranking_server, "Đắk Nông"))
        plain = slug_order(search(page, ranking_server, "dak nong"))
    finally:
        page.context.close()
    assert sorted(marked) == sorted(RANKING_ARTICLES)
    assert marked[0] == "co-dau"
    assert sorted(plain) == sorted(RANKING_ARTICLES)
    assert plain[0] == "khong-dau"


# -- Filters --------------------------------------------------------------------


def choose(page, filter_name: str, value: str) -> list[Result]:
    page.select_option(f"[data-search-filter={filter_name}]", value)
    return collect(page)


def test_filters_narrow_the_results(page, server, reports):
    query = "giao uoc thi dua"
    everything = search(page, server, query)
    assert set(urls(everything)) == expected(reports, query)

    by_year = choose(page, "year", "2024")
    assert set(urls(by_year)) == expected(reports, query, year="2024")
    assert 0 < len(by_year) < len(everything)

    cluster = "Cụm thi đua số 1 – VKSND tỉnh Đắk Nông"
    by_cluster = choose(page, "cluster", cluster)
    assert set(urls(by_cluster)) == expected(reports, query, year="2024", cluster=cluster)
    assert 0 < len(by_cluster) < len(by_year)
    assert all(cluster in r.meta for r in by_cluster)

    event = "Lễ ký kết giao ước thi đua"
    by_event = choose(page, "event", event)
    assert set(urls(by_event)) == expected(
        reports, query, year="2024", cluster=cluster, event=event
    )
    assert 0 < len(by_event) <= len(by_cluster)

    # The choices are kept in the address, so the page can be shared.
    assert "nam=2024" in page.url and "cum=" in page.url and "su-kien=" in page.url

    page.click("[data-search-reset]")
    assert len(collect(page)) == len(everything)


def test_filter_alone_lists_its_reports_newest_first(page, server, reports):
    cluster = "Khối thi đua số 02 – VKSND tỉnh Bắc Giang"
    results = search(page, server, cluster=cluster)
    want = {u for u, r in reports.items() if r.filters.get("cluster") == cluster}
    assert want and set(urls(results)) == want
    day_month_year = [re.search(r"(\d{2})/(\d{2})/(\d{4})", r.meta).groups() for r in results]
    dates = [tuple(reversed(found)) for found in day_month_year]
    assert dates == sorted(dates, reverse=True)


def test_filter_labels_are_vietnamese(page, server):
    page.goto(server.url("tim-kiem/"))
    labels = page.locator(".site-search__filters label").all_inner_texts()
    assert labels == ["Cụm, khối thi đua", "Năm thi đua", "Loại sự kiện"]
    assert page.locator(".site-search__filters legend").inner_text() == "Lọc kết quả"


# -- Entry points ----------------------------------------------------------------


def test_header_search_box_leads_to_results(page, server):
    page.goto(server.url(""))
    page.fill(".site-header input[name=q]", "tuy duc")
    page.press(".site-header input[name=q]", "Enter")
    page.wait_for_url("**/tim-kiem/?q=tuy+duc")
    results = collect(page)
    assert results
    assert page.input_value("#search-page-q") == "tuy duc"


def test_without_javascript_the_search_box_leads_to_the_archive(browser, server):
    page = new_page(browser, javascript=False)
    try:
        page.goto(server.url(""))
        page.fill(".site-header input[name=q]", "dak nong")
        page.press(".site-header input[name=q]", "Enter")
        page.wait_for_url("**/tim-kiem/?q=dak+nong")
        assert not page.is_visible("[data-search-app]")
        fallback = page.locator("[data-search-fallback]")
        assert fallback.is_visible()
        archive = fallback.locator("a", has_text="Lưu trữ")
        assert archive.count() and archive.first.is_visible()
        archive.first.click()
        page.wait_for_url("**/luu-tru/")
        assert page.locator("h1").count() == 1
    finally:
        page.context.close()
