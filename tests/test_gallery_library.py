"""The photo library: every gallery newest first, filter pages by year, by cluster and by
both, the clusters grouped by agency, pages."""

from __future__ import annotations

import pytest
import yaml

from tests.sites.gallery.builder import article, build, photo, soup, write_registry

CLUSTERS = {"cum-1": "Cụm thi đua số 1", "khoi-02": "Khối thi đua số 02"}
ARTICLES = [
    # (folder, title, date, cluster, emulation year, photo count)
    ("2023/ky-ket-2023", "Ký kết 2023", "2023-02-17", "cum-1", 2023, 2),
    ("2023/tong-ket-2023", "Tổng kết 2023", "2023-12-20", "khoi-02", 2023, 3),
    ("2024/ky-ket-2024", "Ký kết <2024>", "2024-03-05", "cum-1", 2024, 4),
    ("2024/so-ket-2024", "Sơ kết 2024", "2024-07-10", "khoi-02", 2024, 1),
    ("2025/tong-ket-2024", "Tổng kết năm 2024", "2025-01-08", "cum-1", 2024, 2),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gallery-library")
    content = tmp / "content"
    for folder, title, date, cluster, year, count in ARTICLES:
        names = [f"anh-{n}.jpg" for n in range(1, count + 1)]
        for name in names:
            photo(content / "articles" / folder / name, (400, 300))
        article(content, folder, title, date=date, cluster=cluster, year=year, photos=names)
    article(content, "2024/khong-anh", "Bài không có ảnh", date="2024-09-01", cluster="cum-1")
    return build(
        tmp,
        PAGINATED_TEMPLATES={"index": None, "photo_library": 2},
    )


def albums(page):
    return [a.select_one(".album__title").get_text(strip=True) for a in page.select(".album")]


def test_library_lists_galleries_newest_first_across_pages(site):
    first = soup(site / "thu-vien-anh/index.html")
    second = soup(site / "thu-vien-anh/trang/2/index.html")
    third = soup(site / "thu-vien-anh/trang/3/index.html")
    assert albums(first) + albums(second) + albums(third) == [
        "Tổng kết năm 2024",
        "Sơ kết 2024",
        "Ký kết <2024>",
        "Tổng kết 2023",
        "Ký kết 2023",
    ]
    assert first.h1.get_text(strip=True) == "Thư viện ảnh"
    next_link = first.select_one("a[rel=next]")
    assert next_link["href"] == "/thu-vien-anh/trang/2/"
    assert "Trang sau" in next_link.get_text()


def test_each_album_shows_cover_date_cluster_and_photo_count(site):
    album = soup(site / "thu-vien-anh/index.html").select(".album")[0]
    assert album.select_one(".album__title a")["href"] == "/bai-viet/2025/tong-ket-2024/"
    assert album.time.get_text() == "Thứ tư, 08/01/2025"
    assert album.select_one(".album__cluster").get_text(strip=True) == "Cụm thi đua số 1"
    assert album.select_one(".album__count").get_text(strip=True) == "2 ảnh"
    assert album.img["src"] == "/anh/tong-ket-2024/anh-1-320.jpg"
    assert "loading" not in album.img.attrs  # the first image of the page


def filter_links(page) -> dict[str, str]:
    nav = page.select_one("nav.photo-filters")
    return {a.get_text(" ", strip=True): a["href"] for a in nav.select("a")}


def current_filters(page) -> list[str]:
    return [a["href"] for a in page.select("nav.photo-filters a[aria-current]")]


def test_filter_links_by_year_and_cluster_without_javascript(site):
    page = soup(site / "thu-vien-anh/index.html")
    assert filter_links(page) == {
        "Tất cả các năm (5)": "/thu-vien-anh/",
        "Năm 2024 (3)": "/thu-vien-anh/nam/2024/",
        "Năm 2023 (2)": "/thu-vien-anh/nam/2023/",
        "Tất cả cụm, khối (5)": "/thu-vien-anh/",
        "Cụm thi đua số 1 (3)": "/thu-vien-anh/cum/cum-1/",
        "Khối thi đua số 02 (2)": "/thu-vien-anh/cum/khoi-02/",
    }
    assert current_filters(page) == ["/thu-vien-anh/", "/thu-vien-anh/"]
    # On phones the filters fold behind a button that says what is chosen.
    toggle = page.select_one("details.filter-box > summary")
    assert toggle.get_text(strip=True) == "Lọc ảnh: tất cả"


def test_year_and_cluster_combine(site):
    page = soup(site / "thu-vien-anh/nam/2024/cum/cum-1/index.html")
    assert albums(page) == ["Tổng kết năm 2024", "Ký kết <2024>"]
    assert page.h1.get_text(strip=True) == "Thư viện ảnh năm 2024: Cụm thi đua số 1"
    assert page.select_one(".photo-library__count").get_text() == "2 bài có ảnh"
    # Each filter link keeps the other filter; only years and clusters with photos are offered.
    assert filter_links(page) == {
        "Tất cả các năm (3)": "/thu-vien-anh/cum/cum-1/",
        "Năm 2024 (2)": "/thu-vien-anh/nam/2024/cum/cum-1/",
        "Năm 2023 (1)": "/thu-vien-anh/nam/2023/cum/cum-1/",
        "Tất cả cụm, khối (3)": "/thu-vien-anh/nam/2024/",
        "Cụm thi đua số 1 (2)": "/thu-vien-anh/nam/2024/cum/cum-1/",
        "Khối thi đua số 02 (1)": "/thu-vien-anh/nam/2024/cum/khoi-02/",
    }
    assert current_filters(page) == ["/thu-vien-anh/nam/2024/cum/cum-1/"] * 2
    assert "Năm 2024 · Cụm thi đua số 1" in page.select_one("details.filter-box > summary").text
    other = soup(site / "thu-vien-anh/nam/2023/cum/khoi-02/index.html")
    assert albums(other) == ["Tổng kết 2023"]
    # A year page offers the clusters of that year, leading to the combined pages.
    year = soup(site / "thu-vien-anh/nam/2023/index.html")
    assert filter_links(year)["Khối thi đua số 02 (1)"] == "/thu-vien-anh/nam/2023/cum/khoi-02/"


def test_clusters_are_grouped_by_agency(tmp_path):
    content = tmp_path / "content"
    for folder, cluster in (("2024/a", "cum-1"), ("2024/b", "khoi-02")):
        photo(content / "articles" / folder / "a.jpg", (300, 200))
        article(content, folder, f"Bài {cluster}", cluster=cluster, photos=["a.jpg"])
    write_registry(content)
    for slug, agency in (("cum-1", "VKSND tỉnh Đắk Nông"), ("khoi-02", "VKSND tỉnh Bắc Giang")):
        path = content / "clusters" / f"{slug}.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data["agency"] = agency
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    output = build(tmp_path)
    nav = soup(output / "thu-vien-anh/index.html").select_one("nav.photo-filters")
    agencies = [h.get_text(strip=True) for h in nav.select(".photo-filters__agency")]
    assert agencies == ["VKSND tỉnh Bắc Giang", "VKSND tỉnh Đắk Nông"]
    # Under its agency a cluster is named by itself; the link leads to its page.
    group = nav.select(".photo-filters__agency + ul")[1]
    assert group.a.get_text(" ", strip=True) == "Cụm thi đua số 1 (1)"
    assert group.a["href"] == "/thu-vien-anh/cum/cum-1/"


def test_year_page_files_albums_under_the_emulation_year(site):
    page = soup(site / "thu-vien-anh/nam/2024/index.html")
    second = soup(site / "thu-vien-anh/nam/2024/trang/2/index.html")
    assert albums(page) + albums(second) == ["Tổng kết năm 2024", "Sơ kết 2024", "Ký kết <2024>"]
    assert page.h1.get_text(strip=True) == "Thư viện ảnh năm 2024"
    assert page.select_one("nav.photo-filters a[aria-current]")["href"] == "/thu-vien-anh/nam/2024/"


def test_cluster_page_lists_only_its_albums(site):
    page = soup(site / "thu-vien-anh/cum/khoi-02/index.html")
    assert albums(page) == ["Sơ kết 2024", "Tổng kết 2023"]
    assert page.h1.get_text(strip=True) == "Thư viện ảnh: Khối thi đua số 02"


def test_titles_are_escaped(site):
    html = (site / "thu-vien-anh/nam/2024/trang/2/index.html").read_text(encoding="utf-8")
    assert "Ký kết &lt;2024&gt;" in html


def test_latest_photos_partial_shows_newest_photos_linking_to_articles(site):
    page = soup(site / "index.html")
    section = page.select_one("main > section.latest-photos")
    items = section.select("li")
    assert len(items) == 4  # limit=4, at most 2 a gallery
    assert [li.select_one("figcaption a")["href"] for li in items] == [
        "/bai-viet/2025/tong-ket-2024/",
        "/bai-viet/2025/tong-ket-2024/",
        "/bai-viet/2024/so-ket-2024/",
        "/bai-viet/2024/ky-ket-2024/",
    ]
    assert items[0].a["data-lightbox"] == "anh-moi"
    assert section.select_one(".latest-photos__more a")["href"] == "/thu-vien-anh/cum/cum-1/"
    assert page.select_one(".as-include section.latest-photos") is not None


def test_a_single_album_gets_the_library_and_its_year_page(tmp_path):
    content = tmp_path / "content"
    photo(content / "articles" / "2024" / "a" / "a.jpg", (300, 200))
    article(content, "2024/a", "Một bài", photos=["a.jpg"])
    output = build(tmp_path)
    page = soup(output / "thu-vien-anh/index.html")
    assert albums(page) == ["Một bài"]
    assert (output / "thu-vien-anh/nam/2024/index.html").exists()
