"""The portal reads like a news site: the article opens with its lead photo, lists
are dense rows, the home page has an editor's lead story and the agencies' clusters,
the phone header folds its menu into a disclosure, printouts name their source,
unit pages go by year and the search page can order by date.

Tiny real sites built with the project's settings, read with BeautifulSoup; the
browser suite (tests/browser/test_layout_*.py) measures the same pages on screen.
"""

from __future__ import annotations

from PIL import Image

from conftest import link_to, text_of

PHOTOS = [
    {"file": "toan-canh.jpg", "caption": "Toàn cảnh lễ ký kết", "alt": "Hội trường đông đại biểu"},
    {"file": "ky-ket.jpg", "caption": "Lãnh đạo ký giao ước", "alt": "Bốn lãnh đạo ký văn bản"},
]


def photos_for(site, slug: str, year: int = 2024, names=("toan-canh.jpg", "ky-ket.jpg")) -> None:
    folder = site.content / "articles" / str(year) / slug
    folder.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        Image.new("RGB", (800, 600), (160 + n * 20, 40, 40)).save(folder / name, "JPEG")


def article_with_photos(site, slug="ky-ket-2024", **meta):
    photos_for(site, slug)
    site.article(
        slug,
        title=meta.pop("title", "Cụm số 1 ký kết giao ước thi đua năm 2024"),
        summary="Bốn đơn vị ký giao ước thi đua năm 2024.",
        event="ky-ket",
        photos=PHOTOS,
        photo_credit="VKSND huyện Tuy Đức",
        **meta,
    )


# -- Article ------------------------------------------------------------------------


def test_article_opens_with_the_lead_photo_under_the_summary(site):
    article_with_photos(site)
    assert site.build() == 0
    page = site.page("bai-viet/2024/ky-ket-2024/")
    article = page.select_one("main article.article")
    # Headline, summary, then the cover at the text's width, before the text.
    order = [el for el in article.select("h1, .article__lead, figure.lead-photo, .prose")]
    assert [el.name if el.name != "p" else "lead" for el in order] == [
        "h1",
        "lead",
        "figure",
        "div",
    ]
    figure = article.select_one("figure.lead-photo")
    img = figure.img
    assert img["alt"] == "Hội trường đông đại biểu"
    assert img.get("fetchpriority") == "high" and "loading" not in img.attrs
    assert "(min-width: 60rem) 44rem" in img["sizes"]
    caption = text_of(figure.figcaption)
    assert "Toàn cảnh lễ ký kết" in caption and "Ảnh: VKSND huyện Tuy Đức" in caption
    link = figure.a
    assert link["data-lightbox"] == "anh-ky-ket-2024"
    assert link["href"].endswith("/anh/ky-ket-2024/toan-canh-800.jpg")
    # The other photos follow the text, large, one a row; the cover is not shown twice.
    gallery = article.select_one("section.gallery.gallery--large")
    assert [text_of(f.figcaption.span) for f in gallery.select("figure")] == [
        "Lãnh đạo ký giao ước"
    ]
    assert "(1 ảnh)" in text_of(gallery.h2)
    assert gallery.img["loading"] == "lazy"
    assert gallery.a["data-lightbox"] == "anh-ky-ket-2024"  # one lightbox: lead and gallery


def test_a_cover_placed_in_the_text_is_not_repeated_above_it(site):
    photos_for(site, "trong-bai", names=("mot.jpg",))
    site.article("trong-bai", title="Ảnh trong bài", body="Mở đầu.\n\n![Một](mot.jpg)\n", photos=[])
    assert site.build() == 0
    page = site.page("bai-viet/2024/trong-bai/")
    assert page.select_one("figure.lead-photo") is None
    assert page.select_one(".prose picture") is not None


def test_article_without_photos_has_no_empty_photo_box(site):
    site.article("khong-anh", title="Không có ảnh", photos=[])
    assert site.build() == 0
    page = site.page("bai-viet/2024/khong-anh/")
    assert page.select_one("figure.lead-photo, section.gallery, picture") is None


