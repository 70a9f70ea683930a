"""Site search in the browser: diacritics, ranking, filters, results, no-JS fallback.

The expected results are written out by hand from the sample content
(content/articles/): every report there says "giao ước thi đua"; the 25 reports
of the Đắk Nông clusters (cụm 1, 2, 12 and III Đắk Mil) say "Đắk Nông", the 8
of the Bắc Giang blocks never do.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pytest
import yaml

from sample_site import ROOT, build_site

from .conftest import new_page, serve

pytestmark = pytest.mark.browser

DONE = "[data-search-app][data-search-state=done]"


# -- The answers, from the sample content ------------------------------------------

DAK_NONG = {
    "/bai-viet/2023/cum-1-giao-luu-the-thao-63-nam-nganh-kiem-sat/",
    "/bai-viet/2023/cum-1-ky-ket-giao-uoc-thi-dua-2023/",
    "/bai-viet/2023/cum-1-so-ket-6-thang-2023/",
    "/bai-viet/2023/cum-1-tong-ket-thi-dua-2023/",
    "/bai-viet/2023/cum-2-ky-ket-giao-uoc-thi-dua-2023/",
    "/bai-viet/2023/cum-iii-dak-mil-giao-luu-ngay-hoi-dai-doan-ket/",
    "/bai-viet/2023/cum-iii-dak-mil-ky-ket-2023/",
    "/bai-viet/2024/cum-1-giao-luu-van-nghe-the-thao-chao-mung-20-10/",
    "/bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/",
    "/bai-viet/2024/cum-1-so-ket-6-thang-2024/",
    "/bai-viet/2024/cum-1-trien-khai-cong-tac-thi-dua-2024/",
    "/bai-viet/2024/cum-1-tuy-duc-dak-rlap-trao-doi-kinh-nghiem-kiem-sat-dan-su/",
    "/bai-viet/2024/cum-12-doanh-nghiep-ky-ket-2024/",
    "/bai-viet/2024/cum-12-doanh-nghiep-so-ket-2024/",
    "/bai-viet/2024/cum-12-doanh-nghiep-tong-ket-2024/",
    "/bai-viet/2024/cum-2-ky-ket-giao-uoc-thi-dua-2024/",
    "/bai-viet/2024/cum-2-tong-ket-thi-dua-2024/",
    "/bai-viet/2024/cum-iii-dak-mil-trien-khai-2024/",
    "/bai-viet/2025/cum-1-giao-luu-bong-da-50-nam-giai-phong-mien-nam/",
    "/bai-viet/2025/cum-1-ky-ket-giao-uoc-thi-dua-2025/",
    "/bai-viet/2025/cum-1-so-ket-6-thang-2025/",
    "/bai-viet/2025/cum-1-tong-ket-thi-dua-nam-2024/",
    "/bai-viet/2025/cum-12-doanh-nghiep-trien-khai-2025/",
    "/bai-viet/2025/cum-2-ky-ket-giao-uoc-thi-dua-2025/",
    "/bai-viet/2025/cum-iii-dak-mil-ky-ket-2025/",
}
BAC_GIANG = {
    "/bai-viet/2023/khoi-02-bac-giang-ky-ket-2023/",
    "/bai-viet/2023/khoi-02-bac-giang-tong-ket-2023/",
    "/bai-viet/2024/khoi-01-bac-giang-giao-luu-cau-long/",
    "/bai-viet/2024/khoi-01-bac-giang-ky-ket-2024/",
    "/bai-viet/2024/khoi-02-bac-giang-ky-ket-2024/",
    "/bai-viet/2024/khoi-02-bac-giang-so-ket-2024/",
    "/bai-viet/2025/khoi-01-bac-giang-tong-ket-2024/",
    "/bai-viet/2025/khoi-02-bac-giang-ky-ket-2025/",
}
# Every report of the sample site says "giao ước thi đua".
GIAO_UOC_THI_DUA = DAK_NONG | BAC_GIANG
# ... of them, those of the emulation year 2024 (two were published in January 2025).
GIAO_UOC_2024 = {
    "/bai-viet/2024/cum-1-giao-luu-van-nghe-the-thao-chao-mung-20-10/",
    "/bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/",
    "/bai-viet/2024/cum-1-so-ket-6-thang-2024/",
    "/bai-viet/2024/cum-1-trien-khai-cong-tac-thi-dua-2024/",
    "/bai-viet/2024/cum-1-tuy-duc-dak-rlap-trao-doi-kinh-nghiem-kiem-sat-dan-su/",
    "/bai-viet/2024/cum-12-doanh-nghiep-ky-ket-2024/",
    "/bai-viet/2024/cum-12-doanh-nghiep-so-ket-2024/",
    "/bai-viet/2024/cum-12-doanh-nghiep-tong-ket-2024/",
    "/bai-viet/2024/cum-2-ky-ket-giao-uoc-thi-dua-2024/",
    "/bai-viet/2024/cum-2-tong-ket-thi-dua-2024/",
    "/bai-viet/2024/cum-iii-dak-mil-trien-khai-2024/",
    "/bai-viet/2024/khoi-01-bac-giang-giao-luu-cau-long/",
    "/bai-viet/2024/khoi-01-bac-giang-ky-ket-2024/",
    "/bai-viet/2024/khoi-02-bac-giang-ky-ket-2024/",
    "/bai-viet/2024/khoi-02-bac-giang-so-ket-2024/",
    "/bai-viet/2025/cum-1-tong-ket-thi-dua-nam-2024/",
    "/bai-viet/2025/khoi-01-bac-giang-tong-ket-2024/",
}
# ... of cụm thi đua số 1 in 2024.
GIAO_UOC_2024_CUM_1 = {
    "/bai-viet/2024/cum-1-giao-luu-van-nghe-the-thao-chao-mung-20-10/",
    "/bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/",
    "/bai-viet/2024/cum-1-so-ket-6-thang-2024/",
    "/bai-viet/2024/cum-1-trien-khai-cong-tac-thi-dua-2024/",
    "/bai-viet/2024/cum-1-tuy-duc-dak-rlap-trao-doi-kinh-nghiem-kiem-sat-dan-su/",
    "/bai-viet/2025/cum-1-tong-ket-thi-dua-nam-2024/",
}
# ... and its signing ceremony.
GIAO_UOC_2024_CUM_1_KY_KET = {"/bai-viet/2024/cum-1-ky-ket-giao-uoc-thi-dua-2024/"}
KHOI_02 = {
    "/bai-viet/2023/khoi-02-bac-giang-ky-ket-2023/",
    "/bai-viet/2023/khoi-02-bac-giang-tong-ket-2023/",
    "/bai-viet/2024/khoi-02-bac-giang-ky-ket-2024/",
    "/bai-viet/2024/khoi-02-bac-giang-so-ket-2024/",
    "/bai-viet/2025/khoi-02-bac-giang-ky-ket-2025/",
}


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
    ("typed", "with_marks", "want"),
    [
        ("giao uoc thi dua", "giao ước thi đua", GIAO_UOC_THI_DUA),
        ("dak nong", "Đắk Nông", DAK_NONG),
    ],
)
def test_query_without_diacritics_finds_the_same_reports(page, server, typed, with_marks, want):
    plain = search(page, server, typed)
    marked = search(page, server, with_marks)

    assert set(urls(marked)) == want
    assert set(urls(plain)) == want
    assert len(urls(plain)) == len(set(urls(plain))), "a report is listed twice"


def test_dak_nong_does_not_find_other_provinces(page, server):
    results = search(page, server, "dak nong")
    assert results
    assert not set(urls(results)) & BAC_GIANG
    assert not any("Bắc Giang" in r.meta for r in results)


def test_excerpt_highlights_the_words_with_their_diacritics(page, server):
    results = search(page, server, "dak nong")
    first = results[0]
    assert first.title
    assert re.search(r"\d{2}/\d{2}/\d{4}", first.meta), first.meta
    assert "thi đua" in first.meta.lower()  # the cluster or block
    # The words are marked as the report writes them, with their diacritics.
    assert {"đắk", "nông"} <= {m.casefold() for m in first.marks}, first.excerpt_html


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


def test_filters_narrow_the_results(page, server):
    everything = search(page, server, "giao uoc thi dua")
    assert set(urls(everything)) == GIAO_UOC_THI_DUA

    by_year = choose(page, "year", "2024")
    assert set(urls(by_year)) == GIAO_UOC_2024

    cluster = "Cụm thi đua số 1 – VKSND tỉnh Đắk Nông"
    by_cluster = choose(page, "cluster", cluster)
    assert set(urls(by_cluster)) == GIAO_UOC_2024_CUM_1
    assert all(cluster in r.meta for r in by_cluster)

    by_event = choose(page, "event", "Lễ ký kết giao ước thi đua")
    assert set(urls(by_event)) == GIAO_UOC_2024_CUM_1_KY_KET

    # The choices are kept in the address, so the page can be shared.
    assert "nam=2024" in page.url and "cum=" in page.url and "su-kien=" in page.url

    page.click("[data-search-reset]")
    assert len(collect(page)) == len(everything)


def test_filter_alone_lists_its_reports_newest_first(page, server):
    results = search(page, server, cluster="Khối thi đua số 02 – VKSND tỉnh Bắc Giang")
    assert set(urls(results)) == KHOI_02
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


# -- Bundles: one a year, a big year in parts, one search -------------------------


def bundles_listed(site) -> dict[str, list[str]]:
    """Folder of each bundle (from the entry's bundles.json) -> the years it holds."""
    listing = json.loads((site / "pagefind" / "bundles.json").read_text(encoding="utf-8"))
    return {(bundle["url"].strip("./") or "pagefind"): bundle["years"]
            for bundle in listing["bundles"]}  # fmt: skip


def emulation_year_reports(site, year: str) -> set[str]:
    """The reports whose built page says they belong to the emulation year `year`."""
    found = set()
    for path in site.glob("bai-viet/*/*/index.html"):
        if f'<span data-pagefind-filter="year">{year}</span>' in path.read_text(encoding="utf-8"):
            found.add("/" + path.parent.relative_to(site).as_posix() + "/")
    return found


def test_a_year_filter_searches_only_the_bundles_of_that_year(page, server):
    listed = bundles_listed(server.root)
    assert len(listed) == 3  # 2025 (the entry), 2024, 2023
    of_2023 = {folder for folder, years in listed.items() if "2023" in years}
    assert of_2023 and of_2023 != set(listed)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    results = search(page, server, "giao uoc thi dua", year="2023")
    assert set(urls(results)) == emulation_year_reports(server.root, "2023") != set()
    searched = {path.split("/")[1] for path in requests
                if re.search(r"/(index|fragment|filter)/[^/]+\.pf_", path)}  # fmt: skip
    assert searched and searched <= of_2023, searched


@pytest.fixture(scope="module")
def bundled_server(tmp_path_factory, chromium_executable):
    """The sample site indexed at most 10 reports a bundle, so that a year comes in parts."""
    output = build_site(ROOT / "content", tmp_path_factory.mktemp("bundles") / "output",
                        SEARCH_CHUNK_SIZE=10)  # fmt: skip
    assert set(bundles_listed(output)) == {"pagefind", "pagefind-2024-2", "pagefind-2024",
                                           "pagefind-2023"}  # fmt: skip
    yield from serve(output)


def test_several_bundles_answer_as_one(page, bundled_server):
    assert set(urls(search(page, bundled_server, "dak nong"))) == DAK_NONG
    assert set(urls(search(page, bundled_server, "giao uoc thi dua"))) == GIAO_UOC_THI_DUA
    assert set(urls(search(page, bundled_server, "giao uoc thi dua", year="2024"))) == GIAO_UOC_2024
    newest = search(page, bundled_server, cluster="Khối thi đua số 02 – VKSND tỉnh Bắc Giang")
    assert set(urls(newest)) == KHOI_02
    assert days_of(newest) == sorted(days_of(newest), reverse=True)
    # Newest first across bundles, with a query too.
    search(page, bundled_server, "giao uoc thi dua")
    page.check("[data-search-sort][value=moi-nhat]")
    by_date = collect(page)
    assert set(urls(by_date)) == GIAO_UOC_THI_DUA
    assert days_of(by_date) == sorted(days_of(by_date), reverse=True)


def days_of(results: list[Result]) -> list[tuple[str, ...]]:
    """(year, month, day) of each result, from its date."""
    return [tuple(reversed(re.search(r"(\d{2})/(\d{2})/(\d{4})", r.meta).groups()))
            for r in results]  # fmt: skip
