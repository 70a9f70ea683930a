"""Cluster directory and cluster pages: profile, membership by year, paginated reports."""

from conftest import labelled_nav, link_to, text_of


def build_cluster_site(site, count=10):
    for n in range(count):
        site.article(
            f"cum-1-bai-{n:02d}", title=f"Cụm 1 bài số {n}", date=f"2024-02-{n + 1:02d} 08:00"
        )
    site.article("cum-12-bai", title="Cụm 12 ký kết", cluster="cum-12", date="2024-02-20 08:00")
    site.article(
        "cum-1-2023", title="Cụm 1 tổng kết 2023", date="2023-12-20 08:00", event="tong-ket"
    )
    assert site.build() == 0


def test_cluster_profile_and_membership_by_year(site):
    build_cluster_site(site)
    page = site.page("cum-thi-dua/cum-1/")
    assert "Cụm thi đua số 1" in text_of(page.h1)
    body = text_of(page.main)
    assert "VKSND tỉnh Đắk Nông" in body and "Đắk Nông" in body
    assert "Bốn viện kiểm sát cấp huyện" in body
    for year in ("2023", "2024"):
        assert link_to(page, f"cum-thi-dua/cum-1/{year}/")
    # 2024: Gia Nghĩa is head, Tuy Đức deputy; 2023 the other way round.
    assert "Cụm trưởng" in body and "Cụm phó" in body
    assert "Quyết định số 12/QĐ-VKS ngày 08/01/2024" in body
    assert page.find("link", rel="alternate", href=lambda h: h and "cum-1.atom.xml" in h)


def test_pagination_urls_never_collide(site):
    per_page = site.settings()["DEFAULT_PAGINATION"]
    build_cluster_site(site, count=per_page + 4)  # cum-1: one full page and 5 reports
    first, second = site.page("cum-thi-dua/cum-1/"), site.page("cum-thi-dua/cum-1/trang/2/")
    twelve = site.page("cum-thi-dua/cum-12/")
    assert "số 12" in text_of(twelve.h1)
    assert "Cụm 12 ký kết" in text_of(twelve.main)
    assert "số 1" in text_of(second.h1) and "số 12" not in text_of(second.h1)
    titles_1 = {text_of(a) for a in first.main.select("article h2 a, article h3 a")}
    titles_2 = {text_of(a) for a in second.main.select("article h2 a, article h3 a")}
    assert len(titles_1) == per_page and len(titles_2) == 5 and not titles_1 & titles_2

    nav = labelled_nav(first, "trang")
    assert nav, "pagination needs a labelled <nav>"
    assert nav.find("a", rel="next")["href"].endswith("cum-thi-dua/cum-1/trang/2/")
    assert nav.find(attrs={"aria-current": "page"})
    back = labelled_nav(second, "trang")
    assert back.find("a", rel="prev")["href"].endswith("cum-thi-dua/cum-1/")


def test_cluster_directory_groups_by_agency(site):
    build_cluster_site(site, count=1)
    page = site.page("cum-thi-dua/")
    body = text_of(page.main)
    assert body.index("VKSND tỉnh Bắc Giang") < body.index("VKSND tỉnh Đắk Nông")
    links = [a["href"] for a in page.main.find_all("a", href=True)]
    for slug in ("cum-1", "cum-12", "khoi-02"):
        assert any(h.endswith(f"cum-thi-dua/{slug}/") for h in links)
    # "số 1" before "số 12" within one agency.
    assert body.index("Cụm thi đua số 1 ") < body.index("Cụm thi đua số 12")