def test_breadcrumb_marks_the_parent_for_phones(site):
    site.article("mot", title="Một bài rất dài về lễ ký kết giao ước thi đua")
    assert site.build() == 0
    crumbs = site.page("bai-viet/2024/mot/").select_one("nav.breadcrumbs")
    parent = crumbs.select_one("li.breadcrumbs__parent")
    assert parent.a["href"].endswith("cum-thi-dua/cum-1/2024/")
    # Alone on a phone, "Năm 2024" would not say whose year it is.
    assert text_of(parent.select_one(".breadcrumbs__narrow")) == "Cụm thi đua số 1, năm 2024"
    assert text_of(parent.select_one(".breadcrumbs__wide")) == "Năm 2024"
    assert crumbs.select_one("li.breadcrumbs__current [aria-current=page]")


# -- Lists and the home page --------------------------------------------------------------


def test_lists_are_rows_with_small_thumbnails_and_no_empty_boxes(site):
    article_with_photos(site, "co-anh", title="Có ảnh", date="2024-03-05 09:00")
    site.article("khong-anh", title="Không ảnh", event="ky-ket", date="2024-03-06 09:00",
                 photos=[])  # fmt: skip
    assert site.build() == 0
    page = site.page("su-kien/ky-ket/")
    rows = page.select("ul.card-list > li > article.card")
    assert [text_of(r.select_one(".card__title")) for r in rows] == ["Không ảnh", "Có ảnh"]
    without, with_photo = rows
    assert without.select_one(".card__media") is None  # no grey box where a photo would be
    media = with_photo.select_one("a.card__media")
    assert media["tabindex"] == "-1" and media["aria-hidden"] == "true"
    assert media.img["sizes"] == "(min-width: 48rem) 10rem, 6.5rem"
    assert page.select_one(".card-grid") is None


def test_home_page_leads_with_the_story_an_editor_pinned(site):
    site.article("moi-nhat", title="Ký kết mới nhất", event="ky-ket", date="2024-06-01 08:00")
    site.article("ghim", title="Tin được ghim", event="so-ket", date="2024-01-10 08:00",
                 featured=True)  # fmt: skip
    for day in range(2, 20):
        site.article(f"tin-{day}", title=f"Tin số {day}", event="giao-luu",
                     date=f"2024-05-{day:02d} 08:00")  # fmt: skip
    assert site.build() == 0
    home = site.page("")
    lead = home.select_one(".home-lead")
    assert text_of(lead.select_one(".card__title")) == "Tin được ghim"
    headlines = [text_of(h) for h in home.select("main .card__title")]
    assert headlines.count("Tin được ghim") == 1
    # Four second stories, then the newest headlines as a dense list beside them.
    assert len(home.select(".home-second .card")) == 4
    latest = home.select(".home-latest .card--compact")
    assert len(latest) == 8
    assert latest[0].select_one("time").get_text() == "16/05/2024"
    # Page 1 holds 20 reports: the lead, 4 + 8 above and the rest below.
    assert len(headlines) == 20


def test_home_page_falls_back_to_the_newest_signing_ceremony(site):
    site.article("giao-luu", title="Giao lưu", event="giao-luu", date="2024-06-01 08:00")
    site.article("ky-ket", title="Ký kết", event="ky-ket", date="2024-03-01 08:00")
    assert site.build() == 0
    lead = site.page("").select_one(".home-lead")
    assert text_of(lead.select_one(".card__title")) == "Ký kết"


def test_home_page_groups_clusters_by_agency_with_their_newest_report(site):
    site.article("c1-cu", title="Cụm 1 bài cũ", date="2024-01-01 08:00")
    site.article("c1-moi", title="Cụm 1 bài mới", date="2024-02-01 08:00")
    site.article("k2", title="Khối 02 bài", cluster="khoi-02", date="2024-01-15 08:00")
    assert site.build() == 0
    blocks = site.page("").select(".home-clusters .agency-block")
    names = [text_of(b.select_one(".agency-block__name")) for b in blocks]
    assert names == ["VKSND tỉnh Bắc Giang", "VKSND tỉnh Đắk Nông"]
    dak_nong = blocks[1]
    clusters = [text_of(p.a) for p in dak_nong.select(".agency-block__cluster")]
    assert clusters == ["Cụm thi đua số 1", "Cụm thi đua số 12"]
    assert text_of(dak_nong.select_one(".agency-block__latest a")) == "Cụm 1 bài mới"


