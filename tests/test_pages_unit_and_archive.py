"""Unit pages, year archives, cluster-year archives and the archive landing table."""

from conftest import link_to, text_of


def build_archive_site(site):
    site.article("k23", title="Ký kết 2023", date="2023-02-01 08:00", event="ky-ket")
    site.article("s24", title="Sơ kết 2024", date="2024-07-01 08:00", event="so-ket")
    site.article("k12", title="Cụm 12 ký kết", cluster="cum-12", date="2024-02-01 08:00")
    site.article("b24", title="Khối 02 giao lưu", cluster="khoi-02", date="2024-05-01 08:00",
                 event="giao-luu")  # fmt: skip
    # A year-end review of 2024 held in January 2025 belongs to the 2024 archive.
    site.article("t24", title="Tổng kết năm 2024", date="2025-01-10 08:00", year=2024,
                 event="tong-ket")  # fmt: skip
    assert site.build() == 0


def test_unit_page_shows_membership_history_and_reports(site):
    build_archive_site(site)
    page = site.page("don-vi/vks-dak-song/")
    main = text_of(page.main)
    assert "VKSND huyện Đắk Song" in text_of(page.h1)
    assert link_to(page.main, "cum-thi-dua/cum-1/")
    assert link_to(page.main, "cum-thi-dua/cum-12/")
    assert "2023" in main and "2024" in main and "Cụm trưởng" in main
    # It took part in the 2023 signing (all members) and cum-12's report.
    assert "Ký kết 2023" in main and "Cụm 12 ký kết" in main
    assert "Sơ kết 2024" not in main  # not a member of cum-1 in 2024


def test_year_archive_groups_by_cluster(site):
    build_archive_site(site)
    page = site.page("luu-tru/2024/")
    groups = [
        (text_of(h2.a), [text_of(h3) for h3 in h2.find_parent("section").find_all("h3")])
        for h2 in page.main.find_all("h2")
    ]
    # Clusters in registry order (agency, then number), each one's reports newest first;
    # the 2024 review held in January 2025 is under 2024, the 2023 signing is not here.
    assert groups == [
        ("Khối thi đua số 02 – VKSND tỉnh Bắc Giang", ["Khối 02 giao lưu"]),
        ("Cụm thi đua số 1 – VKSND tỉnh Đắk Nông", ["Tổng kết năm 2024", "Sơ kết 2024"]),
        ("Cụm thi đua số 12 – VKSND tỉnh Đắk Nông", ["Cụm 12 ký kết"]),
    ]
    # No article's emulation year is 2025, so there is no 2025 page to hold the review.
    assert not (site.output / "luu-tru/2025/index.html").exists()


def test_cluster_year_archive(site):
    build_archive_site(site)
    page = site.page("cum-thi-dua/cum-1/2024/")
    main = text_of(page.main)
    assert "Sơ kết 2024" in main and "Tổng kết năm 2024" in main
    assert "Ký kết 2023" not in main
    assert "Trách nhiệm, kỷ cương" in main  # the 2024 motto


def test_archive_landing_table_counts(site):
    build_archive_site(site)
    page = site.page("luu-tru/")
    table = page.main.find("table")
    assert table is not None and table.find("caption")
    assert table.find("th", scope="col") and table.find("th", scope="row")
    link = link_to(table, "cum-thi-dua/cum-1/2024/")
    assert link is not None and text_of(link) == "2"
    assert link_to(table, "cum-thi-dua/cum-1/2023/").get_text(strip=True) == "1"
    assert link_to(table, "luu-tru/2024/")


def test_feeds_for_site_and_cluster(site):
    build_archive_site(site)
    site_feed = (site.output / "feeds/all.atom.xml").read_text(encoding="utf-8")
    cluster_feed = (site.output / "feeds/cum-thi-dua/cum-12.atom.xml").read_text(encoding="utf-8")
    assert site_feed.count("<entry>") == 5
    assert cluster_feed.count("<entry>") == 1 and "Cụm 12 ký kết" in cluster_feed
    home = site.page("")
    assert home.find("link", rel="alternate", type="application/atom+xml")