def test_unit_page_goes_by_emulation_year(site):
    site.article("k23", title="Ký kết 2023", date="2023-02-01 08:00", event="ky-ket")
    site.article("s24", title="Sơ kết 2024", date="2024-07-01 08:00", event="so-ket")
    site.article("t24", title="Tổng kết năm 2024", date="2025-01-10 08:00", year=2024)
    assert site.build() == 0
    page = site.page("don-vi/vks-tuy-duc/")
    jump = page.select_one("nav.year-jump")
    links = {text_of(a): a["href"] for a in jump.select("a")}
    assert list(links) == ["Năm 2024 2 bài", "Năm 2023 1 bài"]
    assert links["Năm 2024 2 bài"].endswith("don-vi/vks-tuy-duc/#nam-2024")
    sections = {
        text_of(s.h3): [text_of(h) for h in s.select(".card__title")]
        for s in page.select("section.year-block")
    }
    # The review of 2024 held in January 2025 is filed under 2024.
    assert sections == {
        "Năm 2024": ["Tổng kết năm 2024", "Sơ kết 2024"],
        "Năm 2023": ["Ký kết 2023"],
    }
    assert page.select_one("#nam-2023")


# -- Header, print, search ----------------------------------------------------------------


def test_phone_header_has_a_search_icon_and_a_menu_disclosure(site):
    site.article("mot")
    assert site.build() == 0
    page = site.page("")
    header = page.select_one("header.site-header")
    search = header.select_one("a.header-button--search")
    assert search["href"].endswith("tim-kiem/") and text_of(search) == "Tìm kiếm"
    assert search.svg["aria-hidden"] == "true"
    menu = header.select_one("details.site-menu[data-open-wide]")
    assert text_of(menu.summary) == "Menu"
    nav = menu.select_one("nav[aria-label='Danh mục chính']")
    assert link_to(nav, "luu-tru/") and link_to(nav, "don-vi/")
    # The search page has its own box: none in the header.
    search_page = site.page("tim-kiem/")
    assert search_page.select_one(".site-header form, .site-header a.header-button--search") is None
    assert len(search_page.select("input[type=search]")) == 1


def test_printed_pages_name_their_source(site):
    site.article("mot", title="Một bài")
    site.build_with_settings(SITEURL="https://thidua.example.vn")
    page = site.page("bai-viet/2024/mot/")
    sheet = page.select_one("link[rel=stylesheet][media=print]")
    assert sheet["href"] == "https://thidua.example.vn/theme/css/print.css"
    assert (site.output / "theme/css/print.css").is_file()
    source = page.select_one("footer .print-source")
    assert text_of(source).startswith("Nguồn: https://thidua.example.vn/bai-viet/2024/mot/")
    assert source.select_one("[data-print-day]").has_attr("hidden")  # the date needs site.js
    home = site.page("")
    assert "Nguồn: https://thidua.example.vn/" in text_of(home.select_one(".print-source"))


def test_search_page_offers_newest_first_and_hides_reset_without_filters(site):
    article_with_photos(site)
    assert site.build() == 0
    page = site.page("tim-kiem/")
    order = page.select_one("fieldset.site-search__sort")
    assert text_of(order.legend) == "Sắp xếp"
    radios = {r["value"]: text_of(r.parent) for r in order.select("input[type=radio]")}
    assert radios == {"": "Liên quan nhất", "moi-nhat": "Mới nhất"}
    assert order.select_one("input[checked]")["value"] == ""
    assert page.select_one("[data-search-reset]").has_attr("hidden")
    box = page.select_one("details.filter-box[data-open-wide]")
    assert "Lọc kết quả" in text_of(box.summary)
    assert box.select_one("select[name=nam]")
    # Each report tells the index its thumbnail: the cover's smallest file.
    article = site.page("bai-viet/2024/ky-ket-2024/")
    thumb = article.select_one("[data-pagefind-meta=image]").get_text()
    assert thumb == "/anh/ky-ket-2024/toan-canh-480.webp"
    assert (site.output / thumb.lstrip("/")).is_file()
